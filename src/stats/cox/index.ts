// Cox proportional hazards model: see README.md in this folder.
export { type ConcordanceInput, concordance } from "./concordance.ts";
export { COX_DEFAULTS, type CoxFitState, fitCox, fitCoxState } from "./cox-fit.ts";
export type {
  ChiSquareTest,
  CoxConcordance,
  CoxData,
  CoxFit,
  CoxIssue,
  CoxIterationProgress,
  CoxOptions,
  CoxResult,
  CoxTies,
} from "./cox-types.ts";
export { type CoxZph, type CoxZphGroup, coxZph } from "./cox-zph.ts";
export {
  buildDesign,
  type Design,
  type DesignInputColumn,
  type DesignTerm,
  encodeLabels,
  rLevelOrder,
} from "./design-matrix.ts";
export {
  type CoxSite,
  type CoxSiteOptions,
  type CoxSiteSummary,
  type CoxSummaryFit,
  type CoxSummaryOptions,
  createCoxSite,
  fitCoxFromSiteSummaries,
} from "./site-summaries.ts";
export {
  type CoxConfType,
  type CoxCurveOptions,
  type CoxSurvivalCurve,
  type CoxSurvivalPrediction,
  coxSurvivalFromState,
  predictCoxSurvival,
  survivalConfidence,
} from "./survival-curve.ts";
