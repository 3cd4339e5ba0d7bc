// Transfer syntaxes (DICOM PS3.5 section 10 and Annex A; UIDs from PS3.6 Annex A) and what the reader does
// with each. Only the pixel data of RTDOSE depends on compression; RTSTRUCT and RTPLAN carry no pixel data,
// so every syntax whose data set is explicit VR little endian can be read for them.

export type TransferSyntaxSupport =
  /** data set readable; pixel data native (uncompressed) */
  | "native"
  /** data set readable; pixel data RLE Lossless (PS3.5 Annex G), decoded here */
  | "rle"
  /** data set readable; pixel data compressed with a codec this reader does not include (JPEG family …) */
  | "compressed_unsupported";

export type TransferSyntaxInfo = {
  readonly uid: string;
  readonly name: string;
  readonly explicitVr: boolean;
  readonly littleEndian: boolean;
  readonly deflated: boolean;
  readonly pixelData: TransferSyntaxSupport;
};

const ts = (
  uid: string,
  name: string,
  pixelData: TransferSyntaxSupport,
  opts: { explicitVr?: boolean; littleEndian?: boolean; deflated?: boolean } = {},
): TransferSyntaxInfo => ({
  uid,
  name,
  explicitVr: opts.explicitVr ?? true,
  littleEndian: opts.littleEndian ?? true,
  deflated: opts.deflated ?? false,
  pixelData,
});

export const IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
export const EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
export const EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
export const RLE_LOSSLESS = "1.2.840.10008.1.2.5";

const known: readonly TransferSyntaxInfo[] = [
  ts(IMPLICIT_VR_LITTLE_ENDIAN, "Implicit VR Little Endian", "native", { explicitVr: false }),
  ts(EXPLICIT_VR_LITTLE_ENDIAN, "Explicit VR Little Endian", "native"),
  // Retired since DICOM 2004 but still written by old systems; decoded (byte order swapped on read)
  ts(EXPLICIT_VR_BIG_ENDIAN, "Explicit VR Big Endian (retired)", "native", { littleEndian: false }),
  ts(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, "Deflated Explicit VR Little Endian", "native", { deflated: true }),
  ts(RLE_LOSSLESS, "RLE Lossless", "rle"),
];

/** Describes a transfer syntax UID. Unknown UIDs under 1.2.840.10008.1.2. are encapsulated (compressed) syntaxes. */
export function describeTransferSyntax(uid: string): TransferSyntaxInfo | undefined {
  const found = known.find((k) => k.uid === uid);
  if (found) return found;
  // Every other standard transfer syntax encapsulates compressed pixel data in an explicit VR little endian
  // data set: JPEG (…1.2.4.50–.70), JPEG-LS (.80/.81), JPEG 2000 (.90–.93), MPEG/HEVC (.100–.108),
  // HTJ2K (.201–.203), JPIP and others (PS3.5 section 10 and A.4).
  if (uid.startsWith("1.2.840.10008.1.2.4.")) {
    return ts(uid, compressedName(uid), "compressed_unsupported");
  }
  if (uid.startsWith("1.2.840.10008.1.2."))
    return ts(uid, "encapsulated transfer syntax", "compressed_unsupported");
  return undefined;
}

function compressedName(uid: string): string {
  const last = Number(uid.slice("1.2.840.10008.1.2.4.".length).split(".")[0]);
  if (last >= 50 && last <= 70) return "JPEG";
  if (last === 80 || last === 81) return "JPEG-LS";
  if (last >= 90 && last <= 93) return "JPEG 2000";
  if (last >= 94 && last <= 95) return "JPIP";
  if (last >= 100 && last <= 108) return "MPEG/HEVC video";
  if (last >= 201 && last <= 204) return "High-Throughput JPEG 2000";
  return "compressed";
}
