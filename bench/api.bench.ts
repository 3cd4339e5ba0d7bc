// Registry API speed with 100 000 patients in SQLite (file, WAL), issue 5 item 7:
//   (a) build the registry: generated demo patients (src/core/demo, classified and derived as on
//       every write) inserted in batches inside transactions;
//   (b) patient page API: GET /api/patients/:id (record + classification, site check, audit entry
//       committed before the answer) on random ids, autocannon, 200 connections, 10 s, loopback —
//       goal p99 ≤ 25 ms; then at an offered rate (API_BENCH_RATE, default 200/s) twice: autocannon
//       (its per-connection quotas refill together: bursts) and evenly spaced (open loop); the list
//       page GET /api/patients?limit=50 (one of the first 20 pages) in a closed loop. The server is
//       the product: `oligoscope serve --workers N` (CLI bundle) in its own processes, once per N in
//       API_BENCH_WORKERS (default "1,2"), back to back; every run prints the server's CPU per
//       request summed over all its processes (/proc: primary + workers) and the load average.
//   (c) cohort Kaplan–Meier over every patient (OS by ESTRO/EORTC state: select + KM + log-rank +
//       Cox, the POST /api/analytics/survival use case) — goal ≤ 1 s.
// Generating and classifying a demo patient takes ~3.6 ms, so 100 000 distinct histories would
// take 6 minutes: the bench generates POOL distinct patients and stores each under
// 100 000 / POOL ids (ids, document hash and search text rewritten; every row is a full record).
// autocannon runs in a child process on the same machine (2 cores: client and server share them).
// Where wrk (Debian package `wrk`, a C load generator: far less CPU per request than autocannon,
// which leaves more of the 2 cores to the server) is installed, the closed-loop patient page also
// runs under wrk with the same 200 connections and random ids.
// Run: npm run bench -- api   (API_BENCH_PATIENTS=100000, API_BENCH_POOL=2000, API_BENCH_SECONDS=10,
// API_BENCH_WORKERS=1,2)

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AppContext,
  addUser,
  cohortSummary,
  cohortSurvival,
  DEFAULT_APP_SETTINGS,
  demoRecords,
  survivalFromColumns,
  systemCaller,
} from "../src/app/index.ts";
import { insertPatients, openStore, type PatientRecord, selectTimeToEvent } from "../src/store/index.ts";
import { cliBinPath } from "./support/cli-bin.ts";

const TOTAL = Number(process.env.API_BENCH_PATIENTS ?? 100_000);
const POOL = Math.min(TOTAL, Number(process.env.API_BENCH_POOL ?? 2_000));
const SECONDS = Number(process.env.API_BENCH_SECONDS ?? 10);
const CONNECTIONS = 200;
const GOAL_P99_MS = 25;
const GOAL_KM_S = 1;
const PASSWORD = "bench password 2026";
const WORKER_COUNTS = (process.env.API_BENCH_WORKERS ?? "1,2").split(",").map((w) => w.trim());
const CLI = cliBinPath();

const dir = mkdtempSync(join(tmpdir(), "oligoscope-api-bench-"));
const file = join(dir, "oligoscope.sqlite");
const store = await openStore({ kind: "sqlite", file });
const ctx: AppContext = {
  store,
  now: () => new Date(),
  randomBytes: (n) => randomBytes(n),
  settings: DEFAULT_APP_SETTINGS,
};

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The same record under another id (document, hash, classification and search text follow). */
function cloneRecord(r: PatientRecord, id: string): PatientRecord {
  const from = `"${r.id}"`;
  const to = `"${id}"`;
  const document = r.document.split(from).join(to);
  return {
    ...r,
    id,
    document,
    documentHash: createHash("sha256").update(document).digest("hex"),
    derived: {
      ...r.derived,
      searchText: r.derived.searchText.split(r.id.toLowerCase()).join(id.toLowerCase()),
      classification: r.derived.classification.split(from).join(to),
    },
  };
}

