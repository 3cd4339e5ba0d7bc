// app layer: use cases, one file per action. See src/app/README.md.
export type { Actor, AppContext, AppSettings, Caller } from "./app-context.ts";
export { DEFAULT_APP_SETTINGS, randomToken, systemCaller, todayIso } from "./app-context.ts";
export type { AppErrorKind } from "./app-error.ts";
export { AppError, invalid } from "./app-error.ts";
export { recentAuditEntries, verifyAudit } from "./audit-verify.ts";
export type { ActiveSession, LoginResult, SessionUser } from "./auth-sessions.ts";
export { countLoginAttemptShared, login, logout, resolveSession } from "./auth-sessions.ts";
export type { Permission } from "./authorization.ts";
export { authorize, authorizeSite, can, PERMISSIONS, scopedSites, siteScope } from "./authorization.ts";
export type { CheckPlanRequest, PlanCheckReport } from "./check-plan.ts";
export { checkPlan, checkPlanAsync, constraintMarkers, resolveConstraintSet } from "./check-plan.ts";
export type {
  PlanCheckConstraintJson,
  PlanCheckJson,
  PlanCheckRoiJson,
  PlanUpload,
} from "./check-uploaded-plan.ts";
export { checkUploadedPlan, parseRoiMap } from "./check-uploaded-plan.ts";
// survival: Kaplan–Meier, log-rank, cumulative incidence, RMST on a CSV table; KM plot (SVG)
export type {
  CifCauseReport,
  CifCurveReport,
  CifReport,
  CifRequest,
  CifVariance,
  GrayReport,
} from "./cif-analysis.ts";
export { cifAnalysis } from "./cif-analysis.ts";
export type { CifPlotOptions } from "./cif-plot.ts";
export { cifPlotSvg } from "./cif-plot.ts";
export type { BatchRecordError, ClassifiedBatchBytes } from "./classify-batch.ts";
export { classifyJsonBatch } from "./classify-batch.ts";
export { Utf8Sink, writeClassificationLine } from "./classify-json-bytes.ts";
export type { CompactClassification } from "./classify-output.ts";
export { classificationJson, compactClassification } from "./classify-output.ts";
export type { BatchInvalidRecord, ClassifiedBatch, ParallelClassifyOptions } from "./classify-parallel.ts";
export { classifyJsonStream } from "./classify-parallel.ts";
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
// registry: patients, cohort, exports, demo
export type { ClassifyRequest } from "./classify-stored-patient.ts";
export { classifyStoredPatient } from "./classify-stored-patient.ts";
export type { CohortFilters } from "./cohort-filters.ts";
export type { CohortSummary, CountRow } from "./cohort-summary.ts";
export { cohortSummary } from "./cohort-summary.ts";
export type {
  CohortSurvivalRequest,
  CohortSurvivalResult,
  SurvivalEndpoint,
  SurvivalGrouping,
} from "./cohort-survival.ts";
export {
  cohortSurvival,
  DAYS_PER_MONTH,
  MAX_RISK_TIMES,
  SURVIVAL_ENDPOINTS,
  SURVIVAL_GROUPINGS,
  survivalFromColumns,
  survivalFromOutcomes,
} from "./cohort-survival.ts";
// plan check: DVHs from DICOM RT, DVH plot (SVG)
export type { ComputeDvhAsyncRequest, ComputeDvhRequest, DvhReport, RoiDvhReport } from "./compute-dvh.ts";
export {
  computeDvh,
  computeDvhAsync,
  DEFAULT_DVH_METRICS,
  parseMetricRequests,
  resampleCurve,
} from "./compute-dvh.ts";
// survival: Cox proportional hazards model on a CSV table
export type {
  CoxAnalysisReport,
  CoxAnalysisRequest,
  CoxCoefficientRow,
  CoxPrediction,
  CoxSurvivalAtTime,
} from "./cox-analysis.ts";
export { coxAnalysis } from "./cox-analysis.ts";
export { csvCell, csvRow } from "./csv-writer.ts";
export type { DeidentifiedRecord } from "./deidentify-patient.ts";
export { AGE_CAP_YEARS, dateShiftDays, deidentifyRecord, MAX_DATE_SHIFT_DAYS } from "./deidentify-patient.ts";
export { deletePatient } from "./delete-patient.ts";
export { derivationFingerprint } from "./derivation-fingerprint.ts";
export type { DvhPlotMarker, DvhPlotOptions, DvhPlotSeries } from "./dvh-plot.ts";
export { dvhPlotSvg } from "./dvh-plot.ts";
export type { DvhThreads } from "./dvh-pool.ts";
export { dvhWorkerThreads, startDvhWorkers, stopDvhWorkers } from "./dvh-pool.ts";
export { exportPatientsCsv, PATIENT_CSV_COLUMNS } from "./export-patients-csv.ts";
export { getPatient } from "./get-patient.ts";
export type { KmCurveReport, KmReport, KmRequest } from "./km-analysis.ts";
export { kmAnalysis } from "./km-analysis.ts";
export type { KmPlotOptions } from "./km-plot.ts";
export { kmPlotSvg } from "./km-plot.ts";
export { listPatients, MAX_PAGE_SIZE } from "./list-patients.ts";
export type { DemoLoadResult, DemoOptions } from "./load-demo-cohort.ts";
export { DEMO_ACCOUNTS, demoRecords, isDatabaseEmpty, loadDemoCohort } from "./load-demo-cohort.ts";
export type { PlotRenderers } from "./load-plots.ts";
export { loadPlotRenderers } from "./load-plots.ts";
export type { LogRankAnalysis, LogRankReport, LogRankRequest } from "./logrank-analysis.ts";
export { logRankAnalysis } from "./logrank-analysis.ts";
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
export { DERIVATION_SCHEMA, derivePatient } from "./patient-derivation.ts";
export type { PatientView } from "./patient-view.ts";
export type { RegisterResult } from "./register-patient.ts";
export { registerPatient } from "./register-patient.ts";
export { reindexStalePatients } from "./reindex-patients.ts";
export { renderPlotSvg } from "./render-svg.ts";
export { EXPORT_SECRET_SETTING, researchExport } from "./research-export.ts";
export type { RmstCurveReport, RmstDifferenceReport, RmstReport, RmstRequest } from "./rmst-analysis.ts";
export { rmstAnalysis } from "./rmst-analysis.ts";
export type { SurvivalCsvRequest, SurvivalCsvSource, SurvivalInputSummary } from "./survival-data.ts";
export type { UpdateResult } from "./update-patient.ts";
export { updatePatient } from "./update-patient.ts";
// worker threads (decision 0010)
export type { WorkerPoolOptions } from "./worker-module.ts";
export { availableThreads, newWorkerPool, workerModuleUrl } from "./worker-module.ts";
