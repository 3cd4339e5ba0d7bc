// The NDJSON of `classify --json` written straight into UTF-8 bytes: the bytes of
// `encoder.encode(classificationJson(c, compact) + "\n")`, without building the JSON text first.
// The compact form is assembled from pre-encoded parts (the category's code and label, each set of
// definition results) and the per-patient strings (id, path of reasons, dates) encoded here with
// JSON.stringify's escaping; the full form is JSON.stringify's text encoded into the buffer in
// place. Used by the batch functions of the in-thread path and of the worker threads alike.
import type { PatientClassification } from "../core/index.ts";
import { compactClassification } from "./classify-output.ts";

const encoder = new TextEncoder();
const HEX = "0123456789abcdef";
/** what JSON.stringify escapes in a string: quote, backslash, control characters, surrogates
 * (a surrogate pair is not escaped, but the code unit loop below tells it from a lone one) */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** strings at least this long take the native path when nothing needs escaping */
const LONG_STRING = 24;

/** A growing UTF-8 buffer; `bytes()` is a view of what was written (no copy). */
export class Utf8Sink {
  private buf: Uint8Array;
  private at = 0;
  constructor(capacity = 64 * 1024) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }
  /** Bytes written so far. */
  get length(): number {
    return this.at;
  }
  /** A view of the bytes written so far (shares the buffer). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
  /** Makes room for `n` more bytes. */
  private reserve(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    grown.set(this.buf.subarray(0, this.at));
    this.buf = grown;
  }
  /** Appends bytes as they are. */
  raw(b: Uint8Array): void {
    const n = b.length;
    this.reserve(n);
    if (n > 64) this.buf.set(b, this.at);
    else {
      // a short part: a loop costs less than the call of set
      const buf = this.buf;
      let at = this.at;
      for (let i = 0; i < n; i++) buf[at++] = b[i] as number;
    }
    this.at += n;
  }
  /** Appends one byte (ASCII). */
  byte(c: number): void {
    this.reserve(1);
    this.buf[this.at++] = c;
  }
  /** Appends a string in UTF-8 (a well-formed string: no lone surrogates, as JSON.stringify's output). */
  text(s: string): void {
    this.reserve(3 * s.length);
    this.at += encoder.encodeInto(s, this.buf.subarray(this.at)).written;
  }
  /**
   * Appends `JSON.stringify(s)` in UTF-8: the quotes, `\"`, `\\`, `\b \f \n \r \t`, other control
   * characters and lone surrogates as `\u` + 4 lower-case hex digits (ECMA-262 QuoteJSONString).
   */
  jsonString(s: string): void {
    // a long string without anything to escape (the usual reason text): one native UTF-8 copy
    // (the regular expression also flattens a concatenated string first: measured 1.5–2× faster)
    if (s.length >= LONG_STRING && !NEEDS_ESCAPE.test(s)) {
      this.reserve(3 * s.length + 2);
      this.buf[this.at++] = 34;
      this.at += encoder.encodeInto(s, this.buf.subarray(this.at)).written;
      this.buf[this.at++] = 34;
      return;
    }
    this.reserve(6 * s.length + 2); // worst case: every unit escaped as \uXXXX
    const b = this.buf;
    let at = this.at;
    b[at++] = 34;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== 34 && c !== 92) {
          b[at++] = c;
          continue;
        }
        b[at++] = 92;
        if (c === 34 || c === 92) b[at++] = c;
        else if (c === 8)
          b[at++] = 98; // \b
        else if (c === 12)
          b[at++] = 102; // \f
        else if (c === 10)
          b[at++] = 110; // \n
        else if (c === 13)
          b[at++] = 114; // \r
        else if (c === 9)
          b[at++] = 116; // \t
        else at = unicodeEscape(b, at, c);
        continue;
      }
      if (c < 0x800) {
        b[at++] = 0xc0 | (c >> 6);
        b[at++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          b[at++] = 0xf0 | (cp >> 18);
          b[at++] = 0x80 | ((cp >> 12) & 0x3f);
          b[at++] = 0x80 | ((cp >> 6) & 0x3f);
          b[at++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
        b[at++] = 92;
        at = unicodeEscape(b, at, c); // a lone surrogate
        continue;
      }
      b[at++] = 0xe0 | (c >> 12);
      b[at++] = 0x80 | ((c >> 6) & 0x3f);
      b[at++] = 0x80 | (c & 0x3f);
    }
    b[at++] = 34;
    this.at = at;
  }
  /** Appends `JSON.stringify(list)` for a list of strings. */
  jsonStrings(list: readonly string[]): void {
    this.byte(91);
    for (let k = 0; k < list.length; k++) {
      if (k > 0) this.byte(44);
      this.jsonString(list[k] as string);
    }
    this.byte(93);
  }
}

