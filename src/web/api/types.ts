// Shapes of the HTTP API's requests and responses, exactly as in the contract (docs/api.md).
// The patient record and the classification output are the core's own types, so the browser,
// the server and the CLI share one definition.
import type { Patient, PatientClassification, PatientInput } from "../../core/index.ts";

export type { Patient, PatientInput };
export type Classification = PatientClassification;

export type Role = "admin" | "clinician" | "researcher";

export type User = {
  readonly username: string;
  readonly role: Role;
  /** treating centre of a clinician; null for admins and researchers without a site */
  readonly siteId: string | null;
};

export type Session = { readonly user: User; readonly csrfToken: string };

export type PatientListQuery = {
  readonly q?: string;
  readonly primarySite?: string;
  readonly state?: string;
  readonly treatment?: string;
  readonly siteId?: string;
  /** index date from (YYYY-MM-DD, inclusive) */
  readonly from?: string;
  /** index date to (YYYY-MM-DD, inclusive) */
  readonly to?: string;
  readonly limit?: number;
  readonly offset?: number;
};

export type PatientListItem = {
  readonly id: string;
  readonly siteId: string;
  readonly name: string | null;
  readonly birthYear: number | null;
  readonly sex: string | null;
  readonly primarySite: string;
  readonly indexDate: string | null;
  readonly stateCode: string;
  readonly stateLabel: string;
  readonly updatedAt: string;
};

export type PatientList = { readonly total: number; readonly items: readonly PatientListItem[] };

export type PatientDetail = {
  readonly patient: Patient;
  readonly classification: Classification;
  /** stored version (ETag "v<version>"), sent back as If-Match so a concurrent change is refused (409) */
  readonly version?: number;
  readonly updatedAt?: string;
};

/** GET /api/definitions: the OMD definition presets (core listDefinitions). */
export type DefinitionPreset = {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly summary?: string;
};

export type CountRow = { readonly code: string; readonly label: string; readonly count: number };

export type CohortSummary = {
  readonly total: number;
  readonly byState: readonly CountRow[];
  readonly byPrimary: readonly CountRow[];
};

export type CohortFilters = {
  readonly primarySite?: string;
  readonly state?: string;
  readonly treatment?: string;
  readonly siteId?: string;
  readonly from?: string;
  readonly to?: string;
};

export type SurvivalEndpoint = "os" | "pfs";
export type SurvivalGroupBy = "state" | "primarySite" | "localTherapy" | "none";

export type SurvivalRequest = {
  readonly endpoint: SurvivalEndpoint;
  readonly groupBy: SurvivalGroupBy;
  readonly filters?: CohortFilters;
  /** times (months) for the number-at-risk table */
  readonly times?: readonly number[];
};

export type SurvivalCurve = {
  readonly time: readonly number[];
  readonly survival: readonly number[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
};

export type SurvivalGroup = {
  readonly key: string;
  readonly label: string;
  readonly n: number;
  readonly events: number;
  readonly curve: SurvivalCurve;
  readonly median: {
    readonly value: number | null;
    readonly lower: number | null;
    readonly upper: number | null;
  };
};

export type CoxTerm = {
  readonly name: string;
  readonly hr: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
};

export type SurvivalResult = {
  readonly endpoint: SurvivalEndpoint;
  readonly timeUnit: "months";
  readonly groups: readonly SurvivalGroup[];
  readonly numberAtRisk: {
    readonly times: readonly number[];
    readonly byGroup: Readonly<Record<string, readonly number[]>>;
  };
  readonly logRank: { readonly chisq: number; readonly df: number; readonly p: number } | null;
  readonly cox: {
    readonly terms: readonly CoxTerm[];
    readonly n: number;
    readonly events: number;
    /** the reference group of the hazard ratios */
    readonly reference?: string;
  } | null;
  /** patients matching the filters */
  readonly matched?: number;
  /** of those, without a time for the endpoint (no index date: never OMD) */
  readonly excluded?: number;
  /** why log-rank / Cox are missing, and other remarks */
  readonly warnings?: readonly string[];
};

export type PlanCheckRoi = {
  readonly name: string;
  readonly number: number;
  readonly volumeCc: number;
  /** null for a structure without dose (no closed contour in the grid) */
  readonly minGy: number | null;
  readonly meanGy: number | null;
  readonly maxGy: number | null;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly curve: { readonly doseGy: readonly number[]; readonly volumeCc: readonly number[] };
  readonly warnings: readonly string[];
};

/** core evaluateConstraints: the deciding (mandatory) limit met, only the optimal one missed, etc. */
export type ConstraintStatus =
  | "pass"
  | "optimal_missed"
  | "mandatory_failed"
  | "not_evaluated"
  | (string & {});

export type PlanCheckConstraint = {
  readonly organ: string;
  /** ROI the constraint was evaluated on; null when no structure matched the organ */
  readonly roi: string | null;
  readonly metric: string;
  readonly value: number | null;
  /** the deciding (mandatory) limit, in limitUnit */
  readonly limit: number | null;
  readonly limitUnit?: string | null;
  /** the optional stricter limit */
  readonly optimalLimit?: number | null;
  /** limit - value at the deciding level (negative = exceeded) */
  readonly margin: number | null;
  readonly status: ConstraintStatus;
  /** why it was not evaluated (or other remark) */
  readonly reason?: string | null;
  readonly source: string;
};

export type PlanCheckResult = {
  readonly rois: readonly PlanCheckRoi[];
  /** structures whose DVH could not be computed, with the reasons */
  readonly failedRois?: readonly {
    readonly name: string;
    readonly number: number;
    readonly reasons: readonly string[];
  }[];
  readonly constraints: readonly PlanCheckConstraint[];
  readonly constraintSet?: {
    readonly id: string;
    readonly name: string;
    readonly version?: string;
    readonly citation?: string;
  };
  readonly fractions: number | null;
  readonly fractionsFrom?: "request" | "rtplan";
  /** Dmax definition, e.g. "D0.035cc" */
  readonly dmax?: string;
  /** ROIs not matched to any organ of the set */
  readonly unmappedRois?: readonly string[];
  readonly warnings: readonly string[];
};

export type PlanCheckUpload = {
  readonly rtdose: Blob;
  readonly rtstruct: Blob;
  readonly rtplan?: Blob;
  /** constraint set id, default `tg101` */
  readonly constraints?: string;
  readonly fractions?: number;
  /** lines `ROI=organ` */
  readonly map?: string;
};

export type Health = { readonly ok: boolean; readonly database: "sqlite" | "postgres" };

export type AuditVerification = {
  readonly ok: boolean;
  readonly entries: number;
  /** sequence number of the first entry whose hash does not chain, null when intact */
  readonly firstBadEntry: number | null;
  readonly reason?: string | null;
  readonly headHash?: string;
};

/** GET /api/audit/entries: one append-only audit entry. */
export type AuditEntry = {
  readonly seq: number;
  /** ISO instant */
  readonly at: string;
  readonly actor: string;
  readonly role: string | null;
  readonly siteId: string | null;
  /** e.g. "patient.read", "auth.login_failed" */
  readonly action: string;
  /** e.g. "patient:P-001"; null for cohort-wide actions */
  readonly resource: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly ip: string | null;
};

/** GET /api/users: an account as the admin sees it. */
export type UserAccount = User & { readonly createdAt: string; readonly disabled: boolean };

export type NewUser = {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly siteId: string | null;
};
