/**
 * RFC 4180 CSV text → a table of fields. One header row names the columns; fields may be quoted
 * ("a, b" or "say ""hi"""), quoted fields may span lines; CRLF, LF and CR line ends; a UTF-8 BOM is
 * dropped; lines that are entirely empty are skipped (as R's read.csv, blank.lines.skip = TRUE).
 * Every malformed row is reported (up to a limit), not only the first.
 *
 * Speed: one pass over the string with charCodeAt records where each field starts and ends
 * (typed arrays); no string is made per field. Fields become strings or numbers only when asked
 * for (`field`, `number`, `column`), so an analysis that reads 3 of 14 columns converts 3.
 * Numbers are read from the text in place (Clinger's exact fast path: ≤ 15 significant digits and
 * a power of ten ≤ 22 give the correctly rounded double, the same as Number()); longer ones go
 * through Number() on the field.
 */
import { fail, type Issue, issue, ok, type Result } from "../../core/index.ts";
import { isMissingField, parseDecimal } from "./csv-values.ts";

export type CsvTable = {
  /** column names from the header row, trimmed of surrounding spaces */
  readonly header: readonly string[];
  readonly rowCount: number;
  /** 1-based line number in the text where each data row starts (for messages) */
  readonly lineOfRow: Int32Array;
  /** the field separator the text was read with */
  readonly delimiter: string;
  /**
   * columns[c][r] = field of data row r (0-based) in column c, exactly as written (unquoted).
   * Builds every column's strings on first use: prefer `field`, `number` or `column`.
   */
  readonly columns: readonly (readonly string[])[];
  /** The strings of one column (built once, then cached). */
  column(c: number): readonly string[];
  /** Field of data row r in column c, exactly as written (unquoted). */
  field(c: number, r: number): string;
  /** True when the field means "missing": empty, NA or NaN after trimming spaces (R's NA). */
  isMissing(c: number, r: number): boolean;
  /** The field as a strict decimal number (as `parseDecimal`); NaN when it is not one. */
  number(c: number, r: number): number;
  /** `number(c, rows[i])` into out[i] for every i: a typed column in one call. */
  numbers(c: number, rows: Int32Array, out: Float64Array): void;
};

