// Typed client of the Oligoscope HTTP API (contract: docs/api.md). One method per route; every
// failure becomes an ApiError (status, code, message, issues). The session is the HttpOnly cookie
// the server sets; this client only keeps the CSRF token and sends it on state-changing requests.
import { ApiError, apiErrorFromBody } from "./errors.ts";
import type {
  AuditEntry,
  AuditVerification,
  Classification,
  CohortFilters,
  CohortSummary,
  DefinitionPreset,
  Health,
  NewUser,
  PatientDetail,
  PatientInput,
  PatientList,
  PatientListQuery,
  PlanCheckResult,
  PlanCheckUpload,
  Session,
  SurvivalRequest,
  SurvivalResult,
  UserAccount,
} from "./types.ts";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type ApiClientOptions = {
  /** origin + prefix of the API, "" for the page's own origin */
  readonly baseUrl?: string;
  readonly fetch?: FetchLike;
  /** called on every 401 except from login and me, so the app can return to the login page */
  readonly onUnauthorized?: () => void;
};

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

type Query = Readonly<Record<string, string | number | undefined>>;

/** `?a=1&b=x` from the defined, non-empty values, in the given key order; "" when none. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "") continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s === "" ? "" : `?${s}`;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === "") return undefined;
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
  return text;
}

export class ApiClient {
  readonly #baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #onUnauthorized: (() => void) | undefined;
  #csrfToken: string | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.#baseUrl = options.baseUrl ?? "";
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#onUnauthorized = options.onUnauthorized;
  }

  /** The CSRF token of the current session (set by login and me). */
  get csrfToken(): string | undefined {
    return this.#csrfToken;
  }

  /** Absolute URL of an API path, for links (CSV/NDJSON downloads). */
  url(path: string): string {
    return `${this.#baseUrl}${path}`;
  }

  async #request<T>(
    method: Method,
    path: string,
    options: {
      body?: unknown;
      form?: FormData;
      notifyUnauthorized?: boolean;
      headers?: Readonly<Record<string, string>>;
    } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    let body: BodyInit | undefined;
    if (options.form !== undefined) {
      body = options.form;
    } else if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    if (method !== "GET" && this.#csrfToken !== undefined) headers["x-csrf-token"] = this.#csrfToken;
    let res: Response;
    try {
      const init: RequestInit = { method, headers, credentials: "same-origin" };
      if (body !== undefined) init.body = body;
      res = await this.#fetch(this.url(path), init);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new ApiError(0, "network_error", detail);
    }
    const parsed = await readBody(res);
    if (!res.ok) {
      const error = apiErrorFromBody(res.status, parsed);
      if (res.status === 401 && options.notifyUnauthorized !== false) this.#onUnauthorized?.();
      throw error;
    }
    return parsed as T;
  }

  // --- auth -------------------------------------------------------------------------------

  async login(username: string, password: string): Promise<Session> {
    const session = await this.#request<Session>("POST", "/api/auth/login", {
      body: { username, password },
      notifyUnauthorized: false,
    });
    this.#csrfToken = session.csrfToken;
    return session;
  }

  async logout(): Promise<void> {
    try {
      await this.#request<undefined>("POST", "/api/auth/logout", { notifyUnauthorized: false });
    } finally {
      this.#csrfToken = undefined;
    }
  }

  /** The signed-in user, or null when there is no valid session (401). */
  async me(): Promise<Session | null> {
    try {
      const session = await this.#request<Session>("GET", "/api/auth/me", { notifyUnauthorized: false });
      this.#csrfToken = session.csrfToken;
      return session;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        this.#csrfToken = undefined;
        return null;
      }
      throw err;
    }
  }

  // --- patients ---------------------------------------------------------------------------

  listPatients(query: PatientListQuery = {}): Promise<PatientList> {
    return this.#request("GET", `/api/patients${queryString(query)}`);
  }

  getPatient(id: string): Promise<PatientDetail> {
    return this.#request("GET", `/api/patients/${encodeURIComponent(id)}`);
  }

  createPatient(patient: PatientInput): Promise<PatientDetail> {
    return this.#request("POST", "/api/patients", { body: patient });
  }

  /**
   * Replaces a record. With `version` (from getPatient) the server refuses with 409 when someone
   * saved the record in the meantime, instead of overwriting their change.
   */
  updatePatient(id: string, patient: PatientInput, version?: number): Promise<PatientDetail> {
    return this.#request("PUT", `/api/patients/${encodeURIComponent(id)}`, {
      body: patient,
      ...(version !== undefined ? { headers: { "if-match": `"v${version}"` } } : {}),
    });
  }

  deletePatient(id: string): Promise<void> {
    return this.#request("DELETE", `/api/patients/${encodeURIComponent(id)}`);
  }

  classify(id: string, options: { asOf?: string; gate?: string } = {}): Promise<Classification> {
    return this.#request(
      "GET",
      `/api/patients/${encodeURIComponent(id)}/classification${queryString({ asOf: options.asOf, gate: options.gate })}`,
    );
  }

  definitions(): Promise<readonly DefinitionPreset[]> {
    return this.#request("GET", "/api/definitions");
  }

  // --- cohort and analytics ---------------------------------------------------------------

  cohortSummary(filters: CohortFilters = {}): Promise<CohortSummary> {
    return this.#request("GET", `/api/cohort/summary${queryString(filters)}`);
  }

  survival(request: SurvivalRequest): Promise<SurvivalResult> {
    return this.#request("POST", "/api/analytics/survival", { body: request });
  }

  // --- plan check -------------------------------------------------------------------------

  planCheck(upload: PlanCheckUpload): Promise<PlanCheckResult> {
    const form = new FormData();
    // text fields first: multipart parsers read fields in order
    form.set("constraints", upload.constraints ?? "tg101");
    if (upload.fractions !== undefined) form.set("fractions", String(upload.fractions));
    if (upload.map !== undefined && upload.map.trim() !== "") form.set("map", upload.map);
    form.set("rtdose", upload.rtdose, fileName(upload.rtdose, "rtdose.dcm"));
    form.set("rtstruct", upload.rtstruct, fileName(upload.rtstruct, "rtstruct.dcm"));
    if (upload.rtplan !== undefined) form.set("rtplan", upload.rtplan, fileName(upload.rtplan, "rtplan.dcm"));
    return this.#request("POST", "/api/plan-check", { form });
  }

  // --- operations and admin ---------------------------------------------------------------

  health(): Promise<Health> {
    return this.#request("GET", "/api/health");
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.#request("GET", "/api/audit/verify");
  }

  /** The most recent audit entries, newest first (optionally of one resource, e.g. "patient:P-001"). */
  async auditEntries(options: { resource?: string; limit?: number } = {}): Promise<readonly AuditEntry[]> {
    const r = await this.#request<{ items: readonly AuditEntry[] }>(
      "GET",
      `/api/audit/entries${queryString({ resource: options.resource, limit: options.limit })}`,
    );
    return r.items;
  }

  async users(): Promise<readonly UserAccount[]> {
    const r = await this.#request<{ items: readonly UserAccount[] }>("GET", "/api/users");
    return r.items;
  }

  async createUser(user: NewUser): Promise<UserAccount> {
    const r = await this.#request<{ user: UserAccount }>("POST", "/api/users", { body: user });
    return r.user;
  }
}

function fileName(blob: Blob, fallback: string): string {
  return typeof File !== "undefined" && blob instanceof File && blob.name !== "" ? blob.name : fallback;
}
