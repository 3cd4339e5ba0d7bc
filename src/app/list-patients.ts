// Use case: one page of the patient list (clinician: own site; admin: all; researcher: no access).
// The audit entry names the filters and the ids returned.
import { listPatients as listPatientRows, type PatientListItem } from "../store/index.ts";
import type { AppContext, Caller } from "./app-context.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { type CohortFilters, filtersForAudit, toPatientFilter } from "./cohort-filters.ts";

export const MAX_PAGE_SIZE = 200;

export async function listPatients(
  ctx: AppContext,
  caller: Caller,
  filters: CohortFilters,
  page: { readonly limit: number; readonly offset: number },
): Promise<{ total: number; items: PatientListItem[] }> {
  authorize(caller.actor, "patient.read");
  const filter = toPatientFilter(caller.actor, filters, false);
  const result = await listPatientRows(ctx.store.db, filter, {
    limit: Math.min(Math.max(1, page.limit), MAX_PAGE_SIZE),
    offset: Math.max(0, page.offset),
  });
  await ctx.store.transaction((trx) =>
    recordAudit(ctx, trx, caller, "patient.list", null, {
      filters: filtersForAudit(filters),
      offset: page.offset,
      total: result.total,
      ids: result.items.map((i) => i.id),
    }),
  );
  return result;
}
