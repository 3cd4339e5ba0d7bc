// RT Dose (RTDOSE) to a DoseGrid in Gy, DICOM PS3.3 A.18 (RT Dose IOD) with the modules C.7.6.2 (Image
// Plane), C.7.6.3 (Image Pixel), C.7.6.6 (Multi-frame), C.8.8.3 (RT Dose) and C.8.8.4 (RT DVH).
import {
  type DoseGrid,
  fail,
  type Issue,
  issue,
  ok,
  type Result,
  type StoredDvh,
  type Vec3,
} from "../../core/index.ts";
import {
  type DicomNode,
  elementOf,
  isPresent,
  pathOf,
  readDecimal,
  readDecimals,
  readInteger,
  readString,
  readUint16,
  rootNode,
} from "./dataset-reader.ts";
import { T } from "./dicom-tags.ts";
import { frameOffsetsMm } from "./frame-offsets.ts";
import { orientationFrom } from "./geometry.ts";
import { guarded } from "./guard.ts";
import { type ParsedDicom, parseDicomBytes } from "./parse-dataset.ts";
import { decodeNativePixels, decodeRlePixels, type PixelLayout } from "./pixel-data.ts";
import { readStoredDvhs } from "./read-stored-dvhs.ts";
import { describeObject, kindOf } from "./sop-classes.ts";

export type RtDoseRead = {
  readonly grid: DoseGrid;
  /** DVH Sequence items, if the file has one (for comparison only) */
  readonly storedDvhs: readonly StoredDvh[];
  /** non-fatal findings: the caller should show them */
  readonly warnings: readonly Issue[];
};

export type ReadRtDoseOptions = {
  /**
   * Accept DoseUnits RELATIVE (values relative to an unstated reference, not Gy). Default false: such a
   * dose is refused, because constraints in Gy cannot be evaluated on it.
   */
  readonly acceptRelativeDose?: boolean;
};

/** Reads an RTDOSE file. Never throws: every problem is an issue in the Result. */
export function readRtDose(bytes: Uint8Array, options: ReadRtDoseOptions = {}): Result<RtDoseRead> {
  return guarded(() => {
    const parsed = parseDicomBytes(bytes);
    if (!parsed.ok) return parsed;
    return readParsedRtDose(parsed.value, options);
  });
}

const SUMMATION_NOTES: Readonly<Record<string, string>> = {
  FRACTION: "the dose of a single fraction, not of the whole plan: multiply by the number of fractions",
  BEAM: "the dose of a single beam, not of the whole plan",
  BRACHY: "the dose of a brachytherapy application setup, not of the whole plan",
  FRACTION_SESSION: "the dose of a single fraction session, not of the whole plan",
  BEAM_SESSION: "the dose of a single beam session, not of the whole plan",
  BRACHY_SESSION: "the dose of a single brachytherapy session, not of the whole plan",
  CONTROL_POINT: "the dose of a single control point, not of the whole plan",
  RECORD: "a delivered (treatment record) dose, not a planned dose",
  MULTI_PLAN: "the sum of several plans",
};

const DOSE_TYPE_NOTES: Readonly<Record<string, string>> = {
  EFFECTIVE: "a biologically effective dose (DoseType EFFECTIVE), not a physical dose",
  ERROR: "a dose difference (DoseType ERROR), not a dose",
};

