/**
 * Kaplan–Meier survival curves by group (and stratum), as R survival 3.5-3's survfit():
 *   S(t) = Π_{t_j ≤ t} (1 − d_j/n_j)
 *   se(−log S(t)) = sqrt(Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j)))   (Greenwood; ∞ once S = 0)
 *   H(t) = Σ d_j/n_j, se(H) = sqrt(Σ d_j/n_j²)                   (Nelson–Aalen, R's std.chaz)
 * With a non-integer case weight, R switches to the infinitesimal-jackknife variance; so does
 * `variance: "auto"` here (see aalen-johansen.ts). One row per distinct exit time of the curve,
 * censor-only times included, as in the survfit object.
 */
import { aalenJohansen } from "./aalen-johansen.ts";
import { buildRiskTable, type RiskTable } from "./risk-table.ts";
import { codeCount, validateSurvivalData, wholeWeights } from "./survival-input.ts";
import { fail, ok, type StatsResult, type SurvivalData } from "./survival-types.ts";
import { timeGrid } from "./time-grid.ts";

export type KmVariance = "greenwood" | "infinitesimal-jackknife";

export type KmOptions = {
  /** merge near-equal times as R's aeqSurv (default true) */
  readonly timefix?: boolean;
  /** "auto" (default): Greenwood, or the IJ when some weight is not a whole number (as R) */
  readonly variance?: KmVariance | "auto";
  readonly groupCount?: number;
  readonly stratumCount?: number;
};

/** One curve: the rows of one group within one stratum. Arrays have one entry per time. */
export type KmCurve = {
  readonly group: number;
  readonly stratum: number;
  /** rows in the curve (unweighted) */
  readonly n: number;
  /** events (weighted) */
  readonly events: number;
  readonly time: Float64Array;
  readonly nRisk: Float64Array;
  readonly nEvent: Float64Array;
  readonly nCensor: Float64Array;
  readonly surv: Float64Array;
  /** standard error of −log S (R's survfit()$std.err for Greenwood curves) */
  readonly stdErrLogSurv: Float64Array;
  /** standard error of S */
  readonly stdErrSurv: Float64Array;
  readonly cumhaz: Float64Array;
  readonly stdErrCumhaz: Float64Array;
  readonly variance: KmVariance;
};

export type KmFit = {
  /** curves ordered by group, then stratum (R's order for ~ group + strata(s)) */
  readonly curves: readonly KmCurve[];
  readonly groupCount: number;
  readonly stratumCount: number;
};

/** Kaplan–Meier curves from rows. */
export function kaplanMeier(data: SurvivalData, options: KmOptions = {}): StatsResult<KmFit> {
  const issues = validateSurvivalData(data);
  if (issues.length > 0) return fail(issues);
  const G = options.groupCount ?? codeCount(data.group);
  const S = options.stratumCount ?? codeCount(data.strata);
  const variance = options.variance ?? "auto";
  const useIj =
    variance === "infinitesimal-jackknife" || (variance === "auto" && !wholeWeights(data.weights));
  if (useIj) return ok(kaplanMeierIj(data, G, S, options.timefix ?? true));
  const table = buildRiskTable(data, {
    groupCount: G,
    stratumCount: S,
    ...(options.timefix !== undefined ? { timefix: options.timefix } : {}),
  });
  return ok(kaplanMeierFromTable(table));
}

/** Kaplan–Meier curves (Greenwood variance) from a risk-set table, e.g. pooled site summaries. */
export function kaplanMeierFromTable(table: RiskTable): KmFit {
  const G = table.groupCount;
  const curves: KmCurve[] = [];
  for (let g = 0; g < G; g++) {
    table.strata.forEach((st, s) => {
      const T = st.times.length;
      if (st.nRows[g]! === 0) return;
      const rows: number[] = [];
      for (let j = 0; j < T; j++) {
        if (st.nEvent[g * T + j]! + st.nCensor[g * T + j]! > 0) rows.push(j);
      }
      const m = rows.length;
      const time = new Float64Array(m);
      const nRisk = new Float64Array(m);
      const nEvent = new Float64Array(m);
      const nCensor = new Float64Array(m);
      const surv = new Float64Array(m);
      const stdErrLogSurv = new Float64Array(m);
      const stdErrSurv = new Float64Array(m);
      const cumhaz = new Float64Array(m);
      const stdErrCumhaz = new Float64Array(m);
      let sv = 1;
      let greenwood = 0;
      let h = 0;
      let varH = 0;
      let events = 0;
      for (let k = 0; k < m; k++) {
        const j = rows[k]!;
        const n = st.nRisk[g * T + j]!;
        const d = st.nEvent[g * T + j]!;
        time[k] = st.times[j]!;
        nRisk[k] = n;
        nEvent[k] = d;
        nCensor[k] = st.nCensor[g * T + j]!;
        if (d > 0) {
          sv *= 1 - d / n;
          greenwood += n > d ? d / (n * (n - d)) : Number.POSITIVE_INFINITY;
          h += d / n;
          varH += d / (n * n);
          events += d;
        }
        surv[k] = sv;
        stdErrLogSurv[k] = Math.sqrt(greenwood);
        stdErrSurv[k] = sv * Math.sqrt(greenwood); // 0·∞ = NaN once S = 0, as R
        cumhaz[k] = h;
        stdErrCumhaz[k] = Math.sqrt(varH);
      }
      curves.push({
        group: g,
        stratum: s,
        n: st.nRows[g]!,
        events,
        time,
        nRisk,
        nEvent,
        nCensor,
        surv,
        stdErrLogSurv,
        stdErrSurv,
        cumhaz,
        stdErrCumhaz,
        variance: "greenwood",
      });
    });
  }
  return { curves, groupCount: G, stratumCount: table.strata.length };
}

