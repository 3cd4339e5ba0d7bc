// Use case: log-rank / G-rho test (Peto with rho = 1) of groups on a CSV table, optionally stratified.
import { issue, ok, type Result } from "../core/index.ts";
import type { SurvivalCsvData } from "../interop/index.ts";
import { type LogRankTest, logRank } from "../stats/index.ts";
import {
  inputSummary,
  loadSurvivalColumns,
  type SurvivalCsvRequest,
  type SurvivalInputSummary,
  statsFailure,
  survivalData,
} from "./survival-data.ts";

export type LogRankRequest = SurvivalCsvRequest & {
  /** G-rho exponent: 0 log-rank (default), 1 Peto & Peto */
  readonly rho?: number;
};

export type LogRankReport = {
  readonly rho: number;
  readonly groups: readonly string[];
  readonly n: readonly number[];
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  /** (O − E)²/E per group, as R prints */
  readonly oeSquaredOverE: readonly number[];
  /** (O − E)²/V per group, as R prints */
  readonly oeSquaredOverV: readonly number[];
  readonly variance: readonly (readonly number[])[];
  readonly chisq: number;
  readonly df: number;
  readonly p: number;
};

export type LogRankAnalysis = SurvivalInputSummary & { readonly test: LogRankReport };

export function logRankReport(t: LogRankTest, c: SurvivalCsvData): LogRankReport {
  const labels = c.group!.labels;
  return {
    rho: t.rho,
    groups: labels.map((l) => `${c.group!.column}=${l}`),
    n: t.n,
    observed: t.observed,
    expected: t.expected,
    oeSquaredOverE: t.observed.map((o, g) => (o - t.expected[g]!) ** 2 / t.expected[g]!),
    oeSquaredOverV: t.observed.map((o, g) => (o - t.expected[g]!) ** 2 / t.variance[g]![g]!),
    variance: t.variance,
    chisq: t.chisq,
    df: t.df,
    p: t.p,
  };
}

export function logRankAnalysis(request: LogRankRequest): Result<LogRankAnalysis> {
  if (request.group === undefined)
    return {
      ok: false,
      issues: [issue("survival_group_missing", "group", "the log-rank test needs a group column")],
    };
  if (request.weights !== undefined)
    return {
      ok: false,
      issues: [
        issue(
          "survival_weights_unsupported",
          "weights",
          "the log-rank test takes unweighted rows (as R's survdiff)",
        ),
      ],
    };
  const cols = loadSurvivalColumns(request);
  if (!cols.ok) return cols;
  const c = cols.value;
  const levels = c.group!.labels;
  if (levels.length < 2)
    return {
      ok: false,
      issues: [
        issue(
          "survival_one_group",
          "group",
          `the log-rank test compares at least two groups; column '${request.group}' has one value (${levels.join(", ")}) in the analysed rows`,
        ),
      ],
    };
  const test = logRank(survivalData(c), {
    rho: request.rho ?? 0,
    groupCount: c.group!.labels.length,
    stratumCount: c.strata?.labels.length ?? 1,
  });
  if (!test.ok) return statsFailure(test.issues);
  return ok({ ...inputSummary(request, c), test: logRankReport(test.value, c) });
}
