// Typed, bounds-checked access to a parsed data set. Every accessor checks the element against the
// buffer before reading, so a corrupt length can never read outside the file, and reports problems as
// issues whose path names the attribute by keyword (with sequence item indices):
//   "ROIContourSequence[3].ContourSequence[0].ContourData"
import type { DataSet, Element } from "dicom-parser";
import { type Issue, issue } from "../../core/index.ts";
import { parseNumberList } from "./decimal-strings.ts";
import type { DicomTag } from "./dicom-tags.ts";
import { itemsOfUnSequence } from "./parse-dataset.ts";
import { asciiDecoder } from "./text-decoding.ts";

/** A data set (the root or a sequence item) with its path for messages and its text decoder. */
export type DicomNode = {
  readonly ds: DataSet;
  /** "" for the root data set, e.g. "ROIContourSequence[3]" for an item */
  readonly path: string;
  /** decoder for the character-set dependent VRs (SH, LO, ST, LT, UT, PN, UC) */
  readonly text: TextDecoder;
};

export type ReadOptions = {
  /** push dicom_missing_attribute when absent or empty */
  readonly required?: boolean;
};

export function rootNode(ds: DataSet, text: TextDecoder): DicomNode {
  return { ds, path: "", text };
}

export function pathOf(node: DicomNode, tag: DicomTag): string {
  return node.path === "" ? tag.keyword : `${node.path}.${tag.keyword}`;
}

function missing(node: DicomNode, tag: DicomTag, out: Issue[], why = "is missing or empty"): void {
  out.push(issue("dicom_missing_attribute", pathOf(node, tag), `${tag.keyword} ${tag.label} ${why}`));
}

function invalid(node: DicomNode, tag: DicomTag, out: Issue[], reason: string): void {
  out.push(issue("dicom_invalid_attribute", pathOf(node, tag), `${tag.keyword} ${tag.label}: ${reason}`));
}

/** The element when present with a value that lies inside the buffer; undefined when absent or empty. */
export function elementOf(node: DicomNode, tag: DicomTag, out: Issue[]): Element | undefined {
  const el = node.ds.elements[tag.key];
  if (!el || el.length === 0) return undefined;
  const end = el.dataOffset + el.length;
  if (!(el.dataOffset >= 0) || !(end <= node.ds.byteArray.length)) {
    out.push(
      issue(
        "dicom_truncated",
        pathOf(node, tag),
        `${tag.keyword} ${tag.label} claims ${el.length} bytes at offset ${el.dataOffset}, past the end of the file (${node.ds.byteArray.length} bytes)`,
      ),
    );
    return undefined;
  }
  return el;
}

/** True when the attribute is present (even with an empty value). */
export function isPresent(node: DicomNode, tag: DicomTag): boolean {
  return node.ds.elements[tag.key] !== undefined;
}

/** The raw value bytes (a view, not a copy), or undefined when absent/empty/out of bounds. */
export function valueBytes(node: DicomNode, tag: DicomTag, out: Issue[]): Uint8Array | undefined {
  const el = elementOf(node, tag, out);
  if (!el) return undefined;
  const a = node.ds.byteArray;
  return a.subarray(el.dataOffset, el.dataOffset + el.length);
}

function decode(node: DicomNode, tag: DicomTag, out: Issue[], charsetDependent: boolean): string | undefined {
  const bytes = valueBytes(node, tag, out);
  if (!bytes) return undefined;
  return (charsetDependent ? node.text : asciiDecoder).decode(bytes);
}

/** Trims DICOM padding: leading/trailing spaces and trailing NULs. */
function trimValue(s: string): string {
  return s.replace(/[\0 ]+$/, "").replace(/^ +/, "");
}

/**
 * Reads a single-valued string attribute (CS, UI, SH, LO, PN …), trimmed of padding.
 * Undefined when absent or empty (pushes dicom_missing_attribute when required).
 */
export function readString(
  node: DicomNode,
  tag: DicomTag,
  out: Issue[],
  opts: ReadOptions = {},
): string | undefined {
  const charsetDependent = tag.vr === "SH" || tag.vr === "LO" || tag.vr === "PN" || tag.vr === "LT";
  const raw = decode(node, tag, out, charsetDependent);
  const value = raw === undefined ? undefined : trimValue(raw);
  if (value === undefined || value === "") {
    if (opts.required) missing(node, tag, out);
    return undefined;
  }
  return value;
}

