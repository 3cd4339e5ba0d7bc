// DVH engine: dose-volume histograms from a dose grid and a structure set (see README.md).
export {
  assembleDvhSet,
  type ComputeDvhsInput,
  computeDvhs,
  computePlannedRoi,
  computePlannedSections,
  type DvhPlan,
  type DvhProgress,
  type DvhSet,
  finishPlannedRoi,
  type PlannedSections,
  planDvhs,
  type RoiDvhOutcome,
} from "./compute-dvhs.ts";
export {
  type RoiDvhSummary,
  type RoiSectionPart,
  roiSectionCount,
  sectionsForWork,
} from "./compute-roi-dvh.ts";
export { type ConformityIndices, conformityIndices } from "./conformity.ts";
export { DEFAULT_DVH_OPTIONS, type DvhOptions, resolveDvhOptions } from "./dvh-options.ts";
export {
  gridVoxelSideMm,
  openSharedDvhPlan,
  releaseDvhPlan,
  roiWorkEstimate,
  type SharedDvhPlan,
  type SharedRoiMeta,
  shareDvhPlan,
} from "./dvh-plan-share.ts";
export { type GridFrame, gridFrame } from "./grid-frame.ts";
export { type IsodoseVolume, isodoseVolume } from "./isodose-volume.ts";
export {
  type DvhMetric,
  dvhMetricName,
  dvhMetricUnit,
  evaluateDvhMetric,
  homogeneityIndex,
  parseDvhMetric,
  parseDvhMetricList,
} from "./metrics.ts";
export { type DvhSampling, doseAtVolume, dvhQuery, type RoiDvh, volumeAtDose } from "./roi-dvh.ts";
export { DvhScratch, releaseScratch, takeScratch } from "./scratch.ts";
export { END_CAPS, type EndCap, SLICE_INTEGRATIONS, type SliceIntegration } from "./slice-weights.ts";
export type * from "./types.ts";
