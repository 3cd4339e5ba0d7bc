// Image Position / Orientation (Patient) and Pixel Spacing checks, DICOM PS3.3 C.7.6.2.1.1:
// orientation = two direction cosines (row, column) that must be unit vectors and orthogonal.
import { type Issue, issue, type Vec3 } from "../../core/index.ts";
import type { DicomTag } from "./dicom-tags.ts";

/** Tolerance for unit length and orthogonality: DS values are written with limited digits. */
const COSINE_TOLERANCE = 1e-3;

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: Vec3): number => Math.sqrt(dot(a, a));
const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];

export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

export type Orientation = {
  readonly rowDirection: Vec3;
  readonly columnDirection: Vec3;
  readonly normal: Vec3;
};

/** Validates ImageOrientationPatient values (6 numbers) and returns unit row/column directions and normal. */
export function orientationFrom(
  iop: Float64Array,
  tag: DicomTag,
  path: string,
  errors: Issue[],
): Orientation | undefined {
  const row: Vec3 = [iop[0] as number, iop[1] as number, iop[2] as number];
  const col: Vec3 = [iop[3] as number, iop[4] as number, iop[5] as number];
  const rowLength = norm(row);
  const colLength = norm(col);
  const label = `${tag.keyword} ${tag.label}`;
  if (Math.abs(rowLength - 1) > COSINE_TOLERANCE || Math.abs(colLength - 1) > COSINE_TOLERANCE) {
    errors.push(
      issue(
        "dicom_orientation_invalid",
        path,
        `${label} must hold two unit direction cosines; their lengths are ${rowLength.toFixed(4)} and ${colLength.toFixed(4)}`,
      ),
    );
    return undefined;
  }
  const cosine = dot(row, col) / (rowLength * colLength);
  if (Math.abs(cosine) > COSINE_TOLERANCE) {
    errors.push(
      issue(
        "dicom_orientation_invalid",
        path,
        `${label} row and column directions are not orthogonal (cosine ${cosine.toFixed(4)})`,
      ),
    );
    return undefined;
  }
  const rowDirection = scale(row, 1 / rowLength);
  const columnDirection = scale(col, 1 / colLength);
  return { rowDirection, columnDirection, normal: cross(rowDirection, columnDirection) };
}
