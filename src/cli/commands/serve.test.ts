// `oligoscope serve`: starts on a free port with a temp data folder and answers over real HTTP.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { after, describe, test } from "node:test";
import { runCli } from "../../../test/support/cli-harness.ts";
import type { CliIo } from "../io.ts";
import { startServe } from "./serve.ts";

function captureIo(): { io: CliIo; stderr: () => string } {
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  err.on("data", (c: Buffer) => chunks.push(c));
  return {
    io: { stdout: new PassThrough(), stderr: err, stdin: Readable.from([]), interactive: false },
    stderr: () => Buffer.concat(chunks).toString("utf8"),
  };
}

describe("oligoscope serve", () => {
  const dir = mkdtempSync(join(tmpdir(), "oligoscope-serve-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  delete process.env["OLIGOSCOPE_DATABASE_URL"];

  test("--help documents every option", async () => {
    const r = await runCli(["serve", "--help"]);
    assert.equal(r.code, 0);
    for (const opt of [
      "--port",
      "--host",
      "--data-dir",
      "--web-root",
      "--secure-cookies",
      "--trust-proxy",
      "--log-level",
    ]) {
      assert.match(r.stdout, new RegExp(opt));
    }
  });

  test("bad port is a usage error", async () => {
    const r = await runCli(["serve", "--port", "70000", "--data-dir", join(dir, "x")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--port must be 0-65535/);
  });

  test("an empty database gets the demo registry and three demo accounts; a restart keeps them", async () => {
    const dataDir = join(dir, "demo");
    const common = { port: "0", host: "127.0.0.1", dataDir, webRoot: join(dir, "none"), logLevel: "silent" };
    const first = await startServe({ ...common, demoPassword: "demo password 2026" }, captureIo().io);
    try {
      assert.equal(first.demo?.patients, 600);
      assert.deepEqual(
        first.demo?.accounts.map((a) => [a.username, a.role, a.siteId, a.password]),
        [
          ["admin", "admin", null, "demo password 2026"],
          ["clinician", "clinician", "site-a", "demo password 2026"],
          ["researcher", "researcher", null, "demo password 2026"],
        ],
      );
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "researcher", password: "demo password 2026" }),
      });
      assert.equal(login.status, 200);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const summary = await fetch(`${first.url}/api/cohort/summary`, { headers: { cookie } });
      const body = (await summary.json()) as { total: number; byState: { code: string; count: number }[] };
      assert.equal(body.total, 600);
      assert.ok(
        body.byState.every((s) => s.count > 0),
        "every state is populated",
      );
    } finally {
      await first.close();
    }
    const second = await startServe({ ...common }, captureIo().io);
    try {
      assert.equal(second.demo, undefined, "not loaded twice");
    } finally {
      await second.close();
    }
  });

  test("a demo password that is too short is refused before anything is written", async () => {
    const r = await runCli([
      "serve",
      "--port",
      "0",
      "--data-dir",
      join(dir, "short"),
      "--demo-password",
      "short",
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /demoPassword: must be at least 12 characters/);
  });

  test("starts, answers /api/health over HTTP, serves a page at /, stops", async () => {
    const { io, stderr } = captureIo();
    const server = await startServe(
      {
        port: "0",
        host: "127.0.0.1",
        dataDir: join(dir, "data"),
        webRoot: join(dir, "no-web-build"),
        logLevel: "silent",
        demo: false,
      },
      io,
    );
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${server.url}/api/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { ok: true, database: "sqlite" });
      const page = await fetch(`${server.url}/patients/123`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /web app has not been built/);
      assert.match(stderr(), /no user accounts yet/);
    } finally {
      await server.close();
    }
  });
});
