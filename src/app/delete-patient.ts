// Use case: delete a patient (admin only). The audit log keeps the fact and the document hash.
import { deletePatient as deletePatientRow, getPatient } from "../store/index.ts";
import type { AppContext, Caller } from "./app-context.ts";
import { AppError } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";

export async function deletePatient(ctx: AppContext, caller: Caller, id: string): Promise<void> {
  authorize(caller.actor, "patient.delete");
  await ctx.store.transaction(async (trx) => {
    const existing = await getPatient(trx, id);
    if (!existing) throw new AppError("not_found", "patient_not_found", `no patient "${id}"`);
    await deletePatientRow(trx, id);
    await recordAudit(ctx, trx, caller, "patient.delete", `patient:${id}`, {
      siteId: existing.siteId,
      version: existing.version,
      documentHash: existing.documentHash,
    });
  });
}
