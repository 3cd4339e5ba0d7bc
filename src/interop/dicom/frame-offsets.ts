// Grid Frame Offset Vector (3004,000C) to frame offsets along the grid normal, DICOM PS3.3 C.8.8.3.2:
//  (a) first value 0: offsets (mm) of each plane relative to the first plane (Image Position Patient),
//      positive along row x column direction; the recommended form;
//  (b) first value equal to the z of Image Position Patient with Image Orientation (1,0,0,0,1,0): the values
//      are the planes' absolute patient z coordinates (older systems).
// Either way frame 0 lies at Image Position Patient, so offsets = values - values[0] (times the sign of the
// normal's z for form (b)). A first value that is neither 0 nor the IPP z fits neither form; the planes are
// then placed relative to frame 0 at IPP (the only position the file states unambiguously) with a warning.

import type { Vec3 } from "../../core/index.ts";
import { type Issue, issue } from "../../core/index.ts";
import { T } from "./dicom-tags.ts";

/** Tolerance (mm) for "first value equals IPP z": DS values carry at most 16 characters. */
const ABSOLUTE_MATCH_MM = 1e-3;
/** Relative deviation of a frame step from the mean step above which spacing is reported non-uniform. */
const UNIFORM_TOLERANCE = 1e-3;

export type FrameOffsetsInput = {
  /** parsed GridFrameOffsetVector, undefined when absent */
  readonly gridFrameOffsetVector: Float64Array | undefined;
  readonly frames: number;
  readonly imagePositionPatient: Vec3;
  /** unit normal of the frame planes: rowDirection x columnDirection */
  readonly normal: Vec3;
};

/**
 * Offsets (mm) of each frame from frame 0 along the normal, in file order (ascending or descending).
 * Pushes errors (undefined returned) and warnings.
 */
export function frameOffsetsMm(
  input: FrameOffsetsInput,
  errors: Issue[],
  warnings: Issue[],
): Float64Array | undefined {
  const { gridFrameOffsetVector: gfov, frames } = input;
  const path = T.GridFrameOffsetVector.keyword;
  const label = `${T.GridFrameOffsetVector.keyword} ${T.GridFrameOffsetVector.label}`;
  if (frames === 1) {
    if (gfov !== undefined && gfov.length > 1) {
      warnings.push(
        issue(
          "dicom_frame_offsets_count",
          path,
          `${label} has ${gfov.length} values for a single-frame dose; only the first plane is present and it lies at ImagePositionPatient`,
        ),
      );
    }
    return Float64Array.of(0);
  }
  if (gfov === undefined) {
    errors.push(
      issue(
        "dicom_missing_attribute",
        path,
        `${label} is required for a multi-frame dose (${frames} frames)`,
      ),
    );
    return undefined;
  }
  if (gfov.length !== frames) {
    errors.push(
      issue(
        "dicom_frame_offsets_invalid",
        path,
        `${label} has ${gfov.length} values but NumberOfFrames is ${frames}; there must be one offset per frame`,
      ),
    );
    return undefined;
  }
  const first = gfov[0] as number;
  const ippZ = input.imagePositionPatient[2];
  let sign = 1;
  if (first !== 0) {
    if (Math.abs(first - ippZ) <= ABSOLUTE_MATCH_MM) {
      const nz = input.normal[2];
      if (Math.abs(Math.abs(nz) - 1) > 1e-3) {
        errors.push(
          issue(
            "dicom_frame_offsets_invalid",
            path,
            `${label} holds absolute z coordinates (first value equals ImagePositionPatient z), which PS3.3 C.8.8.3.2 allows only for transverse planes, but the grid is not transverse (ImageOrientationPatient normal ${fmtVec(input.normal)})`,
          ),
        );
        return undefined;
      }
      sign = Math.sign(nz);
      warnings.push(
        issue(
          "dicom_frame_offsets_absolute",
          path,
          `${label} holds absolute patient z coordinates (PS3.3 C.8.8.3.2 form b, first value ${first} = ImagePositionPatient z); converted to offsets from the first plane`,
        ),
      );
    } else {
      warnings.push(
        issue(
          "dicom_frame_offsets_shifted",
          path,
          `${label} starts at ${first} mm, which is neither 0 (relative form) nor ImagePositionPatient z ${ippZ} (absolute form); planes were placed relative to the first plane at ImagePositionPatient`,
        ),
      );
    }
  }
  const offsets = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    const d = ((gfov[i] as number) - first) * sign;
    offsets[i] = d === 0 ? 0 : d;
  }
  // PS3.3 C.8.8.3.2: values "shall vary monotonically"; equal neighbours would stack two planes.
  const direction = Math.sign((offsets[1] as number) - (offsets[0] as number));
  for (let i = 1; i < frames; i++) {
    const step = (offsets[i] as number) - (offsets[i - 1] as number);
    if (direction === 0 || Math.sign(step) !== direction) {
      errors.push(
        issue(
          "dicom_frame_offsets_invalid",
          path,
          `${label} is not strictly monotonic: value ${i + 1} (${gfov[i]}) does not continue the direction of the previous values (${gfov[i - 1]})`,
        ),
      );
      return undefined;
    }
  }
  const meanStep = ((offsets[frames - 1] as number) - (offsets[0] as number)) / (frames - 1);
  for (let i = 1; i < frames; i++) {
    const step = (offsets[i] as number) - (offsets[i - 1] as number);
    if (Math.abs(step - meanStep) > UNIFORM_TOLERANCE * Math.abs(meanStep)) {
      warnings.push(
        issue(
          "dicom_frame_spacing_nonuniform",
          path,
          `${label} spacing is not uniform (step ${round(step)} mm between frames ${i} and ${i + 1}, mean ${round(meanStep)} mm)`,
        ),
      );
      break;
    }
  }
  return offsets;
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;
const fmtVec = (v: Vec3): string => `(${v.map(round).join(", ")})`;
