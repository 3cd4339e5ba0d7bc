// Benchmark (issue 2, item 8): classify 100 000 synthetic patients streamed from NDJSON through
// `oligoscope classify <file> --json [--compact]` itself (main() in this process: file stream ->
// NDJSON lines -> worker threads or this thread: JSON.parse -> parsePatient (every record
// validated) -> classifyPatient -> JSON.stringify -> output in input order to /dev/null), with
// `--workers 1` (this thread only) and `--workers auto` (one thread per core) back to back.
// Patients come from the seeded demo registry (src/core/demo), written to a temp file. A second
// cohort of "lean" synthetic records (1–2 imaging studies, 3 distant lesions, one systemic course;
// seeded) is run the same way, so the goal is measured on both shapes.
// Reports patients/s wall clock and per CPU-second (process.cpuUsage: every thread), the load
// average beside each run (the machine is shared), heap and RSS sampled every 100 ms (flat
// memory), and the cost of each stage on an in-memory slice (what dominates), with the Zod-only
// validation as the reference for the fast accept-path. Then the CLI as a user runs it, in its own
// process (node's start and module loading included), beside a one-record call (the fixed cost):
// the cold measure. In this process the thread is warm, and under `--workers auto` it classifies
// batches too (this thread and n - 1 workers), so those lines flatter the main thread's share.
// Goal: ≥ 50 000 patients/s.
// Run: npm run bench -- classify   (BENCH_PATIENTS=20000 for a shorter run; BENCH_COHORT=lean or
// demo for one cohort). Each cohort runs in a process of its own.
import { spawnSync } from "node:child_process";
import { closeSync, createWriteStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { availableParallelism, cpus, devNull, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import {
  classificationJson,
  classifyJsonBatch,
  prepareClassification,
  Utf8Sink,
  writeClassificationLine,
} from "../src/app/index.ts";
import { main } from "../src/cli/main.ts";
import type { Patient, ResolvedOptions } from "../src/core/index.ts";
import { classifyPatient, generateDemoCohort, parsePatient, parsePatientWithZod } from "../src/core/index.ts";
import { cliBinPath } from "./support/cli-bin.ts";

const N = Number(process.env["BENCH_PATIENTS"] ?? 100_000);
const SEED = 20201; // the demo registry's default seed
const AS_OF = "2026-11-23";
const GOAL = 50_000;

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * A lean record: NSCLC with 3 distant lesions in 2–3 organs on a staging FDG-PET-CT, half of the
 * patients with one follow-up CT, one systemic course. Deterministic in `n` (integer hash).
 */
function leanPatient(n: number): object {
  const h = (k: number): number => {
    let x = Math.imul(n ^ (k * 0x9e3779b9), 0x85ebca6b) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
    return (x ^ (x >>> 16)) >>> 0;
  };
  const pad = (v: number): string => String(v).padStart(2, "0");
  const year = 2018 + (h(1) % 6);
  const month = 1 + (h(2) % 12);
  const day = 1 + (h(3) % 28);
  const dx = `${year}-${pad(month)}-${pad(day)}`;
  const staging = `${year}-${pad(month)}-${pad(Math.min(28, day + 7))}`;
  const followUp = `${year + 1}-${pad(month)}-${pad(day)}`;
  const organs = ["lung", "bone", "adrenal", "liver", "brain"] as const;
  const lesions = [0, 1, 2].map((i) => ({
    id: `L${i + 1}`,
    organ: organs[(h(10 + i) % 2) + i] as string,
    location: "distant",
    sizeMm: 5 + (h(20 + i) % 30),
  }));
  const studies: object[] = [{ id: "S1", date: staging, modality: "fdg_pet_ct", lesions }];
  if (h(4) % 2 === 0) {
    studies.push({
      id: "S2",
      date: followUp,
      modality: "ct",
      lesions: lesions.map((l, i) => ({ ...l, sizeMm: l.sizeMm + (h(30 + i) % 9) - 3 })),
    });
  }
  return {
    id: `LEAN-${n}`,
    birthYear: 1940 + (h(5) % 40),
    sex: h(6) % 2 === 0 ? "female" : "male",
    primary: { site: "nsclc", diagnosisDate: dx, histology: "adenocarcinoma" },
    imagingStudies: studies,
    systemicTherapies: [
      {
        id: "T1",
        agent: "carboplatin + pemetrexed",
        class: "chemotherapy",
        start: staging,
        stop: `${year}-${pad(month)}-28`,
      },
    ],
  };
}

function* leanCohort(count: number): Generator<object> {
  for (let n = 0; n < count; n++) yield leanPatient(n);
}

/** Writes `count` patients as NDJSON in batches (memory stays flat while generating). */
function writeNdjson(file: string, patients: Iterable<object>): void {
  const fd = openSync(file, "w");
  try {
    let batch = "";
    for (const p of patients) {
      batch += `${JSON.stringify(p)}\n`;
      if (batch.length > 1 << 20) {
        writeSync(fd, batch);
        batch = "";
      }
    }
    writeSync(fd, batch);
  } finally {
    closeSync(fd);
  }
}

type RunResult = { count: number; seconds: number; cpuSeconds: number };

/**
 * One `oligoscope classify <file> --as-of … --json [--compact] --workers <w>` run in this process,
 * as the CLI runs it (main(): file stream -> split -> worker threads or this thread -> output),
 * stdout to /dev/null. CPU time is the process's (every thread: process.cpuUsage); heap (this
 * thread) and RSS (the process, workers included) are sampled every 100 ms.
 */
async function cliRun(
  label: string,
  file: string,
  args: readonly string[],
  quiet = false,
): Promise<RunResult> {
  gc();
  const heap: number[] = [];
  const rss: number[] = [];
  const stdout = createWriteStream(devNull);
  let stderr = "";
  const err = new Writable({
    write(chunk, _enc, done) {
      stderr += String(chunk);
      done();
    },
  });
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    heap.push(m.heapUsed);
    rss.push(m.rss);
  }, 100);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const code = await main(["node", "oligoscope", "classify", file, "--as-of", AS_OF, ...args], {
    stdout,
    stderr: err,
    stdin: process.stdin,
    interactive: false,
  });
  await new Promise<void>((resolve) => stdout.end(() => resolve()));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sample);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (code !== 0) throw new Error(`classify exited ${code}: ${stderr.slice(-500)}`);
  const count = Number(/classified (\d+) records\n$/.exec(stderr)?.[1] ?? N);
  if (!quiet) {
    console.log(`\n${label}: classify ${args.join(" ")}`);
    console.log(
      `  ${count.toLocaleString("en")} patients in ${seconds.toFixed(2)} s = ${Math.round(count / seconds).toLocaleString("en")} patients/s wall;` +
        ` CPU ${cpuSeconds.toFixed(2)} s (all threads) = ${Math.round(count / cpuSeconds).toLocaleString("en")} per CPU-second, ${((1e6 * cpuSeconds) / count).toFixed(1)} µs per patient; load average ${loadavg()[0]?.toFixed(1)}`,
    );
    if (heap.length > 0) {
      console.log(
        `  heap used (main thread) every 100 ms: min ${mb(Math.min(...heap))}, max ${mb(Math.max(...heap))}, last ${mb(heap[heap.length - 1] as number)}; RSS (all threads): min ${mb(Math.min(...rss))}, max ${mb(Math.max(...rss))}`,
      );
    }
  }
  return { count, seconds, cpuSeconds };
}

