// Store contract: the audit log is append-only and hash-chained on every target; verification
// finds the first altered or missing entry.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import {
  type AuditEntryInput,
  appendAudit,
  GENESIS_HASH,
  listAuditEntries,
  type Store,
  verifyAuditLog,
} from "../../src/store/index.ts";
import { storeTargets } from "./store-targets.ts";

const entry = (i: number): AuditEntryInput => ({
  at: `2026-11-23T10:00:${String(i % 60).padStart(2, "0")}.000Z`,
  actor: i % 2 === 0 ? "alice" : "bob",
  role: "clinician",
  siteId: "site-a",
  action: "patient.read",
  resource: `patient:P-${i}`,
  details: { i, nested: { z: 1, a: [1, "x"] } },
  ip: "127.0.0.1",
});

async function disableProtection(store: Store): Promise<void> {
  if (store.dialect === "postgres") {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(store.db);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(store.db);
    await sql`drop trigger audit_log_no_delete`.execute(store.db);
  }
}

for (const target of storeTargets()) {
  describe(`audit log contract: ${target.name}`, { skip: target.skip }, () => {
    let store: Store;
    before(async () => {
      store = await target.open();
    });
    after(async () => store?.close());

    test("an empty log verifies", async () => {
      assert.deepEqual(await verifyAuditLog(store.db), {
        ok: true,
        entries: 0,
        firstBadEntry: null,
        reason: null,
        headHash: GENESIS_HASH,
      });
    });

    test("first entry hash is sha256(64 zeros || canonical entry) - hand derivation", async () => {
      const e = entry(0);
      const written = await store.transaction((trx) => appendAudit(trx, e));
      // canonical entry: keys sorted, no whitespace
      const canonical =
        '{"action":"patient.read","actor":"alice","at":"2026-11-23T10:00:00.000Z",' +
        '"details":{"i":0,"nested":{"a":[1,"x"],"z":1}},"ip":"127.0.0.1","resource":"patient:P-0",' +
        '"role":"clinician","seq":1,"siteId":"site-a"}';
      const expected = createHash("sha256")
        .update(GENESIS_HASH + canonical)
        .digest("hex");
      assert.equal(written.seq, 1);
      assert.equal(written.prevHash, GENESIS_HASH);
      assert.equal(written.hash, expected);
    });

    test("concurrent appends form one gap-free chain", async () => {
      await Promise.all(
        Array.from({ length: 40 }, (_, k) => store.transaction((trx) => appendAudit(trx, entry(k + 1)))),
      );
      const v = await verifyAuditLog(store.db);
      assert.equal(v.ok, true, v.reason ?? "");
      assert.equal(v.entries, 41);
      const recent = await listAuditEntries(store.db, { limit: 3 });
      assert.deepEqual(
        recent.map((e) => e.seq),
        [41, 40, 39],
      );
      assert.equal(recent[0]?.hash, v.headHash);
      const one = await listAuditEntries(store.db, { resource: "patient:P-0" });
      assert.equal(one.length, 1);
      assert.deepEqual(one[0]?.details, { i: 0, nested: { z: 1, a: [1, "x"] } });
    });

    test("the database refuses UPDATE and DELETE on the audit log", async () => {
      await assert.rejects(
        sql`update audit_log set actor = 'mallory' where seq = 3`.execute(store.db),
        /append-only/,
      );
      await assert.rejects(sql`delete from audit_log where seq = 3`.execute(store.db), /append-only/);
      assert.equal((await verifyAuditLog(store.db)).ok, true);
    });

    test("a rolled-back transaction leaves no audit entry", async () => {
      await assert.rejects(
        store.transaction(async (trx) => {
          await appendAudit(trx, entry(99));
          throw new Error("boom");
        }),
        /boom/,
      );
      assert.equal((await verifyAuditLog(store.db)).entries, 41);
    });

    test("verify names the first altered entry, then the first missing one", async () => {
      await disableProtection(store);
      await sql`update audit_log set details = '{"i":7}' where seq = 7`.execute(store.db);
      const altered = await verifyAuditLog(store.db);
      assert.equal(altered.ok, false);
      assert.equal(altered.firstBadEntry, 7);
      assert.equal(altered.entries, 6);
      assert.match(altered.reason ?? "", /entry 7 was altered/);

      await sql`delete from audit_log where seq >= 5 and seq <= 7`.execute(store.db);
      const missing = await verifyAuditLog(store.db);
      assert.equal(missing.firstBadEntry, 5);
      assert.match(missing.reason ?? "", /entry 5 is missing/);
    });
  });
}
