// Cohort filters shared by the patient list, cohort summary, survival analysis and exports, and
// their translation to a store filter within the actor's site scope.
import { issue } from "../core/index.ts";
import type { PatientFilter, TreatmentFilter } from "../store/index.ts";
import type { Actor } from "./app-context.ts";
import { invalid } from "./app-error.ts";
import { scopedSites } from "./authorization.ts";

export type CohortFilters = {
  /** case-insensitive text in id, name or MRN (identifying: not allowed in de-identified analytics) */
  readonly q?: string | undefined;
  readonly primarySite?: readonly string[] | undefined;
  /** ESTRO/EORTC codes */
  readonly state?: readonly string[] | undefined;
  readonly treatment?: readonly TreatmentFilter[] | undefined;
  readonly siteId?: readonly string[] | undefined;
  /** index date on or after */
  readonly from?: string | undefined;
  /** index date on or before */
  readonly to?: string | undefined;
};

/**
 * The store filter for an actor: clinicians are held to their site (asking for another site is
 * 403); in de-identified analytics a researcher may not search by name or id (`q`).
 */
export function toPatientFilter(actor: Actor, f: CohortFilters, deidentified: boolean): PatientFilter {
  if (
    deidentified &&
    f.q !== undefined &&
    f.q !== "" &&
    actor.kind === "user" &&
    actor.role === "researcher"
  ) {
    throw invalid("text search is not available in de-identified analytics", [
      issue("not_allowed", "q", "searching by name, id or MRN is not available to researchers"),
    ]);
  }
  const siteIds = scopedSites(actor, f.siteId !== undefined && f.siteId.length > 0 ? f.siteId : undefined);
  return {
    ...(siteIds !== undefined ? { siteIds } : {}),
    ...(f.q !== undefined && f.q !== "" ? { q: f.q } : {}),
    ...(f.primarySite && f.primarySite.length > 0 ? { primarySites: f.primarySite } : {}),
    ...(f.state && f.state.length > 0 ? { stateCodes: f.state } : {}),
    ...(f.treatment && f.treatment.length > 0 ? { treatments: f.treatment } : {}),
    ...(f.from !== undefined ? { from: f.from } : {}),
    ...(f.to !== undefined ? { to: f.to } : {}),
  };
}

/** The filters as recorded in the audit log (only the ones given). */
export function filtersForAudit(f: CohortFilters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0) || v === "") continue;
    out[k] = v;
  }
  return out;
}