/**
 * CPU µs per patient of each stage on an in-memory slice (best of 3 after a warm pass). A timed
 * stage consumes each output as it comes (a checksum, so nothing is optimised away) and keeps
 * none, as the CLI's stream does; the next stage's input is built untimed. Keeping the 5 000
 * outputs in an array while timing made the classifier look 3–5× costlier: the garbage
 * collector then copies and promotes every result, which a stream of records never pays.
 */
function stages(
  title: string,
  lines: readonly string[],
  options: ResolvedOptions,
  compactOptions: ResolvedOptions,
): void {
  const n = lines.length;
  let checksum = 0;
  const best = (f: () => number): number => {
    checksum += f();
    let min = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 3; k++) {
      const c0 = process.cpuUsage();
      checksum += f();
      const c = process.cpuUsage(c0);
      min = Math.min(min, (c.user + c.system) / n);
    }
    return min;
  };
  const valid = (j: unknown): Patient => {
    const r = parsePatient(j);
    if (!r.ok) throw new Error(`invalid bench patient: ${r.issues[0]?.message}`);
    return r.value;
  };
  const parseRow = best(() => {
    let s = 0;
    for (const l of lines) s += (JSON.parse(l) as { id: string }).id.length;
    return s;
  });
  const json = lines.map((l) => JSON.parse(l) as unknown);
  const validateRow = best(() => {
    let s = 0;
    for (const j of json) s += valid(j).imagingStudies.length;
    return s;
  });
  const patients = json.map(valid);
  const classifyRow = best(() => {
    let s = 0;
    for (const p of patients) s += classifyPatient(p, options).estroEortc.code.length;
    return s;
  });
  let results = patients.map((p) => classifyPatient(p, options));
  const rows: [string, number][] = [
    ["JSON.parse", parseRow],
    ["parsePatient (Zod + cross-field checks)", validateRow],
    [
      "  (reference: Zod-only validation, not summed)",
      best(() => {
        let s = 0;
        for (const j of json) s += parsePatientWithZod(j).ok ? 1 : 0;
        return s;
      }),
    ],
    ["classifyPatient", classifyRow],
    [
      "JSON.stringify of the result",
      best(() => {
        let s = 0;
        for (const r of results) s += JSON.stringify(r).length;
        return s;
      }),
    ],
  ];
  const total = rows.reduce((s, [name, us]) => (name.startsWith(" ") ? s : s + us), 0);
  // --compact: the classifier with detail "compact" and the small object serialised
  const compactRows: [string, number][] = [
    [
      "  classifyPatient, detail compact",
      best(() => {
        let s = 0;
        for (const p of patients) s += classifyPatient(p, compactOptions).estroEortc.code.length;
        return s;
      }),
    ],
  ];
  results = patients.map((p) => classifyPatient(p, compactOptions));
  compactRows.push([
    "  compact line as UTF-8 bytes (as written)",
    best(() => {
      const sink = new Utf8Sink(n * 1024);
      for (const r of results) writeClassificationLine(sink, r, true);
      return sink.length;
    }),
  ]);
  const compactTotal =
    (rows[0]?.[1] ?? 0) + (rows[1]?.[1] ?? 0) + compactRows.reduce((s, [, us]) => s + us, 0);
  // for reference, not summed: the compact text and its UTF-8 encoding (the path before the bytes
  // were written directly), and one batch as a worker thread runs it
  const encoder = new TextEncoder();
  const referenceRows: [string, number][] = [
    [
      "  (compact JSON text + TextEncoder, not summed)",
      best(() => {
        let s = 0;
        for (const r of results) s += encoder.encode(`${classificationJson(r, true)}\n`).length;
        return s;
      }),
    ],
    [
      "  (whole batch as on a worker, compact)",
      best(() => classifyJsonBatch(lines, compactOptions, true).output.length),
    ],
  ];
  if (!(checksum > 0)) throw new Error("the stages produced no output");
  console.log(
    `\nstages, ${title}: ${n.toLocaleString("en")} patients in memory (CPU µs per patient, best of 3):`,
  );
  for (const [name, us] of rows) {
    console.log(
      `  ${name.padEnd(46)} ${us.toFixed(1).padStart(7)} µs  ${name.startsWith(" ") ? "" : `${((100 * us) / total).toFixed(0).padStart(3)} %`}`,
    );
  }
  console.log(
    `  ${"sum".padEnd(46)} ${total.toFixed(1).padStart(7)} µs  = ${Math.round(1e6 / total).toLocaleString("en")} patients per CPU-second`,
  );
  console.log("  --compact (parse and validation as above):");
  for (const [name, us] of [...compactRows, ...referenceRows])
    console.log(`  ${name.padEnd(46)} ${us.toFixed(1).padStart(7)} µs`);
  console.log(
    `  ${"sum, --compact".padEnd(46)} ${compactTotal.toFixed(1).padStart(7)} µs  = ${Math.round(1e6 / compactTotal).toLocaleString("en")} patients per CPU-second`,
  );
}

