/**
 * Summaries of a Kaplan–Meier curve as R survival 3.5-3 computes them: quantiles (median) with
 * confidence limits, survival at chosen times (the number-at-risk table), and censor marks.
 */
import { survivalBand } from "./confidence-band.ts";
import type { KmCurve } from "./kaplan-meier.ts";
import type { ConfType } from "./survival-types.ts";

/** R's quantile.survfit tolerance: sqrt(.Machine$double.eps) */
const QUANTILE_TOLERANCE = Math.sqrt(2 ** -52);

/**
 * Time at which a survival-type curve y (right-continuous steps at `times`, 1 before them) reaches
 * 1 − prob, by R's quantile.survfit rule: the first time with S ≤ 1 − prob; when S equals 1 − prob
 * (within sqrt(eps)) on an interval, the midpoint of that interval (to the next drop, or to the
 * last time when the curve ends on the level); NaN when never reached. NaN entries of the curve
 * (undefined confidence limits) are skipped, as R's approx() does. The curve starts at `startTime`
 * (0) for prob = 0.
 */
export function curveQuantile(times: Float64Array, curve: Float64Array, prob: number, startTime = 0): number {
  const tol = QUANTILE_TOLERANCE;
  const m = times.length;
  // x = (start, times…), y = (0, 1 − curve…): the distribution function
  const xs: number[] = [startTime];
  const ys: number[] = [0];
  for (let k = 0; k < m; k++) {
    xs.push(times[k]!);
    ys.push(1 - curve[k]!);
  }
  let maxY = Number.NEGATIVE_INFINITY;
  for (const y of ys) if (!Number.isNaN(y) && y > maxY) maxY = y;
  if (maxY < prob) return Number.NaN;
  const xmax = xs[xs.length - 1]!;
  // drop repeated y values (censor-only times), keeping the first (NaN equals NaN, as duplicated())
  const seen = new Set<number>();
  let seenNaN = false;
  const dx: number[] = [];
  const dy: number[] = [];
  for (let k = 0; k < ys.length; k++) {
    const y = ys[k]!;
    if (Number.isNaN(y) ? seenNaN : seen.has(y)) continue;
    if (Number.isNaN(y)) seenNaN = true;
    else seen.add(y);
    dx.push(xs[k]!);
    dy.push(y);
  }
  const yn = dy[dy.length - 1]!;
  // approx() drops undefined points
  const px: number[] = [];
  const py: number[] = [];
  for (let k = 0; k < dy.length; k++) {
    if (Number.isNaN(dy[k]!)) continue;
    px.push(dx[k]!);
    py.push(dy[k]!);
  }
  if (prob === 0) return px[0]!;
  // R: approx(y ± tol, 1:n, p, method = "constant", f = 1): the point with the smallest y ± tol ≥ p
  const at = (shift: number): number => {
    let best = -1;
    for (let k = 0; k < py.length; k++) {
      const v = py[k]! + shift;
      if (v >= prob && (best < 0 || v < py[best]! + shift)) best = k;
    }
    // outside the range of y ± tol → NA
    let minV = Number.POSITIVE_INFINITY;
    for (const y of py) minV = Math.min(minV, y + shift);
    return prob < minV ? -1 : best;
  };
  const i1 = at(tol);
  const i2 = at(-tol);
  let q = i1 >= 0 && i2 >= 0 ? (px[i1]! + px[i2]!) / 2 : Number.NaN;
  if (!Number.isNaN(yn) && Math.abs(prob - yn) < tol && i1 >= 0) q = (px[i1]! + xmax) / 2;
  return q;
}

export type CurveQuantiles = {
  readonly probs: readonly number[];
  readonly time: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
};

/** Quantiles (default 25/50/75 %) with confidence limits from the lower and upper curves. */
export function kmQuantiles(
  curve: KmCurve,
  confType: ConfType,
  options: { readonly probs?: readonly number[]; readonly confLevel?: number } = {},
): CurveQuantiles {
  const probs = options.probs ?? [0.25, 0.5, 0.75];
  const band = survivalBand(curve.surv, curve.stdErrLogSurv, confType, options.confLevel ?? 0.95);
  return {
    probs,
    time: Float64Array.from(probs, (p) => curveQuantile(curve.time, curve.surv, p)),
    // the lower survival limit crosses first: it gives the lower time limit
    lower: Float64Array.from(probs, (p) => curveQuantile(curve.time, band.lower, p)),
    upper: Float64Array.from(probs, (p) => curveQuantile(curve.time, band.upper, p)),
  };
}

export type KmAtTimes = {
  readonly times: Float64Array;
  /** at risk at t (the first curve time ≥ t; 0 past the end) */
  readonly nRisk: Float64Array;
  /** events and censorings in (previous time, t] (the first interval from −∞) */
  readonly nEvent: Float64Array;
  readonly nCensor: Float64Array;
  readonly surv: Float64Array;
  readonly stdErrSurv: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
};

/** Survival at chosen times (R's summary(fit, times, extend = TRUE)); times are sorted first. */
export function kmAtTimes(
  curve: KmCurve,
  times: readonly number[] | Float64Array,
  confType: ConfType,
  confLevel = 0.95,
): KmAtTimes {
  const grid = Float64Array.from(times).sort();
  const band = survivalBand(curve.surv, curve.stdErrLogSurv, confType, confLevel);
  const m = curve.time.length;
  const q = grid.length;
  const out = {
    times: grid,
    nRisk: new Float64Array(q),
    nEvent: new Float64Array(q),
    nCensor: new Float64Array(q),
    surv: new Float64Array(q),
    stdErrSurv: new Float64Array(q),
    lower: new Float64Array(q),
    upper: new Float64Array(q),
  };
  let k = 0; // curve rows with time ≤ grid[g] are rows < k
  for (let g = 0; g < q; g++) {
    const t = grid[g]!;
    let events = 0;
    let censored = 0;
    while (k < m && curve.time[k]! <= t) {
      events += curve.nEvent[k]!;
      censored += curve.nCensor[k]!;
      k++;
    }
    out.nEvent[g] = events;
    out.nCensor[g] = censored;
    // at risk at t: the first curve time ≥ t (the row at t itself when t is a curve time)
    const first = k > 0 && curve.time[k - 1] === t ? k - 1 : k;
    out.nRisk[g] = first < m ? curve.nRisk[first]! : 0;
    if (k === 0) {
      out.surv[g] = 1;
      out.stdErrSurv[g] = 0;
      out.lower[g] = 1;
      out.upper[g] = 1;
    } else {
      out.surv[g] = curve.surv[k - 1]!;
      out.stdErrSurv[g] = curve.stdErrSurv[k - 1]!;
      out.lower[g] = band.lower[k - 1]!;
      out.upper[g] = band.upper[k - 1]!;
    }
  }
  return out;
}

/** Times of censor-only marks (rows with censorings and no event), for plots. */
export function censorMarks(curve: KmCurve): { time: Float64Array; surv: Float64Array; count: Float64Array } {
  const idx: number[] = [];
  for (let k = 0; k < curve.time.length; k++) if (curve.nCensor[k]! > 0) idx.push(k);
  return {
    time: Float64Array.from(idx, (k) => curve.time[k]!),
    surv: Float64Array.from(idx, (k) => curve.surv[k]!),
    count: Float64Array.from(idx, (k) => curve.nCensor[k]!),
  };
}
