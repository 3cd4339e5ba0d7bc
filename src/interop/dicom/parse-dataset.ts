// The one place that calls dicom-parser (see docs/decisions: why dicom-parser). Turns bytes into a parsed
// data set or an error Result: recognises Part-10 files (preamble + "DICM" + file meta information),
// file meta information without preamble, and raw data sets without any meta information (read as
// implicit or explicit VR little endian, the only encodings a raw data set can have in practice).
// dicom-parser reports failures by throwing strings or objects; they all end here as issues.
import { inflateRawSync } from "node:zlib";
import type { DataSet, Element } from "dicom-parser";
import dicomParser from "dicom-parser";
import { fail, type Issue, issue, ok, type Result } from "../../core/index.ts";
import { knownVrByKey, T } from "./dicom-tags.ts";
import { type TextDecoding, textDecodingFor } from "./text-decoding.ts";
import {
  describeTransferSyntax,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  type TransferSyntaxInfo,
} from "./transfer-syntaxes.ts";

export type ParsedDicom = {
  /** the parsed data set; its byteArray is the input (or the inflated input for the Deflated syntax) */
  readonly dataSet: DataSet;
  readonly transferSyntax: TransferSyntaxInfo;
  /** false when the file had no preamble/"DICM"/file meta information (a raw data set) */
  readonly hasPart10Header: boolean;
  readonly text: TextDecoding;
  /** non-fatal findings (missing header, parser notes, unsupported character set) */
  readonly warnings: readonly Issue[];
};

const PREAMBLE_BYTES = 128;
const DICM = [0x44, 0x49, 0x43, 0x4d];

const VRS = new Set(
  "AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV".split(
    " ",
  ),
);

function hasDicmPrefix(bytes: Uint8Array): boolean {
  if (bytes.length < PREAMBLE_BYTES + 4) return false;
  return DICM.every((b, i) => bytes[PREAMBLE_BYTES + i] === b);
}

