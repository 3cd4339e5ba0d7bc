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
  /** NDJSON bytes: 0-based line of the record within the batch (0 for a batch of texts) */
  readonly line: number;
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
      errors.push({ offset: k, line: 0, id: undefined, issues: [] });
      continue;
    }
    const r = classifyRecordText(t, k, 0, options);
    if (r.ok) out += `${classificationJson(r.classification, compact)}\n`;
    else {
      text.push(out);
      out = "";
      errors.push({ offset: k, line: 0, id: r.id, issues: r.issues });
    }
  }
  text.push(out);
  return { text, errors };
}

export type ClassifiedNdjsonBatch = ClassifiedBatchText & {
  /** records in the batch: its non-blank lines */
  readonly records: number;
  /** newlines in the batch */
  readonly lines: number;
};

// a byte-order mark inside the input is a character of its line, as for the streaming decoder
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * NDJSON as UTF-8 bytes (whole lines: the batch ends after a newline, or at the end of the input):
 * every non-blank line is one record, exactly as the record splitter reads NDJSON. Decoding and
 * splitting happen here, so a worker thread does them rather than the thread reading the input.
 */
export function classifyNdjsonBytes(
  bytes: Uint8Array,
  options: ResolvedOptions,
  compact: boolean,
): ClassifiedNdjsonBatch {
  const s = decoder.decode(bytes);
  const text: string[] = [];
  const errors: BatchRecordError[] = [];
  let out = "";
  let records = 0;
  let line = 0;
  let i = 0;
  while (i < s.length) {
    let nl = s.indexOf("\n", i);
    const last = nl < 0;
    if (last) nl = s.length;
    const t = s.slice(i, nl);
    if (t.trim() !== "") {
      const r = classifyRecordText(t, records, line, options);
      if (r.ok) out += `${classificationJson(r.classification, compact)}\n`;
      else {
        text.push(out);
        out = "";
        errors.push({ offset: records, line, id: r.id, issues: r.issues });
      }
      records++;
    }
    if (last) break;
    line++;
    i = nl + 1;
  }
  text.push(out);
  return { text, errors, records, lines: line };
}
