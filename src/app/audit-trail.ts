// Writes one audit entry for a caller's action inside the caller's transaction (so the entry and
// the data change commit together, or neither does).
import { appendAudit, type Db } from "../store/index.ts";
import type { AppContext, Caller } from "./app-context.ts";

export async function recordAudit(
  ctx: AppContext,
  trx: Db,
  caller: Caller,
  action: string,
  resource: string | null,
  details: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const a = caller.actor;
  await appendAudit(trx, {
    at: ctx.now().toISOString(),
    actor: a.kind === "user" ? a.username : `system:${a.name}`,
    role: a.kind === "user" ? a.role : null,
    siteId: a.kind === "user" ? a.siteId : null,
    action,
    resource,
    details,
    ip: caller.ip,
  });
}
