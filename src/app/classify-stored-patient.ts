// Use case: classify a stored patient with chosen options (as-of date, OMD gate preset) without
// changing the record. Audited as a read of the patient.
import {
  classifyPatient,
  type GateId,
  isGateId,
  issue,
  type PatientClassification,
  parsePatient,
  prepareClassifyOptions,
} from "../core/index.ts";
import { getPatient as getPatientRow } from "../store/index.ts";
import { type AppContext, type Caller, todayIso } from "./app-context.ts";
import { AppError, invalid } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { authorizePatientSite } from "./patient-site-access.ts";

export type ClassifyRequest = { readonly asOf?: string | undefined; readonly gate?: string | undefined };

export async function classifyStoredPatient(
  ctx: AppContext,
  caller: Caller,
  id: string,
  request: ClassifyRequest,
): Promise<PatientClassification> {
  authorize(caller.actor, "patient.read");
  if (request.gate !== undefined && !isGateId(request.gate)) {
    throw invalid("unknown gate preset", [
      issue("invalid_value", "gate", `unknown OMD gate preset "${request.gate}"`),
    ]);
  }
  const options = prepareClassifyOptions({
    asOf: request.asOf ?? todayIso(ctx),
    ...(request.gate !== undefined ? { gate: request.gate as GateId } : {}),
  });
  if (!options.ok) throw invalid("invalid classification options", options.issues);
  const row = await getPatientRow(ctx.store.db, id);
  if (!row) throw new AppError("not_found", "patient_not_found", `no patient "${id}"`);
  await authorizePatientSite(ctx, caller, "patient.read", id, row.siteId);
  const parsed = parsePatient(JSON.parse(row.document));
  if (!parsed.ok)
    throw new Error(`stored patient ${id} no longer validates: ${parsed.issues[0]?.message ?? ""}`);
  await ctx.store.transaction((trx) =>
    recordAudit(ctx, trx, caller, "patient.classify", `patient:${id}`, {
      asOf: options.value.asOf,
      gate: options.value.gate.id,
    }),
  );
  return classifyPatient(parsed.value, options.value);
}