export type ParseCsvOptions = {
  /** field separator, one character (default ",") */
  readonly delimiter?: string;
  /** stop listing malformed rows after this many (default 20); the count is still reported */
  readonly maxIssues?: number;
};

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const LOWER_E = 101;
const UPPER_E = 69;
/** 10^0 … 10^22: every one exactly representable as a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Parses CSV text; the result holds the table or every issue found. */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Result<CsvTable> {
  const delimiter = options.delimiter ?? ",";
  const maxIssues = options.maxIssues ?? 20;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    return fail([
      issue(
        "csv_bad_delimiter",
        "delimiter",
        `the delimiter must be one character other than a quote or line end`,
      ),
    ]);
  }
  const sep = delimiter.charCodeAt(0);
  const src = text;
  const n = src.length;
  const issues: Issue[] = [];
  let extraIssues = 0;
  const report = (i: Issue): void => {
    if (issues.length < maxIssues) issues.push(i);
    else extraIssues++;
  };

  let headerFields: string[] | undefined;
  let m = 0;
  let rows = 0;
  let rowCapacity = estimateRows(src);
  let starts: Int32Array = new Int32Array(0);
  let ends: Int32Array = new Int32Array(0);
  let lineOfRow: Int32Array = new Int32Array(rowCapacity);
  let escaped: Map<number, string> | undefined;
  const ragged: [line: number, fields: number][] = [];
  let raggedCount = 0;

  let pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < n) {
    const first = src.charCodeAt(pos);
    if (first === LF || first === CR) {
      // blank line
      pos += first === CR && src.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const startLine = line;
    const isHeader = headerFields === undefined;
    if (!isHeader && rows === rowCapacity) {
      rowCapacity *= 2;
      starts = grow(starts, rowCapacity * m);
      ends = grow(ends, rowCapacity * m);
      lineOfRow = grow(lineOfRow, rowCapacity);
    }
    const fieldsOfHeader: string[] = [];
    const base = rows * m;
    let f = 0;
    for (;;) {
      let a: number;
      let b: number;
      let unescaped: string | undefined;
      if (pos < n && src.charCodeAt(pos) === QUOTE) {
        // quoted field: up to the closing quote; "" is a literal quote
        a = pos + 1;
        let i = a;
        let doubled = false;
        let closed = false;
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c === QUOTE) {
            if (src.charCodeAt(i + 1) === QUOTE) {
              doubled = true;
              i += 2;
              continue;
            }
            closed = true;
            break;
          }
          if (c === LF || (c === CR && src.charCodeAt(i + 1) !== LF)) line++;
          i++;
        }
        if (!closed) {
          report(
            issue(
              "csv_unterminated_quote",
              `line ${startLine}`,
              `a quoted field opened on line ${startLine} is never closed (a missing " ?)`,
            ),
          );
          return fail(finish(issues, extraIssues));
        }
        b = i;
        if (doubled) unescaped = src.slice(a, b).replaceAll('""', '"');
        pos = i + 1;
        const c = pos < n ? src.charCodeAt(pos) : LF;
        if (c !== sep && c !== LF && c !== CR) {
          report(
            issue(
              "csv_invalid_quote",
              `line ${line}`,
              `text follows the closing quote of a field on line ${line}; quote the whole field and double the quotes inside ("")`,
            ),
          );
          while (pos < n) {
            const d = src.charCodeAt(pos);
            if (d === sep || d === LF || d === CR) break;
            pos++;
          }
        }
      } else {
        a = pos;
        while (pos < n) {
          const c = src.charCodeAt(pos);
          if (c === sep || c === LF || c === CR) break;
          pos++;
        }
        b = pos;
      }
      if (isHeader) fieldsOfHeader.push(unescaped ?? src.slice(a, b));
      else if (f < m) {
        const k = base + f;
        starts[k] = a;
        ends[k] = b;
        if (unescaped !== undefined) {
          escaped ??= new Map();
          escaped.set(k, unescaped);
        }
      }
      f++;
      if (pos >= n) break;
      const c = src.charCodeAt(pos);
      pos++;
      if (c === sep) continue;
      // line end
      if (c === CR && src.charCodeAt(pos) === LF) pos++;
      line++;
      break;
    }
    if (isHeader) {
      headerFields = fieldsOfHeader;
      m = headerFields.length;
      starts = new Int32Array(rowCapacity * m);
      ends = new Int32Array(rowCapacity * m);
      continue;
    }
    if (f !== m) {
      if (ragged.length < maxIssues) ragged.push([startLine, f]);
      raggedCount++;
      for (let k = f; k < m; k++) {
        starts[base + k] = 0;
        ends[base + k] = 0;
      }
    }
    lineOfRow[rows] = startLine;
    rows++;
  }

  if (headerFields === undefined) {
    return fail([issue("csv_empty", "", "the CSV text is empty: expected a header row naming the columns")]);
  }
  const header = headerFields.map((h) => h.trim());
  const seen = new Map<string, number>();
  header.forEach((h, c) => {
    if (h === "")
      report(issue("csv_bad_header", `column ${c + 1}`, `column ${c + 1} of the header row has no name`));
    const first = seen.get(h);
    if (first !== undefined && h !== "")
      report(
        issue(
          "csv_duplicate_column",
          h,
          `column name '${h}' appears twice (columns ${first + 1} and ${c + 1})`,
        ),
      );
    else seen.set(h, c);
  });
  for (const [at, fields] of ragged)
    report(issue("csv_ragged_row", `line ${at}`, `line ${at} has ${fields} fields, the header has ${m}`));
  extraIssues += raggedCount - ragged.length;
  if (issues.length > 0) {
    const wrong = wrongDelimiterIssue(header, delimiter);
    return fail(finish(wrong === undefined ? issues : [wrong, ...issues], extraIssues));
  }
  return ok(
    new FieldTable(
      src,
      header,
      rows,
      lineOfRow.subarray(0, rows),
      delimiter,
      starts.subarray(0, rows * m),
      ends.subarray(0, rows * m),
      escaped,
    ),
  );
}

