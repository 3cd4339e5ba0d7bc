// The audit chain stays correct when several processes append at once (serve --workers): two
// node processes each append 200 entries through their own group commit, in bursts of 20
// concurrent entries, to one SQLite file (WAL); afterwards the whole chain verifies, holds all
// 400 entries, and each process's entries keep their order.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { listAuditEntries, openStore, verifyAuditLog } from "./index.ts";

const STORE_INDEX = fileURLToPath(new URL("./index.ts", import.meta.url));
const PER_PROCESS = 200;
const BURST = 20;

const appender = `
  import { appendAuditCommitted, openStore } from ${JSON.stringify(STORE_INDEX)};
  const store = await openStore({ kind: "sqlite", file: process.env.AUDIT_FILE });
  const name = process.env.AUDIT_ACTOR;
  for (let b = 0; b < ${PER_PROCESS / BURST}; b++) {
    await Promise.all(Array.from({ length: ${BURST} }, (_, k) => appendAuditCommitted(store, {
      at: "2026-11-23T14:00:00.000Z", actor: name, role: "admin", siteId: null, action: "patient.read",
      resource: "patient:" + name + "-" + String(b * ${BURST} + k).padStart(3, "0"), details: { b, k }, ip: null,
    })));
  }
  await store.close();
`;

function runAppender(file: string, actor: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", appender], {
      env: { ...process.env, AUDIT_FILE: file, AUDIT_ACTOR: actor },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("error", reject);
    child.once("exit", resolve);
  });
}

test("two processes appending concurrently through group commit: one valid chain of 400", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oligoscope-audit-mp-"));
  const file = join(dir, "oligoscope.sqlite");
  try {
    // migrate first (as the serve primary does), then start both appenders at once
    await (await openStore({ kind: "sqlite", file })).close();
    assert.deepEqual(await Promise.all([runAppender(file, "p1"), runAppender(file, "p2")]), [0, 0]);
    const store = await openStore({ kind: "sqlite", file });
    try {
      const v = await verifyAuditLog(store.db);
      assert.equal(v.ok, true, v.reason ?? "");
      assert.equal(v.entries, 2 * PER_PROCESS);
      const all = (await listAuditEntries(store.db, { limit: 1000 })).reverse();
      for (const actor of ["p1", "p2"]) {
        const mine = all.filter((e) => e.actor === actor).map((e) => e.resource);
        const expected = Array.from(
          { length: PER_PROCESS },
          (_, i) => `patient:${actor}-${String(i).padStart(3, "0")}`,
        );
        assert.deepEqual(mine, expected, `${actor}: every entry, in its order`);
      }
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
