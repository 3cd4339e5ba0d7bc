// RT Structure Set (RTSTRUCT) to a StructureSet, DICOM PS3.3 A.19 with the modules C.8.8.5 (Structure
// Set), C.8.8.6 (ROI Contour) and C.8.8.8 (RT ROI Observations).
// Rules: problems with the whole file are errors; a problem inside one ROI drops that ROI with a warning
// naming it (so a constraint on it reports "ROI not found" rather than using a wrong shape); a contour that
// cannot enclose anything (closed contour with < 3 points) is dropped with a warning.
import {
  type Contour,
  type ContourGeometry,
  fail,
  type Issue,
  issue,
  ok,
  type Result,
  type Roi,
  type StructureSet,
} from "../../core/index.ts";
import {
  type DicomNode,
  readDecimals,
  readInteger,
  readIntegers,
  readItems,
  readString,
  rootNode,
} from "./dataset-reader.ts";
import { T } from "./dicom-tags.ts";
import { guarded } from "./guard.ts";
import { type ParsedDicom, parseDicomBytes } from "./parse-dataset.ts";
import { describeObject, kindOf } from "./sop-classes.ts";

export type RtStructRead = StructureSet & {
  /** non-fatal findings (ROIs or contours dropped, unusual values): the caller should show them */
  readonly warnings: readonly Issue[];
};

const GEOMETRIES = new Set<ContourGeometry>(["CLOSED_PLANAR", "POINT", "OPEN_PLANAR", "OPEN_NONPLANAR"]);

/** Reads an RTSTRUCT file. Never throws: every problem is an issue in the Result. */
export function readRtStruct(bytes: Uint8Array): Result<RtStructRead> {
  return guarded(() => {
    const parsed = parseDicomBytes(bytes);
    if (!parsed.ok) return parsed;
    return readParsedRtStruct(parsed.value);
  });
}

type RoiHeader = {
  readonly number: number;
  readonly name: string;
  readonly frameOfReferenceUid?: string;
  readonly path: string;
};

function readParsedRtStruct(parsed: ParsedDicom): Result<RtStructRead> {
  const root = rootNode(parsed.dataSet, parsed.text.decoder);
  const errors: Issue[] = [];
  const warnings: Issue[] = [...parsed.warnings];

  const sopClassUid = readString(root, T.SOPClassUID, warnings);
  const modality = readString(root, T.Modality, warnings);
  if (kindOf(sopClassUid, modality) !== "rtstruct") {
    return fail([
      issue(
        "dicom_not_rtstruct",
        sopClassUid ? T.SOPClassUID.keyword : T.Modality.keyword,
        `expected an RT Structure Set (RTSTRUCT) but this file is ${describeObject(sopClassUid, modality)}`,
      ),
    ]);
  }

  const label = readString(root, T.StructureSetLabel, warnings);
  const frameUids = readItems(root, T.ReferencedFrameOfReferenceSequence, warnings)
    .map((item) => readString(item, T.FrameOfReferenceUID, warnings))
    .filter((u): u is string => u !== undefined);
  const distinctFrames = [...new Set(frameUids)];
  if (distinctFrames.length > 1) {
    warnings.push(
      issue(
        "dicom_multiple_frames_of_reference",
        T.ReferencedFrameOfReferenceSequence.keyword,
        `the structure set references ${distinctFrames.length} frames of reference; each ROI keeps its own (ReferencedFrameOfReferenceUID)`,
      ),
    );
  }

  const headers = readRoiHeaders(root, errors, warnings);
  if (errors.length > 0) return fail(errors);

  const interpreted = readInterpretedTypes(root, warnings);
  const contoursByRoi = new Map<number, { color?: readonly [number, number, number]; contours: Contour[] }>();
  const dropped = new Map<number, string>();
  const known = new Map(headers.map((h) => [h.number, h]));

  for (const item of readItems(root, T.ROIContourSequence, warnings)) {
    const problems: Issue[] = [];
    const ref = readInteger(item, T.ReferencedROINumber, problems, { required: true });
    if (ref === undefined) {
      for (const p of problems)
        warnings.push(issue("dicom_roi_contour_skipped", p.path, `ROI contour item skipped: ${p.message}`));
      continue;
    }
    const header = known.get(ref);
    if (!header) {
      warnings.push(
        issue(
          "dicom_roi_contour_unknown_roi",
          `${item.path}.ReferencedROINumber`,
          `ROI contour item refers to ROI number ${ref}, which StructureSetROISequence does not define; its contours were ignored`,
        ),
      );
      continue;
    }
    const entry = contoursByRoi.get(ref) ?? { contours: [] };
    if (contoursByRoi.has(ref)) {
      warnings.push(
        issue(
          "dicom_roi_contour_repeated",
          item.path,
          `ROI ${ref} ("${header.name}") has more than one ROI contour item; their contours were merged`,
        ),
      );
    }
    const color = readIntegers(item, T.ROIDisplayColor, warnings);
    if (color && color.length === 3 && entry.color === undefined) {
      entry.color = [color[0]!, color[1]!, color[2]!];
    }
    readContours(item, header, entry.contours, problems, warnings);
    if (problems.length > 0) {
      dropped.set(ref, problems.map((p) => `${p.path}: ${p.message}`).join("; "));
    }
    contoursByRoi.set(ref, entry);
  }

  const rois: Roi[] = [];
  for (const h of headers) {
    const why = dropped.get(h.number);
    if (why !== undefined) {
      warnings.push(
        issue(
          "dicom_roi_invalid",
          h.path,
          `ROI ${h.number} ("${h.name}") was left out because its contour data are invalid: ${why}`,
        ),
      );
      continue;
    }
    const entry = contoursByRoi.get(h.number);
    const interpretedType = interpreted.get(h.number);
    rois.push({
      number: h.number,
      name: h.name,
      ...(interpretedType !== undefined ? { interpretedType } : {}),
      ...(h.frameOfReferenceUid !== undefined ? { frameOfReferenceUid: h.frameOfReferenceUid } : {}),
      ...(entry?.color !== undefined ? { color: entry.color } : {}),
      contours: entry?.contours ?? [],
    });
  }
  if (rois.length === 0) {
    warnings.push(
      issue("dicom_no_rois", T.StructureSetROISequence.keyword, "the structure set defines no usable ROI"),
    );
  }
  const frameOfReferenceUid =
    distinctFrames[0] ?? headers.find((h) => h.frameOfReferenceUid)?.frameOfReferenceUid;
  return ok({
    kind: "structure_set",
    ...(label !== undefined ? { label } : {}),
    ...(frameOfReferenceUid !== undefined ? { frameOfReferenceUid } : {}),
    rois,
    warnings,
  });
}

