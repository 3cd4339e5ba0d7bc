// Site check of one stored patient, audited when refused: an attempt to open or change another
// site's patient is itself a fact the registry keeps (who, which record, which permission, when).
import type { AppContext, Caller } from "./app-context.ts";
import { AppError } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorizeSite, type Permission } from "./authorization.ts";

export async function authorizePatientSite(
  ctx: AppContext,
  caller: Caller,
  permission: Permission,
  patientId: string,
  siteId: string,
): Promise<void> {
  try {
    authorizeSite(caller.actor, permission, siteId);
  } catch (err) {
    if (err instanceof AppError && err.code === "site_forbidden") {
      await ctx.store.transaction((trx) =>
        recordAudit(ctx, trx, caller, "patient.access_denied", `patient:${patientId}`, { permission }),
      );
    }
    throw err;
  }
}
