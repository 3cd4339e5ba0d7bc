// Patients API end to end on a real in-memory SQLite store: validation with model paths,
// idempotent import, optimistic concurrency, site separation, cohort summary, exports, audit.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Harness, startHarness } from "../../test/support/server-harness.ts";
import { parseCsv } from "../interop/index.ts";
import { countPatients, listAuditEntries, verifyAuditLog } from "../store/index.ts";

/** A de-novo synchronous NSCLC patient: index 2024-02-01 <= diagnosis 2024-01-10 + 6 months. */
const patientBody = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  siteId: "site-a",
  name: "Ada Example",
  mrn: `MRN-${id}`,
  birthYear: 1950,
  sex: "female",
  primary: { site: "nsclc", diagnosisDate: "2024-01-10" },
  imagingStudies: [
    {
      id: "s1",
      date: "2024-02-01",
      modality: "fdg_pet_ct",
      lesions: [
        { id: "L1", location: "distant", organ: "bone", sizeMm: 12 },
        { id: "L2", location: "distant", organ: "adrenal", sizeMm: 20 },
      ],
    },
  ],
  outcomes: { lastFollowUpDate: "2025-02-01" },
  ...extra,
});

describe("patients API", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  test("register: 201 with the stored record, its classification, version and ETag", async () => {
    const res = await h.request("POST", "/api/patients", { as: "clinicianA", body: patientBody("P-1") });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers["etag"], '"v1"');
    const body = res.json();
    assert.equal(body.version, 1);
    assert.equal(body.patient.id, "P-1");
    assert.equal(body.patient.siteId, "site-a");
    assert.deepEqual(body.patient.labs, [], "defaults of the model are stored");
    assert.equal(body.classification.estroEortc.code, "DE_NOVO_SYNCHRONOUS");
    assert.equal(body.classification.estroEortc.indexDate, "2024-02-01");
    assert.ok(body.classification.estroEortc.path.length >= 3, "path of reasons");
  });

  test("re-importing the identical record is idempotent (200, same version)", async () => {
    const res = await h.request("POST", "/api/patients", { as: "clinicianA", body: patientBody("P-1") });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().version, 1);
    const other = await h.request("POST", "/api/patients", {
      as: "clinicianA",
      body: patientBody("P-1", { sex: "male" }),
    });
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().error.code, "patient_exists");
  });

  test("an invalid record is rejected whole with every field by model path; nothing is written", async () => {
    const before = await countPatients(h.store.db);
    const bad = patientBody("P-bad", {
      birthYear: "1950",
      imagingStudies: [
        {
          id: "s1",
          date: "2024-02-30",
          modality: "fdg_pet_ct",
          lesions: [
            { id: "L1", location: "distant", organ: "bone", sizeMm: 12 },
            { id: "L2", location: "distant", organ: "adrenal", sizeMm: -4 },
          ],
        },
      ],
    });
    const res = await h.request("POST", "/api/patients", { as: "clinicianA", body: bad });
    assert.equal(res.statusCode, 400);
    const paths = res
      .json()
      .error.issues.map((i: { path: string }) => i.path)
      .sort();
    assert.deepEqual(paths, ["birthYear", "imagingStudies[0].date", "imagingStudies[0].lesions[1].sizeMm"]);
    assert.equal(await countPatients(h.store.db), before);
    assert.equal((await h.request("GET", "/api/patients/P-bad", { as: "admin" })).statusCode, 404);
  });

  test("site rules on write: clinicians store for their own site; admins must name the site", async () => {
    const other = await h.request("POST", "/api/patients", {
      as: "clinicianA",
      body: patientBody("P-x", { siteId: "site-b" }),
    });
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, "site_forbidden");
    const { siteId: _s, ...noSite } = patientBody("P-2");
    const byClinician = await h.request("POST", "/api/patients", { as: "clinicianB", body: noSite });
    assert.equal(byClinician.statusCode, 201);
    assert.equal(byClinician.json().patient.siteId, "site-b", "the clinician's site by default");
    const byAdmin = await h.request("POST", "/api/patients", { as: "admin", body: { ...noSite, id: "P-3" } });
    assert.equal(byAdmin.statusCode, 400);
    assert.deepEqual(
      byAdmin.json().error.issues.map((i: { path: string }) => i.path),
      ["siteId"],
    );
  });

  test("read is site-separated and audited", async () => {
    assert.equal((await h.request("GET", "/api/patients/P-1", { as: "clinicianB" })).statusCode, 403);
    assert.equal((await h.request("GET", "/api/patients/P-1", { as: "researcher" })).statusCode, 403);
    const res = await h.request("GET", "/api/patients/P-1", { as: "clinicianA" });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().patient.name, "Ada Example");
    const [last] = await listAuditEntries(h.store.db, { resource: "patient:P-1", limit: 1 });
    assert.equal(last?.action, "patient.read");
    assert.equal(last?.actor, "clin-a");
  });

  test("update: optimistic concurrency with If-Match, unchanged keeps the version, id is fixed", async () => {
    const changed = patientBody("P-1", { outcomes: { lastFollowUpDate: "2025-06-01" } });
    const stale = await h.request("PUT", "/api/patients/P-1", {
      as: "clinicianA",
      body: changed,
      headers: { "if-match": '"v7"' },
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "version_conflict");
    const ok = await h.request("PUT", "/api/patients/P-1", {
      as: "clinicianA",
      body: changed,
      headers: { "if-match": '"v1"' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().version, 2);
    const same = await h.request("PUT", "/api/patients/P-1", { as: "clinicianA", body: changed });
    assert.equal(same.json().version, 2);
    const renamed = await h.request("PUT", "/api/patients/P-1", {
      as: "clinicianA",
      body: { ...changed, id: "P-9" },
    });
    assert.equal(renamed.statusCode, 400);
    assert.equal(renamed.json().error.issues[0].code, "id_mismatch");
    const moved = await h.request("PUT", "/api/patients/P-1", {
      as: "clinicianA",
      body: { ...changed, siteId: "site-b" },
    });
    assert.equal(moved.statusCode, 403);
    assert.equal(
      (await h.request("PUT", "/api/patients/P-1", { as: "clinicianB", body: changed })).statusCode,
      403,
    );
  });

  test("classification with options", async () => {
    // on 2024-01-15 no imaging existed yet: INSUFFICIENT_DATA
    const early = await h.request("GET", "/api/patients/P-1/classification?asOf=2024-01-15", {
      as: "clinicianA",
    });
    assert.equal(early.statusCode, 200);
    assert.equal(early.json().estroEortc.code, "INSUFFICIENT_DATA");
    const le3 = await h.request("GET", "/api/patients/P-1/classification?gate=le3", { as: "clinicianA" });
    assert.equal(le3.json().estroEortc.gate.id, "le3");
    const bad = await h.request("GET", "/api/patients/P-1/classification?gate=le9&asOf=2024-13-01", {
      as: "clinicianA",
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
      ["query.asOf", "query.gate"],
    );
  });

  test("list with filters; researchers have no patient list", async () => {
    const all = await h.request("GET", "/api/patients", { as: "admin" });
    assert.equal(all.json().total, 2);
    const a = await h.request("GET", "/api/patients?q=ada&primarySite=nsclc", { as: "clinicianA" });
    assert.deepEqual(
      a.json().items.map((i: { id: string }) => i.id),
      ["P-1"],
    );
    assert.equal(
      (await h.request("GET", "/api/patients?siteId=site-b", { as: "clinicianA" })).statusCode,
      403,
    );
    const badFilter = await h.request("GET", "/api/patients?primarySite=lung&limit=500", { as: "admin" });
    assert.equal(badFilter.statusCode, 400);
    assert.equal((await h.request("GET", "/api/patients", { as: "researcher" })).statusCode, 403);
  });

  test("cohort summary: counts for every state; researchers see all sites but cannot search names", async () => {
    const r = await h.request("GET", "/api/cohort/summary", { as: "researcher" });
    assert.equal(r.statusCode, 200);
    const body = r.json();
    assert.equal(body.total, 2);
    assert.equal(body.byState.length, 13);
    assert.equal(body.byState.find((s: { code: string }) => s.code === "DE_NOVO_SYNCHRONOUS").count, 2);
    assert.deepEqual(body.byPrimary, [{ code: "nsclc", label: "Non-small cell lung cancer", count: 2 }]);
    assert.equal((await h.request("GET", "/api/cohort/summary", { as: "clinicianB" })).json().total, 1);
    const q = await h.request("GET", "/api/cohort/summary?q=ada", { as: "researcher" });
    assert.equal(q.statusCode, 400);
    assert.equal(q.json().error.issues[0].path, "q");
  });

  test("CSV export: own site, RFC 4180, spreadsheet formulas neutralised", async () => {
    const evil = patientBody("P-4", { name: '=HYPERLINK("http://x","click"), "quoted"' });
    assert.equal(
      (await h.request("POST", "/api/patients", { as: "clinicianA", body: evil })).statusCode,
      201,
    );
    const res = await h.request("GET", "/api/export/patients.csv", { as: "clinicianA" });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/csv/);
    assert.match(
      String(res.headers["content-disposition"]),
      /attachment; filename="oligoscope-patients-2026-11-23\.csv"/,
    );
    const table = parseCsv(res.body);
    assert.ok(table.ok);
    const { columns, rowCount } = table.value;
    const rows = Array.from({ length: rowCount }, (_, r) => columns.map((c) => c[r]));
    assert.equal(rows.length, 2, "site-a only");
    const col = (name: string) => table.value.header.indexOf(name);
    const p4 = rows.find((r) => r[col("id")] === "P-4");
    assert.equal(p4?.[col("name")], `'=HYPERLINK("http://x","click"), "quoted"`);
    const p1 = rows.find((r) => r[col("id")] === "P-1");
    // OS: 2024-02-01 -> 2025-06-01 = 486 days, censored
    assert.equal(p1?.[col("os_days")], "486");
    assert.equal(p1?.[col("os_event")], "0");
    assert.equal(p1?.[col("state_code")], "DE_NOVO_SYNCHRONOUS");
    assert.equal((await h.request("GET", "/api/export/patients.csv", { as: "researcher" })).statusCode, 403);
  });

  test("research export: no names, MRNs, ids or exact dates; stable pseudonyms; ages capped at 90", async () => {
    const old = patientBody("P-5", {
      birthYear: 1921,
      name: "Very Old",
      imagingStudies: [
        {
          id: "ACC-123456",
          date: "2024-02-01",
          modality: "ct",
          note: "seen by Dr Who",
          lesions: [{ id: "L1", location: "distant", organ: "liver", sizeMm: 30 }],
        },
      ],
      localTherapies: [
        { id: "rt-1", type: "sbrt", targetLesionIds: ["L1"], start: "2024-03-01", doseGy: 45, fractions: 3 },
      ],
    });
    assert.equal(
      (await h.request("POST", "/api/patients", { as: "admin", body: { ...old, siteId: "site-b" } }))
        .statusCode,
      201,
    );
    assert.equal(
      (await h.request("GET", "/api/export/research.ndjson", { as: "clinicianA" })).statusCode,
      403,
    );
    const res = await h.request("GET", "/api/export/research.ndjson", { as: "researcher" });
    assert.equal(res.statusCode, 200);
    const lines = res.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    for (const forbidden of [
      "Ada Example",
      "Very Old",
      "MRN-",
      "P-1",
      "P-5",
      "ACC-123456",
      "Dr Who",
      "2024-02-01",
      // the exact site id as a JSON value: the site pseudonym is "site-" + a hash, which may start with "a"
      '"site-a"',
      "birthYear",
    ]) {
      assert.ok(!res.body.includes(forbidden), `export contains ${forbidden}`);
    }
    const oldOne = lines.find((l) => l.ageAtIndexYears === 90);
    assert.ok(oldOne, "age 2024 - 1921 = 103 reported as 90");
    // dates shifted by one offset per patient: study -> SBRT interval stays 29 days (2024-02-01 -> 2024-03-01)
    const study = oldOne.patient.imagingStudies[0];
    const sbrt = oldOne.patient.localTherapies[0];
    assert.equal((Date.parse(sbrt.start) - Date.parse(study.date)) / 86_400_000, 29);
    assert.deepEqual(sbrt.targetLesionIds, [study.lesions[0].id], "lesion pseudonyms stay linked");
    assert.equal(study.note, undefined);
    const again = await h.request("GET", "/api/export/research.ndjson", { as: "admin" });
    assert.deepEqual(
      again.body
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).pseudoId)
        .sort(),
      lines.map((l) => l.pseudoId).sort(),
      "pseudonyms are stable across exports",
    );
  });

  test("delete: admin only, then gone; the audit chain verifies", async () => {
    assert.equal((await h.request("DELETE", "/api/patients/P-2", { as: "clinicianB" })).statusCode, 403);
    assert.equal((await h.request("DELETE", "/api/patients/P-2", { as: "admin" })).statusCode, 204);
    assert.equal((await h.request("GET", "/api/patients/P-2", { as: "admin" })).statusCode, 404);
    const v = await h.request("GET", "/api/audit/verify", { as: "admin" });
    assert.equal(v.statusCode, 200);
    assert.equal(v.json().ok, true);
    assert.equal((await verifyAuditLog(h.store.db)).ok, true);
    const actions = new Set((await listAuditEntries(h.store.db, { limit: 1000 })).map((e) => e.action));
    for (const a of [
      "patient.create",
      "patient.read",
      "patient.update",
      "patient.delete",
      "patient.list",
      "cohort.summary",
      "export.csv",
      "export.research",
      "patient.classify",
    ]) {
      assert.ok(actions.has(a), a);
    }
  });
  test("GET sends byte for byte what POST sent (stored texts as bytes; non-ASCII name)", async () => {
    const posted = await h.request("POST", "/api/patients", {
      as: "clinicianA",
      body: patientBody("P-UTF8", { name: 'Zoë Ñúñez 患者 😀 "q"' }),
    });
    assert.equal(posted.statusCode, 201, posted.body);
    const got = await h.request("GET", "/api/patients/P-UTF8", { as: "clinicianA" });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.rawPayload, posted.rawPayload);
    assert.equal(got.headers["content-type"], "application/json; charset=utf-8");
    assert.equal(got.headers["content-length"], String(posted.rawPayload.length));
    assert.equal(got.headers["etag"], '"v1"');
    assert.equal(got.json().patient.name, 'Zoë Ñúñez 患者 😀 "q"');
  });
});
