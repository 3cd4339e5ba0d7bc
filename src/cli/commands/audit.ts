// `oligoscope audit verify|list`: check the hash chain of the audit log, show recent entries.
import type { Command } from "commander";
import { recentAuditEntries, systemCaller, verifyAudit } from "../../app/index.ts";
import {
  addStoreOptions,
  describeStore,
  openAppContext,
  type StoreCliOptions,
  storeConfigFrom,
} from "../app-runtime.ts";
import { type CliIo, InputError } from "../io.ts";

const caller = systemCaller("cli");

export function register(program: Command, io: CliIo): void {
  const audit = program.command("audit").description("the append-only, hash-chained audit log");

  addStoreOptions(
    audit
      .command("verify")
      .description(
        "recompute the hash chain; exit 0 when intact, 1 naming the first altered or missing entry",
      )
      .option("--json", "print the result as JSON"),
  ).action(async (opts: StoreCliOptions & { json?: boolean }) => {
    const config = storeConfigFrom(opts);
    const ctx = await openAppContext(config);
    try {
      const v = await verifyAudit(ctx, caller);
      if (opts.json) io.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
      if (!v.ok) {
        throw new InputError(
          `audit log of ${describeStore(config)} is BROKEN at entry ${v.firstBadEntry}: ${v.reason}`,
        );
      }
      if (!opts.json) {
        io.stdout.write(
          `audit log intact: ${v.entries} entries verified (${describeStore(config)})\nhead hash ${v.headHash}\n`,
        );
      }
    } finally {
      await ctx.store.close();
    }
  });

  addStoreOptions(
    audit
      .command("list")
      .description("print recent entries, newest first")
      .option("--resource <resource>", 'only this resource, e.g. "patient:P-001" or "user:alice"')
      .option("--limit <n>", "number of entries (1-10000)", "50"),
  ).action(async (opts: StoreCliOptions & { resource?: string; limit: string }) => {
    const limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10000) {
      throw new InputError(`--limit must be a whole number from 1 to 10000 (got "${opts.limit}")`);
    }
    const ctx = await openAppContext(storeConfigFrom(opts));
    try {
      const entries = await recentAuditEntries(ctx, caller, {
        limit,
        ...(opts.resource !== undefined ? { resource: opts.resource } : {}),
      });
      for (const e of entries) {
        io.stdout.write(
          `${String(e.seq).padStart(7)} ${e.at} ${e.actor} ${e.action} ${e.resource ?? "-"} ${JSON.stringify(e.details)}\n`,
        );
      }
    } finally {
      await ctx.store.close();
    }
  });
}
