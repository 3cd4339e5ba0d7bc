// Benchmark (issue 2, item 8): classify 100 000 synthetic patients streamed from NDJSON through the
// path of `oligoscope classify --json`: file stream -> JsonRecordSplitter -> JSON.parse ->
// parsePatient (Zod, every record validated) -> classifyPatient -> JSON.stringify -> output
// stream. Patients come from the seeded demo registry (src/core/demo), written to a temp file.
// A second cohort of "lean" synthetic records (1–2 imaging studies, 3 distant lesions, one
// systemic course; seeded) is run the same way, so the goal is measured on both shapes.
// Reports patients/s (wall clock and CPU), heap and RSS sampled during the run (flat memory), and
// the cost of each stage on an in-memory slice (what dominates), with the Zod-only validation as
// the reference for the fast accept-path. Goal: ≥ 50 000 patients/s.
// Run: npm run bench -- classify   (BENCH_PATIENTS=20000 for a shorter run)
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { availableParallelism, cpus, devNull, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { classifyPatientStream, prepareClassification } from "../src/app/index.ts";
import { compactClassification } from "../src/cli/classify-format.ts";
import type { Patient, ResolvedOptions } from "../src/core/index.ts";
import { classifyPatient, generateDemoCohort, parsePatient, parsePatientWithZod } from "../src/core/index.ts";

const N = Number(process.env["BENCH_PATIENTS"] ?? 100_000);
const SEED = 20201; // the demo registry's default seed
const AS_OF = "2026-11-23";
const GOAL = 50_000;
const SAMPLE_EVERY = 5_000;

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

/** Line writer with back-pressure, as the CLI's (src/cli/commands/classify.ts). */
class Sink {
  private buf = "";
  bytes = 0;
  private readonly stream = createWriteStream(devNull);
  async line(s: string): Promise<void> {
    this.buf += `${s}\n`;
    if (this.buf.length >= 65536) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buf === "") return;
    const chunk = this.buf;
    this.bytes += chunk.length;
    this.buf = "";
    if (!this.stream.write(chunk))
      await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
  }
}

type RunResult = { count: number; seconds: number; cpuSeconds: number };

async function streamRun(
  label: string,
  file: string,
  options: ResolvedOptions,
  limit: number,
): Promise<RunResult> {
  const compact = options.detail === "compact";
  gc();
  const heap: number[] = [];
  const rss: number[] = [];
  const codes = new Map<string, number>();
  const sink = new Sink();
  let count = 0;
  let invalid = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for await (const r of classifyPatientStream(createReadStream(file, { highWaterMark: 1 << 20 }), options)) {
    count++;
    if (!r.ok) invalid++;
    else {
      codes.set(r.classification.estroEortc.code, (codes.get(r.classification.estroEortc.code) ?? 0) + 1);
      await sink.line(JSON.stringify(compact ? compactClassification(r.classification) : r.classification));
    }
    if (count % SAMPLE_EVERY === 0) {
      const m = process.memoryUsage();
      heap.push(m.heapUsed);
      rss.push(m.rss);
    }
    if (count >= limit) break;
  }
  await sink.close();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`\n${label}`);
  console.log(
    `  ${count.toLocaleString("en")} patients (${invalid} invalid) in ${seconds.toFixed(2)} s = ${Math.round(count / seconds).toLocaleString("en")} patients/s wall` +
      ` (${Math.round(count / cpuSeconds).toLocaleString("en")} per CPU-second; goal ≥ ${GOAL.toLocaleString("en")})`,
  );
  console.log(
    `  output ${mb(sink.bytes)} of NDJSON (${Math.round(sink.bytes / Math.max(1, count - invalid))} bytes per patient)`,
  );
  if (heap.length > 0) {
    console.log(
      `  heap used every ${SAMPLE_EVERY.toLocaleString("en")} patients: min ${mb(Math.min(...heap))}, max ${mb(Math.max(...heap))}, last ${mb(heap[heap.length - 1] as number)}`,
    );
    console.log(`  RSS: min ${mb(Math.min(...rss))}, max ${mb(Math.max(...rss))}`);
  }
  console.log(
    `  codes: ${[...codes]
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(", ")}`,
  );
  return { count, seconds, cpuSeconds };
}

