// Survival analytics and plan check end to end on a real in-memory SQLite store (fastify.inject):
// the demo registry for survival, synthetic DICOM RT files of known geometry for the plan check.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { syntheticRtDose, syntheticRtPlan, syntheticRtStruct } from "../../test/support/dicom-writer.ts";
import { type Harness, startHarness } from "../../test/support/server-harness.ts";
import { demoRecords, survivalFromOutcomes } from "../app/index.ts";
import { insertPatients, listAuditEntries, selectOutcomes } from "../store/index.ts";

type SurvivalBody = {
  matched: number;
  excluded: number;
  groups: { key: string; n: number; events: number; curve: { time: number[]; survival: number[] } }[];
  numberAtRisk: { times: number[]; byGroup: Record<string, number[]> };
  logRank: { chisq: number; df: number; p: number } | null;
  cox: { terms: { name: string; hr: number }[]; n: number } | null;
};

describe("survival analytics API", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await insertPatients(h.store.db, demoRecords(h.ctx, 0, 240, 20261123));
  });
  after(async () => h.close());

  test("researcher: every site, groups by state with curves, log-rank and Cox; same as the pure analysis", async () => {
    const res = await h.request("POST", "/api/analytics/survival", {
      as: "researcher",
      body: { endpoint: "os", groupBy: "state", times: [0, 12, 24] },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as SurvivalBody;
    assert.equal(body.matched, 240);
    assert.equal(
      body.groups.reduce((s, g) => s + g.n, 0),
      240 - body.excluded,
    );
    assert.ok(body.groups.length >= 5, "several states populated");
    assert.ok(body.logRank && body.logRank.df === body.groups.length - 1);
    for (const g of body.groups) {
      assert.equal(body.numberAtRisk.byGroup[g.key]?.[0], g.n, "everyone at risk at 0");
      const s = g.curve.survival;
      assert.ok(
        s.every((v, i) => v >= 0 && v <= 1 && (i === 0 || v <= s[i - 1]!)),
        "survival non-increasing in [0, 1]",
      );
    }
    // the HTTP path adds nothing to the analysis: same numbers as the pure function on the same rows
    const direct = survivalFromOutcomes(await selectOutcomes(h.store.db, {}), {
      endpoint: "os",
      groupBy: "state",
      times: [0, 12, 24],
    });
    assert.deepEqual(JSON.parse(JSON.stringify(direct)), body);
  });

  test("clinician: own site only; asking for another site is 403", async () => {
    const own = await h.request("POST", "/api/analytics/survival", {
      as: "clinicianA",
      body: { endpoint: "pfs", groupBy: "localTherapy" },
    });
    assert.equal(own.statusCode, 200, own.body);
    const siteA = (await selectOutcomes(h.store.db, { siteIds: ["site-a"] })).length;
    assert.ok(siteA > 0 && siteA < 240);
    assert.equal((own.json() as SurvivalBody).matched, siteA);
    const other = await h.request("POST", "/api/analytics/survival", {
      as: "clinicianA",
      body: { endpoint: "os", groupBy: "none", filters: { siteId: "site-b" } },
    });
    assert.equal(other.statusCode, 403);
  });

  test("filters narrow the cohort (primary site)", async () => {
    const res = await h.request("POST", "/api/analytics/survival", {
      as: "admin",
      body: { endpoint: "os", groupBy: "primarySite", filters: { primarySite: ["nsclc", "colorectal"] } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as SurvivalBody;
    assert.ok(body.groups.length >= 1);
    assert.ok(body.groups.every((g) => g.key === "nsclc" || g.key === "colorectal"));
    assert.equal(
      body.matched,
      (await selectOutcomes(h.store.db, { primarySites: ["nsclc", "colorectal"] })).length,
    );
  });

  test("invalid requests name every field; researchers cannot search by name", async () => {
    const res = await h.request("POST", "/api/analytics/survival", {
      as: "researcher",
      body: { endpoint: "dfs", groupBy: "colour", times: [-1], extra: 1 },
    });
    assert.equal(res.statusCode, 400);
    const paths = (res.json().error.issues as { path: string }[]).map((i) => i.path).sort();
    assert.deepEqual(paths, ["", "endpoint", "groupBy", "times[0]"]);
    const q = await h.request("POST", "/api/analytics/survival", {
      as: "researcher",
      body: { endpoint: "os", groupBy: "none", filters: { q: "Ada" } },
    });
    assert.equal(q.statusCode, 400);
    assert.equal(q.json().error.issues[0].path, "q");
  });

  test("anonymous 401, missing CSRF 403; each analysis is audited with its filters", async () => {
    const anon = await h.request("POST", "/api/analytics/survival", { body: { endpoint: "os" } });
    assert.equal(anon.statusCode, 401);
    const noCsrf = await h.request("POST", "/api/analytics/survival", {
      as: "researcher",
      csrf: false,
      body: { endpoint: "os" },
    });
    assert.equal(noCsrf.statusCode, 403);
    const entries = (await listAuditEntries(h.store.db, { limit: 10_000 })).filter(
      (e) => e.action === "cohort.survival",
    );
    assert.ok(entries.length >= 3);
    assert.ok(entries.some((e) => e.actor.includes("research")));
  });
});

// Same phantom as src/cli/commands/plan-check.test.ts: dose = 20 + 0.5·x Gy on a 1 mm grid;
// "SpinalCord" box x ∈ [8, 12] × y ∈ [−10, 10], z 10 … 30 mm: V = 1.76 cc, D(v cc) = 26 − 2·v/1.76 Gy:
//   D0.35cc = 25.602 Gy (TG-101, 5 fx: < 23 Gy → fails by 2.602), Dmax = D0.035cc = 25.960 Gy (< 30 → passes).
const box = (z: number) => [8, -10, z, 12, -10, z, 12, 10, z, 8, 10, z];
const rtdose = syntheticRtDose({
  rows: 41,
  columns: 41,
  frames: 21,
  originMm: [-20, -20, 0],
  pixelSpacingMm: [1, 1],
  sliceSpacingMm: 2,
  doseGridScaling: 0.001,
  doseGy: (c) => 20 + 0.5 * (c - 20),
});
const rtstruct = syntheticRtStruct({
  rois: [
    {
      number: 1,
      name: "SpinalCord",
      contours: [10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30].map((z) => ({ points: box(z) })),
    },
  ],
});
const rtplan = syntheticRtPlan({ label: "SBRT", fractions: [5] });

/** A multipart/form-data body (built by the platform's FormData encoder). */
async function multipart(
  fields: Record<string, string | Uint8Array>,
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.set(k, v);
    else form.set(k, new Blob([new Uint8Array(v)]), `${k}.dcm`);
  }
  const req = new Request("http://localhost/", { method: "POST", body: form });
  return {
    payload: Buffer.from(await req.arrayBuffer()),
    headers: { "content-type": req.headers.get("content-type") ?? "" },
  };
}

describe("plan check API", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  async function upload(
    as: "clinicianA" | "researcher" | "admin",
    fields: Record<string, string | Uint8Array>,
  ) {
    const s = await h.login(as);
    const { payload, headers } = await multipart(fields);
    return h.app.inject({
      method: "POST",
      url: "/api/plan-check",
      payload,
      headers: { ...headers, cookie: s.cookie, "x-csrf-token": s.csrfToken },
    });
  }

  test("TG-101 on the phantom: D0.35cc fails by 2.602 Gy, Dmax passes; fractions from the RTPLAN", async () => {
    const res = await upload("clinicianA", { rtdose, rtstruct, rtplan });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.fractions, 5);
    assert.equal(body.fractionsFrom, "rtplan");
    const cord = body.rois.find((r: { name: string }) => r.name === "SpinalCord");
    assert.ok(Math.abs(cord.volumeCc - 1.76) < 0.01);
    assert.equal(cord.curve.doseGy.length, cord.curve.volumeCc.length);
    const row = (metric: string) =>
      body.constraints.find(
        (c: { roi: string | null; metric: string }) => c.roi === "SpinalCord" && c.metric === metric,
      );
    const d035 = row("D0.35cc");
    assert.equal(d035.status, "mandatory_failed");
    assert.ok(Math.abs(d035.value - 25.602) < 0.01);
    assert.ok(Math.abs(d035.margin - -2.602) < 0.01);
    assert.match(d035.source, /TG-101|Benedict/);
    assert.equal(row("Dmax").status, "pass");
  });

  test("fractions and ROI map from the form; an unknown set and a bad fraction count are named", async () => {
    const res = await upload("admin", { rtdose, rtstruct, fractions: "5", map: "SpinalCord=SpinalCord" });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().fractionsFrom, "request");
    const bad = await upload("admin", { rtdose, rtstruct, fractions: "2.5", map: "oops" });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual((bad.json().error.issues as { path: string }[]).map((i) => i.path).sort(), [
      "fractions",
      "map[1]",
    ]);
    const set = await upload("admin", { rtdose, rtstruct, rtplan, constraints: "nope" });
    assert.equal(set.statusCode, 400);
    assert.equal(set.json().error.issues[0].path, "constraintSet");
  });

  test("missing files, unreadable DICOM and unknown fields are 400 with the field", async () => {
    const missing = await upload("clinicianA", { rtdose });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(
      missing.json().error.issues.map((i: { path: string }) => i.path),
      ["rtstruct"],
    );
    const garbage = await upload("clinicianA", { rtdose: new Uint8Array([1, 2, 3]), rtstruct, rtplan });
    assert.equal(garbage.statusCode, 400);
    assert.ok(garbage.json().error.issues.length >= 1);
    const extra = await upload("clinicianA", { rtdose, rtstruct, patientName: "x" });
    assert.equal(extra.statusCode, 400);
    assert.equal(extra.json().error.issues[0].path, "patientName");
  });

  test("researchers may not check plans; JSON instead of multipart is 400; audited without content", async () => {
    assert.equal((await upload("researcher", { rtdose, rtstruct })).statusCode, 403);
    const json = await h.request("POST", "/api/plan-check", { as: "clinicianA", body: { rtdose: "x" } });
    assert.equal(json.statusCode, 400);
    const entries = (await listAuditEntries(h.store.db, { limit: 10_000 })).filter(
      (e) => e.action === "plan.check",
    );
    assert.ok(entries.length >= 3);
    assert.ok(entries.every((e) => !JSON.stringify(e.details).includes("SpinalCord")));
  });
});
