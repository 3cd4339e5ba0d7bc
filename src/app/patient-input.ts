// Validation of a patient sent by a client, and the site it is stored under.
import { issue, type Patient, parsePatient } from "../core/index.ts";
import type { Actor } from "./app-context.ts";
import { AppError, invalid } from "./app-error.ts";

/** Validates the record (every failing field) and returns it with its site decided. */
export function validatePatientInput(
  actor: Actor,
  body: unknown,
  currentSiteId?: string,
): Patient & { siteId: string } {
  const parsed = parsePatient(body);
  if (!parsed.ok) throw invalid("the patient record is invalid", parsed.issues);
  const p = parsed.value;
  let siteId = p.siteId ?? currentSiteId;
  if (siteId === undefined) {
    if (actor.kind === "user" && actor.role === "clinician" && actor.siteId !== null) siteId = actor.siteId;
    else
      throw invalid("the patient record is invalid", [
        issue("required", "siteId", "siteId (the treating site) is required"),
      ]);
  }
  if (actor.kind === "user" && actor.role === "clinician" && siteId !== actor.siteId) {
    throw new AppError(
      "forbidden",
      "site_forbidden",
      `a clinician of site ${actor.siteId ?? "(none)"} cannot store patients of site ${siteId}`,
    );
  }
  return { ...p, siteId };
}