const prepared = prepareClassification({ asOf: AS_OF });
if (!prepared.ok) throw new Error(prepared.issues.map((i) => i.message).join("; "));
const options = prepared.value;
const preparedCompact = prepareClassification({ asOf: AS_OF, detail: "compact" });
if (!preparedCompact.ok) throw new Error(preparedCompact.issues.map((i) => i.message).join("; "));
const compactOptions = preparedCompact.value;
const dir = mkdtempSync(join(tmpdir(), "oligoscope-bench-"));

/** A CLI-process run: patients/s from spawn to exit, and after the one-record call's time. */
type ProcessResult = { label: string; endToEnd: number; afterStart: number };
type CohortResult = { name: string; runs: { label: string; r: RunResult }[]; process: ProcessResult[] };

/**
 * The CLI as a user runs it: `node bin/oligoscope.js classify <file> …` in a new process, stdout to
 * /dev/null, wall time from spawn to exit (node's start, module loading and the worker threads'
 * start included); median of `runs`. A one-record file gives the fixed cost of a call.
 */
function processRuns(file: string, one: string, runs = 3): ProcessResult[] {
  const bin = cliBinPath();
  const wall = (input: string, args: readonly string[]): number => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, "classify", input, "--as-of", AS_OF, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`oligoscope classify exited ${r.status}: ${r.stderr.slice(-500)}`);
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
  const results: ProcessResult[] = [];
  console.log(
    `
the CLI in its own process (node bin/oligoscope.js classify …; wall from spawn to exit, median of ${runs}):`,
  );
  for (const args of [
    ["--json", "--compact", "--workers", "1"],
    ["--json", "--compact", "--workers", "auto"],
  ]) {
    const start: number[] = [];
    const all: number[] = [];
    // alternated, so that both see the same machine
    for (let k = 0; k < runs; k++) {
      start.push(wall(one, args));
      all.push(wall(file, args));
    }
    const s = med(start);
    const a = med(all);
    console.log(
      `  ${args.join(" ").padEnd(34)} one record ${(1000 * s).toFixed(0)} ms; ${N.toLocaleString("en")} records ${a.toFixed(2)} s = ${Math.round(N / a).toLocaleString("en")} patients/s end to end (${Math.round(N / (a - s)).toLocaleString("en")}/s after the one-record cost); load average ${loadavg()[0]?.toFixed(1)}`,
    );
    results.push({ label: `CLI process, ${args.join(" ")}`, endToEnd: N / a, afterStart: N / (a - s) });
  }
  return results;
}

