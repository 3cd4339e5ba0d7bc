// `oligoscope serve`: starts on a free port with a temp data folder and answers over real HTTP.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../../../test/support/cli-harness.ts";
import { dvhWorkerThreads } from "../../app/index.ts";
import { listAuditEntries, openStore, verifyAuditLog } from "../../store/index.ts";
import type { CliIo } from "../io.ts";
import { parseDvhThreads, parseWorkers, startServe } from "./serve.ts";

const CLI = fileURLToPath(new URL("../../../bin/oligoscope.js", import.meta.url));

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
  /** startServe options for a quiet in-process server on `dataDir` (no DVH pool unless asked) */
  const serveOptions = (dataDir: string) => ({
    port: "0",
    host: "127.0.0.1",
    dataDir,
    webRoot: join(dir, "none"),
    logLevel: "silent",
    dvhThreads: "1",
  });
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
      "--workers",
      "--dvh-threads",
    ]) {
      assert.match(r.stdout, new RegExp(opt));
    }
  });

  test("bad port is a usage error", async () => {
    const r = await runCli(["serve", "--port", "70000", "--data-dir", join(dir, "x")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--port must be 0-65535/);
  });

  test("--workers takes 1-64 or auto; anything else is a usage error naming the option", async () => {
    assert.equal(parseWorkers(undefined), 1);
    assert.equal(parseWorkers("3"), 3);
    assert.ok(parseWorkers("auto") >= 1);
    for (const bad of ["0", "65", "1.5", "two", "-1", ""]) {
      assert.throws(() => parseWorkers(bad), /--workers must be a whole number from 1 to 64 or "auto"/, bad);
    }
    const r = await runCli(["serve", "--workers", "zero", "--port", "0", "--data-dir", join(dir, "w")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--workers must be/);
  });

  test("--workers 2: the primary loads the demo once, two processes serve one port, audit chain intact, SIGTERM stops all", async () => {
    const dataDir = join(dir, "cluster");
    const child = spawn(
      process.execPath,
      [
        CLI,
        "serve",
        "--workers",
        "2",
        "--port",
        "0",
        "--data-dir",
        dataDir,
        "--web-root",
        join(dir, "none"),
        "--demo-password",
        "demo password 2026",
        "--log-level",
        "silent",
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, OLIGOSCOPE_DATABASE_URL: "" } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const clusterBodies = new Map<string, Buffer>();
    try {
      // wait for the third account line (the demo accounts are printed after every worker listens)
      const deadline = Date.now() + 120_000;
      while (!/researcher\s+demo password 2026/.test(stdout)) {
        if (child.exitCode !== null || Date.now() > deadline)
          assert.fail(`serve did not start:\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(stdout, /running at http:\/\/127\.0\.0\.1:\d+ \(2 server processes\)/);
      assert.equal(stderr.match(/loading the demo registry/g)?.length, 1, "demo loaded once, by the primary");
      const url = /running at (http:\/\/[0-9.:]+)/.exec(stdout)?.[1] ?? "";
      const login = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: "demo password 2026" }),
      });
      assert.equal(login.status, 200);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const list = (await (await fetch(`${url}/api/patients?limit=20`, { headers: { cookie } })).json()) as {
        items: { id: string }[];
      };
      // 40 patient pages at once (new connections: both workers take some)
      const pages = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fetch(`${url}/api/patients/${list.items[i % 20]?.id}`, {
            headers: { cookie, connection: "close" },
          }),
        ),
      );
      assert.deepEqual(
        pages.map((p) => p.status),
        Array(40).fill(200),
      );
      for (const [i, p] of pages.entries()) {
        const body = Buffer.from(await p.arrayBuffer());
        const id = list.items[i % 20]?.id ?? "";
        const seen = clusterBodies.get(id);
        if (seen) assert.deepEqual(body, seen, `${id}: same bytes from either worker`);
        clusterBodies.set(id, body);
      }
      // the login rate limit (5 per minute per IP + username) holds for both workers together:
      // 5 wrong passwords on fresh connections (spread over the workers), then even the right one is 429
      const tryLogin = (password: string) =>
        fetch(`${url}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json", connection: "close" },
          body: JSON.stringify({ username: "clinician", password }),
        }).then((r) => r.status);
      const wrong: number[] = [];
      for (let i = 0; i < 5; i++) wrong.push(await tryLogin("wrong password!!"));
      assert.deepEqual(wrong, [401, 401, 401, 401, 401]);
      assert.equal(await tryLogin("demo password 2026"), 429);
      if (process.platform === "linux") {
        const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8")
          .trim()
          .split(/\s+/);
        assert.equal(children.length, 2, "two worker processes");
      }
      child.kill("SIGTERM");
      assert.equal(await exited, 0, stderr);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    const store = await openStore({ kind: "sqlite", file: join(dataDir, "oligoscope.sqlite") });
    try {
      const v = await verifyAuditLog(store.db);
      assert.equal(v.ok, true, v.reason ?? "");
      const reads = (await listAuditEntries(store.db, { limit: 1000 })).filter(
        (e) => e.action === "patient.read",
      );
      assert.equal(reads.length, 40, "one committed entry per patient page");
    } finally {
      await store.close();
    }
    // the single-process server answers the same bytes as the workers did
    const single = await startServe(serveOptions(dataDir), captureIo().io);
    try {
      const login = await fetch(`${single.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: "demo password 2026" }),
      });
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      assert.equal(clusterBodies.size, 20);
      for (const [id, body] of clusterBodies) {
        const res = await fetch(`${single.url}/api/patients/${id}`, { headers: { cookie } });
        assert.deepEqual(
          Buffer.from(await res.arrayBuffer()),
          body,
          `${id}: same bytes with and without workers`,
        );
      }
    } finally {
      await single.close();
    }
  });

  test("an empty database gets the demo registry and three demo accounts; a restart keeps them", async () => {
    const dataDir = join(dir, "demo");
    const common = serveOptions(dataDir);
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
        dvhThreads: "2",
      },
      io,
    );
    try {
      assert.equal(dvhWorkerThreads(), 2, "plan checks have a warm pool of 2 DVH threads");
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
    assert.equal(dvhWorkerThreads(), 0, "the pool stops with the server");
  });

  test("--dvh-threads takes 1-64 or auto (the cores shared among the server processes, at least 2)", () => {
    assert.equal(parseDvhThreads("1", 1), 1);
    assert.equal(parseDvhThreads("3", 4), 3);
    for (const processes of [1, 2, 64]) {
      const auto = parseDvhThreads("auto", processes);
      assert.equal(auto, parseDvhThreads(undefined, processes));
      assert.ok(auto === 1 || auto >= 2, "no pool on one core, else at least 2 threads");
    }
    for (const bad of ["0", "65", "1.5", "two", ""]) {
      assert.throws(
        () => parseDvhThreads(bad, 1),
        /--dvh-threads must be a whole number from 1 to 64 or "auto"/,
        bad,
      );
    }
  });
});
