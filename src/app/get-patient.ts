// Use case: read one patient (document + stored classification). Site-checked and audited: the
// audit entry is committed before the data are returned (group commit: concurrent reads share one
// transaction, each waits for its commit).
import { getPatientPage } from "../store/index.ts";
import type { AppContext, Caller } from "./app-context.ts";
import { AppError } from "./app-error.ts";
import { recordAuditCommitted } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { authorizePatientSite } from "./patient-site-access.ts";
import { type PatientView, patientPageView } from "./patient-view.ts";

export async function getPatient(ctx: AppContext, caller: Caller, id: string): Promise<PatientView> {
  authorize(caller.actor, "patient.read");
  const row = await getPatientPage(ctx.store.db, id);
  if (!row) throw new AppError("not_found", "patient_not_found", `no patient "${id}"`);
  await authorizePatientSite(ctx, caller, "patient.read", id, row.siteId);
  await recordAuditCommitted(ctx, caller, "patient.read", `patient:${id}`, { version: row.version });
  return patientPageView(row);
}
