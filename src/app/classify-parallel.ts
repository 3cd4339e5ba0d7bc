// Use case: classify a stream of patient records into the NDJSON of `classify --json`, on this
// thread and worker threads (decision 0010), batch by batch, the batches coming back IN INPUT
// ORDER. Memory stays flat: at most a few batches per thread are in flight, and the input is read
// only when the caller asks for the next batch (back-pressure). The first records can be
// classified in this thread alone, until the input is large enough to pay the workers' start-up.
// Then the workers get each batch while they have fewer than QUEUED_PER_WORKER batches each, and
// this thread classifies the batch itself when they are all that busy: with n threads, n - 1 are
// workers (one isolate fewer to start and to optimise than n workers beside an idle reader).
// NDJSON (the first record ends on its own line, as the record splitter decides) goes to the
// workers as raw UTF-8 lines: they decode, split, parse, validate, classify and serialise; this
// thread reads, writes, and does the same with a batch of its own when the workers are all busy.
// Any other input (a JSON array, pretty-printed objects) is split here by the record splitter and
// sent as record texts.
import type { ClassifyOptions, Issue, ResolvedOptions } from "../core/index.ts";
import { issue } from "../core/index.ts";
import { JsonRecordSplitter, type SplitEvent } from "../interop/index.ts";
import type { ClassifyWorkerResult, ClassifyWorkerTask } from "./classify.worker.ts";
import { type BatchRecordError, classifyJsonBatch, classifyNdjsonBytes } from "./classify-batch.ts";
import { newWorkerPool } from "./worker-module.ts";

export type ParallelClassifyOptions = {
  /** threads that classify, this one included: 1 = every batch in this thread; n ≥ 2 = this
   * thread and n - 1 worker threads */
  readonly threads: number;
  /** `classify --json --compact` instead of the full result */
  readonly compact: boolean;
  /** records classified in this thread before the workers start (0 = start them at once) */
  readonly inThreadRecords: number;
  /** record texts per batch when the input is not NDJSON (default 1 000) */
  readonly batchRecords?: number;
  /** characters or bytes of input per batch, about (default 512 kB) */
  readonly batchChars?: number;
};

/** An invalid record, placed in the input as the in-thread path reports it. */
export type BatchInvalidRecord = {
  /** 0-based position of the record in the input */
  readonly index: number;
  /** 1-based line where the record starts */
  readonly line: number;
  readonly id: string | undefined;
  readonly issues: readonly Issue[];
};

export type ClassifiedBatch = {
  /** records in this batch (valid and invalid) */
  readonly records: number;
  /**
   * The NDJSON output cut at the invalid records (one more part than invalid records), as UTF-8
   * bytes to be written as they are (from this thread or a worker thread alike).
   */
  readonly text: readonly Uint8Array[];
  readonly invalid: readonly BatchInvalidRecord[];
  /** true when the batch ran on a worker thread */
  readonly onWorker: boolean;
};

/** A batch's output before it is placed in the input. */
type BatchOut = {
  readonly text: readonly Uint8Array[];
  readonly errors: readonly BatchRecordError[];
  /** NDJSON: records and newlines in the batch */
  readonly records?: number | undefined;
  readonly lines?: number | undefined;
};

type Pending = {
  readonly result: Promise<BatchOut>;
  readonly place: (r: BatchOut) => ClassifiedBatch;
};

/** A batch's bytes (from a worker or this thread) cut back into the output parts. */
function cutParts(r: ClassifyWorkerResult): BatchOut {
  const text: Uint8Array[] = [];
  let at = 0;
  for (const n of r.cuts) {
    text.push(r.output.subarray(at, at + n));
    at += n;
  }
  return { text, errors: r.errors, records: r.records, lines: r.lines };
}

const DEFAULT_BATCH_RECORDS = 1000;
const DEFAULT_BATCH_CHARS = 256 * 1024;
/** batches not yet written, per thread: enough to keep every thread busy while the output is written */
const IN_FLIGHT_PER_THREAD = 3;
/** batches given to a worker and not yet finished, at most: this thread classifies the next batch
 * itself when every worker has this many. More than one, so that a worker's next batch already
 * waits in its queue while this thread is busy with its own (handed one task at a time, the worker
 * starved: 4.3 s instead of 3.1 s). On 2 cores, against two workers, wall time
 * is the same within the noise and CPU 3–8 % lower (decision 0010). */
