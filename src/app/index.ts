// app layer: use cases, one file per action. See src/app/README.md.
export type { Actor, AppContext, AppSettings, Caller } from "./app-context.ts";
export { DEFAULT_APP_SETTINGS, randomToken, systemCaller, todayIso } from "./app-context.ts";
export type { AppErrorKind } from "./app-error.ts";
export { AppError, invalid } from "./app-error.ts";
export { recentAuditEntries, verifyAudit } from "./audit-verify.ts";
export type { ActiveSession, LoginResult, SessionUser } from "./auth-sessions.ts";
export { login, logout, resolveSession } from "./auth-sessions.ts";
export type { Permission } from "./authorization.ts";
export { authorize, authorizeSite, can, PERMISSIONS, scopedSites, siteScope } from "./authorization.ts";
export type { CheckPlanRequest, PlanCheckReport } from "./check-plan.ts";
export { checkPlan, constraintMarkers, resolveConstraintSet } from "./check-plan.ts";
export type { ClassifiedRecord } from "./classify-patients.ts";
export {
  CLASSIFY_DEFAULTS,
  classifyPatientStream,
  classifyRecordText,
  classifyRecordValue,
  DEFAULT_GATE_ID,
  GATE_IDS,
  GATE_PRESETS,
  listDefinitions,
  prepareClassification,
} from "./classify-patients.ts";
// plan check: DVHs from DICOM RT, DVH plot (SVG)
export type { ComputeDvhRequest, DvhReport, RoiDvhReport } from "./compute-dvh.ts";
export { computeDvh, DEFAULT_DVH_METRICS, parseMetricRequests, resampleCurve } from "./compute-dvh.ts";
// survival: Cox proportional hazards model on a CSV table
export type {
  CoxAnalysisReport,
  CoxAnalysisRequest,
  CoxCoefficientRow,
  CoxPrediction,
  CoxSurvivalAtTime,
} from "./cox-analysis.ts";
export { coxAnalysis, prettyTimes } from "./cox-analysis.ts";
export type { DvhPlotMarker, DvhPlotOptions, DvhPlotSeries } from "./dvh-plot.ts";
export { dvhPlotSvg } from "./dvh-plot.ts";
export type { NewUser, UserView } from "./manage-users.ts";
export {
  addUser,
  countAccounts,
  listUsers,
  MIN_PASSWORD_LENGTH,
  passwordIssues,
  setDisabled,
  setPassword,
} from "./manage-users.ts";
export { renderPlotSvg } from "./render-svg.ts";
