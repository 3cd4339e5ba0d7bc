// Use case: counts of patients by ESTRO/EORTC state and by primary for a cohort filter.
// Aggregate (de-identified): researchers see every site, clinicians their own.
import {
  ESTRO_EORTC_LABELS,
  NON_OMD_CODES,
  OMD_CATEGORY_CODES,
  PRIMARY_SITE_LABELS,
  type PrimarySite,
} from "../core/index.ts";
import { cohortCounts } from "../store/index.ts";
import type { AppContext, Caller } from "./app-context.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { type CohortFilters, filtersForAudit, toPatientFilter } from "./cohort-filters.ts";

export type CountRow = { readonly code: string; readonly label: string; readonly count: number };
export type CohortSummary = {
  readonly total: number;
  readonly byState: CountRow[];
  readonly byPrimary: CountRow[];
};

const STATE_ORDER: readonly string[] = [...OMD_CATEGORY_CODES, ...NON_OMD_CODES];

export async function cohortSummary(
  ctx: AppContext,
  caller: Caller,
  filters: CohortFilters,
): Promise<CohortSummary> {
  authorize(caller.actor, "cohort.analytics");
  const counts = await cohortCounts(ctx.store.db, toPatientFilter(caller.actor, filters, true));
  const stateCount = new Map(counts.byState.map((s) => [s.key, s.count]));
  const byState = STATE_ORDER.map((code) => ({
    code,
    label: ESTRO_EORTC_LABELS[code as keyof typeof ESTRO_EORTC_LABELS],
    count: stateCount.get(code) ?? 0,
  }));
  const byPrimary = counts.byPrimary
    .map((p) => ({ code: p.key, label: PRIMARY_SITE_LABELS[p.key as PrimarySite] ?? p.key, count: p.count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  await ctx.store.transaction((trx) =>
    recordAudit(ctx, trx, caller, "cohort.summary", null, {
      filters: filtersForAudit(filters),
      total: counts.total,
    }),
  );
  return { total: counts.total, byState, byPrimary };
}
