// Verifies the audit log's hash chain (admin, or the `oligoscope audit verify` command).
import { type AuditEntry, type AuditVerification, listAuditEntries, verifyAuditLog } from "../store/index.ts";
import type { AppContext, Caller } from "./app-context.ts";
import { authorize } from "./authorization.ts";

export async function verifyAudit(ctx: AppContext, caller: Caller): Promise<AuditVerification> {
  authorize(caller.actor, "audit.verify");
  return verifyAuditLog(ctx.store.db);
}

/** Most recent audit entries, optionally for one resource such as "patient:P-001". */
export async function recentAuditEntries(
  ctx: AppContext,
  caller: Caller,
  query: { readonly resource?: string; readonly limit?: number },
): Promise<AuditEntry[]> {
  authorize(caller.actor, "audit.verify");
  return listAuditEntries(ctx.store.db, query);
}
