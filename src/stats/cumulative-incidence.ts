/**
 * Cumulative incidence of competing risks (Aalen–Johansen) by group, as R survival 3.5-3's
 * survfit() with a factor status (state probabilities, infinitesimal-jackknife standard errors)
 * and, optionally, with cmprsk 2.2-11 cuminc()'s delta-method variance:
 *   F_k(t) = Σ_{t_j ≤ t} S(t_{j−1}) d_kj / n_j,  S = the all-cause Kaplan–Meier
 *   cuminc variance (Gray's Aalen-type delta method, unweighted counts):
 *     var F_k(t) = Σ_{t_j ≤ t} S(t_{j−1})² c_j d_j/n_j² · (δ_kj + (F_k(t_j) − F_k(t))/S(t_j))²
 *   summed separately over the cause-k events (δ = 1; S(t_j) = 0 → the second term is dropped) and
 *   over the other causes' events (δ = 0, only while S(t_j) > 0), with the tie factor
 *   c_j = 1 − (d_j − 1)/(n_j − 1) for d_j tied events of that kind.
 */
import { aalenJohansen } from "./aalen-johansen.ts";
import { zForLevel } from "./confidence-band.ts";
import { curveCells } from "./kaplan-meier.ts";
import { codeCount, validateSurvivalData } from "./survival-input.ts";
import { type ConfType, fail, ok, type StatsResult, type SurvivalData } from "./survival-types.ts";

export type CifOptions = {
  /** number of causes K (default: the largest status code) */
  readonly causeCount?: number;
  /** merge near-equal times as R's aeqSurv (default true) */
  readonly timefix?: boolean;
  /** also compute cmprsk cuminc's delta-method variance (default false; needs unit weights) */
  readonly deltaVariance?: boolean;
  readonly groupCount?: number;
  readonly stratumCount?: number;
};

/** One group's curves; per-cause arrays are indexed [cause − 1][time]. */
export type CifCurve = {
  readonly group: number;
  readonly stratum: number;
  readonly n: number;
  readonly time: Float64Array;
  readonly nRisk: Float64Array;
  readonly nCensor: Float64Array;
  readonly nEvent: readonly Float64Array[];
  /** probability of no event of any cause yet (the all-cause Kaplan–Meier) */
  readonly eventFree: Float64Array;
  readonly stdErrEventFree: Float64Array;
  readonly cif: readonly Float64Array[];
  /** IJ standard errors (R survfit's std.err of pstate) */
  readonly stdErrCif: readonly Float64Array[];
  /** cmprsk cuminc's variance (when asked) */
  readonly varianceDelta?: readonly Float64Array[];
};

export type CifFit = {
  readonly causeCount: number;
  /** ordered by group, then stratum */
  readonly curves: readonly CifCurve[];
};

