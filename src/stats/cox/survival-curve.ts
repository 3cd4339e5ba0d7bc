/**
 * Predicted survival from a fitted Cox model for a covariate profile, as R survival's
 * survfit.coxph() (survival 3.5-3, agsurv/coxsurv.fit; Therneau & Grambsch 2000, §10.2):
 * - baseline cumulative hazard per stratum at the centring values: Breslow's estimator
 *   dΛ(t) = d(t)/Σ_{at risk} w r for Breslow ties; for Efron ties the Efron-adjusted increment
 *   dΛ(t) = d(t)·(1/m) Σ_{j<m} 1/(S0 − (j/m)E) with m tied events and E their risk sum;
 * - S(t | x) = exp(−Λ(t))^{r(x)}, r(x) = exp((x − x̄)ᵀβ);
 * - variance of Λ(t | x): r(x)² [Σ varhaz(t) + dᵀ V d], d = Λ(t)(x − x̄) − Σ_{s≤t} x̄(s) dΛ(s)
 *   (the second term carries the uncertainty of β̂; Tsiatis 1981);
 * - confidence limits from the standard error of Λ (= of −log S): log (default), log-log, plain.
 */

import { normalQuantile } from "../distributions.ts";
import type { ConfType } from "../survival-types.ts";
import { type CoxFitState, fitCoxState } from "./cox-fit.ts";
import type { CoxData, CoxFit, CoxIssue, CoxOptions, CoxResult } from "./cox-types.ts";

/** Confidence-interval type of a survival curve (the survival estimators' ConfType). */
export type CoxConfType = ConfType;

export type CoxCurveOptions = {
  /** covariate values, one per design column (default: the centring values = R's default curve) */
  readonly profile?: readonly number[];
  /** offset of the profile (default: the weighted mean offset) */
  readonly profileOffset?: number;
  readonly confType?: CoxConfType;
  readonly confLevel?: number;
};

/** One stratum's curve; one entry per distinct time in the stratum (censor-only times included). */
export type CoxSurvivalCurve = {
  /** stratum code as given in CoxData.strata (0 when unstratified) */
  readonly stratum: number;
  readonly time: Float64Array;
  /** weighted number at risk */
  readonly nRisk: Float64Array;
  readonly nEvent: Float64Array;
  readonly nCensor: Float64Array;
  readonly cumhaz: Float64Array;
  readonly surv: Float64Array;
  /** standard error of the cumulative hazard (= of −log S), R's std.err */
  readonly stdErr: Float64Array;
  /** NaN where R gives NA (S = 0; log-log also at S = 1) */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
};

export type CoxSurvivalPrediction = {
  readonly profile: readonly number[];
  readonly risk: number;
  readonly confType: CoxConfType;
  readonly confLevel: number;
  readonly curves: readonly CoxSurvivalCurve[];
};

/** Confidence limits as R's survfit_confint(logse = TRUE). */
export function survivalConfidence(
  surv: number,
  se: number,
  z: number,
  type: CoxConfType,
): { lower: number; upper: number } {
  if (type === "plain") {
    const half = se * surv * z;
    return { lower: Math.max(surv - half, 0), upper: Math.min(surv + half, 1) };
  }
  if (type === "log") {
    if (surv === 0) return { lower: Number.NaN, upper: Number.NaN };
    return {
      lower: Math.exp(Math.log(surv) - z * se),
      upper: Math.min(Math.exp(Math.log(surv) + z * se), 1),
    };
  }
  if (surv === 0 || surv === 1) return { lower: Number.NaN, upper: Number.NaN };
  const s2 = (z * se) / Math.log(surv);
  const ll = Math.log(-Math.log(surv));
  return { lower: Math.exp(-Math.exp(ll - s2)), upper: Math.exp(-Math.exp(ll + s2)) };
}

