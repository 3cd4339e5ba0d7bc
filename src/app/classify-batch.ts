// A batch of patient records given as JSON text, classified into the NDJSON text of
// `classify --json` (full or compact) plus the invalid records. One batch is the unit of work of a
// worker thread (classify.worker.ts); the in-thread part of the parallel stream runs the same
// function, so the bytes do not depend on where a batch ran.
import type { Issue, ResolvedOptions } from "../core/index.ts";
import { classificationJson } from "./classify-output.ts";
import { classifyRecordText } from "./classify-patients.ts";

/** An invalid record of a batch: its position in the batch, its id when readable, every issue. */
export type BatchRecordError = {
  readonly offset: number;
  readonly id: string | undefined;
  readonly issues: readonly Issue[];
};

export type ClassifiedBatchText = {
  /**
   * The NDJSON output, cut at the invalid records: `text[k]` is every line (each ending in "\n")
   * between error k-1 and error k, so there is one more text than errors.
   */
  readonly text: readonly string[];
  readonly errors: readonly BatchRecordError[];
};

/**
 * Parses, validates, classifies and serialises every record of a batch, in order. A `null` text is
 * a record the splitter already rejected: it becomes an error without issues (the caller has them).
 */
export function classifyJsonBatch(
  texts: readonly (string | null)[],
  options: ResolvedOptions,
  compact: boolean,
): ClassifiedBatchText {
  const text: string[] = [];
  const errors: BatchRecordError[] = [];
  let out = "";
  for (let k = 0; k < texts.length; k++) {
    const t = texts[k];
    if (t === null || t === undefined) {
      text.push(out);
      out = "";
      errors.push({ offset: k, id: undefined, issues: [] });
      continue;
    }
    const r = classifyRecordText(t, k, 0, options);
    if (r.ok) out += `${classificationJson(r.classification, compact)}\n`;
    else {
      text.push(out);
      out = "";
      errors.push({ offset: k, id: r.id, issues: r.issues });
    }
  }
  text.push(out);
  return { text, errors };
}