function readRoiHeaders(root: DicomNode, errors: Issue[], warnings: Issue[]): RoiHeader[] {
  const items = readItems(root, T.StructureSetROISequence, errors, { required: true });
  const headers: RoiHeader[] = [];
  const firstPath = new Map<number, string>();
  for (const item of items) {
    const problems: Issue[] = [];
    const number = readInteger(item, T.ROINumber, problems, { required: true });
    const name = readString(item, T.ROIName, warnings) ?? "";
    const frameOfReferenceUid = readString(item, T.ReferencedFrameOfReferenceUID, warnings);
    if (number === undefined) {
      for (const p of problems) {
        warnings.push(issue("dicom_roi_invalid", p.path, `ROI "${name}" was left out: ${p.message}`));
      }
      continue;
    }
    const earlier = firstPath.get(number);
    if (earlier !== undefined) {
      // PS3.3 C.8.8.5: ROI Number "shall be unique within the Structure Set"; contours cannot be attributed.
      errors.push(
        issue(
          "dicom_duplicate_roi_number",
          `${item.path}.ROINumber`,
          `ROI number ${number} ("${name}") is also used by ${earlier}; ROI numbers must be unique within a structure set`,
        ),
      );
      continue;
    }
    firstPath.set(number, item.path);
    if (name === "") {
      warnings.push(issue("dicom_roi_unnamed", `${item.path}.ROIName`, `ROI ${number} has no ROIName`));
    }
    headers.push({ number, name, path: item.path, ...(frameOfReferenceUid ? { frameOfReferenceUid } : {}) });
  }
  return headers;
}

function readInterpretedTypes(root: DicomNode, warnings: Issue[]): Map<number, string> {
  const types = new Map<number, string>();
  for (const item of readItems(root, T.RTROIObservationsSequence, warnings)) {
    const ref = readInteger(item, T.ReferencedROINumber, warnings);
    const type = readString(item, T.RTROIInterpretedType, warnings);
    if (ref !== undefined && type !== undefined && !types.has(ref)) types.set(ref, type);
  }
  return types;
}

function readContours(
  item: DicomNode,
  roi: RoiHeader,
  out: Contour[],
  problems: Issue[],
  warnings: Issue[],
): void {
  for (const contour of readItems(item, T.ContourSequence, problems)) {
    const geometryText = readString(contour, T.ContourGeometricType, problems, { required: true });
    const declared = readInteger(contour, T.NumberOfContourPoints, problems);
    const points = readDecimals(contour, T.ContourData, problems, { required: true });
    if (geometryText === undefined || points === undefined) continue;
    if (!GEOMETRIES.has(geometryText as ContourGeometry)) {
      problems.push(
        issue(
          "dicom_invalid_attribute",
          `${contour.path}.ContourGeometricType`,
          `ContourGeometricType (3006,0042) "${geometryText}" is not POINT, OPEN_PLANAR, OPEN_NONPLANAR or CLOSED_PLANAR`,
        ),
      );
      continue;
    }
    const geometry = geometryText as ContourGeometry;
    if (points.length % 3 !== 0) {
      problems.push(
        issue(
          "dicom_invalid_attribute",
          `${contour.path}.ContourData`,
          `ContourData (3006,0050) has ${points.length} values, not a multiple of 3 (x\\y\\z per point)`,
        ),
      );
      continue;
    }
    const count = points.length / 3;
    if (declared !== undefined && declared !== count) {
      warnings.push(
        issue(
          "dicom_contour_points_mismatch",
          `${contour.path}.NumberOfContourPoints`,
          `ROI ${roi.number} ("${roi.name}"): NumberOfContourPoints is ${declared} but ContourData holds ${count} points; the points were used`,
        ),
      );
    }
    if (geometry === "CLOSED_PLANAR" && count < 3) {
      warnings.push(
        issue(
          "dicom_contour_degenerate",
          contour.path,
          `ROI ${roi.number} ("${roi.name}"): a CLOSED_PLANAR contour with ${count} point(s) encloses no area and was ignored`,
        ),
      );
      continue;
    }
    if (geometry === "POINT" && count !== 1) {
      warnings.push(
        issue(
          "dicom_contour_point_count",
          contour.path,
          `ROI ${roi.number} ("${roi.name}"): a POINT contour has ${count} points; all were kept`,
        ),
      );
    }
    out.push({ geometry, pointsMm: points });
  }
}