/** Generates a cohort file, classifies it through the CLI (full and compact, one thread and
 * worker threads, back to back) and times the stages in memory. */
async function cohort(name: string, patients: (count: number) => Iterable<object>): Promise<CohortResult> {
  const file = join(dir, `${name}.ndjson`);
  const head = join(dir, `${name}.head.ndjson`);
  const g0 = process.hrtime.bigint();
  writeNdjson(file, patients(N));
  writeNdjson(head, patients(Math.min(N, 10_000)));
  const size = statSync(file).size;
  console.log(
    `\n=== ${name}: ${N.toLocaleString("en")} patients, NDJSON ${mb(size)} (${Math.round(size / N)} bytes per patient), generated in ${(Number(process.hrtime.bigint() - g0) / 1e9).toFixed(1)} s`,
  );
  // warm-up of this thread's code (JIT) on the first 10 000 patients; worker threads start cold
  // in every run, as in the CLI
  for (const a of [["--compact"], []])
    await cliRun("warm-up", head, ["--json", ...a, "--workers", "1"], true);
  const threads = availableParallelism();
  const runs: CohortResult["runs"] = [];
  for (const [label, args] of [
    ["full, one thread", ["--json", "--workers", "1"]],
    [`full, --workers auto (${threads} threads)`, ["--json", "--workers", "auto"]],
    ["compact, one thread", ["--json", "--compact", "--workers", "1"]],
    [`compact, --workers auto (${threads} threads)`, ["--json", "--compact", "--workers", "auto"]],
  ] as const) {
    runs.push({ label, r: await cliRun(label, file, args) });
  }
  const one = join(dir, `${name}.one.ndjson`);
  writeNdjson(one, patients(1));
  const ownProcess = processRuns(file, one);
  const slice: string[] = [];
  for (const p of patients(Math.min(N, 5_000))) slice.push(JSON.stringify(p));
  stages(name, slice, options, compactOptions);
  return { name, runs, process: ownProcess };
}

