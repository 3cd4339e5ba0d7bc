// Use case: de-identified research export as NDJSON (one record a line), every site
// (admin, researcher). Keyed pseudonyms and date shifts use a secret kept in the database
// (settings key research_export_secret, created on first use): the same patient gets the same
// pseudonym and shift in every export, and nobody without the secret can reverse them.
import { countPatients, getOrInitSetting, listPatientRecords } from "../store/index.ts";
import { type AppContext, type Caller, randomToken } from "./app-context.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { type CohortFilters, filtersForAudit, toPatientFilter } from "./cohort-filters.ts";
import { deidentifyRecord } from "./deidentify-patient.ts";

export const EXPORT_SECRET_SETTING = "research_export_secret";
const BATCH = 500;

export async function researchExport(
  ctx: AppContext,
  caller: Caller,
  filters: CohortFilters,
): Promise<{ rows: number; lines: AsyncGenerator<string> }> {
  authorize(caller.actor, "export.research");
  const filter = toPatientFilter(caller.actor, filters, true);
  const secret = await getOrInitSetting(ctx.store.db, EXPORT_SECRET_SETTING, () => randomToken(ctx, 32));
  const rows = await countPatients(ctx.store.db, filter);
  await ctx.store.transaction((trx) =>
    recordAudit(ctx, trx, caller, "export.research", null, { filters: filtersForAudit(filters), rows }),
  );
  async function* lines(): AsyncGenerator<string> {
    let afterId: string | undefined;
    for (;;) {
      const batch = await listPatientRecords(ctx.store.db, {
        limit: BATCH,
        filter,
        ...(afterId !== undefined ? { afterId } : {}),
      });
      if (batch.length === 0) return;
      // id order would leak the registry's id sequence; records are written in pseudonym order per batch
      const out = batch
        .map((r) => deidentifyRecord(r, secret))
        .sort((a, b) => (a.pseudoId < b.pseudoId ? -1 : 1));
      yield out.map((r) => `${JSON.stringify(r)}\n`).join("");
      afterId = batch[batch.length - 1]?.id;
    }
  }
  return { rows, lines: lines() };
}
