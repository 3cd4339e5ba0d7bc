// SQLite write lock held by another process (serve --workers): a transaction waits for it on
// timers, so this process's event loop keeps running, and goes ahead once the lock is released.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { appendAudit, openStore, verifyAuditLog } from "./index.ts";

test("a transaction waits for another connection's write lock without blocking the event loop", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oligoscope-lock-"));
  const file = join(dir, "oligoscope.sqlite");
  const store = await openStore({ kind: "sqlite", file });
  const other = new BetterSqlite3(file);
  try {
    other.exec("begin immediate"); // the other "process" holds the write lock
    let settled = false;
    const tx = store
      .transaction((trx) =>
        appendAudit(trx, {
          at: "2026-11-23T14:00:00.000Z",
          actor: "alice",
          role: "admin",
          siteId: null,
          action: "patient.read",
          resource: "patient:L-1",
          details: {},
          ip: null,
        }),
      )
      .finally(() => {
        settled = true;
      });
    // 20 timer turns run while the transaction waits: the event loop is not blocked
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
    assert.equal(settled, false, "still waiting for the lock");
    const health = await store.db.selectFrom("audit_log").select("seq").execute();
    assert.deepEqual(health, [], "reads of this process go on meanwhile");
    other.exec("commit");
    const written = await tx;
    assert.equal(written.seq, 1);
    assert.equal((await verifyAuditLog(store.db)).entries, 1);
  } finally {
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
