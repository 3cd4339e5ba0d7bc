// Store contract: the audit group commit on every target. Concurrent appends share ONE
// transaction, are chained in arrival order, each promise settles after the commit; a failed
// transaction rejects every entry in it and writes none of them; the chain verifies afterwards
// and mixes with entries appended inside ordinary transactions.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AUDIT_GROUP_MAX_ENTRIES,
  type AuditEntryInput,
  appendAudit,
  appendAuditCommitted,
  listAuditEntries,
  type Store,
  verifyAuditLog,
} from "../../src/store/index.ts";
import { storeTargets } from "./store-targets.ts";

const entry = (i: number): AuditEntryInput => ({
  at: "2026-11-23T14:00:00.000Z",
  actor: "alice",
  role: "clinician",
  siteId: "site-a",
  action: "patient.read",
  resource: `patient:G-${i}`,
  details: { version: 1 },
  ip: "127.0.0.1",
});

/** The real store, counting its transactions (and optionally failing them after the work ran). */
function counted(store: Store, failAfterWork = false) {
  const counter = {
    transactions: 0,
    store: {
      transaction: <T>(fn: Parameters<Store["transaction"]>[0]) => {
        counter.transactions += 1;
        return store.transaction(async (trx) => {
          const r = (await fn(trx)) as T;
          if (failAfterWork) throw new Error("commit refused (test)");
          return r;
        });
      },
    } as Pick<Store, "transaction">,
  };
  return counter;
}

for (const target of storeTargets()) {
  describe(`audit group commit contract: ${target.name}`, { skip: target.skip }, () => {
    let store: Store;
    before(async () => {
      store = await target.open();
    });
    after(async () => store?.close());

    test("40 concurrent appends: one transaction, arrival order, all committed before resolving", async () => {
      const c = counted(store);
      const written = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          appendAuditCommitted(c.store, entry(i)).then(async (w) => {
            // committed: visible to a read outside the transaction
            const [row] = await listAuditEntries(store.db, { resource: `patient:G-${i}` });
            assert.equal(row?.seq, w.seq);
            return w;
          }),
        ),
      );
      assert.equal(c.transactions, 1);
      assert.deepEqual(
        written.map((w) => w.seq),
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      for (let i = 1; i < written.length; i++) assert.equal(written[i]?.prevHash, written[i - 1]?.hash);
      const v = await verifyAuditLog(store.db);
      assert.equal(v.ok, true);
      assert.equal(v.entries, 40);
    });

    test("a failed transaction rejects every entry in it and writes none", async () => {
      const failing = counted(store, true);
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) => appendAuditCommitted(failing.store, entry(100 + i))),
      );
      assert.equal(failing.transactions, 1);
      assert.deepEqual(
        results.map((r) => r.status),
        ["rejected", "rejected", "rejected", "rejected", "rejected"],
      );
      assert.equal((await verifyAuditLog(store.db)).entries, 40);
      assert.deepEqual(await listAuditEntries(store.db, { resource: "patient:G-100" }), []);
    });

    test("group commit and ordinary appends interleave into one valid chain", async () => {
      const c = counted(store);
      const mixed = await Promise.all([
        appendAuditCommitted(c.store, entry(200)),
        store.transaction((trx) => appendAudit(trx, entry(201))),
        appendAuditCommitted(c.store, entry(202)),
      ]);
      assert.equal(new Set(mixed.map((w) => w.seq)).size, 3);
      const v = await verifyAuditLog(store.db);
      assert.equal(v.ok, true);
      assert.equal(v.entries, 43);
    });

    test(`more than ${AUDIT_GROUP_MAX_ENTRIES} waiting entries: several transactions, still in order`, async () => {
      const c = counted(store);
      const n = AUDIT_GROUP_MAX_ENTRIES + 10;
      const written = await Promise.all(
        Array.from({ length: n }, (_, i) => appendAuditCommitted(c.store, entry(1000 + i))),
      );
      assert.equal(c.transactions, 2);
      for (let i = 1; i < n; i++) assert.equal(written[i]?.seq, (written[i - 1]?.seq ?? 0) + 1);
      assert.equal((await verifyAuditLog(store.db)).ok, true);
    });
  });
}