const QUEUED_PER_WORKER = 3;
const NEWLINE = 10;
/** bytes read before deciding NDJSON or not, at most */
const HEAD_LIMIT = 4 * 1024 * 1024;
const encoder = new TextEncoder();

/** A copy with its own buffer (Buffer#slice would share the chunk's memory). */
function copyOf(b: Uint8Array): Uint8Array {
  const c = new Uint8Array(b.length);
  c.set(b);
  return c;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * True when the record splitter reads this input as NDJSON: its first record (the first event)
 * is a whole line. `head` holds whole lines (ending in a newline) from the start of the input,
 * its byte-order mark removed; undefined when those lines hold no record yet.
 */
function readsAsNdjson(head: Uint8Array): boolean | undefined {
  const probe = new JsonRecordSplitter();
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const events: SplitEvent[] = [];
  let start = 0;
  while (start < head.length) {
    const nl = head.indexOf(NEWLINE, start);
    const line = decoder.decode(head.subarray(start, nl + 1), { stream: true });
    probe.push(line, events);
    if (events.length > 0) {
      const first = events[0] as SplitEvent;
      // the splitter switches to lines once its first record ends a line alone (trim: its blanks)
      return events.length === 1 && first.kind === "record" && first.text === line.trim();
    }
    start = nl + 1;
  }
  return undefined;
}

/**
 * Classifies every record of a text or byte stream into NDJSON batches, in input order.
 * `options` are the user's (sent to the workers, validated there once); `resolved` the same,
 * already validated here. Text chunks are encoded to UTF-8 first.
 */
export async function* classifyJsonStream(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ClassifyOptions,
  resolved: ResolvedOptions,
  p: ParallelClassifyOptions,
): AsyncGenerator<ClassifiedBatch> {
  const batchRecords = p.batchRecords ?? DEFAULT_BATCH_RECORDS;
  const batchChars = p.batchChars ?? DEFAULT_BATCH_CHARS;
  const queue: Pending[] = [];
  let pool: ReturnType<typeof newWorkerPool> | undefined; // the pool, once asked for
  let dispatched = 0; // records classified or sent so far (in-thread batches are counted at once)
  let nextIndex = 0; // NDJSON: records and lines before the next batch to place
  let nextLine = 1;

  const workers = p.threads - 1;
  // batches the workers have finished, counted by them (this thread hears of a result only when it
  // waits, and it does not wait while it classifies a batch itself)
  const finished = new Int32Array(new SharedArrayBuffer(4));
  let sentToWorkers = 0;
  const onWorkers = (): boolean =>
    workers > 0 &&
    dispatched >= p.inThreadRecords &&
    sentToWorkers - Atomics.load(finished, 0) < workers * QUEUED_PER_WORKER;
  const run = (task: ClassifyWorkerTask, transfer: ArrayBuffer[]): Promise<BatchOut> => {
    pool ??= newWorkerPool("classify", { threads: workers, tasksPerThread: QUEUED_PER_WORKER });
    sentToWorkers++;
    const result = pool
      .then((piscina) => piscina.run(task, { transferList: transfer }) as Promise<ClassifyWorkerResult>)
      .then(cutParts);
    // a batch still running when the caller stops early is rejected by destroy(): not unhandled
    result.catch(() => undefined);
    return result;
  };

  // --- NDJSON: whole lines as bytes
  const placeLines =
    (onWorker: boolean) =>
    (b: BatchOut): ClassifiedBatch => {
      const records = b.records ?? 0;
      const placed: ClassifiedBatch = {
        records,
        text: b.text,
        invalid: b.errors.map((e) => ({
          index: nextIndex + e.offset,
          line: nextLine + e.line,
          id: e.id,
          issues: e.issues,
        })),
        onWorker,
      };
      nextIndex += records;
      nextLine += b.lines ?? 0;
      return placed;
    };
  const dispatchLines = (bytes: Uint8Array): void => {
    if (bytes.length === 0) return;
    if (onWorkers()) {
      // an exact copy, so that only this batch's bytes move to the worker
      const own = copyOf(bytes);
      queue.push({
        result: run({ bytes: own, options, compact: p.compact, finished }, [own.buffer as ArrayBuffer]),
        place: placeLines(true),
      });
      dispatched += 1; // counted by the worker; the threshold is passed already
    } else {
      const r = classifyNdjsonBytes(bytes, resolved, p.compact);
      dispatched += r.records;
      queue.push({ result: Promise.resolve(cutParts(r)), place: placeLines(false) });
    }
  };

  // --- any other input: the record splitter here, record texts to the workers
  const splitter = new JsonRecordSplitter();
  // the leading byte-order mark is removed before (see feed); any later one is a character
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const events: SplitEvent[] = [];
  let texts: (string | null)[] = [];
  let indexes: number[] = [];
  let lines: number[] = [];
  let splitIssues = new Map<number, Issue[]>();
  let chars = 0;
  const placeTexts =
    (onWorker: boolean, ix: number[], ln: number[], si: Map<number, Issue[]>) =>
    (r: BatchOut): ClassifiedBatch => ({
      records: ix.length,
      text: r.text,
      invalid: r.errors.map((e) => ({
        index: ix[e.offset] as number,
        line: ln[e.offset] as number,
        id: e.id,
        issues: si.get(e.offset) ?? e.issues,
      })),
      onWorker,
    });
  const dispatchTexts = (): void => {
    if (texts.length === 0) return;
    const worker = onWorkers();
    queue.push({
      result: worker
        ? run({ texts, options, compact: p.compact, finished }, [])
        : Promise.resolve(cutParts(classifyJsonBatch(texts, resolved, p.compact))),
      place: placeTexts(worker, indexes, lines, splitIssues),
    });
    dispatched += texts.length;
    texts = [];
    indexes = [];
    lines = [];
    splitIssues = new Map();
    chars = 0;
  };
  const takeEvents = (): void => {
    for (const e of events) {
      if (e.kind === "record") {
        texts.push(e.text);
        chars += e.text.length;
      } else {
        splitIssues.set(texts.length, [issue(e.code, "", e.message)]);
        texts.push(null);
      }
      indexes.push(e.index);
      lines.push(e.line);
      if (texts.length >= batchRecords || chars >= batchChars) dispatchTexts();
    }
    events.length = 0;
  };

  let mode: "head" | "lines" | "split" = "head";
  let pending: Uint8Array = new Uint8Array(0); // bytes read and not yet dispatched
  let first = true;
  const feed = (bytes: Uint8Array, end: boolean): void => {
    if (mode === "head") {
      if (first && bytes.length > 0) {
        // the streaming decoder drops a leading byte-order mark (UTF-8: EF BB BF)
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        first = false;
      }
      pending = concat(pending, bytes);
      const lastNl = pending.lastIndexOf(NEWLINE);
      const ndjson = readsAsNdjson(lastNl < 0 ? new Uint8Array(0) : pending.subarray(0, lastNl + 1));
      // undecided: read on, unless the start of the input is already large (the splitter then
      // handles it, as it would any input, holding only the current record)
      if (ndjson === undefined && !end && pending.length < HEAD_LIMIT) return;
      mode = ndjson === true ? "lines" : "split";
      bytes = pending;
      pending = new Uint8Array(0);
    }
    if (mode === "lines") {
      pending = concat(pending, bytes);
      while (pending.length >= batchChars) {
        // whole lines, about batchChars bytes (a longer line goes whole into its batch)
        let cut = pending.lastIndexOf(NEWLINE, batchChars - 1) + 1;
        if (cut === 0) cut = pending.indexOf(NEWLINE, batchChars) + 1;
        if (cut === 0) break; // the line goes on in the next chunk
        dispatchLines(pending.subarray(0, cut));
        pending = pending.subarray(cut);
      }
      if (end) {
        dispatchLines(pending);
        pending = new Uint8Array(0);
      } else if (pending.length > 0) pending = copyOf(pending); // let go of the chunk
      return;
    }
    splitter.push(decoder.decode(bytes, { stream: !end }), events);
    if (end) splitter.end(events);
    takeEvents();
    if (end) dispatchTexts();
  };

  try {
    for await (const chunk of chunks) {
      feed(typeof chunk === "string" ? encoder.encode(chunk) : chunk, false);
      // back-pressure: read on only when the batches in flight are few enough
      const limit = pool === undefined ? 0 : p.threads * IN_FLIGHT_PER_THREAD;
      while (queue.length > limit) {
        const head = queue.shift() as Pending;
        yield head.place(await head.result);
      }
    }
    feed(new Uint8Array(0), true);
    while (queue.length > 0) {
      const head = queue.shift() as Pending;
      yield head.place(await head.result);
    }
  } finally {
    // a pool that failed to start has nothing to stop (its error reached the caller with the batch)
    if (pool !== undefined) await (await pool.catch(() => undefined))?.destroy();
  }
}
