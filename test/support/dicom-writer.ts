// A small DICOM encoder FOR TESTS ONLY: builds synthetic RTDOSE / RTSTRUCT / RTPLAN files (and corrupt
// variants) so readers and the DVH engine can be tested on known geometry and dose without shipping data.
// Encodes per DICOM PS3.5 (data elements 7.1, sequences 7.5, encapsulation A.4, RLE Annex G) and PS3.10
// (file meta information). Not a general writer: no character-set handling beyond ASCII/UTF-8 bytes.
import { deflateRawSync } from "node:zlib";

export type TransferSyntaxName = "explicit-le" | "implicit-le" | "explicit-be" | "deflated" | "rle";

export const TRANSFER_SYNTAX_UIDS: Readonly<Record<TransferSyntaxName, string>> = {
  "implicit-le": "1.2.840.10008.1.2",
  "explicit-le": "1.2.840.10008.1.2.1",
  "explicit-be": "1.2.840.10008.1.2.2",
  deflated: "1.2.840.10008.1.2.1.99",
  rle: "1.2.840.10008.1.2.5",
};

/** One data element. `tag` is 0xGGGGEEEE. */
export type DicomElement =
  | { readonly tag: number; readonly vr: "SQ"; readonly items: readonly (readonly DicomElement[])[] }
  | { readonly tag: number; readonly vr: string; readonly value: string | readonly number[] | Uint8Array }
  /** encapsulated pixel data: empty basic offset table, one item per fragment (PS3.5 A.4) */
  | { readonly tag: number; readonly vr: "OB"; readonly fragments: readonly Uint8Array[] };

export type WriteOptions = {
  readonly transferSyntax?: TransferSyntaxName;
  /** write preamble, "DICM" and file meta information (default true) */
  readonly part10?: boolean;
  /** encode sequences and items with undefined length and delimiters (default false) */
  readonly undefinedLengthSequences?: boolean;
  /** Transfer Syntax UID written in the meta information instead of the one of transferSyntax (to test refusals) */
  readonly transferSyntaxUid?: string;
  /** SOP Class/Instance UIDs for the file meta information */
  readonly sopClassUid?: string;
  readonly sopInstanceUid?: string;
};

const LONG_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UR", "UT", "UN", "UV"]);
const STRING_VRS = new Set([
  "AE",
  "AS",
  "CS",
  "DA",
  "DS",
  "DT",
  "IS",
  "LO",
  "LT",
  "PN",
  "SH",
  "ST",
  "TM",
  "UC",
  "UI",
  "UR",
  "UT",
]);
const UNDEFINED = 0xffffffff;