/** Writes `u` and the 4 lower-case hex digits of `c` (the backslash is written before). */
function unicodeEscape(b: Uint8Array, at: number, c: number): number {
  b[at++] = 117;
  b[at++] = HEX.charCodeAt((c >> 12) & 15);
  b[at++] = HEX.charCodeAt((c >> 8) & 15);
  b[at++] = HEX.charCodeAt((c >> 4) & 15);
  b[at++] = HEX.charCodeAt(c & 15);
  return at;
}

const ascii = (s: string): Uint8Array => encoder.encode(s);
const ID_OPEN = ascii('{"id":');
const INDEX_KEY = ascii(',"indexDate":');
const NULL = ascii("null");
const MISSING_KEY = ascii(',"missing":');

// The UTF-8 JSON of the parts that repeat from patient to patient. The category by its code (its
// label is compared too: always ESTRO_EORTC_LABELS[code]); the set of definition results by a
// number (each result one of three, 2 bits per definition) with the definition ids compared, else
// (another set of ids in the same process, a result of another kind) by a text key.
const categoryBytes = new Map<string, { readonly label: string; readonly bytes: Uint8Array }>();
type DefinitionsEntry = { readonly ids: readonly string[]; readonly bytes: Uint8Array };
const definitionsByNumber = new Map<number, DefinitionsEntry>();
const definitionsByText = new Map<string, Uint8Array>();
/** a bound on the cached sets of definition results (presets × 3 results: a few dozen in practice) */
const MAX_CACHED = 10_000;

function categoryOf(code: string, label: string): Uint8Array {
  const cached = categoryBytes.get(code);
  if (cached !== undefined && cached.label === label) return cached.bytes;
  const bytes = ascii(
    `,"estroEortc":{"code":${JSON.stringify(code)},"label":${JSON.stringify(label)},"path":`,
  );
  categoryBytes.set(code, { label, bytes });
  return bytes;
}

function definitionsOf(c: PatientClassification): Uint8Array {
  const defs = c.definitions;
  let key = 1; // a leading 1 tells the number of definitions
  let count = 0;
  for (const id in defs) {
    const r = defs[id]?.result;
    const code = r === "met" ? 0 : r === "not_met" ? 1 : r === "not_applicable" ? 2 : 3;
    key = key * 4 + code;
    count++;
    if (code === 3 || count > 20) return definitionsByTextKey(c);
  }
  const cached = definitionsByNumber.get(key);
  if (cached !== undefined) {
    let k = 0;
    let same = true;
    for (const id in defs) {
      if (cached.ids[k++] !== id) {
        same = false;
        break;
      }
    }
    if (same && k === cached.ids.length) return cached.bytes;
    return definitionsByTextKey(c);
  }
  const bytes = definitionsLine(c);
  if (definitionsByNumber.size < MAX_CACHED) definitionsByNumber.set(key, { ids: Object.keys(defs), bytes });
  return bytes;
}

/** The end of a compact line from the estroEortc object's closing brace on: the definition results. */
function definitionsLine(c: PatientClassification): Uint8Array {
  return ascii(`},"definitions":${JSON.stringify(compactClassification(c).definitions)}}\n`);
}

function definitionsByTextKey(c: PatientClassification): Uint8Array {
  let key = "";
  for (const id in c.definitions) key += `${id}\u0000${c.definitions[id]?.result}\u0000`;
  let bytes = definitionsByText.get(key);
  if (bytes === undefined) {
    bytes = definitionsLine(c);
    if (definitionsByText.size < MAX_CACHED) definitionsByText.set(key, bytes);
  }
  return bytes;
}

/**
 * One line of `classify --json --compact` (`JSON.stringify(compactClassification(c))` and a
 * newline) in UTF-8: the category's code and label and the definition results take few distinct
 * values, so their bytes are kept; the id, the path of reasons, the index date and the missing
 * fields are encoded per patient. Same bytes as the text (tested).
 */
export function writeCompactLine(sink: Utf8Sink, c: PatientClassification): void {
  const e = c.estroEortc;
  sink.raw(ID_OPEN);
  sink.jsonString(c.id);
  sink.raw(categoryOf(e.code, e.label)); // ,"estroEortc":{"code":…,"label":…,"path":
  sink.jsonStrings(e.path);
  sink.raw(INDEX_KEY);
  if (e.indexDate === null) sink.raw(NULL);
  else sink.jsonString(e.indexDate);
  if (e.missing !== undefined) {
    sink.raw(MISSING_KEY);
    sink.jsonStrings(e.missing);
  }
  sink.raw(definitionsOf(c)); // },"definitions":{…}}\n
}

/** One NDJSON line of `classify --json` (`compact`: `--json --compact`) with its newline, in UTF-8. */
export function writeClassificationLine(sink: Utf8Sink, c: PatientClassification, compact: boolean): void {
  if (compact) writeCompactLine(sink, c);
  else {
    sink.text(JSON.stringify(c));
    sink.byte(10);
  }
}
