// `oligoscope classify <file|->`: ESTRO/EORTC 2020 classification and OMD definitions for every
// patient of a JSON object, JSON array or NDJSON input, streamed record by record.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import {
  type ClassifiedRecord,
  classifyJsonStream,
  classifyPatientStream,
  DEFAULT_GATE_ID,
  GATE_IDS,
  GATE_PRESETS,
  listDefinitions,
  prepareClassification,
} from "../../app/index.ts";
import type { ClassifyOptions, PatientClassification, ResolvedOptions } from "../../core/index.ts";
import { explainBlock, invalidRecordText, tableHeader, tableRow } from "../classify-format.ts";
import { type CliIo, InputError, UsageError } from "../io.ts";

type ClassifyCliOptions = {
  asOf?: string;
  gate: string;
  systemicWindowDays?: string;
  workupWindowDays?: string;
  indexDate?: string;
  firstOmd?: boolean;
  definitions?: string;
  json?: boolean;
  compact?: boolean;
  explain?: boolean;
  brief?: boolean;
  workers: string;
};

/** `--workers auto`: records classified in the main thread before the worker threads start (each
 * takes ~0.2 s of CPU to load; a smaller input is done by then). */
const AUTO_IN_THREAD_RECORDS = 2000;
/** `--workers auto` on a file at least this large starts the workers at once, so that their
 * start-up overlaps the reading (4 MB: ~6 000 lean or ~1 400 registry-sized NDJSON records). */
const AUTO_WORKERS_AT_ONCE_BYTES = 4 * 1024 * 1024;
/** `--workers auto` uses at most this many threads (this one and 7 workers): each worker holds its
 * own heap (~100–150 MB of RSS), and one reading thread feeds about this many (it spends 0.1–0.3
 * of a core per two workers). */
const AUTO_MAX_THREADS = 8;

/** Threads that classify (this one included: n - 1 workers) and when the workers start, from
 * `--workers <n|auto>`. */
function workerPlan(value: string): { threads: number; inThreadRecords: number } {
  if (value === "auto") {
    return {
      threads: Math.min(availableParallelism(), AUTO_MAX_THREADS),
      inThreadRecords: AUTO_IN_THREAD_RECORDS,
    };
  }
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) {
    throw new UsageError(`--workers must be "auto" or a whole number from 1 to 256 (got "${value}")`);
  }
  return { threads: Number(value), inThreadRecords: 0 };
}

/** Today's date on this machine (local calendar), the CLI's default as-of date. */
function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function intOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number of days (got "${value}")`);
  return Number(value);
}

function toClassifyOptions(o: ClassifyCliOptions): ClassifyOptions {
  if (!GATE_IDS.includes(o.gate as (typeof GATE_IDS)[number])) {
    throw new UsageError(`--gate: unknown preset "${o.gate}"; choose one of ${GATE_IDS.join(", ")}`);
  }
  const systemic = intOption(o.systemicWindowDays, "--systemic-window-days");
  const workup = intOption(o.workupWindowDays, "--workup-window-days");
  return {
    asOf: o.asOf ?? localToday(),
    gate: o.gate as (typeof GATE_IDS)[number],
    ...(systemic !== undefined ? { systemicWindowDays: systemic } : {}),
    ...(workup !== undefined ? { workupWindowDays: workup } : {}),
    ...(o.indexDate !== undefined ? { indexDate: o.indexDate } : {}),
    ...(o.firstOmd === true ? { classifyAtFirstOmdDiagnosis: true } : {}),
    // --compact prints neither the timeline nor the factors: the classifier need not build them
    ...(o.compact === true ? { detail: "compact" as const } : {}),
    ...(o.definitions !== undefined
      ? {
          definitions: o.definitions
            .split(",")
            .map((s) => s.trim())
            .filter((s) => s !== ""),
        }
      : {}),
  };
}

/**
 * Buffered writer that respects back-pressure, so a large output does not pile up in memory.
 * Lines are collected synchronously and written in 64 kB batches; only a batch write awaits.
 */
class Out {
  private buf = "";
  /** a write error (e.g. EPIPE: the reader of a pipe closed it); writing stops with a message */
  private failed: Error | undefined;
  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on("error", (err: Error) => {
      this.failed ??= err;
    });
  }
  /** Appends a line; true when the buffer is full and `flush` should be awaited. */
  add(s: string): boolean {
    this.buf += `${s}\n`;
    return this.buf.length >= 65536;
  }
  /** Writes UTF-8 bytes of a batch as they are (after the text collected so far). */
  async part(p: Uint8Array): Promise<void> {
    await this.flush();
    if (p.length > 0) await this.write(p);
  }
  async line(s: string): Promise<void> {
    if (this.add(s)) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buf === "") return;
    const chunk = this.buf;
    this.buf = "";
    await this.write(chunk);
  }
  private async write(chunk: string | Uint8Array): Promise<void> {
    this.check();
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off("drain", done);
          this.stream.off("error", done);
          resolve();
        };
        this.stream.on("drain", done);
        this.stream.on("error", done);
      });
    }
    this.check();
  }
  private check(): void {
    if (this.failed === undefined) return;
    const code = (this.failed as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot write the output${code === "EPIPE" ? ": the reader closed the pipe (EPIPE)" : `: ${this.failed.message}`}`,
    );
  }
}

