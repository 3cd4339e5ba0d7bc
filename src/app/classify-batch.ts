// A batch of patient records given as JSON text, classified into the NDJSON of `classify --json`
// (full or compact) as UTF-8 bytes, plus the invalid records. One batch is the unit of work of a
// worker thread (classify.worker.ts); the in-thread part of the parallel stream runs the same
// function, so the bytes do not depend on where a batch ran.
import type { Issue, ResolvedOptions } from "../core/index.ts";
import { Utf8Sink, writeClassificationLine } from "./classify-json-bytes.ts";
import { classifyRecordText } from "./classify-patients.ts";

/** An invalid record of a batch: its position in the batch, its id when readable, every issue. */
export type BatchRecordError = {
  readonly offset: number;
  /** NDJSON bytes: 0-based line of the record within the batch (0 for a batch of texts) */
  readonly line: number;
  readonly id: string | undefined;
  readonly issues: readonly Issue[];
};

export type ClassifiedBatchBytes = {
  /** the NDJSON output of the batch in UTF-8, every line ending in "\n" */
  readonly output: Uint8Array;
  /**
   * Byte length of each part of `output` cut at the invalid records: part k is every line between
   * error k-1 and error k, so there is one more part than errors.
   */
  readonly cuts: readonly number[];
  readonly errors: readonly BatchRecordError[];
};

/** Output bytes per input byte to start with (the buffer doubles when a batch needs more). */
const FULL_BYTES_PER_INPUT_BYTE = 20;
const COMPACT_BYTES_PER_INPUT_BYTE = 1.5;

/** at most this much to start with (a batch of one very long record grows its buffer instead) */
const MAX_START_BYTES = 8 * 1024 * 1024;

function newSink(inputSize: number, compact: boolean): Utf8Sink {
  const estimate = inputSize * (compact ? COMPACT_BYTES_PER_INPUT_BYTE : FULL_BYTES_PER_INPUT_BYTE);
  return new Utf8Sink(Math.ceil(Math.min(estimate, MAX_START_BYTES)));
}

/**
 * Parses, validates, classifies and serialises every record of a batch, in order. A `null` text is
 * a record the splitter already rejected: it becomes an error without issues (the caller has them).
 */
export function classifyJsonBatch(
  texts: readonly (string | null)[],
  options: ResolvedOptions,
  compact: boolean,
): ClassifiedBatchBytes {
  let size = 0;
  for (const t of texts) size += t?.length ?? 0;
  const sink = newSink(size, compact);
  const cuts: number[] = [];
  const errors: BatchRecordError[] = [];
  let cut = 0;
  for (let k = 0; k < texts.length; k++) {
    const t = texts[k];
    if (t === null || t === undefined) {
      cuts.push(sink.length - cut);
      cut = sink.length;
      errors.push({ offset: k, line: 0, id: undefined, issues: [] });
      continue;
    }
    const r = classifyRecordText(t, k, 0, options);
    if (r.ok) writeClassificationLine(sink, r.classification, compact);
    else {
      cuts.push(sink.length - cut);
      cut = sink.length;
      errors.push({ offset: k, line: 0, id: r.id, issues: r.issues });
    }
  }
  cuts.push(sink.length - cut);
  return { output: sink.bytes(), cuts, errors };
}

export type ClassifiedNdjsonBatch = ClassifiedBatchBytes & {
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
  const sink = newSink(bytes.length, compact);
  const cuts: number[] = [];
  const errors: BatchRecordError[] = [];
  let cut = 0;
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
      if (r.ok) writeClassificationLine(sink, r.classification, compact);
      else {
        cuts.push(sink.length - cut);
        cut = sink.length;
        errors.push({ offset: records, line, id: r.id, issues: r.issues });
      }
      records++;
    }
    if (last) break;
    line++;
    i = nl + 1;
  }
  cuts.push(sink.length - cut);
  return { output: sink.bytes(), cuts, errors, records, lines: line };
}
