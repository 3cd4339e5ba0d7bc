// Worker thread of `classify --workers` (decision 0010): classifies one batch of record texts into
// NDJSON text. Options arrive as given by the user and are validated once per thread.
import type { ClassifyOptions, ResolvedOptions } from "../core/index.ts";
import {
  type ClassifiedBatchText,
  type ClassifiedNdjsonBatch,
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

export default function classifyBatchTask(
  task: ClassifyWorkerTask,
): ClassifiedBatchText | ClassifiedNdjsonBatch {
  const o = resolved(task.options);
  if (task.bytes !== undefined) return classifyNdjsonBytes(task.bytes, o, task.compact);
  return classifyJsonBatch(task.texts ?? [], o, task.compact);
}
