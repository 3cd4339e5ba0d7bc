// Use case: classify a stream of patient records (one JSON object, a JSON array or NDJSON).
// Each record is parsed, validated and classified on its own: an invalid record yields its issues
// and the stream goes on. Memory stays flat: only the current record is held.
import {
  type ClassifyOptions,
  classifyPatient,
  type Issue,
  issue,
  type PatientClassification,
  parsePatient,
  prepareClassifyOptions,
  type ResolvedOptions,
  type Result,
} from "../core/index.ts";
import { JsonRecordSplitter, type SplitEvent } from "../interop/index.ts";

export type ClassifiedRecord =
  | {
      readonly ok: true;
      /** 0-based position of the record in the input */
      readonly index: number;
      /** 1-based line where the record starts */
      readonly line: number;
      readonly classification: PatientClassification;
    }
  | {
      readonly ok: false;
      readonly index: number;
      readonly line: number;
      /** the record's id when it could be read */
      readonly id: string | undefined;
      readonly issues: readonly Issue[];
    };

/** Validates classification options once (every invalid option is reported). */
export function prepareClassification(options: ClassifyOptions): Result<ResolvedOptions> {
  return prepareClassifyOptions(options);
}

/** Parses, validates and classifies one record given as JSON text. */
export function classifyRecordText(
  text: string,
  index: number,
  line: number,
  options: ResolvedOptions,
): ClassifiedRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      index,
      line,
      id: undefined,
      issues: [issue("invalid_json", "", `not valid JSON: ${reason}`)],
    };
  }
  return classifyRecordValue(json, index, line, options);
}

/** Validates and classifies one already-parsed record. */
export function classifyRecordValue(
  json: unknown,
  index: number,
  line: number,
  options: ResolvedOptions,
): ClassifiedRecord {
  const parsed = parsePatient(json);
  if (!parsed.ok) {
    const id =
      json !== null && typeof json === "object" && typeof (json as { id?: unknown }).id === "string"
        ? (json as { id: string }).id
        : undefined;
    return { ok: false, index, line, id, issues: parsed.issues };
  }
  return { ok: true, index, line, classification: classifyPatient(parsed.value, options) };
}

function* handle(events: SplitEvent[], options: ResolvedOptions): Generator<ClassifiedRecord> {
  for (const e of events) {
    if (e.kind === "record") yield classifyRecordText(e.text, e.index, e.line, options);
    else
      yield {
        ok: false,
        index: e.index,
        line: e.line,
        id: undefined,
        issues: [issue(e.code, "", e.message)],
      };
  }
  events.length = 0;
}

/**
 * Classifies every record of a text or byte stream, in input order. Bytes are decoded as UTF-8
 * (a character split across chunks is handled).
 */
export async function* classifyPatientStream(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ResolvedOptions,
): AsyncGenerator<ClassifiedRecord> {
  const splitter = new JsonRecordSplitter();
  const decoder = new TextDecoder("utf-8");
  const events: SplitEvent[] = [];
  for await (const chunk of chunks) {
    splitter.push(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }), events);
    yield* handle(events, options);
  }
  const rest = decoder.decode();
  if (rest.length > 0) splitter.push(rest, events);
  splitter.end(events);
  yield* handle(events, options);
}

// Reference data the adapters show (presets, gates), re-exported so adapters need only the app layer.
export {
  CLASSIFY_DEFAULTS,
  DEFAULT_GATE_ID,
  GATE_IDS,
  GATE_PRESETS,
  listDefinitions,
} from "../core/index.ts";
