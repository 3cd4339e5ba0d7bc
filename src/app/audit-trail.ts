// Writes audit entries for a caller's action. `recordAudit` writes inside the caller's transaction
// (the entry and the data change commit together, or neither does); `recordAuditCommitted` is for
// actions that write nothing else (reads): the entry joins the store's group commit and the call
// resolves only once the transaction holding it has committed.
import { type AuditEntryInput, appendAudit, appendAuditCommitted, type Db } from "../store/index.ts";
import type { AppContext, Caller } from "./app-context.ts";

function auditEntry(
  ctx: AppContext,
  caller: Caller,
  action: string,
  resource: string | null,
  details: Readonly<Record<string, unknown>>,
): AuditEntryInput {
  const a = caller.actor;
  return {
    at: ctx.now().toISOString(),
    actor: a.kind === "user" ? a.username : `system:${a.name}`,
    role: a.kind === "user" ? a.role : null,
    siteId: a.kind === "user" ? a.siteId : null,
    action,
    resource,
    details,
    ip: caller.ip,
  };
}

export async function recordAudit(
  ctx: AppContext,
  trx: Db,
  caller: Caller,
  action: string,
  resource: string | null,
  details: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  await appendAudit(trx, auditEntry(ctx, caller, action, resource, details));
}

/** The entry is committed (group commit, its own transaction) when this resolves; throws if not. */
export async function recordAuditCommitted(
  ctx: AppContext,
  caller: Caller,
  action: string,
  resource: string | null,
  details: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  await appendAuditCommitted(ctx.store, auditEntry(ctx, caller, action, resource, details));
}