/** Curves with the infinitesimal-jackknife variance (through the Aalen–Johansen engine, K = 1). */
function kaplanMeierIj(data: SurvivalData, G: number, S: number, timefix: boolean): KmFit {
  const curves: KmCurve[] = [];
  for (const cell of curveCells(data, G, S, timefix)) {
    const aj = aalenJohansen({
      timeCount: cell.times.length,
      exitIndex: cell.exitIndex,
      ...(cell.entryIndex !== undefined ? { entryIndex: cell.entryIndex } : {}),
      cause: cell.status,
      causeCount: 1,
      ...(cell.weights !== undefined ? { weights: cell.weights } : {}),
    });
    const m = cell.times.length;
    const stdErrSurv = aj.varSurv!.map(Math.sqrt);
    const stdErrLogSurv = new Float64Array(m);
    for (let k = 0; k < m; k++)
      stdErrLogSurv[k] = aj.surv[k]! > 0 ? stdErrSurv[k]! / aj.surv[k]! : Number.POSITIVE_INFINITY;
    let events = 0;
    for (let k = 0; k < m; k++) events += aj.nEvent[k]!;
    curves.push({
      group: cell.group,
      stratum: cell.stratum,
      n: cell.exitIndex.length,
      events,
      time: cell.times,
      nRisk: aj.nRisk,
      nEvent: aj.nEvent,
      nCensor: aj.nCensor,
      surv: aj.surv,
      stdErrLogSurv,
      stdErrSurv,
      cumhaz: aj.cumhaz,
      stdErrCumhaz: aj.varCumhaz!.map(Math.sqrt),
      variance: "infinitesimal-jackknife",
    });
  }
  return { curves, groupCount: G, stratumCount: S };
}

/** The rows of one curve, coded on the curve's own exit times. */
export type CurveCell = {
  readonly group: number;
  readonly stratum: number;
  readonly times: Float64Array;
  readonly exitIndex: Int32Array;
  readonly entryIndex?: Int32Array;
  readonly status: Int32Array;
  readonly weights?: Float64Array;
  /** the data rows of this curve, in ascending exit time */
  readonly rows: Int32Array;
};

/** Splits validated rows into curves (group-major, then stratum), each on its own exit times. */
export function curveCells(data: SurvivalData, G: number, S: number, timefix: boolean): CurveCell[] {
  const grid = timeGrid(data.time, data.entry, timefix);
  const n = data.time.length;
  const cellOf = (i: number): number => (data.group?.[i] ?? 0) * S + (data.strata?.[i] ?? 0);
  const start = new Int32Array(G * S + 1);
  for (let i = 0; i < n; i++) start[cellOf(i) + 1]!++;
  for (let c = 0; c < G * S; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, G * S);
  const rowsByCell = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = grid.order[k]!;
    rowsByCell[fill[cellOf(i)]!++] = i;
  }
  const cells: CurveCell[] = [];
  for (let c = 0; c < G * S; c++) {
    const rows = rowsByCell.subarray(start[c]!, start[c + 1]!);
    const m = rows.length;
    if (m === 0) continue;
    const codes: number[] = [];
    const exitIndex = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const code = grid.exitCode[rows[k]!]!;
      if (codes.length === 0 || codes[codes.length - 1] !== code) codes.push(code);
      exitIndex[k] = codes.length - 1;
    }
    let entryIndex: Int32Array | undefined;
    if (grid.entryCode !== undefined) {
      entryIndex = new Int32Array(m);
      for (let k = 0; k < m; k++) entryIndex[k] = lastAtOrBelow(codes, grid.entryCode[rows[k]!]!);
    }
    cells.push({
      group: Math.floor(c / S),
      stratum: c % S,
      times: Float64Array.from(codes, (code) => grid.times[code]!),
      exitIndex,
      ...(entryIndex !== undefined ? { entryIndex } : {}),
      status: Int32Array.from(rows, (i) => data.status[i]!),
      ...(data.weights !== undefined ? { weights: Float64Array.from(rows, (i) => data.weights![i]!) } : {}),
      rows: Int32Array.from(rows),
    });
  }
  return cells;
}

/** Index of the last element ≤ value in an ascending list, −1 when none. */
function lastAtOrBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