/** Reads a multi-valued string attribute (values separated by backslash), each trimmed. */
export function readStrings(node: DicomNode, tag: DicomTag, out: Issue[], opts: ReadOptions = {}): string[] {
  const raw = decode(node, tag, out, false);
  if (raw === undefined || trimValue(raw) === "") {
    if (opts.required) missing(node, tag, out);
    return [];
  }
  return raw.split("\\").map(trimValue);
}

export type NumberListOptions = ReadOptions & {
  /** exact number of values required */
  readonly count?: number;
};

function readNumbers(
  node: DicomNode,
  tag: DicomTag,
  out: Issue[],
  opts: NumberListOptions,
  integer: boolean,
): Float64Array | undefined {
  const el = elementOf(node, tag, out);
  if (!el) {
    if (opts.required) missing(node, tag, out);
    return undefined;
  }
  const parsed = parseNumberList(node.ds.byteArray, el.dataOffset, el.dataOffset + el.length, integer);
  if (!parsed.ok) {
    invalid(node, tag, out, parsed.reason);
    return undefined;
  }
  if (parsed.values.length === 0) {
    if (opts.required) missing(node, tag, out);
    return undefined;
  }
  if (opts.count !== undefined && parsed.values.length !== opts.count) {
    invalid(node, tag, out, `has ${parsed.values.length} values, expected ${opts.count}`);
    return undefined;
  }
  return parsed.values;
}

/** Reads a DS attribute as numbers; undefined when absent (pushes missing if required) or malformed (pushes invalid). */
export function readDecimals(
  node: DicomNode,
  tag: DicomTag,
  out: Issue[],
  opts: NumberListOptions = {},
): Float64Array | undefined {
  return readNumbers(node, tag, out, opts, false);
}

/** Reads an IS attribute as integers; undefined when absent (pushes missing if required) or malformed. */
export function readIntegers(
  node: DicomNode,
  tag: DicomTag,
  out: Issue[],
  opts: NumberListOptions = {},
): Float64Array | undefined {
  return readNumbers(node, tag, out, opts, true);
}

/** First value of a DS attribute. */
export function readDecimal(
  node: DicomNode,
  tag: DicomTag,
  out: Issue[],
  opts: ReadOptions = {},
): number | undefined {
  const v = readDecimals(node, tag, out, opts);
  return v?.[0];
}

/** First value of an IS attribute. */
export function readInteger(
  node: DicomNode,
  tag: DicomTag,
  out: Issue[],
  opts: ReadOptions = {},
): number | undefined {
  const v = readIntegers(node, tag, out, opts);
  return v?.[0];
}

/** Reads a US attribute (uses the data set's byte order; 2 bytes required). */
export function readUint16(
  node: DicomNode,
  tag: DicomTag,
  out: Issue[],
  opts: ReadOptions = {},
): number | undefined {
  const el = elementOf(node, tag, out);
  if (!el) {
    if (opts.required) missing(node, tag, out);
    return undefined;
  }
  if (el.length < 2) {
    invalid(node, tag, out, `value is ${el.length} byte(s), a US value needs 2`);
    return undefined;
  }
  return node.ds.uint16(tag.key);
}

/** Items of a sequence attribute as child nodes; [] when absent or empty (pushes missing if required). */
export function readItems(node: DicomNode, tag: DicomTag, out: Issue[], opts: ReadOptions = {}): DicomNode[] {
  const el = node.ds.elements[tag.key];
  let items: DataSet[] = el?.items?.flatMap((i) => (i.dataSet ? [i.dataSet] : [])) ?? [];
  if (el && !el.items && el.vr === "UN" && tag.vr === "SQ") items = itemsOfUnSequence(node.ds, el) ?? [];
  if (items.length === 0) {
    if (opts.required) missing(node, tag, out, "is missing or has no items");
    return [];
  }
  const base = pathOf(node, tag);
  const nodes: DicomNode[] = [];
  for (let i = 0; i < items.length; i++) {
    const ds = items[i];
    if (ds) nodes.push({ ds, path: `${base}[${i}]`, text: node.text });
  }
  return nodes;
}
