// stats: pure numerics on typed arrays, no clinical words. See src/stats/README.md.

export {
  type AalenJohansenInput,
  type AalenJohansenOutput,
  aalenJohansen,
} from "./aalen-johansen.ts";
export { type ConfidenceBand, survivalBand, zForLevel } from "./confidence-band.ts";
export * from "./cox/index.ts";
export {
  type CifCurve,
  type CifFit,
  type CifOptions,
  cumulativeIncidence,
  incidenceBand,
} from "./cumulative-incidence.ts";
export {
  chiSquareCdf,
  chiSquareQuantile,
  chiSquareUpperTail,
  logGamma,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  normalUpperTail,
  regularizedGamma,
} from "./distributions.ts";
export { type GrayTest, type GrayTestOptions, grayTest } from "./gray-test.ts";
export {
  type CurveCell,
  curveCells,
  type KmCurve,
  type KmFit,
  type KmOptions,
  type KmVariance,
  kaplanMeier,
  kaplanMeierFromTable,
} from "./kaplan-meier.ts";
export {
  type CurveQuantiles,
  censorMarks,
  curveQuantile,
  type KmAtTimes,
  kmAtTimes,
  kmQuantiles,
} from "./km-summaries.ts";
export { type LogRankOptions, type LogRankTest, logRank, logRankFromTable } from "./log-rank.ts";
export {
  buildRiskTable,
  type RiskTable,
  type RiskTableOptions,
  type RiskTableStratum,
} from "./risk-table.ts";
export { type Rmst, type RmstDifference, rmst, rmstDifference } from "./rmst.ts";
export {
  mergeRiskTables,
  type RiskTableJson,
  riskTableFromJson,
  riskTableToJson,
  siteRiskTable,
  stackRiskTables,
} from "./site-summaries.ts";
export { quadraticFormInverse } from "./small-linear-solve.ts";
export { sortOrder } from "./sort-order.ts";
export { codeCount, validateSurvivalData, wholeWeights } from "./survival-input.ts";
export {
  CONF_TYPES,
  type ConfType,
  type StatsIssue,
  type StatsResult,
  type SurvivalData,
} from "./survival-types.ts";
export {
  generateSurvivalRegistry,
  SURVIVAL_REGISTRY_BETA,
  SURVIVAL_REGISTRY_COLUMNS,
  SURVIVAL_REGISTRY_COVARIATES,
  SURVIVAL_REGISTRY_SEED,
  type SurvivalRegistry,
  type SurvivalRegistryColumn,
  survivalRegistryBytes,
} from "./synthetic/survival-registry.ts";
export { TIMEFIX_TOLERANCE, type TimeGrid, timeGrid } from "./time-grid.ts";
