// Use case: re-derive the cohort columns of every patient whose stored derivation is older than
// the running code (a new release changed a clinical rule), in batches. Run at server start.
import { parsePatient } from "../core/index.ts";
import { getPatient, listPatientKeys, updatePatientDerived } from "../store/index.ts";
import { type AppContext, systemCaller, todayIso } from "./app-context.ts";
import { recordAudit } from "./audit-trail.ts";
import { derivationFingerprint } from "./derivation-fingerprint.ts";
import { derivePatient } from "./patient-derivation.ts";

export async function reindexStalePatients(
  ctx: AppContext,
  onProgress?: (done: number) => void,
): Promise<{ reindexed: number; invalid: string[] }> {
  const version = derivationFingerprint();
  const asOf = todayIso(ctx);
  let reindexed = 0;
  const invalid: string[] = [];
  let afterId: string | undefined;
  for (;;) {
    const keys = await listPatientKeys(ctx.store.db, {
      limit: 200,
      notDerivedVersion: version,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    if (keys.length === 0) break;
    afterId = keys[keys.length - 1]?.id;
    await ctx.store.transaction(async (trx) => {
      for (const k of keys) {
        const row = await getPatient(trx, k.id);
        if (!row) continue;
        const parsed = parsePatient(JSON.parse(row.document));
        if (!parsed.ok) {
          // a record valid under an older model: keep it, report it (an editor must fix it)
          invalid.push(row.id);
          continue;
        }
        const d = derivePatient(parsed.value, asOf, ctx.now().toISOString(), version);
        if (await updatePatientDerived(trx, row.id, row.version, d.derived)) reindexed += 1;
      }
    });
    onProgress?.(reindexed);
  }
  if (reindexed > 0 || invalid.length > 0) {
    await ctx.store.transaction((trx) =>
      recordAudit(ctx, trx, systemCaller("reindex"), "patients.reindex", null, {
        derivedVersion: version,
        reindexed,
        invalid: invalid.slice(0, 100),
      }),
    );
  }
  return { reindexed, invalid };
}
