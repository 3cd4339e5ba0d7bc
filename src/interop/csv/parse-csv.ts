/**
 * RFC 4180 CSV text → columns of strings. One header row names the columns; fields may be quoted
 * ("a, b" or "say ""hi"""), quoted fields may span lines; CRLF, LF and CR line ends; a UTF-8 BOM is
 * dropped; lines that are entirely empty are skipped (as R's read.csv, blank.lines.skip = TRUE).
 * Every malformed row is reported (up to a limit), not only the first.
 */
import { fail, type Issue, issue, ok, type Result } from "../../core/index.ts";

export type CsvTable = {
  /** column names from the header row, trimmed of surrounding spaces */
  readonly header: readonly string[];
  /** columns[c][r] = field of data row r (0-based) in column c, exactly as written (unquoted) */
  readonly columns: readonly (readonly string[])[];
  readonly rowCount: number;
  /** 1-based line number in the text where each data row starts (for messages) */
  readonly lineOfRow: Int32Array;
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

/** Parses CSV text; the result holds the columns or every issue found. */
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
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const issues: Issue[] = [];
  let extraIssues = 0;
  const report = (i: Issue): void => {
    if (issues.length < maxIssues) issues.push(i);
    else extraIssues++;
  };

  const records: string[][] = [];
  const recordLines: number[] = [];
  const n = src.length;
  let pos = 0;
  let line = 1;
  while (pos < n) {
    const startLine = line;
    const fields: string[] = [];
    let quoted = false;
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (src.charCodeAt(pos) === QUOTE) {
        // quoted field: up to the closing quote; "" is a literal quote
        quoted = true;
        let out = "";
        let from = pos + 1;
        let closed = false;
        let i = from;
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c === QUOTE) {
            if (src.charCodeAt(i + 1) === QUOTE) {
              out += src.slice(from, i + 1);
              i += 2;
              from = i;
              continue;
            }
            out += src.slice(from, i);
            closed = true;
            i++;
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
        pos = i;
        const c = pos < n ? src.charCodeAt(pos) : LF;
        if (c !== sep && c !== LF && c !== CR) {
          report(
            issue(
              "csv_invalid_quote",
              `line ${line}`,
              `text follows the closing quote of a field on line ${line}; quote the whole field and double the quotes inside ("")`,
            ),
          );
          while (
            pos < n &&
            src.charCodeAt(pos) !== sep &&
            src.charCodeAt(pos) !== LF &&
            src.charCodeAt(pos) !== CR
          )
            pos++;
        }
        value = out;
      } else {
        let i = pos;
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c === sep || c === LF || c === CR) break;
          i++;
        }
        value = src.slice(pos, i);
        pos = i;
      }
      fields.push(value);
      if (pos >= n) {
        endOfRecord = true;
      } else {
        const c = src.charCodeAt(pos);
        if (c === sep) {
          pos++;
          if (pos >= n) {
            fields.push("");
            endOfRecord = true;
          }
        } else {
          pos += c === CR && src.charCodeAt(pos + 1) === LF ? 2 : 1;
          line++;
          endOfRecord = true;
        }
      }
    }
    if (fields.length === 1 && fields[0] === "" && !quoted) continue; // blank line
    records.push(fields);
    recordLines.push(startLine);
  }

  const headerRecord = records[0];
  if (headerRecord === undefined) {
    return fail([issue("csv_empty", "", "the CSV text is empty: expected a header row naming the columns")]);
  }
  const header = headerRecord.map((h) => h.trim());
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
  const m = header.length;
  const rowCount = records.length - 1;
  const columns: string[][] = Array.from({ length: m }, () => new Array<string>(rowCount));
  const lineOfRow = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const rec = records[r + 1]!;
    lineOfRow[r] = recordLines[r + 1]!;
    if (rec.length !== m) {
      report(
        issue(
          "csv_ragged_row",
          `line ${recordLines[r + 1]}`,
          `line ${recordLines[r + 1]} has ${rec.length} fields, the header has ${m}`,
        ),
      );
    }
    for (let c = 0; c < m; c++) columns[c]![r] = rec[c] ?? "";
  }
  if (issues.length > 0) return fail(finish(issues, extraIssues));
  return ok({ header, columns, rowCount, lineOfRow });
}

function finish(issues: Issue[], extra: number): Issue[] {
  if (extra > 0)
    issues.push(issue("csv_more_issues", "", `${extra} more problem(s) of the same kinds not listed`));
  return issues;
}
