// Authentication, sessions, CSRF, rate limit and security headers, through the real server on an
// in-memory SQLite store.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Harness, PASSWORD, startHarness } from "../../test/support/server-harness.ts";
import { listAuditEntries, verifyAuditLog } from "../store/index.ts";

describe("auth", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  test("login sets an HttpOnly SameSite=Strict cookie and returns user + csrf token", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "clin-a", password: PASSWORD },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(body.user, { username: "clin-a", role: "clinician", siteId: "site-a" });
    assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
    const setCookie = String(res.headers["set-cookie"]);
    assert.match(setCookie, /^oligoscope_session=[A-Za-z0-9_-]{43};/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\//);
    assert.doesNotMatch(setCookie, /Secure/, "plain http by default");
  });

  test("wrong password and unknown user get the same 401 and are audited", async () => {
    for (const [username, reason] of [
      ["clin-a", "wrong_password"],
      ["nobody", "unknown_user"],
    ] as const) {
      const res = await h.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username, password: "wrong password!!" },
      });
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json(), {
        error: { code: "invalid_credentials", message: "wrong username or password" },
      });
      const [last] = await listAuditEntries(h.store.db, { resource: `user:${username}`, limit: 1 });
      assert.equal(last?.action, "auth.login_failed");
      assert.deepEqual(last?.details, { reason });
    }
  });

  test("login body is validated with every field named", async () => {
    const res = await h.app.inject({ method: "POST", url: "/api/auth/login", payload: { user: "x" } });
    assert.equal(res.statusCode, 400);
    const paths = res
      .json()
      .error.issues.map((i: { path: string }) => i.path)
      .sort();
    assert.deepEqual(paths, ["", "password", "username"]);
  });

  test("me: 401 without cookie, user with cookie", async () => {
    assert.equal((await h.request("GET", "/api/auth/me")).statusCode, 401);
    const res = await h.request("GET", "/api/auth/me", { as: "researcher" });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().user.role, "researcher");
    assert.equal(res.json().user.siteId, null);
  });

  test("a forged or garbage cookie is anonymous", async () => {
    const res = await h.request("GET", "/api/auth/me", {
      headers: { cookie: "oligoscope_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, "not_logged_in");
  });

  test("state-changing requests need the session's CSRF token", async () => {
    const s = await h.login("admin");
    const body = { username: "csrf-test", password: "a long enough password", role: "researcher" };
    const noHeader = await h.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: s.cookie },
      payload: body,
    });
    assert.equal(noHeader.statusCode, 403);
    assert.equal(noHeader.json().error.code, "csrf_token_invalid");
    const other = await h.login("clinicianA");
    const wrong = await h.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: s.cookie, "x-csrf-token": other.csrfToken },
      payload: body,
    });
    assert.equal(wrong.statusCode, 403, "another session's token is refused");
    const ok = await h.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken },
      payload: body,
    });
    assert.equal(ok.statusCode, 201);
  });

  test("logout ends the session in the database", async () => {
    const s = await h.login("clinicianB");
    const headers = { cookie: s.cookie, "x-csrf-token": s.csrfToken };
    const out = await h.app.inject({ method: "POST", url: "/api/auth/logout", headers });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers["set-cookie"]), /oligoscope_session=;/);
    const me = await h.app.inject({ method: "GET", url: "/api/auth/me", headers });
    assert.equal(me.statusCode, 401, "the old cookie no longer works");
  });

  test("sessions expire after the idle timeout and slide while used", async () => {
    const s = await h.login("clinicianA");
    const me = () => h.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: s.cookie } });
    h.clock.advanceMs(100 * 60_000); // 100 min idle < 120
    assert.equal((await me()).statusCode, 200);
    h.clock.advanceMs(100 * 60_000); // 100 min after the last use: still inside the slid window
    assert.equal((await me()).statusCode, 200);
    h.clock.advanceMs(121 * 60_000);
    assert.equal((await me()).statusCode, 401);
  });

  test("sessions end 12 h after login even when used", async () => {
    h.clock.set("2026-11-24T00:00:00.000Z");
    const s = await h.login("clinicianA");
    const me = () => h.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: s.cookie } });
    for (let i = 0; i < 11; i += 1) {
      h.clock.advanceMs(60 * 60_000);
      assert.equal((await me()).statusCode, 200, `hour ${i + 1}`);
    }
    h.clock.advanceMs(61 * 60_000);
    assert.equal((await me()).statusCode, 401);
  });

  test("security headers on API responses", async () => {
    const res = await h.request("GET", "/api/health");
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ok: true, database: "sqlite" });
    const csp = String(res.headers["content-security-policy"]);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(res.headers["x-frame-options"], "SAMEORIGIN");
    assert.equal(res.headers["referrer-policy"], "no-referrer");
    assert.equal(res.headers["strict-transport-security"], undefined);
  });

  test("errors never carry a stack trace; unknown API routes are JSON 404", async () => {
    const res = await h.request("GET", "/api/nope");
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, "not_found");
    const bad = await h.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, "invalid_json");
    assert.doesNotMatch(bad.body, /at .*\.ts:\d+/);
  });

  test("the audit chain stays valid through all of the above", async () => {
    const v = await verifyAuditLog(h.store.db);
    assert.equal(v.ok, true, v.reason ?? "");
    assert.ok(v.entries > 5);
  });
});

describe("login rate limit", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
  });
  after(async () => h.close());

  test("the 4th attempt within the window for one IP + username gets 429; other usernames are unaffected", async () => {
    const attempt = (username: string) =>
      h.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username, password: "wrong password!!" },
      });
    for (let i = 0; i < 3; i += 1) assert.equal((await attempt("admin")).statusCode, 401);
    const limited = await attempt("admin");
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, "rate_limited");
    assert.equal((await attempt("clin-a")).statusCode, 401);
    // even the right password is refused while limited
    const right = await h.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "admin", password: PASSWORD },
    });
    assert.equal(right.statusCode, 429);
  });
});
