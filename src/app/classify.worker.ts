// Worker thread of `classify --workers` (decision 0010): classifies one batch of records into
// NDJSON, returned as UTF-8 bytes moved (not copied) to the main thread, which writes them as
// they are. Options arrive as given by the user and are validated once per thread.
import { Piscina } from "piscina";
import type { ClassifyOptions, ResolvedOptions } from "../core/index.ts";
import {
  type BatchRecordError,
  type ClassifiedBatchBytes,
  classifyJsonBatch,
  classifyNdjsonBytes,
} from "./classify-batch.ts";
import { prepareClassification } from "./classify-patients.ts";

/** A batch as record texts (from the record splitter) or as whole NDJSON lines in UTF-8. */
export type ClassifyWorkerTask = {
  readonly texts?: readonly (string | null)[];
  readonly bytes?: Uint8Array;
  readonly options: ClassifyOptions;
  readonly compact: boolean;
  /** shared counter of the batches the workers have finished (classify-parallel.ts) */
  readonly finished?: Int32Array;
};

/** A classified batch: the output in UTF-8, cut at the invalid records as `text` of the batch functions. */
export type ClassifyWorkerResult = {
  /** the NDJSON output of the batch (a view of a buffer moved with the result) */
  readonly output: Uint8Array;
  /** byte length of each part of the output cut at the invalid records (one more than errors) */
  readonly cuts: readonly number[];
  readonly errors: readonly BatchRecordError[];
  /** NDJSON bytes: records and newlines in the batch */
  readonly records?: number;
  readonly lines?: number;
};

const prepared = new Map<string, ResolvedOptions>();

function resolved(options: ClassifyOptions): ResolvedOptions {
  const key = JSON.stringify(options);
  let o = prepared.get(key);
  if (o === undefined) {
    const r = prepareClassification(options);
    // the main thread validated the same options before starting the pool
    if (!r.ok)
      throw new Error(`invalid classification options: ${r.issues.map((i) => i.message).join("; ")}`);
    o = r.value;
    prepared.set(key, o);
  }
  return o;
}

export default function classifyBatchTask(task: ClassifyWorkerTask): unknown {
  let r: ClassifiedBatchBytes & { records?: number; lines?: number };
  try {
    const o = resolved(task.options);
    r =
      task.bytes !== undefined
        ? classifyNdjsonBytes(task.bytes, o, task.compact)
        : classifyJsonBatch(task.texts ?? [], o, task.compact);
  } finally {
    if (task.finished !== undefined) Atomics.add(task.finished, 0, 1);
  }
  const result: ClassifyWorkerResult = {
    output: r.output,
    cuts: r.cuts,
    errors: r.errors,
    ...(r.records !== undefined ? { records: r.records, lines: r.lines } : {}),
  };
  // moved to the main thread with the result, not copied (piscina's Transferable protocol)
  const movable = {
    [Piscina.transferableSymbol]: [r.output.buffer],
    [Piscina.valueSymbol]: result,
  };
  return Piscina.move(movable as unknown as Parameters<typeof Piscina.move>[0]);
}
