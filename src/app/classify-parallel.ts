// Use case: classify a stream of patient records into the NDJSON of `classify --json`, on worker
// threads (decision 0010). The input is split here (one JSON object, a JSON array or NDJSON), the
// records go to the workers in batches, and the batches come back IN INPUT ORDER. Memory stays
// flat: at most a few batches per thread are in flight, and the input is read only when the
// caller asks for the next batch (back-pressure). The first records are classified in this thread
// until the input is large enough to pay the workers' start-up.
import type { ClassifyOptions, Issue, ResolvedOptions } from "../core/index.ts";
import { issue } from "../core/index.ts";
import { JsonRecordSplitter, type SplitEvent } from "../interop/index.ts";
import type { ClassifyWorkerTask } from "./classify.worker.ts";
import { type ClassifiedBatchText, classifyJsonBatch } from "./classify-batch.ts";
import { newWorkerPool } from "./worker-module.ts";

export type ParallelClassifyOptions = {
  /** worker threads (1 = every batch in this thread) */
  readonly threads: number;
  /** `classify --json --compact` instead of the full result */
  readonly compact: boolean;
  /** records classified in this thread before the workers start (0 = start them at once) */
  readonly inThreadRecords: number;
  /** records per batch (default 1 000) */
  readonly batchRecords?: number;
  /** characters of record text per batch, at most (default 1 000 000) */
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
  /** NDJSON text cut at the invalid records: one more text than invalid records */
  readonly text: readonly string[];
  readonly invalid: readonly BatchInvalidRecord[];
  /** true when the batch ran on a worker thread */
  readonly onWorker: boolean;
};

type Pending = {
  readonly result: Promise<ClassifiedBatchText>;
  readonly indexes: number[];
  readonly lines: number[];
  /** the splitter's own errors, by offset in the batch */
  readonly splitIssues: Map<number, Issue[]>;
  readonly onWorker: boolean;
};

const DEFAULT_BATCH_RECORDS = 1000;
const DEFAULT_BATCH_CHARS = 1_000_000;
/** batches queued or running per thread: enough to keep every thread busy while the output is written */
const IN_FLIGHT_PER_THREAD = 3;

function placed(p: Pending, r: ClassifiedBatchText): ClassifiedBatch {
  return {
    records: p.indexes.length,
    text: r.text,
    invalid: r.errors.map((e) => ({
      index: p.indexes[e.offset] as number,
      line: p.lines[e.offset] as number,
      id: e.id,
      issues: p.splitIssues.get(e.offset) ?? e.issues,
    })),
    onWorker: p.onWorker,
  };
}

/**
 * Classifies every record of a text or byte stream into NDJSON batches, in input order.
 * `options` are the user's (sent to the workers, validated there once); `resolved` the same,
 * already validated here.
 */
export async function* classifyJsonStream(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ClassifyOptions,
  resolved: ResolvedOptions,
  p: ParallelClassifyOptions,
): AsyncGenerator<ClassifiedBatch> {
  const batchRecords = p.batchRecords ?? DEFAULT_BATCH_RECORDS;
  const batchChars = p.batchChars ?? DEFAULT_BATCH_CHARS;
  const splitter = new JsonRecordSplitter();
  const decoder = new TextDecoder("utf-8");
  const events: SplitEvent[] = [];
  const queue: Pending[] = [];
  let pool: ReturnType<typeof newWorkerPool> | undefined;
  let dispatched = 0;
  let texts: (string | null)[] = [];
  let indexes: number[] = [];
  let lines: number[] = [];
  let splitIssues = new Map<number, Issue[]>();
  let chars = 0;

  const dispatch = (): void => {
    if (texts.length === 0) return;
    const useWorkers = p.threads > 1 && dispatched >= p.inThreadRecords;
    let result: Promise<ClassifiedBatchText>;
    if (useWorkers) {
      pool ??= newWorkerPool("classify", { threads: p.threads });
      const task: ClassifyWorkerTask = { texts, options, compact: p.compact };
      result = pool.run(task) as Promise<ClassifiedBatchText>;
      // a batch still running when the caller stops early is rejected by destroy(): not unhandled
      result.catch(() => undefined);
    } else {
      result = Promise.resolve(classifyJsonBatch(texts, resolved, p.compact));
    }
    queue.push({ result, indexes, lines, splitIssues, onWorker: useWorkers });
    dispatched += texts.length;
    texts = [];
    indexes = [];
    lines = [];
    splitIssues = new Map();
    chars = 0;
  };

  const take = (): void => {
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
      if (texts.length >= batchRecords || chars >= batchChars) dispatch();
    }
    events.length = 0;
  };

  try {
    for await (const chunk of chunks) {
      splitter.push(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }), events);
      take();
      // back-pressure: read on only when the batches in flight are few enough
      const limit = pool === undefined ? 0 : p.threads * IN_FLIGHT_PER_THREAD;
      while (queue.length > limit) {
        const head = queue.shift() as Pending;
        yield placed(head, await head.result);
      }
    }
    const rest = decoder.decode();
    if (rest.length > 0) splitter.push(rest, events);
    splitter.end(events);
    take();
    dispatch();
    while (queue.length > 0) {
      const head = queue.shift() as Pending;
      yield placed(head, await head.result);
    }
  } finally {
    if (pool !== undefined) await pool.destroy();
  }
}