// (a) registry
let t0 = performance.now();
const pool = demoRecords(ctx, 0, POOL, 20261123);
const genMs = performance.now() - t0;
t0 = performance.now();
const copies = Math.ceil(TOTAL / POOL);
const ids: string[] = [];
for (let c = 0; c < copies; c++) {
  const batch: PatientRecord[] = [];
  for (const r of pool) {
    if (ids.length + batch.length >= TOTAL) break;
    batch.push(c === 0 ? r : cloneRecord(r, `${r.id}-c${c}`));
  }
  await store.transaction((trx) => insertPatients(trx, batch, 100));
  for (const r of batch) ids.push(r.id);
}
const insertMs = performance.now() - t0;
const sizeMb = statSync(file).size / 1e6;
console.log(
  `registry: ${ids.length} patients (${POOL} generated + classified in ${sec(genMs)} = ${(genMs / POOL).toFixed(2)} ms each; ` +
    `inserted in ${sec(insertMs)} = ${((ids.length / insertMs) * 1000).toFixed(0)} rows/s); SQLite file ${sizeMb.toFixed(0)} MB`,
);

await addUser(ctx, systemCaller("bench"), { username: "bench-admin", password: PASSWORD, role: "admin" });

// (c) cohort KM over every patient
const admin = {
  actor: {
    kind: "user" as const,
    userId: "bench",
    username: "bench-admin",
    role: "admin" as const,
    siteId: null,
  },
  ip: null,
};
for (const [label, groupBy] of [
  ["OS by state (14 groups max: KM + log-rank + Cox)", "state"],
  ["OS, all patients (KM only)", "none"],
] as const) {
  const runs: number[] = [];
  const cpu: number[] = [];
  let groups = 0;
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const r = await cohortSurvival(ctx, admin, { endpoint: "os", groupBy });
    runs.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
    groups = r.groups.length;
    n = r.matched - r.excluded;
  }
  runs.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const median = runs[2]!;
  console.log(
    `cohort KM ${label}: ${n} patients, ${groups} groups: median ${median.toFixed(0)} ms (min ${runs[0]!.toFixed(0)}, max ${runs[4]!.toFixed(0)}; CPU median ${cpu[2]!.toFixed(0)} ms) — goal ≤ ${GOAL_KM_S * 1000} ms: ${median <= GOAL_KM_S * 1000 ? "met" : "NOT met"}`,
  );
}

/**
 * Median wall time of `runs` calls of `fn`, and the median process CPU time (user + system, ms):
 * on a shared machine the CPU time shows the work itself, the wall time adds the waiting.
 */
async function medianMs(fn: () => Promise<unknown> | unknown, runs = 5): Promise<string> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(runs / 2)]!.toFixed(0);
  return `${mid(wall)} ms (CPU ${mid(cpu)} ms)`;
}
const cols = await selectTimeToEvent(store.db, {}, "os", "state_code");
console.log(
  `  of which: reading the ${cols.days.length} OS times, events and states ${await medianMs(() => selectTimeToEvent(store.db, {}, "os", "state_code"))}; ` +
    `KM + log-rank + Cox by state on them ${await medianMs(() => survivalFromColumns(cols, { endpoint: "os", groupBy: "state" }))}`,
);
console.log(
  `cohort summary (counts by state and primary, GET /api/cohort/summary use case): median ${await medianMs(() => cohortSummary(ctx, admin, {}))}`,
);

// (b) HTTP: the product server in its own processes (the bench process only drives the load)
await store.close();
const idsFile = join(dir, "ids.json");
writeFileSync(idsFile, JSON.stringify(ids));
const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ");

/** user + system CPU ms of a process and its direct children (the cluster workers), from /proc */
function treeCpuMs(pid: number): number {
  const CLK_TCK = 100; // USER_HZ on Linux
  const pids = [pid];
  try {
    pids.push(
      ...readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    // not Linux: primary only
  }
  let ticks = 0;
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
    } catch {
      // exited
    }
  }
  return (ticks * 1000) / CLK_TCK;
}

type Server = { url: string; cookie: string; child: ChildProcess };

async function startServer(workers: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      "serve",
      "--workers",
      workers,
      "--port",
      "0",
      "--data-dir",
      dir,
      "--no-demo",
      "--log-level",
      "silent",
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, OLIGOSCOPE_DATABASE_URL: "" } },
  );
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[0-9.:]+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "bench-admin", password: PASSWORD }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (login.status !== 200 || cookie === "") throw new Error(`bench login failed: ${login.status}`);
  return { url, cookie, child };
}