/** Curves from the internal fit state (no refit). */
export function coxSurvivalFromState(
  state: CoxFitState,
  options: CoxCurveOptions = {},
): CoxResult<CoxSurvivalPrediction> {
  const { fit, sorted, lpSorted, variance } = state;
  const { p, x, scale, means, status, timeRank, weights, stratumStart, times } = sorted;
  const confType = options.confType ?? "log";
  const confLevel = options.confLevel ?? 0.95;
  const issues: CoxIssue[] = [];
  if (options.profile !== undefined && options.profile.length !== p) {
    issues.push({
      code: "cox_bad_profile",
      path: "profile",
      message: `the profile has ${options.profile.length} values for ${p} covariates (${fit.names.join(", ")})`,
    });
  }
  if (options.profile?.some((v) => !Number.isFinite(v))) {
    issues.push({
      code: "cox_bad_profile",
      path: "profile",
      message: "profile values must be finite numbers",
    });
  }
  if (!(confLevel > 0 && confLevel < 1)) {
    issues.push({
      code: "cox_bad_option",
      path: "confLevel",
      message: `confLevel must be between 0 and 1, got ${confLevel}`,
    });
  }
  if (issues.length > 0) return { ok: false, issues };

  const n = sorted.n;
  let wsum = 0;
  let offsetMean = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    wsum += w;
    offsetMean += w * (sorted.offset === undefined ? 0 : sorted.offset[i]!);
  }
  offsetMean /= wsum;
  const beta = fit.coef;
  // profile centred on the fit's centring values
  const x2c = Array.from({ length: p }, (_, k) =>
    options.profile === undefined ? 0 : options.profile[k]! - means[k]!,
  );
  let eta2 = (options.profileOffset ?? offsetMean) - offsetMean;
  for (let k = 0; k < p; k++) eta2 += x2c[k]! * beta[k]!;
  const risk2 = options.profile === undefined && options.profileOffset === undefined ? 1 : Math.exp(eta2);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const efron = fit.ties === "efron";

  const curves: CoxSurvivalCurve[] = [];
  const xsum = new Float64Array(p);
  const xsum2 = new Float64Array(p);
  for (let s = 0; s + 1 < stratumStart.length; s++) {
    const start = stratumStart[s]!;
    const end = stratumStart[s + 1]!;
    // distinct times of the stratum, backwards
    let m = 0;
    for (let i = start; i < end; i++) if (i === start || timeRank[i] !== timeRank[i - 1]) m++;
    const time = new Float64Array(m);
    const nRisk = new Float64Array(m);
    const nEvent = new Float64Array(m);
    const nCensor = new Float64Array(m);
    const hazard = new Float64Array(m);
    const varhaz = new Float64Array(m);
    const xbar = new Float64Array(m * p);
    let riskSum = 0;
    let countSum = 0;
    xsum.fill(0);
    let slot = m - 1;
    let i = end - 1;
    while (i >= start) {
      const t = timeRank[i]!;
      let dead = 0;
      let deadW = 0;
      let censW = 0;
      let eRisk = 0;
      xsum2.fill(0);
      for (; i >= start && timeRank[i] === t; i--) {
        const w = weights === undefined ? 1 : weights[i]!;
        const r = w * Math.exp(lpSorted[i]! - offsetMean);
        riskSum += r;
        countSum += w;
        for (let k = 0; k < p; k++) xsum[k]! += (r * x[i * p + k]!) / scale[k]!;
        if (status[i] === 1) {
          dead++;
          deadW += w;
          eRisk += r;
          for (let k = 0; k < p; k++) xsum2[k]! += (r * x[i * p + k]!) / scale[k]!;
        } else {
          censW += w;
        }
      }
      time[slot] = times[t]!;
      nRisk[slot] = countSum;
      nEvent[slot] = deadW;
      nCensor[slot] = censW;
      if (!efron || dead <= 1) {
        // Breslow increments (Efron with one event is the same)
        const h = deadW / riskSum;
        hazard[slot] = h;
        varhaz[slot] = deadW / (riskSum * riskSum);
        for (let k = 0; k < p; k++) xbar[slot * p + k] = (xsum[k]! / riskSum) * h;
      } else {
        let sum1 = 0;
        let sum2 = 0;
        for (let j = 0; j < dead; j++) {
          const inv = 1 / (riskSum - (eRisk * j) / dead);
          sum1 += inv / dead;
          sum2 += (inv * inv) / dead;
          for (let k = 0; k < p; k++)
            xbar[slot * p + k]! += ((xsum[k]! - (xsum2[k]! * j) / dead) * inv * inv) / dead;
        }
        hazard[slot] = deadW * sum1;
        varhaz[slot] = deadW * sum2;
        for (let k = 0; k < p; k++) xbar[slot * p + k]! *= deadW;
      }
      slot--;
    }
    // forward: cumulate, then the profile's curve
    const cumhaz = new Float64Array(m);
    const surv = new Float64Array(m);
    const stdErr = new Float64Array(m);
    const lower = new Float64Array(m);
    const upper = new Float64Array(m);
    let h = 0;
    let vh = 0;
    const cx = new Float64Array(p);
    const d = new Float64Array(p);
    for (let j = 0; j < m; j++) {
      h += hazard[j]!;
      vh += varhaz[j]!;
      for (let k = 0; k < p; k++) {
        cx[k]! += xbar[j * p + k]!;
        d[k] = h * x2c[k]! - cx[k]!;
      }
      let quad = 0;
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) quad += d[a]! * variance[a * p + b]! * d[b]!;
      cumhaz[j] = h * risk2;
      surv[j] = Math.exp(-h) ** risk2;
      stdErr[j] = Math.sqrt((vh + quad) * risk2 * risk2);
      const ci = survivalConfidence(surv[j]!, stdErr[j]!, z, confType);
      lower[j] = ci.lower;
      upper[j] = ci.upper;
    }
    curves.push({
      stratum: sorted.stratumCodes[s]!,
      time,
      nRisk,
      nEvent,
      nCensor,
      cumhaz,
      surv,
      stdErr,
      lower,
      upper,
    });
  }
  const profile = Array.from({ length: p }, (_, k) =>
    options.profile === undefined ? means[k]! : options.profile[k]!,
  );
  return { ok: true, value: { profile, risk: risk2, confType, confLevel, curves } };
}

/**
 * Predicted survival curves (one per stratum) for a covariate profile. `fitOptions` must be the
 * options the fit used (ties, timefix, nocenter, robust); the model is refitted from the data.
 */
export function predictCoxSurvival(
  data: CoxData,
  fitOptions: CoxOptions,
  options: CoxCurveOptions = {},
): CoxResult<{ fit: CoxFit; prediction: CoxSurvivalPrediction }> {
  const state = fitCoxState(data, { ...fitOptions, concordance: false });
  if (!state.ok) return state;
  const prediction = coxSurvivalFromState(state.value, options);
  if (!prediction.ok) return prediction;
  return { ok: true, value: { fit: state.value.fit, prediction: prediction.value } };
}
