// The browser's typed API client (src/web/api) against the real server: every route the web app
// uses, with the shapes of docs/api.md, the roles' rights and validation errors by model path.
// Runs in Node with a cookie jar; needs no browser.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ApiClient } from "../../src/web/api/client.ts";
import { ApiError } from "../../src/web/api/errors.ts";
import type { PatientInput } from "../../src/web/api/types.ts";
import { needsSharedData, sharedDataPath } from "../support/shared-data.ts";
import {
  cookieFetch,
  EXPECTED_AFTER_EDIT,
  EXPECTED_BEFORE_EDIT,
  PERSISTENCE_PATIENT,
} from "./support/fixtures.ts";
import { planCheckFiles } from "./support/plan-files.ts";
import { ACCOUNTS, startTestServer, type TestServer } from "./support/server.ts";

let server: TestServer;

function client(): ApiClient {
  return new ApiClient({ baseUrl: server.url, fetch: cookieFetch() });
}

async function signedIn(role: keyof typeof ACCOUNTS): Promise<ApiClient> {
  const c = client();
  await c.login(ACCOUNTS[role].username, ACCOUNTS[role].password);
  return c;
}

async function rejects(p: Promise<unknown>, status: number, what: string): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ApiError, `${what}: not an ApiError: ${String(err)}`);
    assert.equal(err.status, status, `${what}: status ${err.status} ${err.code} ${err.message}`);
    assert.ok(err.message.length > 0, `${what}: an error message for the user`);
    return err;
  }
  assert.fail(`${what}: expected HTTP ${status}`);
}