/**
 * The hint for a table read with the wrong separator: a header of one column holding another usual
 * separator (a semicolon-separated file from a European spreadsheet read with commas, …).
 */
export function wrongDelimiterIssue(header: readonly string[], delimiter: string): Issue | undefined {
  const only = header.length === 1 ? header[0]! : undefined;
  const other =
    only === undefined ? undefined : [";", "\t", ",", "|"].find((d) => d !== delimiter && only.includes(d));
  if (only === undefined || other === undefined) return undefined;
  const option = other === "\t" ? "--delimiter tab" : `--delimiter '${other}'`;
  const kind = { ";": "semicolon", "\t": "tab", ",": "comma", "|": "pipe" }[other];
  const shown = JSON.stringify(only.length > 60 ? `${only.slice(0, 60)}…` : only);
  return issue(
    "csv_wrong_delimiter",
    "delimiter",
    `the header has a single column ${shown} when read with the delimiter ${JSON.stringify(delimiter)}: looks like a ${kind}-separated file: use ${option}`,
  );
}

/** Rows to make room for: the line ends in the first 64 KiB, scaled to the whole text, + 6 %. */
function estimateRows(src: string): number {
  const sample = Math.min(src.length, 65_536);
  let lineEnds = 0;
  for (let i = 0; i < sample; i++) if (src.charCodeAt(i) === LF) lineEnds++;
  return Math.max(16, Math.ceil(((lineEnds + 1) * src.length * 1.06) / Math.max(1, sample)));
}

function grow(a: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  out.set(a);
  return out;
}

function finish(issues: Issue[], extra: number): Issue[] {
  if (extra > 0)
    issues.push(issue("csv_more_issues", "", `${extra} more problem(s) of the same kinds not listed`));
  return issues;
}

/** The parsed text with the start and end offset of every field (row-major). */
class FieldTable implements CsvTable {
  readonly #src: string;
  readonly #m: number;
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  /** fields whose text differs from their span of the source ("" inside quotes), by field index */
  readonly #escaped: Map<number, string> | undefined;
  readonly #strings: (readonly string[] | undefined)[];

  constructor(
    src: string,
    readonly header: readonly string[],
    readonly rowCount: number,
    readonly lineOfRow: Int32Array,
    readonly delimiter: string,
    starts: Int32Array,
    ends: Int32Array,
    escaped: Map<number, string> | undefined,
  ) {
    this.#src = src;
    this.#m = header.length;
    this.#starts = starts;
    this.#ends = ends;
    this.#escaped = escaped;
    this.#strings = new Array(header.length).fill(undefined);
  }

  get columns(): readonly (readonly string[])[] {
    return this.header.map((_, c) => this.column(c));
  }

  column(c: number): readonly string[] {
    this.#checkColumn(c);
    let out = this.#strings[c];
    if (out === undefined) {
      const values = new Array<string>(this.rowCount);
      for (let r = 0; r < this.rowCount; r++) values[r] = this.field(c, r);
      out = values;
      this.#strings[c] = out;
    }
    return out;
  }

  field(c: number, r: number): string {
    const k = r * this.#m + c;
    const text = this.#escaped?.get(k);
    return text ?? this.#src.slice(this.#starts[k], this.#ends[k]);
  }

