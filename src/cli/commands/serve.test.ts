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

  test("starts, answers /api/health over HTTP, serves a page at /, stops", async () => {
    const { io, stderr } = captureIo();
    const server = await startServe(
      {
        port: "0",
        host: "127.0.0.1",
        dataDir: join(dir, "data"),
        webRoot: join(dir, "no-web-build"),
        logLevel: "silent",
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
