// Use case: replace a patient's record (full document). Validated whole first; optimistic
// concurrency on the version (If-Match); an identical document keeps its version.
import { issue } from "../core/index.ts";
import { getPatient, updatePatient as updatePatientRow } from "../store/index.ts";
import { type AppContext, type Caller, todayIso } from "./app-context.ts";
import { AppError, invalid } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { derivationFingerprint } from "./derivation-fingerprint.ts";
import { derivePatient } from "./patient-derivation.ts";
import { validatePatientInput } from "./patient-input.ts";
import { authorizePatientSite } from "./patient-site-access.ts";
import { type PatientView, patientView } from "./patient-view.ts";

export type UpdateResult = { readonly view: PatientView; readonly changed: boolean };

export async function updatePatient(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: unknown,
  expectedVersion?: number,
): Promise<UpdateResult> {
  authorize(caller.actor, "patient.write");
  const current = await getPatient(ctx.store.db, id);
  if (!current) throw new AppError("not_found", "patient_not_found", `no patient "${id}"`);
  await authorizePatientSite(ctx, caller, "patient.write", id, current.siteId);
  const patient = validatePatientInput(caller.actor, body, current.siteId);
  if (patient.id !== id) {
    throw invalid("the patient record is invalid", [
      issue("id_mismatch", "id", `must equal the id in the URL ("${id}"); ids cannot be changed`),
    ]);
  }
  const now = ctx.now().toISOString();
  const derived = derivePatient(patient, todayIso(ctx), now, derivationFingerprint());
  return ctx.store.transaction(async (trx) => {
    const existing = await getPatient(trx, id);
    if (!existing) throw new AppError("not_found", "patient_not_found", `no patient "${id}"`);
    if (expectedVersion !== undefined && existing.version !== expectedVersion) {
      throw new AppError(
        "conflict",
        "version_conflict",
        `the record was changed meanwhile (version ${existing.version}, you edited version ${expectedVersion}); reload it`,
      );
    }
    if (existing.documentHash === derived.documentHash && existing.siteId === patient.siteId) {
      await recordAudit(ctx, trx, caller, "patient.update", `patient:${id}`, {
        version: existing.version,
        changed: false,
      });
      return { view: patientView(existing), changed: false };
    }
    const record = {
      id,
      siteId: patient.siteId,
      document: derived.document,
      documentHash: derived.documentHash,
      version: existing.version + 1,
      createdAt: existing.createdAt,
      updatedAt: now,
      derived: derived.derived,
    };
    if (!(await updatePatientRow(trx, record, existing.version))) {
      throw new AppError("conflict", "version_conflict", "the record was changed meanwhile; reload it");
    }
    await recordAudit(ctx, trx, caller, "patient.update", `patient:${id}`, {
      version: record.version,
      changed: true,
      ...(record.siteId !== existing.siteId
        ? { siteId: record.siteId, previousSiteId: existing.siteId }
        : {}),
    });
    return { view: patientView(record), changed: true };
  });
}
