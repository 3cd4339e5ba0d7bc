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

// the JSON of the parts that repeat from patient to patient (category, set of definition results)
const categoryJson = new Map<string, string>();
const definitionsJson = new Map<string, string>();

/**
 * `JSON.stringify(compactClassification(c))`, written part by part: the category's code and label
 * and the definition results take few distinct values, so their JSON is kept, and only the id, the
 * path of reasons, the index date and the missing fields are serialised per patient. The same
 * bytes (JSON.stringify of an object is its members' JSON in key order, without spaces; tested).
 */
export function compactClassificationJson(c: PatientClassification): string {
  const e = c.estroEortc;
  const categoryKey = `${e.code}\u0000${e.label}`;
  let category = categoryJson.get(categoryKey);
  if (category === undefined) {
    category = `"code":${JSON.stringify(e.code)},"label":${JSON.stringify(e.label)}`;
    categoryJson.set(categoryKey, category);
  }
  let key = "";
  for (const id in c.definitions) key += `${id}\u0000${c.definitions[id]?.result}\u0000`;
  let definitions = definitionsJson.get(key);
  if (definitions === undefined) {
    definitions = JSON.stringify(compactClassification(c).definitions);
    // bounded: presets × 3 results; a custom preset list adds its own few combinations
    if (definitionsJson.size < 10_000) definitionsJson.set(key, definitions);
  }
  const missing = e.missing === undefined ? "" : `,"missing":${JSON.stringify(e.missing)}`;
  return `{"id":${JSON.stringify(c.id)},"estroEortc":{${category},"path":${JSON.stringify(e.path)},"indexDate":${JSON.stringify(e.indexDate)}${missing}},"definitions":${definitions}}`;
}

/** One NDJSON line (without its newline) of `classify --json` (`compact`: `--json --compact`). */
export function classificationJson(c: PatientClassification, compact: boolean): string {
  return compact ? compactClassificationJson(c) : JSON.stringify(c);
}
