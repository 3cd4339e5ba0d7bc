// Use case: register (import) a patient. Validated whole (every failing field) before anything
// is written; document, derived columns and audit entry commit in one transaction. Re-importing
// the identical record is idempotent (no new version); a different record under an existing id is
// a conflict (change it with update-patient).
import { getPatient, insertPatient } from "../store/index.ts";
import { type AppContext, type Caller, todayIso } from "./app-context.ts";
import { AppError } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { derivationFingerprint } from "./derivation-fingerprint.ts";
import { derivePatient } from "./patient-derivation.ts";
import { validatePatientInput } from "./patient-input.ts";
import { type PatientView, patientView } from "./patient-view.ts";

export type RegisterResult = { readonly view: PatientView; readonly created: boolean };

export async function registerPatient(
  ctx: AppContext,
  caller: Caller,
  body: unknown,
): Promise<RegisterResult> {
  authorize(caller.actor, "patient.write");
  const patient = validatePatientInput(caller.actor, body);
  const now = ctx.now().toISOString();
  const derived = derivePatient(patient, todayIso(ctx), now, derivationFingerprint());
  return ctx.store.transaction(async (trx) => {
    const existing = await getPatient(trx, patient.id);
    if (existing) {
      if (existing.siteId === patient.siteId && existing.documentHash === derived.documentHash) {
        await recordAudit(ctx, trx, caller, "patient.import_unchanged", `patient:${patient.id}`, {
          version: existing.version,
        });
        return { view: patientView(existing), created: false };
      }
      throw new AppError(
        "conflict",
        "patient_exists",
        `a different record with id "${patient.id}" exists; change it with PUT /api/patients/${encodeURIComponent(patient.id)}`,
      );
    }
    const record = {
      id: patient.id,
      siteId: patient.siteId,
      document: derived.document,
      documentHash: derived.documentHash,
      version: 1,
      createdAt: now,
      updatedAt: now,
      derived: derived.derived,
    };
    await insertPatient(trx, record);
    await recordAudit(ctx, trx, caller, "patient.create", `patient:${patient.id}`, {
      siteId: patient.siteId,
      version: 1,
    });
    return { view: patientView(record), created: true };
  });
}
