// Plan checks on a running server and what they do to the other requests: `oligoscope serve`
// (the CLI bundle, the demo registry, SQLite) with `--dvh-threads 1` (the DVHs in the request's
// thread) and `--dvh-threads auto` (a warm pool of worker threads, decision 0010), one after the
// other. For each: POST /api/plan-check of the brain SRS plan (RTDOSE + RTSTRUCT + RTPLAN, TG-101)
// PLAN_BENCH_CHECKS times in a row, while one client fetches a patient page (GET
// /api/patients/:id) every 5 ms; prints the plan check's wall time and the patient page's latency
// during the checks (median, p90, max). The same for the page alone, as the reference.
// Data: ../shared/data/dicom-rt/raystation-srs-brain-pps. Run: npm run bench -- plan-check
// (PLAN_BENCH_CHECKS=10).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sharedDataPath } from "../test/support/shared-data.ts";
import { cliBinPath } from "./support/cli-bin.ts";

const CHECKS = Number(process.env["PLAN_BENCH_CHECKS"] ?? 10);
const PASSWORD = "bench password 2026";
const CLI = cliBinPath();
const brain = sharedDataPath("dicom-rt", "raystation-srs-brain-pps", "BrainSRSRaystationIMRT");

const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

type Latency = { n: number; median: number; p90: number; max: number };

function latency(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, median: at(0.5), p90: at(0.9), max: s[s.length - 1]! };
}

const fmt = (l: Latency): string =>
  `median ${l.median.toFixed(1)} ms, p90 ${l.p90.toFixed(1)} ms, max ${l.max.toFixed(1)} ms (${l.n} pages)`;

type PlanFiles = { rd: Uint8Array<ArrayBuffer>; rs: Uint8Array<ArrayBuffer>; rp: Uint8Array<ArrayBuffer> };

async function run(dvhThreads: string, files: PlanFiles): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "oligoscope-plan-bench-"));
  const child = spawn(
    process.execPath,
    [
      CLI,
      "serve",
      "--port",
      "0",
      "--data-dir",
      dataDir,
      "--demo-password",
      PASSWORD,
      "--dvh-threads",
      dvhThreads,
      "--log-level",
      "silent",
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, OLIGOSCOPE_DATABASE_URL: "" } },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  try {
    const deadline = Date.now() + 120_000;
    while (!new RegExp(`researcher\\s+${PASSWORD}`).test(out)) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`serve did not start:\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = /running at (http:\/\/[0-9.:]+)/.exec(out)?.[1] ?? "";
    const login = await fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const list = (await (await fetch(`${url}/api/patients?limit=5`, { headers: { cookie } })).json()) as {
      items: { id: string }[];
    };
    const page = `${url}/api/patients/${list.items[0]!.id}`;
    const check = async (): Promise<void> => {
      const form = new FormData();
      form.append("rtdose", new Blob([files.rd]), "rd.dcm");
      form.append("rtstruct", new Blob([files.rs]), "rs.dcm");
      form.append("rtplan", new Blob([files.rp]), "rp.dcm");
      const r = await fetch(`${url}/api/plan-check`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken },
        body: form,
      });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`plan check answered ${r.status}`);
    };
    /** Fetches the patient page every 5 ms until `until` settles; the latencies. */
    const pages = async (until: Promise<unknown>): Promise<number[]> => {
      let done = false;
      void until.finally(() => {
        done = true;
      });
      const ms: number[] = [];
      while (!done) {
        const t0 = performance.now();
        await (await fetch(page, { headers: { cookie } })).arrayBuffer();
        ms.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
      return ms;
    };
    for (let i = 0; i < 3; i++) await check(); // warm: JIT, the pool's threads
    const alone = latency(await pages(new Promise((r) => setTimeout(r, 2000))));
    const load0 = load();
    const t0 = performance.now();
    const checks = (async () => {
      for (let i = 0; i < CHECKS; i++) await check();
    })();
    const during = latency(await pages(checks));
    await checks;
    const each = (performance.now() - t0) / CHECKS;
    console.log(`--dvh-threads ${dvhThreads} (load average ${load0} -> ${load()})`);
    console.log(`  plan check (brain SRS, TG-101), ${CHECKS} in a row: ${each.toFixed(0)} ms each, wall`);
    console.log(`  patient page alone:           ${fmt(alone)}`);
    console.log(`  patient page during the checks: ${fmt(during)}`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (brain === undefined) {
  console.log("NOTICE: ../shared/data/dicom-rt/raystation-srs-brain-pps not found: plan-check bench skipped");
} else {
  const file = (prefix: string) =>
    new Uint8Array(readFileSync(join(brain, readdirSync(brain).find((f) => f.startsWith(prefix))!)));
  const files: PlanFiles = { rd: file("RD"), rs: file("RS"), rp: file("RP") };
  console.log(`${new Date().toISOString().slice(0, 10)}; Node ${process.version}; CLI bundle; demo registry`);
  for (const threads of ["1", "auto", "1", "auto"]) await run(threads, files);
}
