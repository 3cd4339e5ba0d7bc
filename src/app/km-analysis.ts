// Use case: Kaplan–Meier curves on a CSV table, by group and stratum, with what a report needs:
// the event table, medians and quartiles with CIs, survival at chosen times (the number-at-risk
// table), RMST at τ, and the log-rank test when there are groups. Text in, plain values out.
import { ok, type Result } from "../core/index.ts";
import {
  type ConfType,
  censorMarks,
  type KmCurve,
  type KmVariance,
  kaplanMeier,
  kmAtTimes,
  kmQuantiles,
  logRank,
  rmst,
  survivalBand,
} from "../stats/index.ts";
import { type LogRankReport, logRankReport } from "./logrank-analysis.ts";
import {
  curveCounts,
  curveIdentity,
  DEFAULT_CONF_LEVEL,
  DEFAULT_CONF_TYPE,
  defaultReportTimes,
  inputSummary,
  loadSurvivalColumns,
  type SurvivalCsvRequest,
  type SurvivalInputSummary,
  statsFailure,
  survivalData,
} from "./survival-data.ts";

export type KmRequest = SurvivalCsvRequest & {
  readonly confType?: ConfType;
  readonly confLevel?: number;
  /** times of the number-at-risk table (default 0 and a pretty grid up to the last time) */
  readonly times?: readonly number[];
  /** quantile probabilities (default 0.25, 0.5, 0.75) */
  readonly probs?: readonly number[];
  /** restricted mean survival time horizon */
  readonly tau?: number;
  /** "auto" (default): Greenwood, or the IJ variance with non-integer weights (as R) */
  readonly variance?: KmVariance | "auto";
};

export type KmCurveReport = {
  readonly label: string;
  readonly group?: string;
  readonly stratum?: string;
  readonly n: number;
  readonly events: number;
  readonly median: { readonly time: number; readonly lower: number; readonly upper: number };
  readonly quantiles: {
    readonly probs: readonly number[];
    readonly time: readonly number[];
    readonly lower: readonly number[];
    readonly upper: readonly number[];
  };
  /** one row per distinct time (censor-only times included), as R's survfit object */
  readonly table: {
    readonly time: readonly number[];
    readonly nRisk: readonly number[];
    readonly nEvent: readonly number[];
    readonly nCensor: readonly number[];
    readonly surv: readonly number[];
    readonly stdErrSurv: readonly number[];
    readonly stdErrLogSurv: readonly number[];
    readonly lower: readonly number[];
    readonly upper: readonly number[];
    readonly cumhaz: readonly number[];
    readonly stdErrCumhaz: readonly number[];
  };
  readonly atTimes: {
    readonly time: readonly number[];
    readonly nRisk: readonly number[];
    readonly nEvent: readonly number[];
    readonly nCensor: readonly number[];
    readonly surv: readonly number[];
    readonly stdErrSurv: readonly number[];
    readonly lower: readonly number[];
    readonly upper: readonly number[];
  };
  readonly censorTimes: readonly number[];
  readonly rmst?: { readonly tau: number; readonly rmst: number; readonly se: number };
};

export type KmReport = SurvivalInputSummary & {
  readonly confType: ConfType;
  readonly confLevel: number;
  readonly variance: KmVariance;
  readonly curves: readonly KmCurveReport[];
  /** log-rank test across groups (within strata), when there are at least two groups */
  readonly logRank?: LogRankReport;
};

const arr = (a: Float64Array): number[] => Array.from(a);

export function kmAnalysis(request: KmRequest): Result<KmReport> {
  const cols = loadSurvivalColumns(request);
  if (!cols.ok) return cols;
  const c = cols.value;
  const data = survivalData(c);
  const fit = kaplanMeier(data, {
    ...(request.variance !== undefined ? { variance: request.variance } : {}),
    ...curveCounts(c),
  });
  if (!fit.ok) return statsFailure(fit.issues);
  const confType = request.confType ?? DEFAULT_CONF_TYPE;
  const confLevel = request.confLevel ?? DEFAULT_CONF_LEVEL;
  const times = request.times ?? defaultReportTimes(c.time);
  const curves = fit.value.curves.map((k) => curveReport(k, c, confType, confLevel, times, request));
  let lr: LogRankReport | undefined;
  if (c.group !== undefined && c.group.labels.length > 1 && request.weights === undefined) {
    const test = logRank(data, curveCounts(c));
    if (!test.ok) return statsFailure(test.issues);
    lr = logRankReport(test.value, c);
  }
  return ok({
    ...inputSummary(request, c),
    confType,
    confLevel,
    variance: fit.value.curves[0]?.variance ?? "greenwood",
    curves,
    ...(lr !== undefined ? { logRank: lr } : {}),
  });
}

function curveReport(
  k: KmCurve,
  c: Parameters<typeof curveIdentity>[0],
  confType: ConfType,
  confLevel: number,
  times: readonly number[],
  request: KmRequest,
): KmCurveReport {
  const band = survivalBand(k.surv, k.stdErrLogSurv, confType, confLevel);
  const q = kmQuantiles(k, confType, { ...(request.probs ? { probs: request.probs } : {}), confLevel });
  const med = kmQuantiles(k, confType, { probs: [0.5], confLevel });
  const at = kmAtTimes(k, times, confType, confLevel);
  return {
    ...curveIdentity(c, k.group, k.stratum),
    n: k.n,
    events: k.events,
    median: { time: med.time[0]!, lower: med.lower[0]!, upper: med.upper[0]! },
    quantiles: { probs: q.probs, time: arr(q.time), lower: arr(q.lower), upper: arr(q.upper) },
    table: {
      time: arr(k.time),
      nRisk: arr(k.nRisk),
      nEvent: arr(k.nEvent),
      nCensor: arr(k.nCensor),
      surv: arr(k.surv),
      stdErrSurv: arr(k.stdErrSurv),
      stdErrLogSurv: arr(k.stdErrLogSurv),
      lower: arr(band.lower),
      upper: arr(band.upper),
      cumhaz: arr(k.cumhaz),
      stdErrCumhaz: arr(k.stdErrCumhaz),
    },
    atTimes: {
      time: arr(at.times),
      nRisk: arr(at.nRisk),
      nEvent: arr(at.nEvent),
      nCensor: arr(at.nCensor),
      surv: arr(at.surv),
      stdErrSurv: arr(at.stdErrSurv),
      lower: arr(at.lower),
      upper: arr(at.upper),
    },
    censorTimes: arr(censorMarks(k).time),
    ...(request.tau !== undefined ? { rmst: rmst(k, request.tau) } : {}),
  };
}