/** A bare node:http server in its own process answering every request with the file's bytes. */
async function startBareServer(bodyFile: string): Promise<Server> {
  const code = `
    const body = require("node:fs").readFileSync(process.env.BODY_FILE);
    const server = require("node:http").createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
      res.end(body);
    });
    server.listen(0, "127.0.0.1", () => console.log("running at http://127.0.0.1:" + server.address().port));
    process.on("SIGTERM", () => server.close(() => process.exit(0)));`;
  const child = spawn(process.execPath, ["-e", code], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BODY_FILE: bodyFile },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[0-9.:]+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url, cookie: "", child };
}

async function stopServer(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.once("exit", r));
  s.child.kill("SIGTERM");
  await exited;
}

type LoadResult = {
  requests: number;
  rps: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number; average: number };
  /** server CPU (user + system, all its processes) over the run divided by the requests answered */
  serverCpuMsPerRequest: number;
  /** the load generator's own CPU (whole child process, start-up included) */
  clientCpuMs: number;
  /** 1-minute load average when the run ended */
  load: string;
};

/**
 * autocannon in a child process (inside a worker thread autocannon behaves as one of its own
 * workers and returns raw histograms); `mode` picks the request path. Ids go through a file.
 */
function load(
  server: Server,
  mode: "patient" | "list" | "paced",
  seconds: number,
  rate = 0,
): Promise<LoadResult> {
  const code = `
    const req = require("node:module").createRequire(process.env.AC_BASE);
    const autocannon = req("autocannon");
    const ids = JSON.parse(require("node:fs").readFileSync(process.env.AC_IDS, "utf8"));
    const mode = process.env.AC_MODE;
    const cpuMs = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
    let seed = 12345;
    const next = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
    if (mode === "paced") {
      // open loop, evenly spaced: one request every 1000/rate ms over a keep-alive pool of
      // AC_CONNECTIONS sockets (autocannon's overallRate fires each connection's quota at the same
      // moment every second, i.e. bursts); latency = send to last byte
      const http = require("node:http");
      const agent = new http.Agent({ keepAlive: true, maxSockets: Number(process.env.AC_CONNECTIONS) });
      const rate = Number(process.env.AC_RATE), total = rate * Number(process.env.AC_SECONDS);
      const lat = []; let sent = 0, done = 0, non2xx = 0, errors = 0;
      const finish = () => {
        lat.sort((a, b) => a - b);
        const q = (p) => lat.length ? Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] * 10) / 10 : NaN;
        process.stdout.write(JSON.stringify({ requests: lat.length, rps: rate, non2xx, errors, timeouts: 0, clientCpuMs: cpuMs(),
          latency: { p50: q(0.5), p90: q(0.9), p97_5: q(0.975), p99: q(0.99), max: q(1), average: lat.reduce((a, b) => a + b, 0) / Math.max(1, lat.length) } }));
        agent.destroy();
      };
      const t0 = performance.now();
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
        for (; sent < due; sent++) {
          const start = performance.now();
          http.get(process.env.AC_URL + "/api/patients/" + encodeURIComponent(ids[next() % ids.length]),
            { agent, headers: { cookie: process.env.AC_COOKIE } }, (res) => {
              if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
              res.resume();
              res.on("end", () => { lat.push(performance.now() - start); if (++done === total) finish(); });
            }).on("error", () => { errors++; if (++done === total) finish(); });
        }
        if (sent < total) setTimeout(tick, 1);
      };
      tick();
    } else autocannon({
      url: process.env.AC_URL, connections: Number(process.env.AC_CONNECTIONS),
      duration: Number(process.env.AC_SECONDS), headers: { cookie: process.env.AC_COOKIE },
      ...(Number(process.env.AC_RATE) > 0 ? { overallRate: Number(process.env.AC_RATE) } : {}),
      requests: [{ setupRequest: (r) => ({ ...r, path: mode === "patient"
        ? "/api/patients/" + encodeURIComponent(ids[next() % ids.length])
        : "/api/patients?limit=50&offset=" + (next() % 20) * 50 }) }],
    }, (err, res) => {
      if (err) throw err;
      process.stdout.write(JSON.stringify({ clientCpuMs: cpuMs(),
        requests: res.requests.total, rps: res.requests.average, non2xx: res.non2xx,
        errors: res.errors, timeouts: res.timeouts,
        latency: { p50: res.latency.p50, p90: res.latency.p90, p97_5: res.latency.p97_5,
          p99: res.latency.p99, max: res.latency.max, average: res.latency.average },
      }));
    });`;
  const pid = server.child.pid ?? 0;
  const cpu0 = treeCpuMs(pid);
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", code], {
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        AC_BASE: createRequire(import.meta.url).resolve("autocannon"),
        AC_IDS: idsFile,
        AC_URL: server.url,
        AC_COOKIE: server.cookie,
        AC_MODE: mode,
        AC_SECONDS: String(seconds),
        AC_CONNECTIONS: String(CONNECTIONS),
        AC_RATE: String(rate),
      },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.once("error", reject);
    child.once("exit", (status) => {
      if (status !== 0) reject(new Error(`autocannon exited with ${status}`));
      else {
        const cpuMs = treeCpuMs(pid) - cpu0;
        const r = JSON.parse(out) as Omit<LoadResult, "serverCpuMsPerRequest" | "load">;
        resolve({ ...r, serverCpuMsPerRequest: cpuMs / Math.max(1, r.requests), load: loadAverage() });
      }
    });
  });
}

