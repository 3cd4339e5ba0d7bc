// Use case: fill an empty database with the demo registry (seeded synthetic patients, see
// src/core/demo) and the three demo accounts admin / clinician (site-a) / researcher. Passwords are
// random unless given, and are returned once to be printed; they are never stored in clear.
import {
  DEFAULT_DEMO_SEED,
  DEFAULT_DEMO_SIZE,
  formatIssues,
  generateDemoCase,
  parsePatient,
} from "../core/index.ts";
import { countPatients, countUsers, insertPatients, type PatientRecord, putSetting } from "../store/index.ts";
import { type AppContext, randomToken, systemCaller, todayIso } from "./app-context.ts";
import { invalid } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { derivationFingerprint } from "./derivation-fingerprint.ts";
import { addUser, passwordIssues } from "./manage-users.ts";
import { derivePatient } from "./patient-derivation.ts";

export const DEMO_ACCOUNTS = [
  { username: "admin", role: "admin", siteId: null },
  { username: "clinician", role: "clinician", siteId: "site-a" },
  { username: "researcher", role: "researcher", siteId: null },
] as const;

export type DemoOptions = {
  readonly count?: number;
  readonly seed?: number;
  /** one password for the three demo accounts (at least 12 characters); random per account when absent */
  readonly password?: string | undefined;
  readonly onProgress?: (done: number, total: number) => void;
};

export type DemoLoadResult = {
  readonly patients: number;
  readonly accounts: readonly { username: string; role: string; siteId: string | null; password: string }[];
};

/** True when there are neither accounts nor patients (a fresh installation). */
export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  return (await countUsers(ctx.store.db)) === 0 && (await countPatients(ctx.store.db)) === 0;
}

/** Generates, validates and derives demo patients `from`..`from+count-1` as store records. */
export function demoRecords(
  ctx: AppContext,
  from: number,
  count: number,
  seed: number,
  idPrefix?: string,
): PatientRecord[] {
  const asOf = todayIso(ctx);
  const now = ctx.now().toISOString();
  const version = derivationFingerprint();
  const out: PatientRecord[] = [];
  for (let i = from; i < from + count; i += 1) {
    const { patient } = generateDemoCase(i, { seed, asOf, ...(idPrefix !== undefined ? { idPrefix } : {}) });
    const parsed = parsePatient(patient);
    if (!parsed.ok)
      throw new Error(`demo patient ${i} is invalid (generator bug):\n${formatIssues(parsed.issues)}`);
    const d = derivePatient(parsed.value, asOf, now, version);
    out.push({
      id: parsed.value.id,
      siteId: parsed.value.siteId ?? "site-a",
      document: d.document,
      documentHash: d.documentHash,
      version: 1,
      createdAt: now,
      updatedAt: now,
      derived: d.derived,
    });
  }
  return out;
}

export async function loadDemoCohort(ctx: AppContext, options: DemoOptions = {}): Promise<DemoLoadResult> {
  const count = options.count ?? DEFAULT_DEMO_SIZE;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (options.password !== undefined) {
    const issues = passwordIssues(options.password, "", "demoPassword");
    if (issues.length > 0) throw invalid("the demo password is not acceptable", issues);
  }
  const caller = systemCaller("demo");
  const batch = 200;
  await ctx.store.transaction(async (trx) => {
    for (let from = 0; from < count; from += batch) {
      await insertPatients(trx, demoRecords(ctx, from, Math.min(batch, count - from), seed));
      options.onProgress?.(Math.min(count, from + batch), count);
    }
    await putSetting(trx, "demo_seed", String(seed));
    await recordAudit(ctx, trx, caller, "demo.load", null, { patients: count, seed });
  });
  const accounts = [];
  for (const a of DEMO_ACCOUNTS) {
    const password = options.password ?? randomToken(ctx, 12);
    await addUser(ctx, caller, { ...a, password });
    accounts.push({ username: a.username, role: a.role, siteId: a.siteId, password });
  }
  return { patients: count, accounts };
}
