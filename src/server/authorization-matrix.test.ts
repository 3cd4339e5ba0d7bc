// The authorisation matrix: every API route × every role (anonymous, admin, clinician of site A,
// clinician of site B, researcher) with the expected status, on a real server and in-memory
// SQLite store (fastify.inject, no mocks). The route list is checked against the OpenAPI document,
// so a new route without a row here fails. Every successful patient read or write must leave an
// audit entry naming the user; a refused attempt on another site's patient leaves one too.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { syntheticRtDose, syntheticRtPlan, syntheticRtStruct } from "../../test/support/dicom-writer.ts";
import { ACCOUNTS, type Harness, PASSWORD, startHarness } from "../../test/support/server-harness.ts";
import { listAuditEntries } from "../store/index.ts";

type Role = "anonymous" | "admin" | "clinicianA" | "clinicianB" | "researcher";
const ROLES: readonly Role[] = ["anonymous", "admin", "clinicianA", "clinicianB", "researcher"];

type Req = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  body?: unknown;
  multipart?: Record<string, string | Uint8Array>;
};

type Row = {
  readonly method: Req["method"];
  /** the route as registered (OpenAPI path with {id}) */
  readonly route: string;
  /** builds the request for one role (fresh data for writes, so cells do not interfere) */
  readonly request: (role: Role, n: number) => Req | Promise<Req>;
  /** expected status per role */
  readonly expect: Readonly<Record<Role, number>>;
  /** a successful call reads or writes patient data: it must be audited */
  readonly patientData?: boolean;
};

/** A valid de-novo synchronous NSCLC patient of a site. */
const patient = (id: string, siteId = "site-a") => ({
  id,
  siteId,
  name: "Matrix Example",
  birthYear: 1950,
  sex: "female",
  primary: { site: "nsclc", diagnosisDate: "2024-01-10" },
  imagingStudies: [
    {
      id: "s1",
      date: "2024-02-01",
      modality: "fdg_pet_ct",
      lesions: [{ id: "L1", location: "distant", organ: "bone", sizeMm: 12 }],
    },
  ],
  outcomes: { lastFollowUpDate: "2025-02-01" },
});

// a small plan: uniform 10 Gy on a 21 × 21 × 11 grid, one box ROI
const plan = {
  rtdose: syntheticRtDose({
    rows: 21,
    columns: 21,
    frames: 11,
    originMm: [-10, -10, 0],
    pixelSpacingMm: [1, 1],
    sliceSpacingMm: 2,
    doseGridScaling: 0.001,
    doseGy: () => 10,
  }),
  rtstruct: syntheticRtStruct({
    rois: [
      {
        number: 1,
        name: "SpinalCord",
        contours: [4, 6, 8].map((z) => ({ points: [-3, -3, z, 3, -3, z, 3, 3, z, -3, 3, z] })),
      },
    ],
  }),
  rtplan: syntheticRtPlan({ label: "SBRT", fractions: [5] }),
};

const all = (status: number): Record<Role, number> => ({
  anonymous: 401,
  admin: status,
  clinicianA: status,
  clinicianB: status,
  researcher: status,
});

