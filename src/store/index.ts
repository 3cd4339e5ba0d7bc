// store layer: persistence through Kysely on SQLite or PostgreSQL. See src/store/README.md.

export { AUDIT_GROUP_MAX_ENTRIES, appendAuditCommitted } from "./audit-group-commit.ts";
export type { AuditEntry, AuditEntryInput, AuditQuery, AuditVerification } from "./audit-log.ts";
export {
  appendAudit,
  appendAuditEntries,
  canonicalAuditEntry,
  chainHash,
  GENESIS_HASH,
  listAuditEntries,
  verifyAuditLog,
} from "./audit-log.ts";
export { canonicalJson } from "./canonical-json.ts";
export type { Database, Role } from "./database-types.ts";
export { ROLES } from "./database-types.ts";
export type { LoginAttemptCount } from "./login-attempts-repo.ts";
export { countLoginAttempt } from "./login-attempts-repo.ts";
export type { Db, Dialect, Store } from "./open-store.ts";
export { migrateToLatest, openStore, pingDatabase, StoreBusyError, StoreOpenError } from "./open-store.ts";
export type {
  CountBy,
  OutcomeGroupColumn,
  OutcomeRow,
  PatientDerived,
  PatientFilter,
  PatientListItem,
  PatientPageRow,
  PatientRecord,
  TimeToEventColumns,
  TreatmentFilter,
} from "./patients-repo.ts";
export {
  cohortCounts,
  countPatients,
  deletePatient,
  getPatient,
  getPatientPage,
  getPatientSite,
  insertPatient,
  insertPatients,
  listPatientKeys,
  listPatientRecords,
  listPatients,
  selectOutcomes,
  selectTimeToEvent,
  TREATMENT_FILTERS,
  updatePatient,
  updatePatientDerived,
} from "./patients-repo.ts";
export type { SessionRecord, SessionWithUser } from "./sessions-repo.ts";
export {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  findSession,
  insertSession,
  sessionIdFromToken,
  touchSession,
} from "./sessions-repo.ts";
export { getOrInitSetting, getSetting, putSetting } from "./settings-repo.ts";
export type { StoreConfig } from "./store-config.ts";
export { DEFAULT_DATA_DIR, redactDatabaseUrl, resolveStoreConfig, SQLITE_FILE_NAME } from "./store-config.ts";
export type { UserRecord } from "./users-repo.ts";
export {
  countUsers,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  setUserDisabled,
  updateUserPassword,
} from "./users-repo.ts";
