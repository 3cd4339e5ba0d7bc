// Shared by the `survival` subcommands (km, logrank, cif, rmst): the input options every analysis
// takes (CSV file, time/event/group/strata columns), their parsing with errors that name the
// option, and the number formatting / aligned tables of the human reports.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { SurvivalCsvRequest, SurvivalInputSummary } from "../../../app/index.ts";
import type { Issue } from "../../../core/index.ts";
import { InputError, UsageError } from "../../io.ts";

export type ConfTypeOption = "plain" | "log" | "log-log";

/** Raw commander values of the shared options (all strings until parsed). */
export type InputCliOptions = {
  csv?: string;
  delimiter?: string;
  time?: string;
  event?: string;
  eventValue?: string[];
  group?: string;
  groupLevels?: string;
  strata?: string;
  entry?: string;
  weights?: string;
  timeUnit?: string;
  json?: boolean;
};

/** --csv, --time, --event, --group, --strata, … on a subcommand. */
export function addInputOptions(
  cmd: Command,
  options: { readonly group: "required" | "optional"; readonly eventValue?: boolean },
): Command {
  cmd
    .requiredOption("--csv <file>", "CSV file with a header row (RFC 4180 quoting)")
    .option(
      "--delimiter <char>",
      "field separator: ',' (default), ';' (European Excel), 'tab' or '\\t', or another single character; decimal commas are not converted",
    )
    .requiredOption("--time <column>", "follow-up time column (event or censoring time, ≥ 0)")
    .requiredOption("--event <column>", "status column");
  if (options.eventValue !== false)
    cmd.option(
      "--event-value <value...>",
      "status value(s) meaning event; default: R's coding (0/1, 1/2 with 2 = event, TRUE/FALSE)",
    );
  const groupHelp =
    "group column: one curve per value (R's factor order: numbers numerically, text alphabetically)";
  if (options.group === "required") cmd.requiredOption("--group <column>", groupHelp);
  else cmd.option("--group <column>", groupHelp);
  return cmd
    .option(
      "--group-levels <list>",
      "order of the group values, comma separated (the first is the reference)",
    )
    .option("--strata <column>", "stratify by this column (separate curves / tests within each value)")
    .option("--entry <column>", "delayed-entry (left truncation) time column: at risk on (entry, time]")
    .option("--time-unit <unit>", "unit of the time column for labels, e.g. days, months (default: none)");
}

/** Comma-separated list, blanks removed. */
export const list = (v: string | undefined): string[] =>
  v === undefined
    ? []
    : v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");

export function readCsvText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      `--csv: cannot read "${path}"${code === "ENOENT" ? " (no such file)" : code ? ` (${code})` : ""}`,
    );
  }
}

/**
 * --delimiter: one character; `tab` or `\t` (as typed in a shell) for a tab. Undefined when absent
 * (the reader's default, a comma).
 */
export function parseDelimiter(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw === "tab" || raw === "\\t" || raw === "TAB") return "\t";
  if (raw === "comma") return ",";
  if (raw === "semicolon") return ";";
  if (raw.length !== 1 || raw === '"' || raw === "\n" || raw === "\r")
    throw new UsageError(
      `--delimiter must be one character other than a quote or line end: ',', ';', '|' or tab ('tab' or '\\t') (got "${raw}")`,
    );
  return raw;
}

/** The use-case request from the shared options (reads the file). */
export function csvRequest(opts: InputCliOptions): SurvivalCsvRequest {
  const levels = list(opts.groupLevels);
  if (levels.length > 0 && opts.group === undefined)
    throw new UsageError("--group-levels needs --group (the column whose values it orders)");
  const delimiter = parseDelimiter(opts.delimiter);
  return {
    csvText: readCsvText(opts.csv!),
    source: opts.csv!,
    ...(delimiter !== undefined ? { delimiter } : {}),
    time: opts.time!,
    event: opts.event!,
    ...(opts.eventValue !== undefined && opts.eventValue.length > 0 ? { eventValues: opts.eventValue } : {}),
    ...(opts.group !== undefined ? { group: opts.group } : {}),
    ...(levels.length > 0 ? { groupLevels: levels } : {}),
    ...(opts.strata !== undefined ? { strata: opts.strata } : {}),
    ...(opts.entry !== undefined ? { entry: opts.entry } : {}),
    ...(opts.weights !== undefined ? { weights: opts.weights } : {}),
  };
}

export function parseConfType(raw: string | undefined): ConfTypeOption | undefined {
  if (raw === undefined) return undefined;
  if (raw === "log" || raw === "log-log" || raw === "plain") return raw;
  throw new UsageError(`--conf-type must be log, log-log or plain (got "${raw}")`);
}

/** A number option with a range check; bad values are invalid input naming the option. */
export function numberOption(
  option: string,
  raw: string | undefined,
  check: (v: number) => boolean,
  what: string,
): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v) || !check(v))
    throw new InputError(`${option} must be ${what} (got "${raw}")`);
  return v;
}

