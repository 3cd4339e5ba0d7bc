// Use case: cumulative incidence of competing risks on a CSV table (the status column holds the
// causes; one value marks censoring), by group and stratum, with Gray's test across groups.
// Variance: the infinitesimal jackknife of R's survfit (default) or cmprsk cuminc's delta method.
import { issue, ok, type Result } from "../core/index.ts";
import {
  type ConfType,
  cumulativeIncidence,
  type GrayTest,
  grayTest,
  incidenceBand,
} from "../stats/index.ts";
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

export type CifVariance = "infinitesimal-jackknife" | "delta";

export type CifRequest = Omit<SurvivalCsvRequest, "eventValues"> & {
  /** value of the status column that means censored (default "0") */
  readonly censorValue?: string;
  readonly variance?: CifVariance;
  readonly confType?: ConfType;
  readonly confLevel?: number;
  /** times of the summary table (default 0 and a pretty grid) */
  readonly times?: readonly number[];
  /** Gray's test weight exponent (default 0) */
  readonly rho?: number;
};

export type CifCauseReport = {
  readonly cause: string;
  /** one row per distinct time of the curve */
  readonly table: {
    readonly time: readonly number[];
    readonly nRisk: readonly number[];
    readonly nEvent: readonly number[];
    readonly cif: readonly number[];
    readonly stdErr: readonly number[];
    readonly lower: readonly number[];
    readonly upper: readonly number[];
  };
  readonly atTimes: {
    readonly time: readonly number[];
    readonly nRisk: readonly number[];
    readonly cif: readonly number[];
    readonly stdErr: readonly number[];
    readonly lower: readonly number[];
    readonly upper: readonly number[];
  };
};

export type CifCurveReport = {
  readonly label: string;
  readonly group?: string;
  readonly stratum?: string;
  readonly n: number;
  readonly events: readonly number[];
  readonly causes: readonly CifCauseReport[];
};

export type GrayReport = {
  readonly cause: string;
  readonly stat: number;
  readonly df: number;
  readonly p: number;
};

export type CifReport = SurvivalInputSummary & {
  readonly causes: readonly string[];
  readonly censorValue: string;
  readonly variance: CifVariance;
  readonly confType: ConfType;
  readonly confLevel: number;
  readonly curves: readonly CifCurveReport[];
  /** Gray's test per cause, when there are at least two groups */
  readonly grayTests?: readonly GrayReport[];
  /** things the reader must know (e.g. no row carries the censoring value) */
  readonly warnings: readonly string[];
};

export function cifAnalysis(request: CifRequest): Result<CifReport> {
  const variance = request.variance ?? "infinitesimal-jackknife";
  if (variance === "delta" && (request.weights !== undefined || request.entry !== undefined))
    return {
      ok: false,
      issues: [
        issue(
          "survival_weights_unsupported",
          request.weights !== undefined ? "weights" : "entry",
          "the delta-method (cmprsk) variance takes unweighted rows without delayed entry; use the default variance",
        ),
      ],
    };
  const censorValue = request.censorValue ?? "0";
  const cols = loadSurvivalColumns(request, { censorValue });
  if (!cols.ok) return cols;
  const c = cols.value;
  const data = survivalData(c);
  const K = c.causes!.length;
  const warnings: string[] = [];
  let censored = 0;
  for (const code of data.status) if (code === 0) censored++;
  if (censored === 0)
    warnings.push(
      `no row of '${request.event}' has the censoring value '${censorValue}': every row counts as an event of some cause (check --censor-value)`,
    );
  const fit = cumulativeIncidence(data, {
    causeCount: K,
    deltaVariance: variance === "delta",
    ...curveCounts(c),
  });
  if (!fit.ok) return statsFailure(fit.issues);
  const confType = request.confType ?? DEFAULT_CONF_TYPE;
  const confLevel = request.confLevel ?? DEFAULT_CONF_LEVEL;
  const times = [...(request.times ?? defaultReportTimes(c.time))].sort((a, b) => a - b);
  const curves: CifCurveReport[] = fit.value.curves.map((k) => ({
    ...curveIdentity(c, k.group, k.stratum),
    n: k.n,
    events: k.nEvent.map((e) => e.reduce((a, b) => a + b, 0)),
    causes: c.causes!.map((cause, j) => {
      const f = k.cif[j]!;
      const se = variance === "delta" ? k.varianceDelta![j]!.map(Math.sqrt) : k.stdErrCif[j]!;
      const band = incidenceBand(f, se, confType, confLevel);
      const at = times.map((t) => {
        let last = -1;
        while (last + 1 < k.time.length && k.time[last + 1]! <= t) last++;
        let next = last >= 0 && k.time[last] === t ? last : last + 1;
        if (next < 0) next = 0;
        return {
          nRisk: next < k.time.length ? k.nRisk[next]! : 0,
          cif: last < 0 ? 0 : f[last]!,
          se: last < 0 ? 0 : se[last]!,
          lower: last < 0 ? 0 : band.lower[last]!,
          upper: last < 0 ? 0 : band.upper[last]!,
        };
      });
      return {
        cause,
        table: {
          time: Array.from(k.time),
          nRisk: Array.from(k.nRisk),
          nEvent: Array.from(k.nEvent[j]!),
          cif: Array.from(f),
          stdErr: Array.from(se),
          lower: Array.from(band.lower),
          upper: Array.from(band.upper),
        },
        atTimes: {
          time: times,
          nRisk: at.map((a) => a.nRisk),
          cif: at.map((a) => a.cif),
          stdErr: at.map((a) => a.se),
          lower: at.map((a) => a.lower),
          upper: at.map((a) => a.upper),
        },
      };
    }),
  }));
  let grayTests: GrayReport[] | undefined;
  if (
    c.group !== undefined &&
    c.group.labels.length > 1 &&
    request.weights === undefined &&
    request.entry === undefined
  ) {
    grayTests = [];
    for (let k = 1; k <= K; k++) {
      const t = grayTest(data, {
        cause: k,
        rho: request.rho ?? 0,
        ...curveCounts(c),
      });
      if (!t.ok) return statsFailure(t.issues);
      grayTests.push(grayReport(t.value, c.causes![k - 1]!));
    }
  }
  return ok({
    ...inputSummary(request, c),
    causes: c.causes!,
    censorValue,
    variance,
    confType,
    confLevel,
    curves,
    ...(grayTests !== undefined ? { grayTests } : {}),
    warnings,
  });
}

function grayReport(t: GrayTest, cause: string): GrayReport {
  return { cause, stat: t.stat, df: t.df, p: t.p };
}