describe("web API client against the server", { timeout: 180_000 }, () => {
  before(async () => {
    server = await startTestServer({ web: false });
  });
  after(async () => {
    await server?.stop();
  });

  test("an empty database starts in demo mode: the registry and the three accounts are printed", async () => {
    // one line per account with its password and role (shown once, on the first start)
    const accountLines = Object.values(ACCOUNTS).map(
      (a) => new RegExp(`^  ${a.username} +${a.password}  \\(${a.role}`, "m"),
    );
    // the accounts are printed just after the "running at" line, possibly in several pipe chunks
    // (the three share one password, so wait for every line, not for the password)
    for (let i = 0; i < 50 && !accountLines.every((re) => re.test(server.stdout())); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const out = server.stdout();
    assert.match(out, /Demo mode: 600 synthetic patients and three demo accounts/);
    for (const re of accountLines) assert.match(out, re, out);
    const admin = await signedIn("admin");
    const list = await admin.listPatients({ limit: 1 });
    assert.equal(list.total, 600);
  });

  test("sign in, session, sign out; wrong password is a 401", async () => {
    const c = client();
    assert.equal(await c.me(), null, "no session before login");
    const wrong = await rejects(c.login(ACCOUNTS.admin.username, "not-the-password"), 401, "wrong password");
    assert.equal(wrong.issues.length, 0);
    const session = await c.login(ACCOUNTS.clinician.username, ACCOUNTS.clinician.password);
    assert.deepEqual(session.user, {
      username: ACCOUNTS.clinician.username,
      role: "clinician",
      siteId: "site-a",
    });
    assert.ok(session.csrfToken.length >= 16, "a CSRF token");
    const me = await c.me();
    assert.equal(me?.user.username, ACCOUNTS.clinician.username);
    await c.logout();
    assert.equal(await c.me(), null, "no session after logout");
  });

  test("a clinician registers a patient and gets its classification with reasons", async () => {
    const c = await signedIn("clinician");
    const created = await c.createPatient(PERSISTENCE_PATIENT);
    assert.equal(created.patient.id, PERSISTENCE_PATIENT.id);
    const cls = created.classification.estroEortc;
    assert.equal(cls.code, EXPECTED_BEFORE_EDIT);
    assert.ok(
      cls.path.some((line) => line.startsWith("Q2 history of OMD: yes")),
      cls.path.join("\n"),
    );

    const list = await c.listPatients({ q: "Persistence" });
    const item = list.items.find((p) => p.id === PERSISTENCE_PATIENT.id);
    assert.ok(item, "the new patient is listed");
    assert.equal(item.stateCode, EXPECTED_BEFORE_EDIT);
    assert.equal(item.siteId, "site-a");

    const detail = await c.getPatient(PERSISTENCE_PATIENT.id);
    assert.equal(detail.patient.imagingStudies.length, 2);
    assert.equal(detail.classification.timeline[0]?.code, "DE_NOVO_SYNCHRONOUS");

    // as of a date before the restaging CT: the first work-up only
    const early = await c.classify(PERSISTENCE_PATIENT.id, { asOf: "2023-03-01" });
    assert.equal(early.estroEortc.code, "DE_NOVO_SYNCHRONOUS");
  });

  test("an invalid update is refused with every field by model path; a valid one reclassifies", async () => {
    const c = await signedIn("clinician");
    const bad = structuredClone(PERSISTENCE_PATIENT) as PatientInput & Record<string, unknown>;
    const studies = bad.imagingStudies as { lesions: Record<string, unknown>[] }[];
    (studies[1]!.lesions[1] as Record<string, unknown>)["sizeMm"] = -4;
    (studies[0]!.lesions[0] as Record<string, unknown>)["organ"] = "spleeen";
    const err = await rejects(c.updatePatient(PERSISTENCE_PATIENT.id, bad), 400, "invalid update");
    const paths = err.issues.map((i) => i.path).sort();
    assert.deepEqual(paths, ["imagingStudies[0].lesions[0].organ", "imagingStudies[1].lesions[1].sizeMm"]);

    const good = structuredClone(PERSISTENCE_PATIENT);
    const lesion = (good.imagingStudies ?? [])[1]?.lesions?.[1];
    assert.ok(lesion);
    (lesion as { sizeMm?: number }).sizeMm = 20;
    const saved = await c.updatePatient(PERSISTENCE_PATIENT.id, good);
    assert.equal(saved.classification.estroEortc.code, EXPECTED_AFTER_EDIT);
    // back to the original for the browser tests
    await c.updatePatient(PERSISTENCE_PATIENT.id, PERSISTENCE_PATIENT);
  });

  test("roles: researchers have no patient routes; clinicians see only their site", async () => {
    const r = await signedIn("researcher");
    await rejects(r.listPatients(), 403, "researcher lists patients");
    await rejects(r.getPatient(PERSISTENCE_PATIENT.id), 403, "researcher opens a patient");
    const admin = await signedIn("admin");
    const other = {
      ...structuredClone(PERSISTENCE_PATIENT),
      id: "E2E-OTHER-SITE",
      siteId: "site-b",
      name: "Other Site",
    };
    await admin.createPatient(other);
    const c = await signedIn("clinician");
    const list = await c.listPatients({ limit: 200 });
    assert.ok(
      list.items.every((p) => p.siteId === "site-a"),
      "only site-a patients",
    );
    const hidden = await c.getPatient("E2E-OTHER-SITE").then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(
      hidden instanceof ApiError && (hidden.status === 403 || hidden.status === 404),
      "other site hidden",
    );
    await admin.deletePatient("E2E-OTHER-SITE");
  });

  test("cohort summary and survival analysis have the contract's shape", async () => {
    const r = await signedIn("researcher");
    const summary = await r.cohortSummary();
    assert.ok(summary.total >= 1);
    assert.equal(
      summary.byState.reduce((s, x) => s + x.count, 0),
      summary.total,
      "state counts add up to the total",
    );
    const km = await r.survival({ endpoint: "os", groupBy: "none", times: [0, 12, 24] });
    assert.equal(km.timeUnit, "months");
    assert.ok(km.groups.length >= 1);
    const g = km.groups[0]!;
    const n = g.curve.time.length;
    for (const key of ["survival", "lower", "upper", "nRisk", "nEvent", "nCensor"] as const) {
      assert.equal(g.curve[key].length, n, `curve.${key} has one value per time`);
    }
    assert.deepEqual(km.numberAtRisk.times, [0, 12, 24]);
    assert.equal(km.numberAtRisk.byGroup[g.key]?.length, 3);
  });

  test(
    "plan check of the Eclipse prostate phantom",
    needsSharedData("dicom-rt", "eclipse-prostate-slicerrt"),
    async () => {
      const dir = sharedDataPath("dicom-rt", "eclipse-prostate-slicerrt");
      assert.ok(dir);
      const files = planCheckFiles(dir);
      const c = await signedIn("clinician");
      const result = await c.planCheck({
        rtdose: new Blob([new Uint8Array(files.rtdose)]),
        rtstruct: new Blob([new Uint8Array(files.rtstruct)]),
        rtplan: new Blob([new Uint8Array(files.rtplan)]),
        constraints: "tg101",
        fractions: 5,
      });
      const names = result.rois.map((roi) => roi.name);
      for (const roi of ["Bladder", "Rectum", "PTV"])
        assert.ok(names.includes(roi), `ROI ${roi} in ${names.join(", ")}`);
      // SlicerRT's metrics for this phantom: Bladder 116.779 cc, Rectum 30.4102 cc (SlicerRT's own
      // volumes; agreement within 3 % expected for a 2.5 mm grid)
      const bladder = result.rois.find((roi) => roi.name === "Bladder")!;
      assert.ok(Math.abs(bladder.volumeCc - 116.779) / 116.779 < 0.03, `Bladder ${bladder.volumeCc} cc`);
      assert.ok(result.constraints.length > 0, "constraints evaluated");
      assert.ok(result.constraints.every((k) => typeof k.status === "string" && k.source.length > 0));
    },
  );
});