/** Aalen–Johansen cumulative incidence curves; status holds 0 = censored or the cause 1 … K. */
export function cumulativeIncidence(data: SurvivalData, options: CifOptions = {}): StatsResult<CifFit> {
  let maxStatus = 0;
  for (let i = 0; i < data.status.length; i++) maxStatus = Math.max(maxStatus, data.status[i]!);
  const K = options.causeCount ?? Math.max(maxStatus, 1);
  const issues = validateSurvivalData(data, { maxCause: K });
  if (options.deltaVariance === true && data.weights !== undefined)
    issues.push({
      code: "survival_weights_unsupported",
      path: "weights",
      message:
        "cmprsk's delta-method variance is defined for unweighted data; drop the weights or the delta variance",
    });
  if (options.deltaVariance === true && data.entry !== undefined)
    issues.push({
      code: "survival_entry_unsupported",
      path: "entry",
      message:
        "cmprsk's delta-method variance is defined without delayed entry; drop the entry times or the delta variance",
    });
  if (issues.length > 0) return fail(issues);
  const G = options.groupCount ?? codeCount(data.group);
  const S = options.stratumCount ?? codeCount(data.strata);
  const curves: CifCurve[] = [];
  for (const cell of curveCells(data, G, S, options.timefix ?? true)) {
    const T = cell.times.length;
    const aj = aalenJohansen({
      timeCount: T,
      exitIndex: cell.exitIndex,
      ...(cell.entryIndex !== undefined ? { entryIndex: cell.entryIndex } : {}),
      cause: cell.status,
      causeCount: K,
      ...(cell.weights !== undefined ? { weights: cell.weights } : {}),
    });
    const byCause = (a: Float64Array): Float64Array[] =>
      Array.from({ length: K }, (_, k) => a.slice(k * T, (k + 1) * T));
    const cif = byCause(aj.cif);
    const nEvent = byCause(aj.nEventByCause);
    curves.push({
      group: cell.group,
      stratum: cell.stratum,
      n: cell.exitIndex.length,
      time: cell.times,
      nRisk: aj.nRisk,
      nCensor: aj.nCensor,
      nEvent,
      eventFree: aj.surv,
      stdErrEventFree: aj.varSurv!.map(Math.sqrt),
      cif,
      stdErrCif: byCause(aj.varCif!).map((v) => v.map(Math.sqrt)),
      ...(options.deltaVariance === true
        ? { varianceDelta: cif.map((f, k) => deltaVariance(aj.nRisk, aj.nEvent, nEvent[k]!, aj.surv, f)) }
        : {}),
    });
  }
  return ok({ causeCount: K, curves });
}

/** cmprsk cuminc's variance of F_k at each time (see the file comment). */
function deltaVariance(
  nRisk: Float64Array,
  nAll: Float64Array,
  nCause: Float64Array,
  surv: Float64Array,
  f: Float64Array,
): Float64Array {
  const T = nRisk.length;
  const out = new Float64Array(T);
  // var F(t) = Σ t6_j (b_j − F(t) a_j)² = v1 − 2 F(t) v2 + F(t)² v3
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let sPrev = 1;
  for (let j = 0; j < T; j++) {
    const n = nRisk[j]!;
    const d1 = nCause[j]!;
    const d2 = nAll[j]! - d1;
    const s = surv[j]!;
    const fj = f[j]!;
    if (d2 > 0 && s > 0) {
      const tie = d2 > 1 ? 1 - (d2 - 1) / (n - 1) : 1;
      const t6 = (sPrev * sPrev * tie * d2) / (n * n);
      const a = 1 / s;
      const b = fj / s;
      v1 += b * b * t6;
      v2 += a * b * t6;
      v3 += a * a * t6;
    }
    if (d1 > 0) {
      const tie = d1 > 1 ? 1 - (d1 - 1) / (n - 1) : 1;
      const t6 = (sPrev * sPrev * tie * d1) / (n * n);
      const a = s > 0 ? 1 / s : 0;
      const b = 1 + a * fj;
      v1 += b * b * t6;
      v2 += a * b * t6;
      v3 += a * a * t6;
    }
    out[j] = v1 + fj * fj * v3 - 2 * fj * v2;
    sPrev = s;
  }
  return out;
}

/** Pointwise interval of a cumulative incidence p from its standard error (R survfit's conf.type). */
export function incidenceBand(
  p: Float64Array,
  se: Float64Array,
  confType: ConfType,
  confLevel = 0.95,
): { lower: Float64Array; upper: Float64Array } {
  const z = zForLevel(confLevel);
  const n = p.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = p[i]!;
    const s = se[i]!;
    let lo = Number.NaN;
    let hi = Number.NaN;
    if (confType === "plain") {
      lo = Math.max(0, v - z * s);
      hi = Math.min(1, v + z * s);
    } else if (v > 0 && confType === "log") {
      lo = Math.exp(Math.log(v) - (z * s) / v);
      hi = Math.min(1, Math.exp(Math.log(v) + (z * s) / v));
    } else if (v > 0 && v < 1 && confType === "log-log") {
      const ll = Math.log(-Math.log(v));
      const t = (z * s) / (v * Math.log(v));
      lo = Math.exp(-Math.exp(ll - t));
      hi = Math.exp(-Math.exp(ll + t));
    }
    lower[i] = lo;
    upper[i] = hi;
  }
  return { lower, upper };
}