function readParsedRtDose(parsed: ParsedDicom, options: ReadRtDoseOptions): Result<RtDoseRead> {
  const root = rootNode(parsed.dataSet, parsed.text.decoder);
  const errors: Issue[] = [];
  const warnings: Issue[] = [...parsed.warnings];

  const sopClassUid = readString(root, T.SOPClassUID, warnings);
  const modality = readString(root, T.Modality, warnings);
  const kind = kindOf(sopClassUid, modality);
  if (kind !== "rtdose") {
    return fail([
      issue(
        "dicom_not_rtdose",
        sopClassUid ? T.SOPClassUID.keyword : T.Modality.keyword,
        `expected an RT Dose (RTDOSE) but this file is ${describeObject(sopClassUid, modality)}`,
      ),
    ]);
  }

  if (!isPresent(root, T.PixelData)) {
    if (isPresent(root, T.FloatPixelData) || isPresent(root, T.DoubleFloatPixelData)) {
      return fail([
        issue(
          "dicom_pixel_data_unsupported",
          T.PixelData.keyword,
          "the RT Dose stores Float/Double Float Pixel Data, which the RT Dose IOD does not define; only integer PixelData (7FE0,0010) is read",
        ),
      ]);
    }
    return fail([
      issue(
        "dicom_no_dose_grid",
        T.PixelData.keyword,
        "the RT Dose has no PixelData (7FE0,0010): it carries no dose grid (a DVH-only or point-dose RT Dose); export the 3D dose",
      ),
    ]);
  }

  const layout = readLayout(root, errors, warnings);
  const geometry = readGeometry(root, errors);
  const units = readDoseUnits(root, options, errors, warnings);
  const summationType = readString(root, T.DoseSummationType, warnings) ?? "";
  const doseType = readString(root, T.DoseType, warnings) ?? "";
  if (summationType === "") {
    warnings.push(
      issue(
        "dicom_missing_attribute",
        T.DoseSummationType.keyword,
        "DoseSummationType (3004,000A) is missing: unknown whether this is a plan, fraction or beam dose",
      ),
    );
  } else if (SUMMATION_NOTES[summationType]) {
    warnings.push(
      issue(
        "dicom_dose_not_plan_sum",
        T.DoseSummationType.keyword,
        `DoseSummationType ${summationType}: this is ${SUMMATION_NOTES[summationType]}`,
      ),
    );
  }
  if (doseType === "") {
    warnings.push(
      issue(
        "dicom_missing_attribute",
        T.DoseType.keyword,
        "DoseType (3004,0004) is missing: assumed to be a physical dose",
      ),
    );
  } else if (DOSE_TYPE_NOTES[doseType]) {
    warnings.push(
      issue("dicom_dose_type", T.DoseType.keyword, `the grid holds ${DOSE_TYPE_NOTES[doseType]}`),
    );
  }
  const frameOfReferenceUid = readString(root, T.FrameOfReferenceUID, warnings);
  if (frameOfReferenceUid === undefined) {
    warnings.push(
      issue(
        "dicom_missing_attribute",
        T.FrameOfReferenceUID.keyword,
        "FrameOfReferenceUID (0020,0052) is missing: the dose cannot be checked to share the structures' coordinate system",
      ),
    );
  }

  let offsets: Float64Array | undefined;
  if (layout && geometry) {
    offsets = frameOffsetsMm(
      {
        gridFrameOffsetVector: readDecimals(root, T.GridFrameOffsetVector, errors),
        frames: layout.frames,
        imagePositionPatient: geometry.originMm,
        normal: geometry.normal,
      },
      errors,
      warnings,
    );
  }
  if (errors.length > 0 || !layout || !geometry || !offsets || units === undefined) return fail(errors);

  const pixels = decodePixels(root, parsed, layout, errors, warnings);
  if (!pixels) return fail(errors);

  const storedDvhs = readStoredDvhs(root, warnings);
  const grid: DoseGrid = {
    kind: "dose_grid",
    columns: layout.columns,
    rows: layout.rows,
    frames: layout.frames,
    originMm: geometry.originMm,
    rowDirection: geometry.rowDirection,
    columnDirection: geometry.columnDirection,
    pixelSpacingMm: geometry.pixelSpacingMm,
    frameOffsetsMm: offsets,
    doseGy: pixels,
    summationType,
    doseType,
    ...(frameOfReferenceUid !== undefined ? { frameOfReferenceUid } : {}),
    doseUnits: units,
  };
  return ok({ grid, storedDvhs, warnings });
}

