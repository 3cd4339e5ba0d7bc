// The security headers are computed once at start: every kind of response (JSON 200, 401 before
// any handler, JSON 404 of an unknown route, 400 validation error, the patient page's raw JSON
// text) carries the same full set. Expected values: helmet 8 defaults (helmet README, "Reference")
// with our CSP, Referrer-Policy no-referrer, no COEP, HSTS only over https.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Harness, startHarness } from "../../test/support/server-harness.ts";
import { computeSecurityHeaders } from "./security-headers.ts";

const CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;" +
  "font-src 'self' data:;connect-src 'self';worker-src 'self' blob:;object-src 'none';base-uri 'self';" +
  "form-action 'self';frame-ancestors 'none'";

const HTTP_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CSP,
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-frame-options": "SAMEORIGIN",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};

const HTTPS_HEADERS: Readonly<Record<string, string>> = {
  ...HTTP_HEADERS,
  "content-security-policy": `${CSP};upgrade-insecure-requests`,
  "strict-transport-security": "max-age=31536000; includeSubDomains",
};

const pick = (headers: Record<string, unknown>, names: readonly string[]) =>
  Object.fromEntries(names.map((n) => [n, headers[n]]));

describe("security headers", () => {
  test("computed once: exactly helmet's set for http and for https", () => {
    assert.deepEqual(Object.fromEntries(computeSecurityHeaders(false)), HTTP_HEADERS);
    assert.deepEqual(Object.fromEntries(computeSecurityHeaders(true)), HTTPS_HEADERS);
  });

  describe("on every kind of response (http)", () => {
    let h: Harness;
    before(async () => {
      h = await startHarness();
      const created = await h.request("POST", "/api/patients", {
        as: "admin",
        body: {
          id: "SH-1",
          siteId: "site-a",
          primary: { site: "nsclc", diagnosisDate: "2024-01-10" },
          imagingStudies: [
            {
              id: "s1",
              date: "2024-02-01",
              modality: "fdg_pet_ct",
              lesions: [{ id: "L1", location: "distant", organ: "bone", sizeMm: 12 }],
            },
          ],
        },
      });
      assert.equal(created.statusCode, 201, created.body);
    });
    after(async () => h.close());

    const names = [...Object.keys(HTTP_HEADERS), "strict-transport-security"];
    const expected = { ...HTTP_HEADERS, "strict-transport-security": undefined };
    const cases: readonly [
      string,
      () => Promise<{ statusCode: number; headers: Record<string, unknown> }>,
    ][] = [
      ["200 health", () => h.request("GET", "/api/health")],
      ["401 patient page without session", () => h.request("GET", "/api/patients/SH-1")],
      ["404 unknown API route", () => h.request("GET", "/api/nope")],
      ["400 invalid query", () => h.request("GET", "/api/patients?limit=0", { as: "admin" })],
      ["200 patient page (raw JSON text)", () => h.request("GET", "/api/patients/SH-1", { as: "admin" })],
    ];
    for (const [label, send] of cases) {
      test(label, async () => {
        const res = await send();
        assert.equal(res.statusCode, Number(label.slice(0, 3)), label);
        assert.deepEqual(pick(res.headers, names), expected, label);
      });
    }
  });

  test("https: HSTS and upgrade-insecure-requests", async () => {
    const h = await startHarness({ secureCookies: true });
    try {
      const res = await h.request("GET", "/api/health");
      assert.deepEqual(pick(res.headers, Object.keys(HTTPS_HEADERS)), HTTPS_HEADERS);
    } finally {
      await h.close();
    }
  });
});
