// DVH Sequence (3004,0050) of an RT Dose, DICOM PS3.3 C.8.8.4 (RT DVH module). Each item: DVH Type
// (CUMULATIVE, DIFFERENTIAL, NATURAL), Dose Units, DVH Dose Scaling, DVH Volume Units (CM3, PERCENT,
// PER_U), DVH Number of Bins and DVH Data = D1\V1\D2\V2… where Dn is the WIDTH of bin n in scaled dose
// units and Vn its volume (C.8.8.4.1). Bin upper edges are the running sum of widths x DVH Dose Scaling.
// A bad item is skipped with a warning: stored DVHs are for comparison only.
import { type Issue, issue, type StoredDvh } from "../../core/index.ts";
import {
  type DicomNode,
  readDecimal,
  readDecimals,
  readInteger,
  readItems,
  readString,
} from "./dataset-reader.ts";
import { T } from "./dicom-tags.ts";

const DVH_TYPES = new Set(["CUMULATIVE", "DIFFERENTIAL", "NATURAL"]);

export function readStoredDvhs(root: DicomNode, warnings: Issue[]): StoredDvh[] {
  const dvhs: StoredDvh[] = [];
  for (const item of readItems(root, T.DVHSequence, warnings)) {
    const problems: Issue[] = [];
    const refs = readItems(item, T.DVHReferencedROISequence, problems, { required: true });
    const roiNumber = refs[0]
      ? readInteger(refs[0], T.ReferencedROINumber, problems, { required: true })
      : undefined;
    const type = readString(item, T.DVHType, problems, { required: true });
    if (type !== undefined && !DVH_TYPES.has(type)) {
      problems.push(
        issue(
          "dicom_invalid_attribute",
          `${item.path}.DVHType`,
          `DVHType ${T.DVHType.label} "${type}" is not CUMULATIVE, DIFFERENTIAL or NATURAL`,
        ),
      );
    }
    const doseUnits = readString(item, T.DoseUnits, problems, { required: true });
    const volumeUnits = readString(item, T.DVHVolumeUnits, problems, { required: true });
    const scaling = readDecimal(item, T.DVHDoseScaling, problems, { required: true });
    if (scaling !== undefined && !(scaling > 0)) {
      problems.push(
        issue(
          "dicom_invalid_attribute",
          `${item.path}.DVHDoseScaling`,
          `DVHDoseScaling ${T.DVHDoseScaling.label} must be > 0, found ${scaling}`,
        ),
      );
    }
    const bins = readInteger(item, T.DVHNumberOfBins, problems, { required: true });
    const data = readDecimals(item, T.DVHData, problems, { required: true });
    if (data !== undefined && bins !== undefined && data.length !== 2 * bins) {
      problems.push(
        issue(
          "dicom_invalid_attribute",
          `${item.path}.DVHData`,
          `DVHData ${T.DVHData.label} has ${data.length} values; DVHNumberOfBins ${bins} needs ${2 * bins} (width and volume per bin)`,
        ),
      );
    }
    if (problems.length > 0 || roiNumber === undefined || type === undefined || data === undefined) {
      for (const p of problems)
        warnings.push(issue("dicom_stored_dvh_skipped", p.path, `stored DVH skipped: ${p.message}`));
      continue;
    }
    const n = data.length / 2;
    const doseGy = new Float64Array(n);
    const volume = new Float64Array(n);
    let edge = 0;
    let negative = false;
    for (let i = 0; i < n; i++) {
      const width = data[2 * i] as number;
      if (width < 0) negative = true;
      edge += width;
      doseGy[i] = edge * (scaling as number);
      volume[i] = data[2 * i + 1] as number;
    }
    if (negative) {
      warnings.push(
        issue(
          "dicom_stored_dvh_skipped",
          `${item.path}.DVHData`,
          "stored DVH skipped: DVHData has a negative bin width",
        ),
      );
      continue;
    }
    dvhs.push({
      roiNumber,
      type: type as StoredDvh["type"],
      doseUnits: doseUnits as string,
      volumeUnits: volumeUnits as string,
      doseGy,
      volume,
    });
  }
  return dvhs;
}