/** Growable byte sink with little/big endian writes. */
class Sink {
  private buf = new Uint8Array(1 << 16);
  length = 0;
  constructor(readonly littleEndian: boolean) {}
  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  u16(v: number, le = this.littleEndian): void {
    this.ensure(2);
    new DataView(this.buf.buffer).setUint16(this.length, v, le);
    this.length += 2;
  }
  u32(v: number, le = this.littleEndian): void {
    this.ensure(4);
    new DataView(this.buf.buffer).setUint32(this.length, v >>> 0, le);
    this.length += 4;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  ascii(s: string): void {
    this.bytes(new TextEncoder().encode(s));
  }
  patchU32(at: number, v: number, le = this.littleEndian): void {
    new DataView(this.buf.buffer).setUint32(at, v >>> 0, le);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Encodes a value to bytes in the given byte order, padded to even length. */
export function encodeValue(
  vr: string,
  value: string | readonly number[] | Uint8Array,
  littleEndian: boolean,
): Uint8Array {
  if (value instanceof Uint8Array) {
    if (value.length % 2 === 0) return value;
    const padded = new Uint8Array(value.length + 1);
    padded.set(value);
    return padded;
  }
  if (STRING_VRS.has(vr)) {
    const text = typeof value === "string" ? value : value.map((n) => String(n)).join("\\");
    const raw = new TextEncoder().encode(text);
    if (raw.length % 2 === 0) return raw;
    const padded = new Uint8Array(raw.length + 1);
    padded.set(raw);
    padded[raw.length] = vr === "UI" ? 0 : 0x20;
    return padded;
  }
  const numbers = typeof value === "string" ? value.split("\\").map(Number) : value;
  const size = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4 }[vr];
  if (size === undefined) throw new Error(`dicom-writer: cannot encode numbers as VR ${vr}`);
  const out = new Uint8Array(numbers.length * size);
  const dv = new DataView(out.buffer);
  numbers.forEach((n, i) => {
    const at = i * size;
    if (vr === "US") dv.setUint16(at, n, littleEndian);
    else if (vr === "SS") dv.setInt16(at, n, littleEndian);
    else if (vr === "UL") dv.setUint32(at, n, littleEndian);
    else if (vr === "AT") {
      // an attribute tag: group then element, each a 16-bit value (PS3.5 Table 6.2-1)
      dv.setUint16(at, n >>> 16, littleEndian);
      dv.setUint16(at + 2, n & 0xffff, littleEndian);
    } else if (vr === "SL") dv.setInt32(at, n, littleEndian);
    else if (vr === "FL") dv.setFloat32(at, n, littleEndian);
    else dv.setFloat64(at, n, littleEndian);
  });
  return out;
}

function writeTag(sink: Sink, tag: number): void {
  sink.u16(tag >>> 16);
  sink.u16(tag & 0xffff);
}

function writeElements(
  sink: Sink,
  elements: readonly DicomElement[],
  explicit: boolean,
  undefinedLength: boolean,
): void {
  const sorted = [...elements].sort((a, b) => a.tag - b.tag);
  for (const el of sorted) writeElement(sink, el, explicit, undefinedLength);
}

function writeHeader(sink: Sink, tag: number, vr: string, length: number, explicit: boolean): void {
  writeTag(sink, tag);
  if (explicit) {
    sink.ascii(vr);
    if (LONG_VRS.has(vr)) {
      sink.u16(0);
      sink.u32(length);
    } else {
      sink.u16(length);
    }
  } else {
    sink.u32(length);
  }
}

function writeElement(sink: Sink, el: DicomElement, explicit: boolean, undefinedLength: boolean): void {
  if ("items" in el) {
    writeHeader(sink, el.tag, "SQ", undefinedLength ? UNDEFINED : 0, explicit);
    const lengthAt = sink.length - 4;
    const start = sink.length;
    for (const item of el.items) {
      writeTag(sink, 0xfffee000);
      sink.u32(undefinedLength ? UNDEFINED : 0);
      const itemLengthAt = sink.length - 4;
      const itemStart = sink.length;
      writeElements(sink, item, explicit, undefinedLength);
      if (undefinedLength) {
        writeTag(sink, 0xfffee00d);
        sink.u32(0);
      } else {
        sink.patchU32(itemLengthAt, sink.length - itemStart);
      }
    }
    if (undefinedLength) {
      writeTag(sink, 0xfffee0dd);
      sink.u32(0);
    } else {
      sink.patchU32(lengthAt, sink.length - start);
    }
    return;
  }
  if ("fragments" in el) {
    writeHeader(sink, el.tag, "OB", UNDEFINED, explicit);
    writeTag(sink, 0xfffee000);
    sink.u32(0); // empty basic offset table
    for (const f of el.fragments) {
      const bytes = encodeValue("OB", f, sink.littleEndian);
      writeTag(sink, 0xfffee000);
      sink.u32(bytes.length);
      sink.bytes(bytes);
    }
    writeTag(sink, 0xfffee0dd);
    sink.u32(0);
    return;
  }
  const bytes = encodeValue(el.vr, el.value, sink.littleEndian);
  writeHeader(sink, el.tag, el.vr, bytes.length, explicit);
  sink.bytes(bytes);
}

/** Encodes a data set (and, unless part10 is false, preamble and file meta information). */
export function writeDicom(elements: readonly DicomElement[], options: WriteOptions = {}): Uint8Array {
  const syntax = options.transferSyntax ?? "explicit-le";
  const littleEndian = syntax !== "explicit-be";
  const explicit = syntax !== "implicit-le";
  const body = new Sink(littleEndian);
  writeElements(body, elements, explicit, options.undefinedLengthSequences ?? false);
  let data = body.result();
  if (syntax === "deflated") data = new Uint8Array(deflateRawSync(data));
  if (options.part10 === false) return data;

  const meta = new Sink(true);
  const metaElements: DicomElement[] = [
    { tag: 0x00020001, vr: "OB", value: Uint8Array.of(0, 1) },
    { tag: 0x00020002, vr: "UI", value: options.sopClassUid ?? sopClassOf(elements) },
    { tag: 0x00020003, vr: "UI", value: options.sopInstanceUid ?? "1.2.826.0.1.3680043.10.1418.1" },
    { tag: 0x00020010, vr: "UI", value: options.transferSyntaxUid ?? TRANSFER_SYNTAX_UIDS[syntax] },
    { tag: 0x00020012, vr: "UI", value: "1.2.826.0.1.3680043.10.1418.99" },
  ];
  writeElements(meta, metaElements, true, false);
  const groupLength = meta.length;
  const out = new Uint8Array(128 + 4 + 12 + groupLength + data.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  const head = new Sink(true);
  writeHeader(head, 0x00020000, "UL", 4, true);
  head.u32(groupLength);
  out.set(head.result(), 132);
  out.set(meta.result(), 144);
  out.set(data, 144 + groupLength);
  return out;
}

function sopClassOf(elements: readonly DicomElement[]): string {
  const el = elements.find((e) => e.tag === 0x00080016);
  return el && "value" in el && typeof el.value === "string" ? el.value : "1.2.840.10008.5.1.4.1.1.481.2";
}

// ---------------------------------------------------------------------------------------------------
// PackBits / RLE Lossless encoding (PS3.5 Annex G), for RLE test files.

function packBits(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < src.length) {
    let run = 1;
    while (i + run < src.length && run < 128 && src[i + run] === src[i]) run++;
    if (run >= 3) {
      out.push(257 - run, src[i] as number);
      i += run;
      continue;
    }
    const start = i;
    while (i < src.length && i - start < 128) {
      if (i + 2 < src.length && src[i] === src[i + 1] && src[i] === src[i + 2]) break;
      i++;
    }
    out.push(i - start - 1, ...src.subarray(start, i));
  }
  if (out.length % 2 === 1) out.push(128); // pad segment to even length with a no-op
  return Uint8Array.from(out);
}

/** RLE-encodes one frame of stored values (bytesPerValue 2 or 4) into one fragment. */
export function rleFrame(values: ArrayLike<number>, bytesPerValue: 2 | 4): Uint8Array {
  const n = values.length;
  const planes = Array.from({ length: bytesPerValue }, () => new Uint8Array(n));
  for (let i = 0; i < n; i++) {
    const v = (values[i] as number) >>> 0;
    for (let b = 0; b < bytesPerValue; b++)
      (planes[b] as Uint8Array)[i] = (v >>> (8 * (bytesPerValue - 1 - b))) & 0xff;
  }
  const segments = planes.map(packBits);
  const header = new Uint8Array(64);
  const dv = new DataView(header.buffer);
  dv.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((s, k) => {
    dv.setUint32(4 + 4 * k, offset, true);
    offset += s.length;
  });
  const out = new Uint8Array(offset);
  out.set(header);
  let at = 64;
  for (const s of segments) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Synthetic RT objects

export const SYNTHETIC_FRAME_OF_REFERENCE = "1.2.826.0.1.3680043.10.1418.2";

const tagOf = {
  SpecificCharacterSet: 0x00080005,
  SOPClassUID: 0x00080016,
  SOPInstanceUID: 0x00080018,
  Modality: 0x00080060,
  ReferencedSOPClassUID: 0x00081150,
  ReferencedSOPInstanceUID: 0x00081155,
  PatientID: 0x00100020,
  StudyInstanceUID: 0x0020000d,
  SeriesInstanceUID: 0x0020000e,
  ImagePositionPatient: 0x00200032,
  ImageOrientationPatient: 0x00200037,
  FrameOfReferenceUID: 0x00200052,
  SamplesPerPixel: 0x00280002,
  PhotometricInterpretation: 0x00280004,
  NumberOfFrames: 0x00280008,
  FrameIncrementPointer: 0x00280009,
  Rows: 0x00280010,
  Columns: 0x00280011,
  PixelSpacing: 0x00280030,
  BitsAllocated: 0x00280100,
  BitsStored: 0x00280101,
  HighBit: 0x00280102,
  PixelRepresentation: 0x00280103,
  PixelData: 0x7fe00010,
} as const;

export type DvhSpec = {
  readonly roiNumber: number;
  readonly type?: "CUMULATIVE" | "DIFFERENTIAL" | "NATURAL";
  readonly doseScaling?: number;
  readonly volumeUnits?: string;
  /** bin widths (scaled dose units) and volumes */
  readonly widths: readonly number[];
  readonly volumes: readonly number[];
};

export type SyntheticDoseOptions = {
  readonly rows: number;
  readonly columns: number;
  readonly frames: number;
  readonly originMm?: readonly [number, number, number];
  /** ImageOrientationPatient, default 1\0\0\0\1\0 */
  readonly orientation?: readonly number[];
  /** [between rows, between columns] */
  readonly pixelSpacingMm?: readonly [number, number];
  /** GridFrameOffsetVector as written; default 0, s, 2s … with s = sliceSpacingMm */
  readonly gridFrameOffsetVector?: readonly number[];
  readonly sliceSpacingMm?: number;
  readonly bitsAllocated?: 16 | 32;
  readonly bitsStored?: number;
  readonly signed?: boolean;
  readonly doseGridScaling?: number;
  /** dose (Gy) at a voxel; stored value = round(dose / scaling) */
  readonly doseGy?: (column: number, row: number, frame: number) => number;
  /** stored values in file order (overrides doseGy) */
  readonly storedValues?: ArrayLike<number>;
  readonly doseUnits?: string;
  readonly doseType?: string;
  readonly summationType?: string;
  readonly frameOfReferenceUid?: string;
  readonly dvhs?: readonly DvhSpec[];
  /** extra or replacing elements (same tag replaces) */
  readonly extra?: readonly DicomElement[];
  /** tags to leave out */
  readonly omit?: readonly number[];
} & WriteOptions;

/** Stored integer values for a synthetic dose grid, in file order. */
export function storedDoseValues(
  o: SyntheticDoseOptions,
): Uint16Array | Uint32Array | Int16Array | Int32Array {
  const n = o.rows * o.columns * o.frames;
  const bits = o.bitsAllocated ?? 16;
  const signed = o.signed ?? false;
  const out =
    bits === 16
      ? signed
        ? new Int16Array(n)
        : new Uint16Array(n)
      : signed
        ? new Int32Array(n)
        : new Uint32Array(n);
  if (o.storedValues) {
    for (let i = 0; i < n; i++) out[i] = o.storedValues[i] as number;
    return out;
  }
  const scaling = o.doseGridScaling ?? 0.001;
  const f = o.doseGy ?? (() => 0);
  let i = 0;
  for (let k = 0; k < o.frames; k++)
    for (let r = 0; r < o.rows; r++)
      for (let c = 0; c < o.columns; c++) out[i++] = Math.round(f(c, r, k) / scaling);
  return out;
}

function pixelBytes(
  values: Uint16Array | Uint32Array | Int16Array | Int32Array,
  littleEndian: boolean,
): Uint8Array {
  const bytesPer = values.BYTES_PER_ELEMENT;
  if (littleEndian) return new Uint8Array(values.buffer, values.byteOffset, values.length * bytesPer);
  const out = new Uint8Array(values.length * bytesPer);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    if (bytesPer === 2) dv.setUint16(2 * i, (values[i] as number) & 0xffff, false);
    else dv.setUint32(4 * i, (values[i] as number) >>> 0, false);
  }
  return out;
}

function merge(
  base: DicomElement[],
  extra: readonly DicomElement[] = [],
  omit: readonly number[] = [],
): DicomElement[] {
  const byTag = new Map(base.map((e) => [e.tag, e]));
  for (const e of extra) byTag.set(e.tag, e);
  for (const t of omit) byTag.delete(t);
  return [...byTag.values()];
}

/** A synthetic RT Dose file. */
export function syntheticRtDose(o: SyntheticDoseOptions): Uint8Array {
  const bits = o.bitsAllocated ?? 16;
  const spacing = o.sliceSpacingMm ?? 2;
  const gfov = o.gridFrameOffsetVector ?? Array.from({ length: o.frames }, (_, k) => k * spacing);
  const values = storedDoseValues(o);
  const syntax = o.transferSyntax ?? "explicit-le";
  const pixelElement: DicomElement =
    syntax === "rle"
      ? {
          tag: tagOf.PixelData,
          vr: "OB",
          fragments: Array.from({ length: o.frames }, (_, k) =>
            rleFrame(
              values.subarray(k * o.rows * o.columns, (k + 1) * o.rows * o.columns),
              (bits / 8) as 2 | 4,
            ),
          ),
        }
      : { tag: tagOf.PixelData, vr: "OW", value: pixelBytes(values, syntax !== "explicit-be") };
  const elements: DicomElement[] = [
    { tag: tagOf.SOPClassUID, vr: "UI", value: "1.2.840.10008.5.1.4.1.1.481.2" },
    { tag: tagOf.SOPInstanceUID, vr: "UI", value: "1.2.826.0.1.3680043.10.1418.3" },
    { tag: tagOf.Modality, vr: "CS", value: "RTDOSE" },
    { tag: tagOf.PatientID, vr: "LO", value: "SYNTHETIC" },
    { tag: tagOf.StudyInstanceUID, vr: "UI", value: "1.2.826.0.1.3680043.10.1418.4" },
    { tag: tagOf.SeriesInstanceUID, vr: "UI", value: "1.2.826.0.1.3680043.10.1418.5" },
    { tag: tagOf.ImagePositionPatient, vr: "DS", value: [...(o.originMm ?? [0, 0, 0])] },
    { tag: tagOf.ImageOrientationPatient, vr: "DS", value: [...(o.orientation ?? [1, 0, 0, 0, 1, 0])] },
    {
      tag: tagOf.FrameOfReferenceUID,
      vr: "UI",
      value: o.frameOfReferenceUid ?? SYNTHETIC_FRAME_OF_REFERENCE,
    },
    { tag: tagOf.SamplesPerPixel, vr: "US", value: [1] },
    { tag: tagOf.PhotometricInterpretation, vr: "CS", value: "MONOCHROME2" },
    { tag: tagOf.NumberOfFrames, vr: "IS", value: String(o.frames) },
    { tag: tagOf.FrameIncrementPointer, vr: "AT", value: [0x3004000c] },
    { tag: tagOf.Rows, vr: "US", value: [o.rows] },
    { tag: tagOf.Columns, vr: "US", value: [o.columns] },
    { tag: tagOf.PixelSpacing, vr: "DS", value: [...(o.pixelSpacingMm ?? [2, 2])] },
    { tag: tagOf.BitsAllocated, vr: "US", value: [bits] },
    { tag: tagOf.BitsStored, vr: "US", value: [o.bitsStored ?? bits] },
    { tag: tagOf.HighBit, vr: "US", value: [(o.bitsStored ?? bits) - 1] },
    { tag: tagOf.PixelRepresentation, vr: "US", value: [o.signed ? 1 : 0] },
    { tag: 0x30040002, vr: "CS", value: o.doseUnits ?? "GY" },
    { tag: 0x30040004, vr: "CS", value: o.doseType ?? "PHYSICAL" },
    { tag: 0x3004000a, vr: "CS", value: o.summationType ?? "PLAN" },
    { tag: 0x3004000c, vr: "DS", value: gfov },
    { tag: 0x3004000e, vr: "DS", value: [o.doseGridScaling ?? 0.001] },
    pixelElement,
  ];
  if (o.dvhs && o.dvhs.length > 0) {
    elements.push({
      tag: 0x30040050,
      vr: "SQ",
      items: o.dvhs.map((d) => [
        { tag: 0x30040001, vr: "CS", value: d.type ?? "CUMULATIVE" },
        { tag: 0x30040002, vr: "CS", value: "GY" },
        { tag: 0x30040004, vr: "CS", value: "PHYSICAL" },
        { tag: 0x30040052, vr: "DS", value: [d.doseScaling ?? 1] },
        { tag: 0x30040054, vr: "CS", value: d.volumeUnits ?? "CM3" },
        { tag: 0x30040056, vr: "IS", value: String(d.widths.length) },
        { tag: 0x30040058, vr: "DS", value: d.widths.flatMap((w, i) => [w, d.volumes[i] ?? 0]) },
        { tag: 0x30040060, vr: "SQ", items: [[{ tag: 0x30060084, vr: "IS", value: String(d.roiNumber) }]] },
      ]),
    });
  }
  return writeDicom(merge(elements, o.extra, o.omit), o);
}

export type SyntheticRoi = {
  readonly number: number;
  readonly name: string;
  readonly interpretedType?: string;
  readonly color?: readonly [number, number, number];
  readonly contours: readonly { readonly geometry?: string; readonly points: readonly number[] }[];
};

export type SyntheticStructOptions = {
  readonly rois: readonly SyntheticRoi[];
  readonly label?: string;
  readonly frameOfReferenceUid?: string;
  readonly specificCharacterSet?: string;
  readonly extra?: readonly DicomElement[];
  readonly omit?: readonly number[];
} & WriteOptions;

/** A synthetic RT Structure Set file. */
export function syntheticRtStruct(o: SyntheticStructOptions): Uint8Array {
  const frame = o.frameOfReferenceUid ?? SYNTHETIC_FRAME_OF_REFERENCE;
  const elements: DicomElement[] = [
    { tag: tagOf.SOPClassUID, vr: "UI", value: "1.2.840.10008.5.1.4.1.1.481.3" },
    { tag: tagOf.SOPInstanceUID, vr: "UI", value: "1.2.826.0.1.3680043.10.1418.6" },
    { tag: tagOf.Modality, vr: "CS", value: "RTSTRUCT" },
    { tag: 0x30060002, vr: "SH", value: o.label ?? "SYNTH" },
    { tag: 0x30060010, vr: "SQ", items: [[{ tag: tagOf.FrameOfReferenceUID, vr: "UI", value: frame }]] },
    {
      tag: 0x30060020,
      vr: "SQ",
      items: o.rois.map((r) => [
        { tag: 0x30060022, vr: "IS", value: String(r.number) },
        { tag: 0x30060024, vr: "UI", value: frame },
        { tag: 0x30060026, vr: "LO", value: r.name },
      ]),
    },
    {
      tag: 0x30060039,
      vr: "SQ",
      items: o.rois
        .filter((r) => r.contours.length > 0)
        .map((r) => [
          { tag: 0x3006002a, vr: "IS", value: [...(r.color ?? [255, 0, 0])] },
          {
            tag: 0x30060040,
            vr: "SQ",
            items: r.contours.map((c) => [
              { tag: 0x30060042, vr: "CS", value: c.geometry ?? "CLOSED_PLANAR" },
              { tag: 0x30060046, vr: "IS", value: String(c.points.length / 3) },
              { tag: 0x30060050, vr: "DS", value: c.points },
            ]),
          },
          { tag: 0x30060084, vr: "IS", value: String(r.number) },
        ]),
    },
    {
      tag: 0x30060080,
      vr: "SQ",
      items: o.rois.map((r) => [
        { tag: 0x30060084, vr: "IS", value: String(r.number) },
        { tag: 0x300600a4, vr: "CS", value: r.interpretedType ?? "ORGAN" },
      ]),
    },
  ];
  if (o.specificCharacterSet)
    elements.push({ tag: tagOf.SpecificCharacterSet, vr: "CS", value: o.specificCharacterSet });
  return writeDicom(merge(elements, o.extra, o.omit), o);
}

export type SyntheticPlanOptions = {
  readonly label?: string;
  readonly fractions?: readonly (number | undefined)[];
  readonly targets?: readonly {
    readonly doseGy?: number;
    readonly roiNumber?: number;
    readonly structureType?: string;
    readonly type?: string;
    readonly description?: string;
  }[];
  readonly structureSetUid?: string;
  readonly extra?: readonly DicomElement[];
} & WriteOptions;

/** A synthetic RT Plan file. */
export function syntheticRtPlan(o: SyntheticPlanOptions = {}): Uint8Array {
  const elements: DicomElement[] = [
    { tag: tagOf.SOPClassUID, vr: "UI", value: "1.2.840.10008.5.1.4.1.1.481.5" },
    { tag: tagOf.SOPInstanceUID, vr: "UI", value: "1.2.826.0.1.3680043.10.1418.7" },
    { tag: tagOf.Modality, vr: "CS", value: "RTPLAN" },
    { tag: 0x300a0002, vr: "SH", value: o.label ?? "SBRT" },
    {
      tag: 0x300a0010,
      vr: "SQ",
      items: (o.targets ?? []).map((t, i) => [
        { tag: 0x300a0012, vr: "IS", value: String(i + 1) },
        { tag: 0x300a0014, vr: "CS", value: t.structureType ?? "VOLUME" },
        ...(t.description ? [{ tag: 0x300a0016, vr: "LO", value: t.description }] : []),
        { tag: 0x300a0020, vr: "CS", value: t.type ?? "TARGET" },
        ...(t.doseGy !== undefined ? [{ tag: 0x300a0026, vr: "DS", value: [t.doseGy] }] : []),
        ...(t.roiNumber !== undefined ? [{ tag: 0x30060084, vr: "IS", value: String(t.roiNumber) }] : []),
      ]),
    },
    {
      tag: 0x300a0070,
      vr: "SQ",
      items: (o.fractions ?? [5]).map((f, i) => [
        { tag: 0x300a0071, vr: "IS", value: String(i + 1) },
        { tag: 0x300a0078, vr: "IS", value: f === undefined ? "" : String(f) },
      ]),
    },
    {
      tag: 0x300c0060,
      vr: "SQ",
      items: [
        [
          { tag: tagOf.ReferencedSOPClassUID, vr: "UI", value: "1.2.840.10008.5.1.4.1.1.481.3" },
          {
            tag: tagOf.ReferencedSOPInstanceUID,
            vr: "UI",
            value: o.structureSetUid ?? "1.2.826.0.1.3680043.10.1418.6",
          },
        ],
      ],
    },
  ];
  return writeDicom(merge(elements, o.extra), o);
}
