// DVHs of several ROIs of a structure set on one dose grid.
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import {
  computeRoiDvh,
  computeRoiSection,
  finishRoiDvh,
  prepareRoiDvh,
  type RoiDvhInput,
  type RoiDvhSummary,
  type RoiSectionPart,
} from "./compute-roi-dvh.ts";
import { autoBinWidthGy } from "./dose-histogram.ts";
import { type DvhOptions, resolveDvhOptions } from "./dvh-options.ts";
import { type GridFrame, gridFrame } from "./grid-frame.ts";
import type { RoiDvh } from "./roi-dvh.ts";
import { structureSetPlanes } from "./roi-planes.ts";
import { type DvhScratch, releaseScratch, takeScratch } from "./scratch.ts";
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

/**
 * Everything the ROIs of one call share: resolved options, the grid's frame, the bin width, the
 * plane positions of the whole structure set, the ROIs asked for (structure-set order) and the
 * plan-level warnings. Each ROI's DVH depends only on this and the ROI, so ROIs may be computed
 * in any order, in any thread (dvh-plan-share.ts), and give the same result.
 */
export type DvhPlan = {
  readonly frame: GridFrame;
  readonly options: DvhOptions;
  readonly binWidthGy: number;
  readonly knownPlanes: Float64Array;
  readonly selected: readonly { readonly roi: Roi; readonly index: number }[];
  readonly warnings: readonly Issue[];
};

/** One ROI's outcome: its DVH, or the reason it could not be computed. */
export type RoiDvhOutcome =
  | { readonly ok: true; readonly value: RoiDvh }
  | {
      readonly ok: false;
      readonly roiNumber: number;
      readonly roiName: string;
      readonly issues: readonly Issue[];
    };

/** Computes the DVH of each requested ROI; one ROI failing does not stop the others. */
export function computeDvhs(input: ComputeDvhsInput): Result<DvhSet> {
  const plan = planDvhs(input);
  if (!plan.ok) return plan;
  const selected = plan.value.selected;
  // raster buffers are reused ROI after ROI, and call after call (scratch.ts); given back only
  // after a call that ended normally (an exception may leave a buffer that must be zero dirty)
  const scratch = takeScratch();
  const outcomes = selected.map((_, i) => {
    const r = computePlannedRoi(plan.value, i, scratch);
    input.onProgress?.(i + 1, selected.length, selected[i]!.roi.name);
    return r;
  });
  releaseScratch(scratch);
  return ok(assembleDvhSet(plan.value, outcomes));
}

/** The shared part of a call (options, frame, ROI selection); fails on bad options, grid or ROI numbers. */
export function planDvhs(input: Omit<ComputeDvhsInput, "onProgress">): Result<DvhPlan> {
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
  return ok({ frame, options, binWidthGy, knownPlanes, selected, warnings });
}

/** The DVH of the i-th selected ROI of a plan (`scratch`: working memory reused between calls). */
export function computePlannedRoi(plan: DvhPlan, i: number, scratch: DvhScratch): RoiDvhOutcome {
  const r = computeRoiDvh(plannedRoiInput(plan, i, scratch));
  return r.ok ? r : failedOutcome(plan, i, r.issues);
}

/**
 * Some sections of the i-th selected ROI, of `count` (roiSectionCount of the ROI and the plan's
 * frame, or sectionsForWork of its roiWorkEstimate): their parts, and the ROI's summary when
 * section 0 is among them; or the ROI's whole outcome, from section 0 only,
 * when it has nothing to section (invalid or empty contours). Finished by finishPlannedRoi.
 */
export type PlannedSections =
  | { readonly kind: "outcome"; readonly outcome: RoiDvhOutcome }
  | {
      readonly kind: "parts";
      readonly summary?: RoiDvhSummary;
      readonly sections: readonly number[];
      readonly parts: readonly RoiSectionPart[];
    }
  | { readonly kind: "none" };

export function computePlannedSections(
  plan: DvhPlan,
  i: number,
  sections: readonly number[],
  count: number,
  scratch: DvhScratch,
): PlannedSections {
  const prepared = prepareRoiDvh(plannedRoiInput(plan, i, scratch));
  if (prepared.kind !== "prepared") {
    if (!sections.includes(0)) return { kind: "none" };
    const r = prepared.result;
    return { kind: "outcome", outcome: r.ok ? r : failedOutcome(plan, i, r.issues) };
  }
  const parts = sections.map((s) => computeRoiSection(prepared, s, count, scratch));
  return {
    kind: "parts",
    ...(sections.includes(0) ? { summary: prepared.summary } : {}),
    sections,
    parts,
  };
}

/** The i-th ROI's DVH from its summary and every section's part (in section order). */
export function finishPlannedRoi(summary: RoiDvhSummary, parts: readonly RoiSectionPart[]): RoiDvhOutcome {
  return { ok: true, value: finishRoiDvh(summary, parts) };
}

function plannedRoiInput(plan: DvhPlan, i: number, scratch: DvhScratch): RoiDvhInput {
  const { roi, index } = plan.selected[i]!;
  return {
    frame: plan.frame,
    roi,
    knownPlanes: plan.knownPlanes,
    options: plan.options,
    binWidthGy: plan.binWidthGy,
    path: `structureSet.rois[${index}]`,
    scratch,
  };
}

function failedOutcome(plan: DvhPlan, i: number, issues: readonly Issue[]): RoiDvhOutcome {
  const { roi } = plan.selected[i]!;
  return { ok: false, roiNumber: roi.number, roiName: roi.name, issues };
}

/** The set from one outcome per selected ROI, in selection order. */
export function assembleDvhSet(plan: DvhPlan, outcomes: readonly RoiDvhOutcome[]): DvhSet {
  const dvhs: RoiDvh[] = [];
  const failed: { roiNumber: number; roiName: string; issues: readonly Issue[] }[] = [];
  for (const o of outcomes) {
    if (o.ok) dvhs.push(o.value);
    else failed.push({ roiNumber: o.roiNumber, roiName: o.roiName, issues: o.issues });
  }
  return {
    kind: "dvh_set",
    binWidthGy: plan.binWidthGy,
    options: plan.options,
    gridMaxDoseGy: plan.frame.maxDoseGy,
    frame: plan.frame,
    dvhs,
    failed,
    warnings: plan.warnings,
  };
}