  isMissing(c: number, r: number): boolean {
    const k = r * this.#m + c;
    if (this.#escaped?.has(k)) return isMissingField(this.#escaped.get(k)!);
    const s = this.#src;
    let a = this.#starts[k]!;
    let b = this.#ends[k]!;
    while (a < b && isBlank(s.charCodeAt(a))) a++;
    while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
    const len = b - a;
    if (len === 0) return true;
    const c0 = s.charCodeAt(a);
    const cLast = s.charCodeAt(b - 1);
    // other white space (line ends inside quotes, no-break space …): the string rule decides
    if (c0 <= SPACE || c0 >= 0x80 || cLast <= SPACE || cLast >= 0x80) return isMissingField(this.field(c, r));
    if (len === 2) return c0 === 78 && cLast === 65; // NA
    if (len === 3) return c0 === 78 && s.charCodeAt(a + 1) === 97 && cLast === 78; // NaN
    return false;
  }

  number(c: number, r: number): number {
    this.#checkColumn(c);
    this.#readInto(r * this.#m + c, SCRATCH, 0);
    return SCRATCH[0]!;
  }

  numbers(c: number, rows: Int32Array, out: Float64Array): void {
    this.#checkColumn(c);
    const m = this.#m;
    for (let i = 0; i < rows.length; i++) this.#readInto(rows[i]! * m + c, out, i);
  }

  #readInto(k: number, out: Float64Array, i: number): void {
    const text = this.#escaped?.get(k);
    if (text !== undefined) out[i] = parseDecimal(text);
    else readNumberInto(this.#src, this.#starts[k]!, this.#ends[k]!, out, i);
  }

  #checkColumn(c: number): void {
    if (!(Number.isInteger(c) && c >= 0 && c < this.#m))
      throw new RangeError(`column index ${c} is outside 0 … ${this.#m - 1}`);
  }
}

/**
 * Writes the number in src[from, to) into out[i]: NaN when it is not one (as `parseDecimal`).
 * Writing into a typed array, not returning, keeps the double unboxed on the hot path.
 */
/**
 * Writes the number written in s[from, to) into out[at], NaN when it is not one (the same value as
 * `parseDecimal` of the text). Writing into a typed array rather than returning keeps the double
 * unboxed on the hot path.
 */
function readNumberInto(s: string, from: number, to: number, out: Float64Array, at: number): void {
  let a = from;
  let b = to;
  while (a < b && isBlank(s.charCodeAt(a))) a++;
  while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
  if (a === b) {
    out[at] = Number.NaN;
    return;
  }
  let i = a;
  let ch = s.charCodeAt(i);
  const negative = ch === MINUS;
  if (ch === PLUS || ch === MINUS) i++;
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let exponent = 0;
  // integer part
  for (; i < b; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) break;
    digits++;
    if (significant > 0 || d !== 0) {
      if (significant < 15) mantissa = mantissa * 10 + d;
      else exponent++;
      significant++;
    }
  }
  // fraction
  if (i < b && s.charCodeAt(i) === DOT) {
    for (i++; i < b; i++) {
      const d = s.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) break;
      digits++;
      if (significant > 0 || d !== 0) {
        if (significant < 15) {
          mantissa = mantissa * 10 + d;
          exponent--;
        }
        significant++;
      } else exponent--;
    }
  }
  if (digits === 0) {
    // Inf, text, a lone point …: the string rule decides
    out[at] = parseDecimal(s.slice(from, to));
    return;
  }
  if (i < b) {
    ch = s.charCodeAt(i);
    if (ch !== LOWER_E && ch !== UPPER_E) {
      out[at] = parseDecimal(s.slice(from, to));
      return;
    }
    i++;
    let expNegative = false;
    ch = s.charCodeAt(i);
    if (ch === PLUS || ch === MINUS) {
      expNegative = ch === MINUS;
      i++;
    }
    let expDigits = 0;
    let e = 0;
    for (; i < b; i++) {
      const d = s.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) break;
      expDigits++;
      if (e < 100_000) e = e * 10 + d;
    }
    if (expDigits === 0 || i < b) {
      out[at] = parseDecimal(s.slice(from, to));
      return;
    }
    exponent += expNegative ? -e : e;
  }
  if (mantissa === 0) {
    out[at] = negative ? -0 : 0;
    return;
  }
  // Clinger: an exact mantissa (< 10^15) times or over an exact power of ten rounds once
  if (significant > 15 || exponent > 22 || exponent < -22) {
    out[at] = Number(s.slice(a, b));
    return;
  }
  const v = exponent >= 0 ? mantissa * POW10[exponent]! : mantissa / POW10[-exponent]!;
  out[at] = negative ? -v : v;
}

const isBlank = (c: number): boolean => c === SPACE || c === TAB;
/** one slot for `number()` */
const SCRATCH = new Float64Array(1);