/** The cohorts, by the name BENCH_COHORT takes. */
const COHORTS: Record<string, { name: string; patients: (count: number) => Iterable<object> }> = {
  demo: {
    name: `demo registry (seed ${SEED})`,
    patients: (count) => generateDemoCohort({ seed: SEED, asOf: AS_OF, count }),
  },
  lean: { name: "lean records", patients: leanCohort },
};

/** One cohort in this process: its runs, stages and result lines. */
async function runCohort(key: string): Promise<void> {
  const spec = COHORTS[key];
  if (spec === undefined) {
    throw new Error(`BENCH_COHORT must be one of ${Object.keys(COHORTS).join(", ")}, got "${key}"`);
  }
  try {
    const c = await cohort(spec.name, spec.patients);
    console.log(`\nmaxRSS of the process (incl. generation): ${mb(process.resourceUsage().maxRSS * 1024)}`);
    for (const { label, r } of c.runs) {
      const rate = r.count / r.seconds;
      console.log(
        `result, ${c.name}, ${label}: ${Math.round(rate).toLocaleString("en")} patients/s wall, ${Math.round(r.count / r.cpuSeconds).toLocaleString("en")} per CPU-second (${rate >= GOAL ? "meets" : "below"} the goal of ${GOAL.toLocaleString("en")}/s)`,
      );
    }
    for (const p of c.process) {
      console.log(
        `result, ${c.name}, ${p.label}: ${Math.round(p.endToEnd).toLocaleString("en")} patients/s end to end, ${Math.round(p.afterStart).toLocaleString("en")}/s after the one-record cost (${p.endToEnd >= GOAL ? "meets" : "below"} the goal of ${GOAL.toLocaleString("en")}/s end to end)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.env["BENCH_COHORT"];
if (only !== undefined && COHORTS[only] === undefined) {
  console.error(`BENCH_COHORT must be one of ${Object.keys(COHORTS).join(", ")}, got "${only}"`);
  process.exit(2);
} else if (only !== undefined) {
  await runCohort(only);
} else {
  console.log(
    `classify bench, asOf ${AS_OF}; machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), ${mb(totalmem())}, Node ${process.version}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  rmSync(dir, { recursive: true, force: true });
  // each cohort in a fresh process: what one cohort leaves in this thread (JIT feedback from its
  // records and full results, the heap it grew) halved the next cohort's in-process rates
  for (const key of Object.keys(COHORTS)) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1] as string], {
      env: { ...process.env, BENCH_COHORT: key },
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error(`the ${key} cohort's bench process exited ${r.status}`);
  }
}