function littleEndianGroup(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function looksExplicitVr(bytes: Uint8Array, at: number): boolean {
  const a = bytes[at + 4];
  const b = bytes[at + 5];
  if (a === undefined || b === undefined) return false;
  return VRS.has(String.fromCharCode(a, b));
}

/** Upper bound on an inflated (Deflated Explicit VR Little Endian) data set, against deflate bombs. */
const MAX_INFLATED_BYTES = 1 << 30;

/**
 * Inflater for the Deflated transfer syntax (PS3.5 A.5: the data set after the meta group is raw deflate).
 * dicom-parser's built-in Node path requires a Buffer; this works on any Uint8Array.
 */
function inflater(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRawSync(bytes.subarray(position), { maxOutputLength: MAX_INFLATED_BYTES });
  const out = new Uint8Array(position + inflated.length);
  out.set(bytes.subarray(0, position), 0);
  out.set(inflated, position);
  return out;
}

/** vrCallback for implicit VR: the VR of attributes we read; undefined lets dicom-parser peek for items. */
const vrCallback = (key: string): string => knownVrByKey.get(key) as string;

/** Maps a dicom-parser exception to an issue. Overruns mean truncation; everything else is corruption. */
function parserFailure(e: unknown, byteLength: number): Issue {
  const inner =
    typeof e === "object" && e !== null && "exception" in e ? (e as { exception: unknown }).exception : e;
  const text = inner instanceof Error ? inner.message : String(inner);
  if (/overread|past end|overrun|eof|cannot be greater than or equal|maxP ?osition/i.test(text)) {
    return issue(
      "dicom_truncated",
      "",
      `the file (${byteLength} bytes) ends inside a data element: it is truncated or an element length is corrupt (${text})`,
    );
  }
  if (inner instanceof RangeError && /call stack/i.test(text)) {
    return issue("dicom_corrupt", "", `the data set nests sequences too deeply to be read (${text})`);
  }
  // dicom-parser reports a non-zero item delimiter length by calling an array (a TypeError)
  const detail = /is not a function/.test(text) ? "an item or sequence delimiter is malformed" : text;
  return issue("dicom_corrupt", "", `the data set is malformed and could not be parsed (${detail})`);
}

/** Parses DICOM bytes (Part-10 file or raw data set). Never throws. */
export function parseDicomBytes(bytes: Uint8Array): Result<ParsedDicom> {
  if (!(bytes instanceof Uint8Array)) {
    return fail([issue("dicom_not_dicom", "", "input is not a byte array (expected Uint8Array)")]);
  }
  if (bytes.length === 0) return fail([issue("dicom_empty", "", "the file is empty (0 bytes)")]);
  const warnings: Issue[] = [];
  let input = bytes;
  let hasPart10Header = hasDicmPrefix(bytes);
  let rawTransferSyntax: string | undefined;

  if (!hasPart10Header) {
    const group = littleEndianGroup(bytes, 0);
    if (bytes.length >= 12 && group === 0x0002 && looksExplicitVr(bytes, 0)) {
      // File meta information without the 128-byte preamble and "DICM": add them back so the
      // standard Part-10 path reads the meta group (one copy; this layout is rare).
      input = new Uint8Array(PREAMBLE_BYTES + 4 + bytes.length);
      input.set(DICM, PREAMBLE_BYTES);
      input.set(bytes, PREAMBLE_BYTES + 4);
      hasPart10Header = true;
      warnings.push(
        issue(
          "dicom_no_preamble",
          "",
          "the file starts with file meta information but lacks the 128-byte preamble and DICM prefix (PS3.10 7.1); read anyway",
        ),
      );
    } else if (bytes.length >= 8 && (group === 0x0008 || group === 0x0000)) {
      rawTransferSyntax = looksExplicitVr(bytes, 0) ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
      const name = rawTransferSyntax === EXPLICIT_VR_LITTLE_ENDIAN ? "explicit" : "implicit";
      warnings.push(
        issue(
          "dicom_no_part10_header",
          "",
          `no DICOM Part-10 header (preamble, DICM prefix, file meta information): read as a raw ${name} VR little endian data set`,
        ),
      );
    } else if (bytes.length >= 8 && (group === 0x0800 || group === 0x0200)) {
      return fail([
        issue(
          "dicom_not_dicom",
          "",
          "no DICOM Part-10 header and the data look like a big-endian raw data set, which cannot be read without file meta information",
        ),
      ]);
    } else {
      return fail([
        issue(
          "dicom_not_dicom",
          "",
          `not a DICOM file: no "DICM" prefix at byte 128 and the data do not start like a DICOM data set (${bytes.length} bytes)`,
        ),
      ]);
    }
  }

  let transferSyntaxUid: string;
  if (rawTransferSyntax !== undefined) {
    transferSyntaxUid = rawTransferSyntax;
  } else {
    let meta: DataSet;
    try {
      meta = dicomParser.readPart10Header(input);
    } catch (e) {
      return fail([parserFailure(e, bytes.length)]);
    }
    const el = meta.elements[T.TransferSyntaxUID.key];
    if (!el || el.length === 0 || el.dataOffset + el.length > input.length) {
      return fail([
        issue(
          "dicom_missing_attribute",
          T.TransferSyntaxUID.keyword,
          `the file meta information has no Transfer Syntax UID ${T.TransferSyntaxUID.label}`,
        ),
      ]);
    }
    transferSyntaxUid = (meta.string(T.TransferSyntaxUID.key) ?? "").replace(/\0+$/, "").trim();
  }

  const transferSyntax = describeTransferSyntax(transferSyntaxUid);
  if (!transferSyntax) {
    return fail([
      issue(
        "dicom_transfer_syntax_unsupported",
        T.TransferSyntaxUID.keyword,
        `Transfer Syntax UID "${transferSyntaxUid}" is not a DICOM transfer syntax this reader knows`,
      ),
    ]);
  }

  let dataSet: DataSet;
  try {
    dataSet =
      rawTransferSyntax !== undefined
        ? dicomParser.parseDicom(input, { TransferSyntaxUID: rawTransferSyntax, vrCallback })
        : dicomParser.parseDicom(input, { vrCallback, inflater });
  } catch (e) {
    return fail([parserFailure(e, bytes.length)]);
  }

  for (const w of dataSet.warnings ?? []) {
    // An empty last element of an implicit-VR file makes dicom-parser peek past the end to guess whether
    // it is a sequence; harmless, and meaningless to a user.
    if (/peeking to determine VR/.test(w)) continue;
    warnings.push(issue("dicom_parser_warning", "", `DICOM parser: ${w}`));
  }
  const charset = dataSet.elements[T.SpecificCharacterSet.key]
    ? safeString(dataSet, T.SpecificCharacterSet.key)
    : undefined;
  const text = textDecodingFor(charset);
  if (text.note) warnings.push(issue("dicom_character_set", T.SpecificCharacterSet.keyword, text.note));
  return ok({ dataSet, transferSyntax, hasPart10Header, text, warnings });
}

function safeString(ds: DataSet, key: string): string | undefined {
  const el = ds.elements[key];
  if (!el || el.length === 0 || el.dataOffset + el.length > ds.byteArray.length) return undefined;
  let s = "";
  for (let i = el.dataOffset; i < el.dataOffset + el.length; i++)
    s += String.fromCharCode(ds.byteArray[i] ?? 0);
  return s.replace(/[\0 ]+$/, "").replace(/^ +/, "");
}

/**
 * Items of a sequence that a writer encoded with VR UN (explicit VR files converted without a data
 * dictionary, e.g. pydicom's rtdose_rle.dcm). PS3.5 6.2.2: a UN value holding a sequence is encoded as
 * implicit VR little endian. Caches the items on the element; undefined when they cannot be parsed.
 */
export function itemsOfUnSequence(ds: DataSet, el: Element): DataSet[] | undefined {
  if (el.items) return el.items.flatMap((i) => (i.dataSet ? [i.dataSet] : []));
  if (el.length === 0 || el.dataOffset + el.length > ds.byteArray.length) return undefined;
  try {
    const stream = new dicomParser.ByteStream(
      dicomParser.littleEndianByteArrayParser,
      ds.byteArray,
      el.dataOffset,
    );
    const probe: Element = { tag: el.tag, length: el.length, dataOffset: el.dataOffset };
    dicomParser.readSequenceItemsImplicit(stream, probe, vrCallback);
    if (stream.position !== el.dataOffset + el.length) return undefined;
    el.items = probe.items ?? [];
    return el.items.flatMap((i) => (i.dataSet ? [i.dataSet] : []));
  } catch {
    return undefined;
  }
}
