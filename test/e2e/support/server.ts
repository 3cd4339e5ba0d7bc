// Starts the real Oligoscope server for end-to-end tests: a child process running
// `oligoscope serve --port 0` on loopback with a temporary SQLite data dir, after making sure the
// web build in dist/web is current. The database starts empty, so the server loads the demo
// registry (600 synthetic patients) and its three demo accounts, as `npm start` does for a new
// user; `--demo-password` makes their password known to the tests.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureWebBuild, repoRoot } from "../../../scripts/build-web.ts";

export type TestAccount = {
  readonly username: string;
  readonly password: string;
  readonly role: string;
  readonly site?: string;
};

/** Password of the demo accounts in the e2e server (serve --demo-password). */
const DEMO_PASSWORD = "e2e-demo-password-2026";

/** The demo accounts (src/app/load-demo-cohort.ts): one per role; the clinician works at site-a. */
export const ACCOUNTS = {
  admin: { username: "admin", password: DEMO_PASSWORD, role: "admin" },
  clinician: { username: "clinician", password: DEMO_PASSWORD, role: "clinician", site: "site-a" },
  researcher: { username: "researcher", password: DEMO_PASSWORD, role: "researcher" },
} as const satisfies Record<string, TestAccount>;

export type TestServer = {
  readonly url: string;
  readonly dataDir: string;
  /** server stderr so far (for failure messages) */
  readonly log: () => string;
  /** what the server printed on stdout (URL, demo accounts) */
  readonly stdout: () => string;
  stop(): Promise<void>;
};

/** The environment of the child processes: SQLite in the temp dir, whatever the caller's shell says. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env["OLIGOSCOPE_DATABASE_URL"];
  return env;
}

function waitForUrl(
  child: ChildProcess,
  stdout: () => string,
  log: () => string,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms\n${log()}`)),
      timeoutMs,
    );
    child.stdout?.on("data", () => {
      const m = /running at (http:\/\/\S+)/.exec(stdout());
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ""));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening\n${log()}`));
    });
  });
}

/**
 * `web: false` serves the API only (no build): test files run in parallel, and only the browser
 * tests need dist/web, so only they build it (two Vite builds into one folder would collide).
 */
export async function startTestServer(
  options: { readonly extraArgs?: readonly string[]; readonly web?: boolean } = {},
): Promise<TestServer> {
  const web = options.web ?? true;
  if (web) await ensureWebBuild({ quiet: true });
  const dataDir = mkdtempSync(join(tmpdir(), "oligoscope-e2e-"));
  let stderr = "";
  let stdout = "";
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, "bin", "oligoscope.js"),
      "serve",
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--data-dir",
      dataDir,
      "--log-level",
      "warn",
      "--demo-password",
      DEMO_PASSWORD,
      ...(web ? [] : ["--web-root", join(dataDir, "no-web-app")]),
      ...(options.extraArgs ?? []),
    ],
    { cwd: repoRoot, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString("utf8");
  });
  // registered before waitForUrl's listener, so the text is complete when that one runs
  child.stdout?.on("data", (c: Buffer) => {
    stdout += c.toString("utf8");
  });
  const log = (): string => stderr;
  let url: string;
  try {
    // the demo registry (600 patients) is loaded before the server listens
    url = await waitForUrl(child, () => stdout, log, 120_000);
  } catch (err) {
    child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    dataDir,
    log,
    stdout: () => stdout,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