function readLayout(root: DicomNode, errors: Issue[], warnings: Issue[]): PixelLayout | undefined {
  const before = errors.length;
  const rows = readUint16(root, T.Rows, errors, { required: true });
  const columns = readUint16(root, T.Columns, errors, { required: true });
  const framesRead = readInteger(root, T.NumberOfFrames, errors);
  const samples = readUint16(root, T.SamplesPerPixel, errors) ?? 1;
  const bitsAllocated = readUint16(root, T.BitsAllocated, errors, { required: true });
  const bitsStoredRead = readUint16(root, T.BitsStored, errors);
  const representation = readUint16(root, T.PixelRepresentation, errors, { required: true });
  const scaling = readDecimal(root, T.DoseGridScaling, errors, { required: true });
  let frames = framesRead ?? 1;
  if (framesRead === undefined && rows && columns && (bitsAllocated === 16 || bitsAllocated === 32)) {
    const inferred = framesWithoutNumberOfFrames(root, rows * columns * (bitsAllocated / 8));
    if (inferred !== undefined) {
      frames = inferred;
      warnings.push(
        issue(
          "dicom_frames_inferred",
          T.NumberOfFrames.keyword,
          `NumberOfFrames (0028,0008) is missing but PixelData and GridFrameOffsetVector both hold ${inferred} frames; read as ${inferred} frames`,
        ),
      );
    }
  }
  const bad = (tag: (typeof T)[keyof typeof T], message: string) =>
    errors.push(issue("dicom_invalid_attribute", tag.keyword, `${tag.keyword} ${tag.label} ${message}`));
  if (rows === 0) bad(T.Rows, "is 0: the dose grid has no rows");
  if (columns === 0) bad(T.Columns, "is 0: the dose grid has no columns");
  if (!Number.isInteger(frames) || frames < 1)
    bad(T.NumberOfFrames, `must be a positive integer, found ${frames}`);
  if (samples !== 1) bad(T.SamplesPerPixel, `must be 1 for an RT Dose, found ${samples}`);
  if (bitsAllocated !== undefined && bitsAllocated !== 16 && bitsAllocated !== 32) {
    // PS3.3 C.8.8.3.4.1: Bits Allocated shall be 16 or 32
    bad(T.BitsAllocated, `must be 16 or 32 for an RT Dose (PS3.3 C.8.8.3.4.1), found ${bitsAllocated}`);
  }
  const bitsStored = bitsStoredRead ?? bitsAllocated;
  if (bitsStoredRead === undefined && bitsAllocated !== undefined) {
    warnings.push(
      issue(
        "dicom_missing_attribute",
        T.BitsStored.keyword,
        `BitsStored (0028,0101) is missing: taken as BitsAllocated (${bitsAllocated})`,
      ),
    );
  }
  if (
    bitsStored !== undefined &&
    bitsAllocated !== undefined &&
    (bitsStored < 1 || bitsStored > bitsAllocated)
  ) {
    bad(T.BitsStored, `must be between 1 and BitsAllocated (${bitsAllocated}), found ${bitsStored}`);
  }
  if (representation !== undefined && representation !== 0 && representation !== 1) {
    bad(T.PixelRepresentation, `must be 0 (unsigned) or 1 (signed), found ${representation}`);
  }
  if (scaling !== undefined && !(scaling > 0))
    bad(T.DoseGridScaling, `must be a positive number, found ${scaling}`);
  if (errors.length > before) return undefined;
  if (rows === undefined || columns === undefined || bitsAllocated === undefined || bitsStored === undefined)
    return undefined;
  if (representation === undefined || scaling === undefined) return undefined;
  return {
    rows,
    columns,
    frames,
    bitsAllocated: bitsAllocated as 16 | 32,
    bitsStored,
    signed: representation === 1,
    scaling,
  };
}

/**
 * Frames of a dose written without NumberOfFrames (some exporters omit it): only when the pixel data
 * hold a whole number n > 1 of frames and GridFrameOffsetVector has exactly n values, so that neither
 * source alone decides.
 */
function framesWithoutNumberOfFrames(root: DicomNode, frameBytes: number): number | undefined {
  const ignored: Issue[] = [];
  const offsets = readDecimals(root, T.GridFrameOffsetVector, ignored)?.length ?? 0;
  const el = root.ds.elements[T.PixelData.key];
  if (!el || offsets < 2) return undefined;
  const pixelFrames = el.encapsulatedPixelData
    ? (el.fragments?.length ?? 0)
    : el.length % frameBytes === 0 || el.length % frameBytes === 1
      ? Math.floor(el.length / frameBytes)
      : 0;
  return pixelFrames === offsets ? offsets : undefined;
}

type Geometry = {
  readonly originMm: Vec3;
  readonly rowDirection: Vec3;
  readonly columnDirection: Vec3;
  readonly normal: Vec3;
  readonly pixelSpacingMm: readonly [number, number];
};

function readGeometry(root: DicomNode, errors: Issue[]): Geometry | undefined {
  const ipp = readDecimals(root, T.ImagePositionPatient, errors, { required: true, count: 3 });
  const iop = readDecimals(root, T.ImageOrientationPatient, errors, { required: true, count: 6 });
  const spacing = readDecimals(root, T.PixelSpacing, errors, { required: true, count: 2 });
  if (spacing && !(spacing[0]! > 0 && spacing[1]! > 0)) {
    errors.push(
      issue(
        "dicom_invalid_attribute",
        T.PixelSpacing.keyword,
        `PixelSpacing (0028,0030) must be two positive distances, found ${spacing[0]}\\${spacing[1]}`,
      ),
    );
    return undefined;
  }
  const orientation = iop
    ? orientationFrom(iop, T.ImageOrientationPatient, T.ImageOrientationPatient.keyword, errors)
    : undefined;
  if (!ipp || !orientation || !spacing) return undefined;
  return {
    originMm: [ipp[0]!, ipp[1]!, ipp[2]!],
    rowDirection: orientation.rowDirection,
    columnDirection: orientation.columnDirection,
    normal: orientation.normal,
    pixelSpacingMm: [spacing[0]!, spacing[1]!],
  };
}