/** The input's size in bytes when it is a regular file (undefined for stdin and pipes). */
async function inputBytes(file: string): Promise<number | undefined> {
  if (file === "-") return undefined;
  try {
    const s = await stat(file);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined; // openInput reports it
  }
}

async function openInput(file: string, io: CliIo): Promise<AsyncIterable<string | Uint8Array>> {
  if (file === "-") return io.stdin as AsyncIterable<string | Uint8Array>;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new InputError(`${file} is a directory, not a patient file`);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${file}: ${code === "ENOENT" ? "no such file" : String((err as Error).message)}`,
    );
  }
  return createReadStream(file, { highWaterMark: 1 << 20 });
}

/** The end of a run, the same on both paths: the time taken (interactive, large inputs), then
 * exit 1 for an input without records or with invalid ones (listed on stderr before). */
function finishRun(
  io: CliIo,
  file: string,
  run: { total: number; valid: number; invalid: number; started: bigint },
): void {
  if (io.interactive && run.total >= 1000) {
    const seconds = Number(process.hrtime.bigint() - run.started) / 1e9;
    io.stderr.write(`classified ${run.valid} patients in ${seconds.toFixed(1)} s\n`);
  }
  if (run.total === 0) throw new InputError(`${file === "-" ? "stdin" : file} contains no patient record`);
  if (run.invalid > 0) {
    throw new InputError(
      `${run.invalid} of ${run.total} records invalid (listed above with every failing field); ${run.valid} classified`,
    );
  }
}

async function run(file: string, o: ClassifyCliOptions, io: CliIo): Promise<void> {
  if (o.compact === true && o.json !== true) {
    throw new UsageError("--compact applies to --json output only: add --json (or drop --compact)");
  }
  const prepared = prepareClassification(toClassifyOptions(o));
  if (!prepared.ok) {
    throw new UsageError(
      prepared.issues
        .map((i) => `--${i.path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`)
        .join("\n"),
    );
  }
  const options = prepared.value;
  const plan = workerPlan(o.workers);
  // --json, on worker threads or (--workers 1) this thread alike: NDJSON batches written as UTF-8
  // bytes (a third of the CPU per record of the record-by-record loop below, same bytes)
  if (o.json === true) return runOnWorkers(file, o, toClassifyOptions(o), options, plan, io);
  const input = await openInput(file, io);
  const out = new Out(io.stdout);
  const gateLabel = `gate ${o.gate}`;
  let total = 0;
  let invalid = 0;
  let valid = 0;
  let headerDone = false;
  // in table mode the first result waits: a single-patient input is shown with its full reasons
  let pending: PatientClassification | undefined;
  const started = process.hrtime.bigint();

  // table or --explain (--json is written by runOnWorkers)
  const show = async (c: PatientClassification): Promise<void> => {
    if (o.explain === true) return out.line(`${explainBlock(c)}\n`);
    if (!headerDone) {
      await out.line(tableHeader(gateLabel));
      headerDone = true;
    }
    return out.line(tableRow(c));
  };

  const progress = (final: boolean): void => {
    if (io.interactive) {
      io.stderr.write(final ? "\r\x1b[K" : `\rclassified ${total} records…`);
    } else if (!final && total % 100_000 === 0) {
      io.stderr.write(`classified ${total} records\n`);
    }
  };

  try {
    for await (const r of classifyPatientStream(input, options) as AsyncIterable<ClassifiedRecord>) {
      total++;
      if (!r.ok) {
        invalid++;
        await out.flush();
        io.stderr.write(`${invalidRecordText(r)}\n`);
      } else {
        valid++;
        const single = o.explain !== true && o.brief !== true;
        if (single && valid === 1) pending = r.classification;
        else {
          if (pending !== undefined) {
            await show(pending);
            pending = undefined;
          }
          await show(r.classification);
        }
      }
      if (total % 1000 === 0) progress(false);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== undefined)
      throw new InputError(`cannot read ${file === "-" ? "stdin" : file}: ${(err as Error).message}`);
    throw err;
  }
  if (pending !== undefined) await out.line(explainBlock(pending));
  await out.flush();
  progress(true);
  finishRun(io, file, { total, valid, invalid, started });
}

/**
 * `--json` in batches (on worker threads, or in this thread with `--workers 1`): the same lines,
 * invalid-record reports, progress and exit as the record-by-record loop of `run`, batch by batch
 * in input order.
 */
async function runOnWorkers(
  file: string,
  o: ClassifyCliOptions,
  raw: ClassifyOptions,
  options: ResolvedOptions,
  plan: { threads: number; inThreadRecords: number },
  io: CliIo,
): Promise<void> {
  const input = await openInput(file, io);
  const bytes = await inputBytes(file);
  const inThreadRecords =
    plan.inThreadRecords > 0 && bytes !== undefined && bytes >= AUTO_WORKERS_AT_ONCE_BYTES
      ? 0
      : plan.inThreadRecords;
  const out = new Out(io.stdout);
  let total = 0;
  let invalid = 0;
  const started = process.hrtime.bigint();
  // the in-thread loop reports after every 1 000th record: the same marks, crossed a batch at a time
  const advance = (records: number): void => {
    const before = total;
    total += records;
    for (let mark = Math.floor(before / 1000) * 1000 + 1000; mark <= total; mark += 1000) {
      if (io.interactive) io.stderr.write(`\rclassified ${mark} records…`);
      else if (mark % 100_000 === 0) io.stderr.write(`classified ${mark} records\n`);
    }
  };
  try {
    const batches = classifyJsonStream(input, raw, options, {
      threads: plan.threads,
      compact: o.compact === true,
      inThreadRecords,
    });
    for await (const b of batches) {
      const end = total + b.records; // batches hold consecutive records
      for (let k = 0; k < b.invalid.length; k++) {
        const r = b.invalid[k] as (typeof b.invalid)[number];
        await out.part(b.text[k] as Uint8Array);
        advance(r.index - total); // the valid records before this one
        await out.flush();
        io.stderr.write(`${invalidRecordText({ ok: false, ...r })}\n`);
        invalid++;
        advance(1);
      }
      await out.part(b.text[b.invalid.length] as Uint8Array);
      advance(end - total);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== undefined && !code.startsWith("ERR_"))
      throw new InputError(`cannot read ${file === "-" ? "stdin" : file}: ${(err as Error).message}`);
    throw err;
  }
  await out.flush();
  if (io.interactive) io.stderr.write("\r\x1b[K");
  const valid = total - invalid;
  finishRun(io, file, { total, valid, invalid, started });
}

export function register(program: Command, io: CliIo): void {
  const presets = listDefinitions()
    .map((d) => d.id)
    .join(", ");
  program
    .command("classify")
    .description(
      "classify patients (ESTRO/EORTC 2020 category with the path of reasons, OMD definitions, characterisation factors)",
    )
    .argument(
      "<file>",
      "patient file: one JSON object, a JSON array of patients, or NDJSON (one patient per line); - reads stdin",
    )
    .option("--as-of <date>", "use only data dated on or before this day, YYYY-MM-DD (default: today)")
    .option(
      "--gate <preset>",
      `OMD gate: ${GATE_IDS.map((g) => `${g} (${GATE_PRESETS[g].label})`).join("; ")}`,
      DEFAULT_GATE_ID,
    )
    .option(
      "--systemic-window-days <days>",
      "systemic therapy counts as active up to this many days after the last dose (default 28)",
    )
    .option(
      "--workup-window-days <days>",
      "unlabelled studies within this many days of a work-up's first study join it (default 30)",
    )
    .option(
      "--index-date <date>",
      "classify at the work-up containing a study of this date instead of the latest imaging",
    )
    .option("--first-omd", "report the classification at the first OMD diagnosis (trial exports)")
    .option(
      "--definitions <ids>",
      `comma-separated definition presets to evaluate (default: all: ${presets})`,
    )
    .option("--json", "write one JSON object per patient (NDJSON) to stdout")
    .option(
      "--compact",
      "with --json: only id, estroEortc.code/label/path/indexDate/missing and definitions.<preset>.result per patient",
    )
    .option(
      "--explain",
      "show the full reasons for every patient (default only when the input holds one patient)",
    )
    .option("--brief", "always print the table, even for a single patient")
    .option(
      "--workers <n|auto>",
      "with --json: threads that classify batches of records, this one included (n - 1 worker threads; output in input order, identical to --workers 1); auto = one per core (at most 8) for a file of 4 MB or more, else once the input passes 2 000 records; 1 = this thread only",
      "auto",
    )
    .addHelpText(
      "after",
      "\nExit codes: 0 all records classified; 1 invalid input (every invalid record is listed on stderr with\n" +
        "its record number, line, id and failing fields; valid records are still classified); 2 wrong usage.\n" +
        "Example: oligoscope classify test/fixtures/scenarios/01-nsclc-egfr-oligoprogression.json --as-of 2025-01-31",
    )
    .action(async (file: string, o: ClassifyCliOptions) => run(file, o, io));
}
