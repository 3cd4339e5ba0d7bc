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

export type PatientDetail = { readonly patient: Patient; readonly classification: Classification };

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
  readonly cox: { readonly terms: readonly CoxTerm[]; readonly n: number; readonly events: number } | null;
};

export type PlanCheckRoi = {
  readonly name: string;
  readonly number: number;
  readonly volumeCc: number;
  readonly minGy: number;
  readonly meanGy: number;
  readonly maxGy: number;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly curve: { readonly doseGy: readonly number[]; readonly volumeCc: readonly number[] };
  readonly warnings: readonly string[];
};

export type ConstraintStatus = "pass" | "fail" | "not_evaluated" | (string & {});

export type PlanCheckConstraint = {
  readonly organ: string;
  readonly roi: string | null;
  readonly metric: string;
  readonly value: number | null;
  readonly limit: number | string;
  readonly margin: number | null;
  readonly status: ConstraintStatus;
  readonly source: string;
};

export type PlanCheckResult = {
  readonly rois: readonly PlanCheckRoi[];
  readonly constraints: readonly PlanCheckConstraint[];
  readonly fractions: number | null;
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
  readonly firstBadEntry: unknown;
};

export type NewUser = {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly siteId: string | null;
};