describe("authorisation matrix: every route × role", () => {
  let h: Harness;
  const sessions = new Map<Role, { cookie: string; csrfToken: string }>();
  let created = 0;

  /** creates a site-A patient as admin (setup, not a matrix cell) */
  async function seedPatient(): Promise<string> {
    const id = `M-${++created}`;
    const res = await send("admin", { method: "POST", url: "/api/patients", body: patient(id) });
    assert.equal(res.statusCode, 201, res.body);
    return id;
  }

  async function send(
    role: Role,
    req: Req,
    session: { cookie: string; csrfToken: string } | null | undefined = sessions.get(role),
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (role !== "anonymous" && session) {
      headers["cookie"] = session.cookie;
      headers["x-csrf-token"] = session.csrfToken;
    }
    if (req.multipart) {
      const form = new FormData();
      for (const [k, v] of Object.entries(req.multipart)) {
        if (typeof v === "string") form.set(k, v);
        else form.set(k, new Blob([new Uint8Array(v)]), `${k}.dcm`);
      }
      const r = new Request("http://localhost/", { method: "POST", body: form });
      headers["content-type"] = r.headers.get("content-type") ?? "";
      return h.app.inject({
        method: req.method,
        url: req.url,
        headers,
        payload: Buffer.from(await r.arrayBuffer()),
      });
    }
    return h.app.inject({
      method: req.method,
      url: req.url,
      headers,
      ...(req.body !== undefined ? { payload: req.body as Record<string, unknown> } : {}),
    });
  }

  let shared = "";
  before(async () => {
    h = await startHarness();
    for (const r of ROLES) if (r !== "anonymous") sessions.set(r, await h.login(r));
    shared = await seedPatient();
  });
  after(async () => h.close());

  const rows: Row[] = [
    {
      method: "GET",
      route: "/api/health",
      request: () => ({ method: "GET", url: "/api/health" }),
      expect: { ...all(200), anonymous: 200 },
    },
    {
      method: "POST",
      route: "/api/auth/login",
      request: (role) => ({
        method: "POST",
        url: "/api/auth/login",
        body: {
          username: role === "anonymous" ? "nobody" : ACCOUNTS[role].username,
          password: PASSWORD,
        },
      }),
      // anyone may try; an unknown user is 401
      expect: { ...all(200), anonymous: 401 },
    },
    {
      method: "GET",
      route: "/api/auth/me",
      request: () => ({ method: "GET", url: "/api/auth/me" }),
      expect: all(200),
    },
    {
      method: "POST",
      route: "/api/auth/logout",
      request: () => ({ method: "POST", url: "/api/auth/logout" }),
      expect: all(204),
    },
    {
      method: "GET",
      route: "/api/patients",
      request: () => ({ method: "GET", url: "/api/patients" }),
      expect: { ...all(200), researcher: 403 },
      patientData: true,
    },
    {
      method: "POST",
      route: "/api/patients",
      request: (_role, n) => ({ method: "POST", url: "/api/patients", body: patient(`C-${n}`) }),
      // the body is a site-A patient: clinician B may not store it
      expect: { ...all(201), clinicianB: 403, researcher: 403 },
      patientData: true,
    },
    {
      method: "GET",
      route: "/api/patients/{id}",
      request: () => ({ method: "GET", url: `/api/patients/${shared}` }),
      expect: { ...all(200), clinicianB: 403, researcher: 403 },
      patientData: true,
    },
    {
      method: "PUT",
      route: "/api/patients/{id}",
      request: (_role, n) => ({
        method: "PUT",
        url: `/api/patients/${shared}`,
        body: { ...patient(shared), birthYear: 1940 + n },
      }),
      expect: { ...all(200), clinicianB: 403, researcher: 403 },
      patientData: true,
    },
    {
      method: "DELETE",
      route: "/api/patients/{id}",
      request: async () => ({ method: "DELETE", url: `/api/patients/${await seedPatient()}` }),
      expect: { ...all(403), anonymous: 401, admin: 204 },
      patientData: true,
    },
    {
      method: "GET",
      route: "/api/patients/{id}/classification",
      request: () => ({
        method: "GET",
        url: `/api/patients/${shared}/classification?asOf=2025-01-01&gate=le3`,
      }),
      expect: { ...all(200), clinicianB: 403, researcher: 403 },
      patientData: true,
    },
    {
      method: "GET",
      route: "/api/definitions",
      request: () => ({ method: "GET", url: "/api/definitions" }),
      expect: all(200),
    },
    {
      method: "GET",
      route: "/api/gates",
      request: () => ({ method: "GET", url: "/api/gates" }),
      expect: all(200),
    },
    {
      method: "GET",
      route: "/api/cohort/summary",
      request: () => ({ method: "GET", url: "/api/cohort/summary" }),
      expect: all(200),
    },
    {
      method: "POST",
      route: "/api/analytics/survival",
      request: () => ({
        method: "POST",
        url: "/api/analytics/survival",
        body: { endpoint: "os", groupBy: "state" },
      }),
      expect: all(200),
    },
    {
      method: "POST",
      route: "/api/plan-check",
      request: () => ({ method: "POST", url: "/api/plan-check", multipart: plan }),
      expect: { ...all(200), researcher: 403 },
    },
    {
      method: "GET",
      route: "/api/export/patients.csv",
      request: () => ({ method: "GET", url: "/api/export/patients.csv" }),
      expect: { ...all(200), researcher: 403 },
      patientData: true,
    },
    {
      method: "GET",
      route: "/api/export/research.ndjson",
      request: () => ({ method: "GET", url: "/api/export/research.ndjson" }),
      expect: { ...all(403), anonymous: 401, admin: 200, researcher: 200 },
      patientData: true,
    },
    {
      method: "GET",
      route: "/api/users",
      request: () => ({ method: "GET", url: "/api/users" }),
      expect: { ...all(403), anonymous: 401, admin: 200 },
    },
    {
      method: "POST",
      route: "/api/users",
      request: (_role, n) => ({
        method: "POST",
        url: "/api/users",
        body: { username: `user${n}`, password: "a long enough password", role: "researcher" },
      }),
      expect: { ...all(403), anonymous: 401, admin: 201 },
    },
    {
      method: "GET",
      route: "/api/audit/verify",
      request: () => ({ method: "GET", url: "/api/audit/verify" }),
      expect: { ...all(403), anonymous: 401, admin: 200 },
    },
    {
      method: "GET",
      route: "/api/audit/entries",
      request: () => ({ method: "GET", url: "/api/audit/entries?limit=5" }),
      expect: { ...all(403), anonymous: 401, admin: 200 },
    },
  ];

  test("the matrix lists every route of the OpenAPI document (and nothing else)", async () => {
    const doc = h.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const inMatrix = rows.map((r) => `${r.method} ${r.route}`).sort();
    assert.deepEqual(inMatrix, documented);
  });

  let n = 0;
  for (const row of rows) {
    for (const role of ROLES) {
      const expected = row.expect[role];
      test(`${row.method} ${row.route} as ${role} -> ${expected}`, async () => {
        const req = await row.request(role, ++n);
        // login replaces the session the browser holds, logout ends it: those cells use their own
        const session =
          role === "anonymous" || row.route === "/api/auth/login"
            ? null
            : row.route === "/api/auth/logout"
              ? await h.login(role)
              : sessions.get(role);
        const before = (await listAuditEntries(h.store.db, { limit: 1 }))[0]?.seq ?? 0;
        const res = await send(role, req, session);
        assert.equal(res.statusCode, expected, `${role} ${req.method} ${req.url}: ${res.body.slice(0, 300)}`);
        if (res.statusCode >= 400) {
          const body = res.json() as { error?: { code?: string } };
          assert.ok(body.error?.code, "errors carry a code");
        }
        if (
          res.statusCode === 403 &&
          req.url.startsWith("/api/patients/") &&
          (res.json() as { error: { code: string } }).error.code === "site_forbidden"
        ) {
          // a refused attempt on another site's patient is audited too
          const added = (await listAuditEntries(h.store.db, { limit: 50 })).filter((e) => e.seq > before);
          assert.ok(
            added.some(
              (e) =>
                e.action === "patient.access_denied" &&
                e.resource === `patient:${shared}` &&
                e.actor === (role === "anonymous" ? "" : ACCOUNTS[role].username),
            ),
            `denial audited: ${JSON.stringify(added.map((e) => [e.actor, e.action, e.resource]))}`,
          );
        }
        if (row.patientData && res.statusCode < 300) {
          const added = (await listAuditEntries(h.store.db, { limit: 50 })).filter((e) => e.seq > before);
          const username = role === "anonymous" ? "" : ACCOUNTS[role].username;
          assert.ok(
            added.some((e) => e.actor.includes(username) && /^(patient|export)\./.test(e.action)),
            `audited: ${JSON.stringify(added.map((e) => [e.actor, e.action]))}`,
          );
        }
      });
    }
  }

  test("a CSRF-less state change is 403 for every logged-in role, before any effect", async () => {
    for (const role of ROLES.filter((r) => r !== "anonymous")) {
      const s = sessions.get(role)!;
      const res = await h.app.inject({
        method: "PUT",
        url: `/api/patients/${shared}`,
        headers: { cookie: s.cookie },
        payload: patient(shared),
      });
      assert.equal(res.statusCode, 403, role);
      assert.equal(res.json().error.code, "csrf_token_invalid");
    }
  });
});
