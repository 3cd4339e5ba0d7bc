// The JSON forms of one classification written by `classify --json`: the full result, or the
// compact view (`--compact`). Shared by the in-thread path and the worker threads, so both write
// the same bytes.
import type { PatientClassification } from "../core/index.ts";

/** One patient of `classify --json --compact`: the fields named in issue 2, item 8, nothing else. */
export type CompactClassification = {
  readonly id: string;
  readonly estroEortc: {
    readonly code: PatientClassification["estroEortc"]["code"];
    readonly label: string;
    readonly path: readonly string[];
    readonly indexDate: string | null;
    readonly missing?: readonly string[];
  };
  readonly definitions: Readonly<Record<string, { readonly result: string }>>;
};

/** The compact view of a classification; the values are the full result's own (same fields, same order). */
export function compactClassification(c: PatientClassification): CompactClassification {
  const e = c.estroEortc;
  const definitions: Record<string, { result: string }> = {};
  for (const id in c.definitions) {
    const d = c.definitions[id];
    if (d !== undefined) definitions[id] = { result: d.result };
  }
  return {
    id: c.id,
    estroEortc:
      e.missing === undefined
        ? { code: e.code, label: e.label, path: e.path, indexDate: e.indexDate }
        : { code: e.code, label: e.label, path: e.path, indexDate: e.indexDate, missing: e.missing },
    definitions,
  };
}

/** One NDJSON line (without its newline) of `classify --json` (`compact`: `--json --compact`). */
export function classificationJson(c: PatientClassification, compact: boolean): string {
  return JSON.stringify(compact ? compactClassification(c) : c);
}