export const parseConfLevel = (raw: string | undefined): number | undefined =>
  numberOption("--conf-level", raw, (v) => v > 0 && v < 1, "a number between 0 and 1, e.g. 0.95");

export const parseTau = (raw: string | undefined): number | undefined =>
  numberOption("--tau", raw, (v) => v > 0, "a time > 0 (in the unit of the time column)");

export const parseRho = (raw: string | undefined): number | undefined =>
  numberOption("--rho", raw, (v) => v >= 0, "a number ≥ 0 (0 log-rank, 1 Peto–Peto)");

/** --times 0,180,365 → sorted distinct times ≥ 0. */
export function parseTimes(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const items = list(raw);
  if (items.length === 0)
    throw new InputError(`--times: give at least one time, e.g. 0,180,365 (got "${raw}")`);
  const times = items.map((t) => {
    const v = Number(t);
    if (!Number.isFinite(v) || v < 0) throw new InputError(`--times: "${t}" is not a time ≥ 0`);
    return v;
  });
  return [...new Set(times)].sort((a, b) => a - b);
}

/** A failed use case as invalid input (exit 1), every issue listed. */
export function analysisFailure(
  what: string,
  source: string | undefined,
  issues: readonly Issue[],
): InputError {
  return new InputError(`${what}${source ? ` on ${source}` : ""}:`, issues);
}

// ---- formatting -------------------------------------------------------------------------------

/** Four significant digits, no exponent for ordinary magnitudes; NA for R's NA. */
export function fmt(v: number, digits = 4): string {
  if (Number.isNaN(v)) return "NA";
  if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e7) return Number(v.toPrecision(digits)).toString();
  return v
    .toExponential(digits - 1)
    .replace(/e([+-])(\d+)$/, (_m, sign: string, exp: string) => `e${sign}${exp.padStart(2, "0")}`);
}

/** Counts: integers as such, weighted counts with two decimals. */
export const fmtCount = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** Times as given (up to 6 significant digits). */
export const fmtTime = (v: number): string => fmt(v, 6);

/** p-values as R's format.pval: 3 significant digits, "<2e-16" below machine precision. */
export function fmtP(p: number): string {
  if (Number.isNaN(p)) return "NA";
  if (p < 2.2e-16) return "<2e-16";
  return fmt(p, 3);
}

/** "95% CI" from 0.95. */
export const ciLabel = (confLevel: number): string => `${Math.round(confLevel * 1000) / 10}% CI`;

/** "lower – upper" with NA for an undefined bound. */
export const fmtInterval = (lower: number, upper: number, digits = 4): string =>
  `${fmt(lower, digits)} – ${fmt(upper, digits)}`;

/** Aligned columns, two-space indent; `right[c]` right-aligns column c (numbers). */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
  indent = "  ",
): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    `${indent}${cells.map((s, c) => (right[c] ? s.padStart(widths[c]!) : s.padEnd(widths[c]!))).join("  ")}`.trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** The lines every report starts with: source, n, dropped rows, event coding, groups/strata. */
export function inputLines(title: string, r: SurvivalInputSummary, timeUnit: string | undefined): string[] {
  const out = [`${title}${r.source ? ` — ${r.source}` : ""}`];
  const dropped =
    r.nDropped > 0
      ? ` (${r.nDropped} row${r.nDropped === 1 ? "" : "s"} dropped for missing values${
          r.droppedLines.length > 0
            ? `, CSV line${r.droppedLines.length === 1 ? "" : "s"} ${r.droppedLines.join(", ")}${
                r.nDropped > r.droppedLines.length ? ", …" : ""
              }`
            : ""
        })`
      : "";
  out.push(`  n = ${r.n}${dropped}`);
  out.push(`  time: '${r.time}'${timeUnit ? ` (${timeUnit})` : ""}; event: ${r.eventCoding}`);
  if (r.group)
    out.push(`  group: '${r.group.column}' (${r.group.labels.length}: ${r.group.labels.join(", ")})`);
  if (r.strata)
    out.push(`  strata: '${r.strata.column}' (${r.strata.labels.length}: ${r.strata.labels.join(", ")})`);
  if (r.entry) out.push(`  delayed entry: '${r.entry}'`);
  if (r.weights) out.push(`  weights: '${r.weights}'`);
  return out;
}

/** JSON with typed arrays as arrays and R's conventions for non-finite numbers (NA → null). */
export function reportJson(report: unknown): string {
  return `${JSON.stringify(
    report,
    (_key, value) => {
      if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
      if (typeof value === "number" && !Number.isFinite(value))
        return Number.isNaN(value) ? null : value > 0 ? "Infinity" : "-Infinity";
      return value;
    },
    2,
  )}\n`;
}