/** wrk on PATH (`apt-get install wrk`), or undefined */
const WRK = (() => {
  const r = spawnSync("sh", ["-c", "command -v wrk"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();

/** wrk's duration text ("812.00us", "1.23ms", "2.01s") in ms */
function wrkMs(text: string): number {
  const m = /^([0-9.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`unreadable wrk latency "${text}"`);
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as "us" | "ms" | "s" | "m"];
  return Number(m[1]) * scale;
}

/**
 * The closed-loop patient page under wrk (one thread, CONNECTIONS connections, random ids from a
 * Lua script, the session cookie); wrk's latency distribution gives p50/p90/p99. The client's CPU
 * comes from /usr/bin/time.
 */
function loadWithWrk(server: Server, seconds: number): Promise<LoadResult> {
  const idsLines = join(dir, "ids.txt");
  if (!existsSync(idsLines))
    writeFileSync(idsLines, `${ids.map((id) => encodeURIComponent(id)).join("\n")}\n`);
  const script = join(dir, "patient-page.lua");
  writeFileSync(
    script,
    [
      "local ids = {}",
      `for line in io.lines(${JSON.stringify(idsLines)}) do ids[#ids + 1] = line end`,
      "math.randomseed(12345)",
      `wrk.headers["Cookie"] = ${JSON.stringify(server.cookie)}`,
      'request = function() return wrk.format("GET", "/api/patients/" .. ids[math.random(#ids)]) end',
      "",
    ].join("\n"),
  );
  const pid = server.child.pid ?? 0;
  const cpu0 = treeCpuMs(pid);
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(
      "/usr/bin/time",
      [
        "-f",
        "CLIENT_CPU %U %S",
        WRK as string,
        "-t1",
        `-c${CONNECTIONS}`,
        `-d${seconds}s`,
        "--latency",
        "-s",
        script,
        server.url,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.once("error", reject);
    child.once("exit", (status) => {
      if (status !== 0) return reject(new Error(`wrk exited with ${status}: ${out}`));
      const cpuMs = treeCpuMs(pid) - cpu0;
      const pct = (p: string) => wrkMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "NaN");
      const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? Number.NaN);
      const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
      const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const client = /CLIENT_CPU ([0-9.]+) ([0-9.]+)/.exec(out);
      const maxMs = wrkMs(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1] ?? "NaN");
      const avgMs = wrkMs(/Latency\s+(\S+)/.exec(out)?.[1] ?? "NaN");
      resolve({
        requests,
        rps: Number(/Requests\/sec:\s+([0-9.]+)/.exec(out)?.[1] ?? Number.NaN),
        non2xx,
        errors: sockErr ? Number(sockErr[1]) + Number(sockErr[2]) + Number(sockErr[3]) : 0,
        timeouts: sockErr ? Number(sockErr[4]) : 0,
        latency: {
          p50: pct("50"),
          p90: pct("90"),
          p97_5: Number.NaN,
          p99: pct("99"),
          max: maxMs,
          average: avgMs,
        },
        serverCpuMsPerRequest: cpuMs / Math.max(1, requests),
        clientCpuMs: client ? (Number(client[1]) + Number(client[2])) * 1000 : Number.NaN,
        load: loadAverage(),
      });
    });
  });
}

const report = (label: string, r: LoadResult, goal?: number) =>
  console.log(
    `${label}: ${r.requests} requests, ${r.rps.toFixed(0)} req/s; latency ms p50 ${r.latency.p50}, p90 ${r.latency.p90}, ` +
      `p97.5 ${r.latency.p97_5}, p99 ${r.latency.p99}, max ${r.latency.max}; server CPU ${r.serverCpuMsPerRequest.toFixed(3)} ms/request (all server processes), load generator CPU ${(r.clientCpuMs / Math.max(1, r.requests)).toFixed(3)} ms/request; non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}; load average ${r.load}` +
      (goal === undefined ? "" : ` — goal p99 ≤ ${goal} ms: ${r.latency.p99 <= goal ? "met" : "NOT met"}`),
  );

const offered = Number(process.env.API_BENCH_RATE ?? 200);
for (const workers of WORKER_COUNTS) {
  const server = await startServer(workers);
  console.log(`\nserver: oligoscope serve --workers ${workers} (CLI bundle), load average ${loadAverage()}`);
  const tag = `[workers ${workers}]`;
  await load(server, "patient", 2); // warm-up
  report(
    `${tag} GET /api/patients/:id, ${CONNECTIONS} connections, ${SECONDS} s`,
    await load(server, "patient", SECONDS),
    GOAL_P99_MS,
  );
  if (WRK !== undefined) {
    report(
      `${tag} GET /api/patients/:id, ${CONNECTIONS} connections, ${SECONDS} s, wrk`,
      await loadWithWrk(server, SECONDS),
      GOAL_P99_MS,
    );
  } else {
    console.log(
      `${tag} wrk is not installed (apt-get install wrk): the closed loop ran under autocannon only`,
    );
  }
  // closed loop at 200 connections measures queueing (latency ≈ connections / throughput); at an
  // offered rate below saturation the latency is the service time a user sees
  report(
    `${tag} GET /api/patients/:id, ${CONNECTIONS} connections, offered ${offered} req/s, ${SECONDS} s`,
    await load(server, "patient", SECONDS, offered),
    GOAL_P99_MS,
  );
  report(
    `${tag} GET /api/patients/:id, offered ${offered} req/s evenly spaced (open loop, up to ${CONNECTIONS} sockets), ${SECONDS} s`,
    await load(server, "paced", SECONDS, offered),
    GOAL_P99_MS,
  );
  report(
    `${tag} GET /api/patients?limit=50 (list page), ${CONNECTIONS} connections, ${SECONDS} s`,
    await load(server, "list", SECONDS),
  );
  await stopServer(server);
}

// Floor of this machine and load generator: a bare node:http server (no framework, no database)
// answering every request with the bytes of one patient page, under the same closed loop. What the
// product adds is the difference to this line.
{
  const server = await startServer(WORKER_COUNTS[0] ?? "1");
  const page = await fetch(`${server.url}/api/patients/${encodeURIComponent(ids[0] as string)}`, {
    headers: { cookie: server.cookie },
  });
  const bodyFile = join(dir, "patient-page.json");
  writeFileSync(bodyFile, Buffer.from(await page.arrayBuffer()));
  await stopServer(server);
  const bare = await startBareServer(bodyFile);
  console.log(
    `\nreference: bare node:http server, one process, the ${statSync(bodyFile).size}-byte patient page as a constant answer`,
  );
  await load(bare, "patient", 2); // warm-up
  report(
    `[bare] GET, ${CONNECTIONS} connections, ${SECONDS} s, autocannon`,
    await load(bare, "patient", SECONDS),
    GOAL_P99_MS,
  );
  if (WRK !== undefined) {
    report(
      `[bare] GET, ${CONNECTIONS} connections, ${SECONDS} s, wrk`,
      await loadWithWrk(bare, SECONDS),
      GOAL_P99_MS,
    );
  }
  await stopServer(bare);
}

rmSync(dir, { recursive: true, force: true });
