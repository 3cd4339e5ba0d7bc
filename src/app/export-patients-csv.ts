// Use case: the patient list as CSV for the treating team (clinician: own site; admin: all).
// Identifying (names, MRN, dates): for research use the de-identified export. Audited with the
// filters and the number of rows before the first row is produced.
import { countPatients, listPatientRecords } from "../store/index.ts";
import type { AppContext, Caller } from "./app-context.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { type CohortFilters, filtersForAudit, toPatientFilter } from "./cohort-filters.ts";
import { csvRow } from "./csv-writer.ts";

export const PATIENT_CSV_COLUMNS = [
  "id",
  "site_id",
  "name",
  "mrn",
  "birth_year",
  "sex",
  "primary_site",
  "index_date",
  "state_code",
  "state_label",
  "first_omd_date",
  "first_omd_code",
  "os_days",
  "os_event",
  "pfs_days",
  "pfs_event",
  "local_therapy",
  "sbrt",
  "surgery",
  "ablation",
  "systemic_therapy",
  "version",
  "updated_at",
] as const;

const BATCH = 500;

export async function exportPatientsCsv(
  ctx: AppContext,
  caller: Caller,
  filters: CohortFilters,
): Promise<{ rows: number; lines: AsyncGenerator<string> }> {
  authorize(caller.actor, "export.csv");
  const filter = toPatientFilter(caller.actor, filters, false);
  const rows = await countPatients(ctx.store.db, filter);
  await ctx.store.transaction((trx) =>
    recordAudit(ctx, trx, caller, "export.csv", null, { filters: filtersForAudit(filters), rows }),
  );
  async function* lines(): AsyncGenerator<string> {
    yield csvRow(PATIENT_CSV_COLUMNS);
    let afterId: string | undefined;
    for (;;) {
      const batch = await listPatientRecords(ctx.store.db, {
        limit: BATCH,
        filter,
        ...(afterId !== undefined ? { afterId } : {}),
      });
      if (batch.length === 0) return;
      let chunk = "";
      for (const r of batch) {
        const doc = JSON.parse(r.document) as { mrn?: string };
        const d = r.derived;
        chunk += csvRow([
          r.id,
          r.siteId,
          d.name,
          doc.mrn,
          d.birthYear,
          d.sex,
          d.primarySite,
          d.indexDate,
          d.stateCode,
          d.stateLabel,
          d.firstOmdDate,
          d.firstOmdCode,
          d.osDays,
          d.osDays === null ? null : d.osEvent ? 1 : 0,
          d.pfsDays,
          d.pfsDays === null ? null : d.pfsEvent ? 1 : 0,
          d.localTherapy,
          d.hasSbrt ? 1 : 0,
          d.hasSurgery ? 1 : 0,
          d.hasAblation ? 1 : 0,
          d.hasSystemic ? 1 : 0,
          r.version,
          r.updatedAt,
        ]);
      }
      yield chunk;
      afterId = batch[batch.length - 1]?.id;
    }
  }
  return { rows, lines: lines() };
}
