// DVHs of several ROIs of a structure set on one dose grid.
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import { computeRoiDvh } from "./compute-roi-dvh.ts";
import { autoBinWidthGy } from "./dose-histogram.ts";
import { type DvhOptions, resolveDvhOptions } from "./dvh-options.ts";
import { type GridFrame, gridFrame } from "./grid-frame.ts";
import type { RoiDvh } from "./roi-dvh.ts";
import { structureSetPlanes } from "./roi-planes.ts";
import { DvhScratch } from "./scratch.ts";
import type { DoseGrid, Roi, StructureSet } from "./types.ts";

export type DvhProgress = (done: number, total: number, roiName: string) => void;

export type ComputeDvhsInput = {
  readonly grid: DoseGrid;
  readonly structureSet: StructureSet;
  /** ROI numbers to compute (default: every ROI) */
  readonly roiNumbers?: readonly number[];
  readonly options?: Partial<DvhOptions>;
  readonly onProgress?: DvhProgress;
};

export type DvhSet = {
  readonly kind: "dvh_set";
  readonly binWidthGy: number;
  readonly options: DvhOptions;
  readonly gridMaxDoseGy: number;
  /** the dose grid's frame (for isodose volumes and conformity indices) */
  readonly frame: GridFrame;
  /** one entry per ROI computed, in structure-set order */
  readonly dvhs: readonly RoiDvh[];
  /** ROIs that could not be computed, with the reason */
  readonly failed: readonly {
    readonly roiNumber: number;
    readonly roiName: string;
    readonly issues: readonly Issue[];
  }[];
  readonly warnings: readonly Issue[];
};

/** Computes the DVH of each requested ROI; one ROI failing does not stop the others. */
export function computeDvhs(input: ComputeDvhsInput): Result<DvhSet> {
  const opts = resolveDvhOptions(input.options);
  if (!opts.ok) return opts;
  const fr = gridFrame(input.grid);
  if (!fr.ok) return fr;
  const frame: GridFrame = fr.value;
  const options = opts.value;
  const ss = input.structureSet;
  const warnings: Issue[] = [];
  if (
    ss.frameOfReferenceUid !== undefined &&
    input.grid.frameOfReferenceUid !== undefined &&
    ss.frameOfReferenceUid !== input.grid.frameOfReferenceUid
  ) {
    warnings.push(
      issue(
        "dvh_frame_of_reference_mismatch",
        "structureSet.frameOfReferenceUid",
        `the structure set (${ss.frameOfReferenceUid}) and the dose grid (${input.grid.frameOfReferenceUid}) are on different frames of reference; contours and dose may not line up`,
      ),
    );
  }
  if (input.grid.doseUnits === "RELATIVE") {
    warnings.push(
      issue(
        "dvh_relative_dose",
        "doseGrid.doseUnits",
        "the dose grid holds RELATIVE dose, not Gy: every dose in the DVH is relative",
      ),
    );
  }
  if (input.grid.doseType.toUpperCase() === "ERROR") {
    warnings.push(
      issue(
        "dvh_dose_type_error",
        "doseGrid.doseType",
        "the dose grid holds an ERROR dose (a difference), not a dose",
      ),
    );
  }
  const selected: { roi: Roi; index: number }[] = [];
  if (input.roiNumbers === undefined) {
    ss.rois.forEach((roi, index) => {
      selected.push({ roi, index });
    });
  } else {
    const missing: number[] = [];
    for (const n of input.roiNumbers) {
      const index = ss.rois.findIndex((r) => r.number === n);
      if (index < 0) missing.push(n);
      else if (!selected.some((s) => s.index === index)) selected.push({ roi: ss.rois[index]!, index });
    }
    if (missing.length > 0) {
      return fail([
        issue(
          "dvh_roi_not_found",
          "roiNumbers",
          `no ROI numbered ${missing.join(", ")} in the structure set (it has ${ss.rois.map((r) => r.number).join(", ")})`,
        ),
      ]);
    }
    selected.sort((a, b) => a.index - b.index);
  }
  const binWidthGy = options.binWidthGy ?? autoBinWidthGy(frame.maxDoseGy);
  const knownPlanes = structureSetPlanes(ss, frame);
  // raster buffers are allocated once for the call and reused ROI after ROI
  const scratch = new DvhScratch();
  const dvhs: RoiDvh[] = [];
  const failed: { roiNumber: number; roiName: string; issues: readonly Issue[] }[] = [];
  selected.forEach(({ roi, index }, i) => {
    const r = computeRoiDvh({
      frame,
      roi,
      knownPlanes,
      options,
      binWidthGy,
      path: `structureSet.rois[${index}]`,
      scratch,
    });
    if (r.ok) dvhs.push(r.value);
    else failed.push({ roiNumber: roi.number, roiName: roi.name, issues: r.issues });
    input.onProgress?.(i + 1, selected.length, roi.name);
  });
  return ok({
    kind: "dvh_set",
    binWidthGy,
    options,
    gridMaxDoseGy: frame.maxDoseGy,
    frame,
    dvhs,
    failed,
    warnings,
  });
}