function readDoseUnits(
  root: DicomNode,
  options: ReadRtDoseOptions,
  errors: Issue[],
  warnings: Issue[],
): "GY" | "RELATIVE" | undefined {
  const units = readString(root, T.DoseUnits, errors, { required: true });
  if (units === "GY") return "GY";
  if (units === "RELATIVE") {
    if (options.acceptRelativeDose) {
      warnings.push(
        issue(
          "dicom_dose_units_relative",
          T.DoseUnits.keyword,
          "DoseUnits is RELATIVE: the grid values are relative to an unstated reference, not Gy",
        ),
      );
      return "RELATIVE";
    }
    errors.push(
      issue(
        "dicom_dose_units_relative",
        T.DoseUnits.keyword,
        "DoseUnits (3004,0002) is RELATIVE: the dose is relative to an unstated reference, not in Gy, so dose constraints cannot be evaluated; export the dose in Gy",
      ),
    );
    return undefined;
  }
  if (units !== undefined) {
    errors.push(
      issue(
        "dicom_invalid_attribute",
        T.DoseUnits.keyword,
        `DoseUnits (3004,0002) must be GY or RELATIVE, found "${units}"`,
      ),
    );
  }
  return undefined;
}

function decodePixels(
  root: DicomNode,
  parsed: ParsedDicom,
  layout: PixelLayout,
  errors: Issue[],
  warnings: Issue[],
): Float32Array | undefined {
  const ts = parsed.transferSyntax;
  const path = pathOf(root, T.PixelData);
  const voxels = layout.rows * layout.columns * layout.frames;
  const bytesPerValue = layout.bitsAllocated / 8;
  const needed = voxels * bytesPerValue;
  if (ts.pixelData === "compressed_unsupported") {
    errors.push(
      issue(
        "dicom_transfer_syntax_unsupported",
        T.TransferSyntaxUID.keyword,
        `the dose pixels are compressed with ${ts.name} (Transfer Syntax UID ${ts.uid}); only uncompressed and RLE Lossless dose is read: export the RT Dose uncompressed (Explicit or Implicit VR Little Endian)`,
      ),
    );
    return undefined;
  }
  const el = root.ds.elements[T.PixelData.key];
  if (ts.pixelData === "rle") {
    if (!el?.encapsulatedPixelData || !el.fragments) {
      errors.push(
        issue(
          "dicom_rle_corrupt",
          path,
          "the transfer syntax is RLE Lossless but PixelData is not encapsulated in fragments",
        ),
      );
      return undefined;
    }
    const bytes = root.ds.byteArray;
    const fragments: Uint8Array[] = [];
    for (const f of el.fragments) {
      if (f.position < 0 || f.length < 0 || f.position + f.length > bytes.length) {
        errors.push(
          issue(
            "dicom_truncated",
            path,
            `an RLE fragment (${f.length} bytes at ${f.position}) runs past the end of the file`,
          ),
        );
        return undefined;
      }
      fragments.push(bytes.subarray(f.position, f.position + f.length));
    }
    const decoded = decodeRlePixels(fragments, layout);
    if (!decoded.ok) {
      errors.push(
        issue("dicom_rle_corrupt", path, `RLE Lossless pixel data cannot be decoded: ${decoded.reason}`),
      );
      return undefined;
    }
    return decoded.values;
  }
  if (el?.encapsulatedPixelData) {
    errors.push(
      issue(
        "dicom_invalid_attribute",
        path,
        `PixelData is encapsulated (compressed) although the transfer syntax ${ts.name} is uncompressed`,
      ),
    );
    return undefined;
  }
  const element = elementOf(root, T.PixelData, errors);
  if (!element) {
    if (errors.length === 0)
      errors.push(issue("dicom_pixel_data_truncated", path, "PixelData (7FE0,0010) is empty"));
    return undefined;
  }
  if (element.length < needed) {
    errors.push(
      issue(
        "dicom_pixel_data_truncated",
        path,
        `PixelData has ${element.length} bytes but ${layout.columns} columns x ${layout.rows} rows x ${layout.frames} frames x ${bytesPerValue} bytes need ${needed}`,
      ),
    );
    return undefined;
  }
  const frameBytes = layout.rows * layout.columns * bytesPerValue;
  if (element.length - needed >= frameBytes) {
    // Whole frames beyond NumberOfFrames: reading only the declared ones would silently lose dose planes.
    errors.push(
      issue(
        "dicom_frame_count_mismatch",
        path,
        `PixelData holds ${Math.floor(element.length / frameBytes)} frames of ${layout.columns} x ${layout.rows} but NumberOfFrames is ${layout.frames}`,
      ),
    );
    return undefined;
  }
  if (element.length > needed + 1) {
    warnings.push(
      issue(
        "dicom_pixel_data_extra",
        path,
        `PixelData has ${element.length} bytes, more than the ${needed} the grid needs; the extra bytes were ignored`,
      ),
    );
  }
  return decodeNativePixels(root.ds.byteArray, element.dataOffset, layout, ts.littleEndian);
}
