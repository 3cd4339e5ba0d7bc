// Table shapes of the Oligoscope database, as Kysely sees them. One query path for SQLite and
// PostgreSQL: booleans are integers 0/1, dates are `YYYY-MM-DD` text, instants are ISO-8601 UTC
// text, JSON is text. Column names are snake_case; see migrations/ for the DDL.
export type Role = "admin" | "clinician" | "researcher";
export const ROLES: readonly Role[] = ["admin", "clinician", "researcher"];

export interface UsersTable {
  id: string;
  username: string;
  /** Argon2id PHC string */
  password_hash: string;
  role: Role;
  /** clinician: the site whose patients they see; null for admin/researcher */
  site_id: string | null;
  created_at: string;
  /** 1 = may not log in */
  disabled: number;
}

export interface SessionsTable {
  /** sha256(hex) of the session token; the token itself is only in the cookie */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** absolute expiry (ISO instant) */
  expires_at: string;
  ip: string | null;
}

export interface PatientsTable {
  id: string;
  site_id: string;
  /** the validated patient model JSON (src/core/model) */
  document: string;
  /** sha256 of the canonical document, for idempotent re-import */
  document_hash: string;
  /** 1 on create, +1 on every change */
  version: number;
  created_at: string;
  updated_at: string;
  // --- denormalised, recomputed from the document on every write (never edited directly) ---
  name: string | null;
  /** lower-case id, name and MRN for `q` search */
  search_text: string;
  birth_year: number | null;
  sex: string | null;
  primary_site: string;
  /** index date of the classification (origin of OS/PFS) */
  index_date: string | null;
  state_code: string;
  state_label: string;
  first_omd_date: string | null;
  first_omd_code: string | null;
  /** classification output JSON as of `classified_at` */
  classification: string;
  classified_at: string;
  /** version of the derivation code that filled these columns (reindex when it changes) */
  derived_version: string;
  os_days: number | null;
  os_event: number;
  pfs_days: number | null;
  pfs_event: number;
  /** first local therapy of metastases after the index date: sbrt | surgery | ablation | other | none */
  local_therapy: string;
  has_sbrt: number;
  has_surgery: number;
  has_ablation: number;
  has_systemic: number;
}

export interface AuditLogTable {
  /** 1, 2, 3 ... without gaps */
  seq: number;
  at: string;
  actor: string;
  role: string | null;
  site_id: string | null;
  action: string;
  resource: string | null;
  /** JSON object */
  details: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** Login rate limit shared by all server processes (migration 0003). */
export interface LoginAttemptsTable {
  /** the rate-limit key: client IP + username tried */
  key: string;
  /** attempts in the current window */
  attempts: number;
  /** end of the current window, epoch ms (PostgreSQL bigint: read back as a string, use Number()) */
  window_ends_ms: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  patients: PatientsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  login_attempts: LoginAttemptsTable;
}
