// Store contract: the patient page's read hands over exactly the UTF-8 bytes of the stored JSON
// texts (non-ASCII names, escapes, 4-byte characters included), with site, version and
// updatedAt; an unknown id reads as undefined.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { getPatient, getPatientPage, insertPatients, type Store } from "../../src/store/index.ts";
import { record } from "./fixtures.ts";
import { storeTargets } from "./store-targets.ts";

// accents, CJK, an emoji (4 UTF-8 bytes, a surrogate pair in JS), a quote and a backslash escape
const NAME = 'Zoë Ñúñez 患者 😀 "q" \\ end';

for (const target of storeTargets()) {
  describe(`patient page read contract: ${target.name}`, { skip: target.skip }, () => {
    let store: Store;
    before(async () => {
      store = await target.open();
      await store.transaction((trx) =>
        insertPatients(trx, [record({ id: "PG-1", name: NAME, siteId: "site-b", version: 3 })]),
      );
    });
    after(async () => store?.close());

    test("bytes equal the stored texts' UTF-8 encoding", async () => {
      const full = await getPatient(store.db, "PG-1");
      const page = await getPatientPage(store.db, "PG-1");
      assert.ok(full && page);
      assert.ok(full.document.includes("😀"), "fixture carries the non-ASCII name");
      assert.deepEqual(Buffer.from(page.document), Buffer.from(full.document, "utf8"));
      assert.deepEqual(Buffer.from(page.classification), Buffer.from(full.derived.classification, "utf8"));
      assert.equal(Buffer.from(page.document).toString("utf8"), full.document);
      assert.deepEqual(
        { id: page.id, siteId: page.siteId, version: page.version, updatedAt: page.updatedAt },
        { id: "PG-1", siteId: "site-b", version: 3, updatedAt: full.updatedAt },
      );
    });

    test("unknown id: undefined", async () => {
      assert.equal(await getPatientPage(store.db, "nope"), undefined);
    });
  });
}
