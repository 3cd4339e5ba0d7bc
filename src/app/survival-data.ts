// Shared by the survival use cases (km, logrank, cif, rmst): a CSV text and column names in,
// the typed columns out (interop/csv: R's Surv coding and na.omit), with every problem named.
import { fail, issue, type Result } from "../core/index.ts";
import {
  type CsvTable,
  parseCsv,
  type SurvivalCsvData,
  type SurvivalCsvSpec,
  survivalColumns,
} from "../interop/index.ts";
import type { ConfType, SurvivalData } from "../stats/index.ts";

/** The CSV table every survival use case (km, logrank, cif, rmst, cox) reads. */
export type SurvivalCsvSource = {
  readonly csvText: string;
  /** shown in reports (the file name) */
  readonly source?: string;
  /** field separator of the CSV (default ",") */
  readonly delimiter?: string;
};

/** The columns of a survival analysis on a CSV table (meanings: interop's SurvivalCsvSpec). */
export type SurvivalCsvRequest = SurvivalCsvSource &
  Pick<
    SurvivalCsvSpec,
    "time" | "event" | "eventValues" | "entry" | "weights" | "group" | "groupLevels" | "strata"
  >;

/** Parses the request's CSV text with its delimiter. */
export function parseSurvivalCsv(request: SurvivalCsvSource): Result<CsvTable> {
  return parseCsv(request.csvText, request.delimiter !== undefined ? { delimiter: request.delimiter } : {});
}

/** What every survival report says about its input. */
export type SurvivalInputSummary = {
  readonly source?: string;
  readonly n: number;
  readonly nDropped: number;
  readonly droppedLines: readonly number[];
  readonly eventCoding: string;
  readonly time: string;
  readonly group?: { readonly column: string; readonly labels: readonly string[] };
  readonly strata?: { readonly column: string; readonly labels: readonly string[] };
  readonly entry?: string;
  readonly weights?: string;
};

export const DEFAULT_CONF_TYPE: ConfType = "log";
/** confidence level of the bands and intervals unless the request sets one (R's conf.int = 0.95) */
export const DEFAULT_CONF_LEVEL = 0.95;

/** Parses the CSV and extracts the request's columns (competing: status holds causes). */
export function loadSurvivalColumns(
  request: SurvivalCsvRequest,
  competing?: { readonly censorValue?: string },
): Result<SurvivalCsvData> {
  const table = parseSurvivalCsv(request);
  if (!table.ok) return table;
  const spec: SurvivalCsvSpec = {
    time: request.time,
    event: request.event,
    ...(request.eventValues !== undefined && request.eventValues.length > 0
      ? { eventValues: request.eventValues }
      : {}),
    ...(request.entry !== undefined ? { entry: request.entry } : {}),
    ...(request.weights !== undefined ? { weights: request.weights } : {}),
    ...(request.group !== undefined ? { group: request.group } : {}),
    ...(request.groupLevels !== undefined ? { groupLevels: request.groupLevels } : {}),
    ...(request.strata !== undefined ? { strata: request.strata } : {}),
    ...(competing !== undefined ? { competing } : {}),
  };
  return survivalColumns(table.value, spec);
}

/** The stats layer's input from extracted columns. */
export function survivalData(c: SurvivalCsvData): SurvivalData {
  return {
    time: c.time,
    status: c.cause ?? c.status,
    ...(c.entry !== undefined ? { entry: c.entry } : {}),
    ...(c.weights !== undefined ? { weights: c.weights } : {}),
    ...(c.group !== undefined ? { group: c.group.codes } : {}),
    ...(c.strata !== undefined ? { strata: c.strata.codes } : {}),
  };
}

export function inputSummary(request: SurvivalCsvRequest, c: SurvivalCsvData): SurvivalInputSummary {
  return {
    ...(request.source !== undefined ? { source: request.source } : {}),
    n: c.n,
    nDropped: c.nDropped,
    droppedLines: c.droppedLines,
    eventCoding: c.eventCoding,
    time: request.time,
    ...(c.group !== undefined ? { group: { column: c.group.column, labels: c.group.labels } } : {}),
    ...(c.strata !== undefined ? { strata: { column: c.strata.column, labels: c.strata.labels } } : {}),
    ...(request.entry !== undefined ? { entry: request.entry } : {}),
    ...(request.weights !== undefined ? { weights: request.weights } : {}),
  };
}

/** How many groups and strata the fit has (1 each when the column is not given). */
export function curveCounts(c: SurvivalCsvData): { groupCount: number; stratumCount: number } {
  return { groupCount: c.group?.labels.length ?? 1, stratumCount: c.strata?.labels.length ?? 1 };
}

/** A curve's label and, when given, its group and stratum level. */
export function curveIdentity(
  c: SurvivalCsvData,
  group: number,
  stratum: number,
): { readonly label: string; readonly group?: string; readonly stratum?: string } {
  return {
    label: curveLabel(c, group, stratum),
    ...(c.group !== undefined ? { group: c.group.labels[group]! } : {}),
    ...(c.strata !== undefined ? { stratum: c.strata.labels[stratum]! } : {}),
  };
}

/** 1-2-5 "pretty" grid of about five times from 0 to `max` (R's pretty() in spirit). */
export function prettyTimes(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = step; t <= max + 1e-9 * max; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** Default times of the at-risk / summary table: 0 and a pretty grid up to the last time. */
export function defaultReportTimes(time: Float64Array): number[] {
  let maxTime = 0;
  for (const t of time) maxTime = Math.max(maxTime, t);
  return [0, ...prettyTimes(maxTime, 8)];
}

/** R's curve label: "sex=1", "sex=1, ph.ecog=0", or "all". */
export function curveLabel(c: SurvivalCsvData, group: number, stratum: number): string {
  const parts: string[] = [];
  if (c.group !== undefined) parts.push(`${c.group.column}=${c.group.labels[group]}`);
  if (c.strata !== undefined) parts.push(`${c.strata.column}=${c.strata.labels[stratum]}`);
  return parts.length > 0 ? parts.join(", ") : "all";
}

/** A stats issue list as a failed Result (stats issues have core's Issue shape). */
export function statsFailure<T>(
  issues: readonly { code: string; path: string; message: string }[],
): Result<T> {
  return fail(issues.map((i) => issue(i.code, i.path, i.message)));
}
