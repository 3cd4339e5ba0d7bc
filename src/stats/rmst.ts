/**
 * Restricted mean survival time: the area under the Kaplan–Meier step function from 0 to τ, with
 * the variance R's print.survfit(rmean = τ) reports:
 *   RMST(τ) = ∫_0^τ S(t) dt
 *   var = Σ_{t_j ≤ τ, d_j > 0} A_j² d_j / (n_j (n_j − d_j)),  A_j = ∫_{t_j}^τ S(t) dt
 * (terms with n_j = d_j are 0; no n/(n − 1) correction). The difference of two groups has
 * se = sqrt(se₁² + se₂²) and a two-sided normal test.
 */

import { zForLevel } from "./confidence-band.ts";
import { normalTwoSidedP } from "./distributions.ts";
import type { KmCurve } from "./kaplan-meier.ts";

export type Rmst = { readonly tau: number; readonly rmst: number; readonly se: number };

/** RMST of one curve at τ > 0 (the curve's value carries on past its last time). */
export function rmst(curve: KmCurve, tau: number): Rmst {
  const { time, surv, nRisk, nEvent } = curve;
  const m = time.length;
  // areas of the steps: S is 1 on [0, t_1), S_k on [t_k, t_{k+1})
  let area = 0;
  let last = 0;
  let s = 1;
  const cut: number[] = []; // curve rows with an event at or before τ
  for (let k = 0; k < m && time[k]! <= tau; k++) {
    area += s * (time[k]! - last);
    last = time[k]!;
    s = surv[k]!;
    if (nEvent[k]! > 0) cut.push(k);
  }
  area += s * (tau - last);
  // A_j = area from t_j to τ, built backwards over the event rows
  let variance = 0;
  let tail = 0;
  let right = tau;
  for (let c = cut.length - 1; c >= 0; c--) {
    const k = cut[c]!;
    tail += surv[k]! * (right - time[k]!);
    right = time[k]!;
    const n = nRisk[k]!;
    const d = nEvent[k]!;
    if (n > d) variance += (tail * tail * d) / (n * (n - d));
  }
  return { tau, rmst: area, se: Math.sqrt(variance) };
}

export type RmstDifference = {
  readonly tau: number;
  /** second minus first */
  readonly diff: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly z: number;
  readonly p: number;
};

/** RMST of `second` minus RMST of `first`, with a normal confidence interval and test. */
export function rmstDifference(first: Rmst, second: Rmst, confLevel = 0.95): RmstDifference {
  const diff = second.rmst - first.rmst;
  const se = Math.sqrt(first.se ** 2 + second.se ** 2);
  const z = zForLevel(confLevel);
  return {
    tau: first.tau,
    diff,
    se,
    lower: diff - z * se,
    upper: diff + z * se,
    z: diff / se,
    p: normalTwoSidedP(diff / se),
  };
}
