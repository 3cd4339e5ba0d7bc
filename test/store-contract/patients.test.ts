// Store contract: patients (document + denormalised columns), filters, paging, transactions.
// Runs on every target of store-targets.ts with identical expectations.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  cohortCounts,
  deletePatient,
  getPatient,
  insertPatient,
  insertPatients,
  listPatientKeys,
  listPatients,
  type PatientFilter,
  type Store,
  selectOutcomes,
  selectTimeToEvent,
  updatePatient,
} from "../../src/store/index.ts";
import { record } from "./fixtures.ts";
import { storeTargets } from "./store-targets.ts";

for (const target of storeTargets()) {
  describe(`patients store contract: ${target.name}`, { skip: target.skip }, () => {
    let store: Store;
    before(async () => {
      store = await target.open();
      await insertPatients(store.db, [
        record({
          id: "A-1",
          name: "Ada Lovelace",
          siteId: "site-a",
          primarySite: "nsclc",
          hasSbrt: true,
          updatedAt: "2026-11-03T00:00:00.000Z",
        }),
        record({
          id: "A-2",
          name: "Grace 100%_Hopper",
          siteId: "site-a",
          primarySite: "breast",
          stateCode: "REPEAT_OLIGOPERSISTENCE",
          hasSystemic: true,
          updatedAt: "2026-11-02T00:00:00.000Z",
          indexDate: "2023-05-01",
        }),
        record({
          id: "B-1",
          name: "Marie Curie",
          siteId: "site-b",
          primarySite: "nsclc",
          stateCode: "INDUCED_OLIGOPROGRESSION",
          hasSurgery: true,
          hasSystemic: true,
          updatedAt: "2026-11-04T00:00:00.000Z",
          indexDate: null,
          osDays: null,
        }),
        record({
          id: "B-2",
          name: null,
          siteId: "site-b",
          primarySite: "prostate",
          osEvent: true,
          updatedAt: "2026-11-02T00:00:00.000Z",
        }),
      ]);
    });
    after(async () => store?.close());

    test("get returns exactly what was stored, booleans and numbers typed", async () => {
      const p = await getPatient(store.db, "A-1");
      assert.ok(p);
      assert.deepEqual(
        p,
        record({
          id: "A-1",
          name: "Ada Lovelace",
          siteId: "site-a",
          primarySite: "nsclc",
          hasSbrt: true,
          updatedAt: "2026-11-03T00:00:00.000Z",
        }),
      );
      assert.equal(await getPatient(store.db, "missing"), undefined);
    });

    const cases: { name: string; filter: PatientFilter; ids: string[] }[] = [
      { name: "no filter, most recent first, ties by id", filter: {}, ids: ["B-1", "A-1", "A-2", "B-2"] },
      { name: "site separation", filter: { siteIds: ["site-a"] }, ids: ["A-1", "A-2"] },
      { name: "no sites at all", filter: { siteIds: [] }, ids: [] },
      { name: "q is case-insensitive", filter: { q: "CURIE" }, ids: ["B-1"] },
      { name: "q matches id", filter: { q: "a-2" }, ids: ["A-2"] },
      { name: "q treats % and _ literally", filter: { q: "100%_h" }, ids: ["A-2"] },
      { name: "q wildcard characters alone match nothing else", filter: { q: "%" }, ids: ["A-2"] },
      { name: "primary site", filter: { primarySites: ["nsclc"] }, ids: ["B-1", "A-1"] },
      {
        name: "state",
        filter: { stateCodes: ["REPEAT_OLIGOPERSISTENCE", "INDUCED_OLIGOPROGRESSION"] },
        ids: ["B-1", "A-2"],
      },
      { name: "treatment sbrt", filter: { treatments: ["sbrt"] }, ids: ["A-1"] },
      { name: "treatment systemic + surgery", filter: { treatments: ["systemic", "surgery"] }, ids: ["B-1"] },
      { name: "no local therapy", filter: { treatments: ["no_local"] }, ids: ["A-2", "B-2"] },
      {
        name: "index date range excludes null dates",
        filter: { from: "2024-01-01", to: "2024-12-31" },
        ids: ["A-1", "B-2"],
      },
      { name: "index date upper bound", filter: { to: "2023-12-31" }, ids: ["A-2"] },
      {
        name: "filters combine with AND",
        filter: { siteIds: ["site-b"], primarySites: ["nsclc"] },
        ids: ["B-1"],
      },
    ];
    for (const c of cases) {
      test(`list: ${c.name}`, async () => {
        const page = await listPatients(store.db, c.filter, { limit: 50, offset: 0 });
        assert.deepEqual(
          page.items.map((i) => i.id),
          c.ids,
        );
        assert.equal(page.total, c.ids.length);
      });
    }

    test("paging: total counts all matches, items only the page", async () => {
      const page = await listPatients(store.db, {}, { limit: 2, offset: 1 });
      assert.equal(page.total, 4);
      assert.deepEqual(
        page.items.map((i) => i.id),
        ["A-1", "A-2"],
      );
      assert.deepEqual(page.items[0], {
        id: "A-1",
        siteId: "site-a",
        name: "Ada Lovelace",
        birthYear: 1950,
        sex: "female",
        primarySite: "nsclc",
        indexDate: "2024-01-15",
        stateCode: "DE_NOVO_SYNCHRONOUS",
        stateLabel: "de novo synchronous",
        updatedAt: "2026-11-03T00:00:00.000Z",
      });
    });

    test("cohort counts by state and primary", async () => {
      const c = await cohortCounts(store.db, {});
      assert.equal(c.total, 4);
      const byState = Object.fromEntries(c.byState.map((s) => [s.key, s.count]));
      assert.deepEqual(byState, {
        DE_NOVO_SYNCHRONOUS: 2,
        REPEAT_OLIGOPERSISTENCE: 1,
        INDUCED_OLIGOPROGRESSION: 1,
      });
      const byPrimary = Object.fromEntries(c.byPrimary.map((s) => [s.key, s.count]));
      assert.deepEqual(byPrimary, { nsclc: 2, breast: 1, prostate: 1 });
      const siteB = await cohortCounts(store.db, { siteIds: ["site-b"] });
      assert.equal(siteB.total, 2);
    });

    test("outcomes selection keeps nulls and events", async () => {
      const rows = await selectOutcomes(store.db, { siteIds: ["site-b"] });
      const byState = rows.map((r) => [r.stateCode, r.osDays, r.osEvent]).sort();
      assert.deepEqual(byState, [
        ["DE_NOVO_SYNCHRONOUS", 400, true],
        ["INDUCED_OLIGOPROGRESSION", null, false],
      ]);
    });

    test("time-to-event columns equal the outcome rows, for each endpoint and grouping", async () => {
      const rows = await selectOutcomes(store.db, {});
      for (const endpoint of ["os", "pfs"] as const) {
        for (const [column, field] of [
          ["state_code", "stateCode"],
          ["primary_site", "primarySite"],
          ["local_therapy", "localTherapy"],
          [null, null],
        ] as const) {
          const cols = await selectTimeToEvent(store.db, {}, endpoint, column);
          const asRows = cols.days.map((d, i) => [d, cols.event[i], cols.group[i]]).sort();
          const expected = rows
            .map((r) => [
              endpoint === "os" ? r.osDays : r.pfsDays,
              endpoint === "os" ? r.osEvent : r.pfsEvent,
              field === null ? "" : r[field],
            ])
            .sort();
          assert.deepEqual(asRows, expected, `${endpoint} by ${column}`);
        }
      }
      const siteB = await selectTimeToEvent(store.db, { siteIds: ["site-b"] }, "os", "state_code");
      assert.equal(siteB.days.length, 2);
    });

    test("update is optimistic: only from the expected version", async () => {
      const v2 = record({
        id: "B-2",
        name: "Renamed",
        siteId: "site-b",
        version: 2,
        updatedAt: "2026-11-05T00:00:00.000Z",
      });
      assert.equal(await updatePatient(store.db, v2, 2), false, "wrong expected version must not update");
      assert.equal(await updatePatient(store.db, v2, 1), true);
      assert.equal(await updatePatient(store.db, v2, 1), false, "second writer with a stale version loses");
      const p = await getPatient(store.db, "B-2");
      assert.equal(p?.version, 2);
      assert.equal(p?.derived.name, "Renamed");
    });

    test("duplicate id is rejected by the database", async () => {
      await assert.rejects(insertPatient(store.db, record({ id: "A-1" })));
    });

    test("a failing transaction writes nothing", async () => {
      await assert.rejects(
        store.transaction(async (trx) => {
          await insertPatient(trx, record({ id: "T-1" }));
          await insertPatient(trx, record({ id: "T-2" }));
          await insertPatient(trx, record({ id: "A-1" })); // duplicate: fails
        }),
      );
      assert.equal(await getPatient(store.db, "T-1"), undefined);
      assert.equal(await getPatient(store.db, "T-2"), undefined);
      // and the store is usable afterwards
      await store.transaction((trx) => insertPatient(trx, record({ id: "T-3" })));
      assert.ok(await getPatient(store.db, "T-3"));
      assert.equal(await deletePatient(store.db, "T-3"), true);
      assert.equal(await deletePatient(store.db, "T-3"), false);
    });

    test("keys in id order with a cursor", async () => {
      const first = await listPatientKeys(store.db, { limit: 2 });
      assert.deepEqual(
        first.map((k) => k.id),
        ["A-1", "A-2"],
      );
      const next = await listPatientKeys(store.db, { limit: 10, afterId: "A-2" });
      assert.deepEqual(
        next.map((k) => k.id),
        ["B-1", "B-2"],
      );
      const stale = await listPatientKeys(store.db, { limit: 10, notDerivedVersion: "test-1" });
      assert.deepEqual(stale, []);
    });
  });
}