/** CPU µs per patient of each stage on an in-memory slice (best of 3 after a warm pass). */
function stages(
  title: string,
  lines: readonly string[],
  options: ResolvedOptions,
  compactOptions: ResolvedOptions,
): void {
  const n = lines.length;
  const best = (f: () => void): number => {
    f();
    let min = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 3; k++) {
      const c0 = process.cpuUsage();
      f();
      const c = process.cpuUsage(c0);
      min = Math.min(min, (c.user + c.system) / n);
    }
    return min;
  };
  let json: unknown[] = [];
  let patients: Patient[] = [];
  let results: ReturnType<typeof classifyPatient>[] = [];
  const rows: [string, number][] = [
    [
      "JSON.parse",
      best(() => {
        json = lines.map((l) => JSON.parse(l) as unknown);
      }),
    ],
    [
      "parsePatient (Zod + cross-field checks)",
      best(() => {
        patients = json.map((j) => {
          const r = parsePatient(j);
          if (!r.ok) throw new Error(`invalid demo patient: ${r.issues[0]?.message}`);
          return r.value;
        });
      }),
    ],
    [
      "  (reference: Zod-only validation, not summed)",
      best(() => {
        for (const j of json) parsePatientWithZod(j);
      }),
    ],
    [
      "classifyPatient",
      best(() => {
        results = patients.map((p) => classifyPatient(p, options));
      }),
    ],
    [
      "JSON.stringify of the result",
      best(() => {
        for (const r of results) JSON.stringify(r);
      }),
    ],
  ];
  const total = rows.reduce((s, [name, us]) => (name.startsWith(" ") ? s : s + us), 0);
  // --compact: the classifier with detail "compact" and the small object serialised
  const compactRows: [string, number][] = [
    [
      "  classifyPatient, detail compact",
      best(() => {
        results = patients.map((p) => classifyPatient(p, compactOptions));
      }),
    ],
    [
      "  JSON.stringify of the compact object",
      best(() => {
        for (const r of results) JSON.stringify(compactClassification(r));
      }),
    ],
  ];
  const compactTotal =
    (rows[0]?.[1] ?? 0) + (rows[1]?.[1] ?? 0) + compactRows.reduce((s, [, us]) => s + us, 0);
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
  for (const [name, us] of compactRows) console.log(`  ${name.padEnd(46)} ${us.toFixed(1).padStart(7)} µs`);
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

/** Generates a cohort file, streams it (warm-up, then the full run) and times the stages. */
async function cohort(
  name: string,
  patients: (count: number) => Iterable<object>,
): Promise<{ name: string; rate: number; cpuRate: number; compactRate: number; compactCpuRate: number }> {
  const file = join(dir, `${name}.ndjson`);
  const g0 = process.hrtime.bigint();
  writeNdjson(file, patients(N));
  const size = statSync(file).size;
  console.log(
    `\n=== ${name}: ${N.toLocaleString("en")} patients, NDJSON ${mb(size)} (${Math.round(size / N)} bytes per patient), generated in ${(Number(process.hrtime.bigint() - g0) / 1e9).toFixed(1)} s`,
  );
  await streamRun("warm-up: first 10 000 patients (JIT), not counted", file, options, 10_000);
  const r = await streamRun(
    "stream -> split -> JSON.parse -> validate -> classify -> JSON.stringify -> output (classify --json)",
    file,
    options,
    Number.POSITIVE_INFINITY,
  );
  const rc = await streamRun(
    "the same with --json --compact (classifier detail compact, small object per patient)",
    file,
    compactOptions,
    Number.POSITIVE_INFINITY,
  );
  const slice: string[] = [];
  for (const p of patients(Math.min(N, 5_000))) slice.push(JSON.stringify(p));
  stages(name, slice, options, compactOptions);
  return {
    name,
    rate: r.count / r.seconds,
    cpuRate: r.count / r.cpuSeconds,
    compactRate: rc.count / rc.seconds,
    compactCpuRate: rc.count / rc.cpuSeconds,
  };
}

try {
  console.log(
    `classify bench, asOf ${AS_OF}; machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), ${mb(totalmem())}, Node ${process.version}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  const results = [
    await cohort(`demo registry (seed ${SEED})`, (count) =>
      generateDemoCohort({ seed: SEED, asOf: AS_OF, count }),
    ),
    await cohort("lean records", leanCohort),
  ];
  console.log(`\nmaxRSS of the process (incl. generation): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  for (const r of results) {
    console.log(
      `result, ${r.name}: ${Math.round(r.rate).toLocaleString("en")} patients/s wall, ${Math.round(r.cpuRate).toLocaleString("en")} per CPU-second (${r.rate >= GOAL ? "meets" : "below"} the goal of ${GOAL.toLocaleString("en")})`,
    );
    console.log(
      `result, ${r.name}, --compact: ${Math.round(r.compactRate).toLocaleString("en")} patients/s wall, ${Math.round(r.compactCpuRate).toLocaleString("en")} per CPU-second (${r.compactRate >= GOAL ? "meets" : "below"} the goal)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
