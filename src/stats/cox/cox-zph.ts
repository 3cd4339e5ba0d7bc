/**
 * Test of proportional hazards as R survival ≥ 3.0's cox.zph(fit, transform = "km")
 * (Grambsch & Therneau 1994, Biometrika 81:515; Therneau, survival 3.x zph1.c): the score test,
 * at (β̂, γ = 0), for adding the time-varying terms g(t)·x_j to the model, where
 * g(t) = 1 − Ŝ(t−) (Kaplan–Meier of all rows, unweighted, ignoring strata) centred on its mean over
 * the events. With U_g = Σ_t g(t) dU(t) and the 2p × 2p information [[I, I_g], [I_g, I_gg]] the test
 * for a set of columns J is [0, U_g,J]ᵀ M_J⁻¹ [0, U_g,J] with M_J the information restricted to
 * (all β, γ_J); one test per column and a global test for all columns together (df = p).
 */

import { chiSquareUpperTail } from "../distributions.ts";
import type { CoxFitState } from "./cox-fit.ts";
import type { CoxIssue, CoxResult } from "./cox-types.ts";
import { partialLikelihood, partialLikelihoodWork } from "./partial-likelihood.ts";

export type CoxZphGroup = { readonly name: string; readonly columns: readonly number[] };

export type CoxZph = {
  /** one row per group (default: per column), then "GLOBAL" */
  readonly rows: readonly string[];
  readonly chisq: readonly number[];
  readonly df: readonly number[];
  readonly p: readonly number[];
};

/** Solves the dense system A y = b by Gaussian elimination with partial pivoting (R's solve()). */
function solveDense(a: Float64Array, b: Float64Array, m: number): Float64Array | undefined {
  const A = Float64Array.from(a);
  const y = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(A[r * m + c]!) > Math.abs(A[piv * m + c]!)) piv = r;
    const pv = A[piv * m + c]!;
    if (pv === 0 || !Number.isFinite(pv)) return undefined;
    if (piv !== c) {
      for (let k = 0; k < m; k++) {
        const t = A[c * m + k]!;
        A[c * m + k] = A[piv * m + k]!;
        A[piv * m + k] = t;
      }
      const t = y[c]!;
      y[c] = y[piv]!;
      y[piv] = t;
    }
    for (let r = c + 1; r < m; r++) {
      const f = A[r * m + c]! / pv;
      if (f === 0) continue;
      for (let k = c; k < m; k++) A[r * m + k]! -= f * A[c * m + k]!;
      y[r]! -= f * y[c]!;
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    let s = y[c]!;
    for (let k = c + 1; k < m; k++) s -= A[c * m + k]! * y[k]!;
    y[c] = s / A[c * m + c]!;
  }
  return y;
}

/** Proportional-hazards test for a fitted model (see the module comment). */
export function coxZph(state: CoxFitState, groups?: readonly CoxZphGroup[]): CoxResult<CoxZph> {
  const { sorted, betaScaled, fit } = state;
  const { n, p, status, timeRank, times } = sorted;
  const nTimes = times.length;
  // Kaplan–Meier of all rows (unweighted, no strata): S(t−) per time rank
  const atTime = new Float64Array(nTimes);
  const deathsAt = new Float64Array(nTimes);
  for (let i = 0; i < n; i++) {
    atTime[timeRank[i]!]!++;
    if (status[i] === 1) deathsAt[timeRank[i]!]!++;
  }
  const g = new Float64Array(nTimes);
  let atRisk = n;
  let surv = 1;
  for (let t = 0; t < nTimes; t++) {
    g[t] = 1 - surv; // 1 − S(t−)
    if (atRisk > 0) surv *= 1 - deathsAt[t]! / atRisk;
    atRisk -= atTime[t]!;
  }
  let gMean = 0;
  for (let t = 0; t < nTimes; t++) gMean += g[t]! * deathsAt[t]!;
  gMean /= sorted.nEvents;
  for (let t = 0; t < nTimes; t++) g[t]! -= gMean;

  const u = new Float64Array(p);
  const imat = new Float64Array(p * p);
  const sums = { g, ug: new Float64Array(p), ig: new Float64Array(p * p), igg: new Float64Array(p * p) };
  partialLikelihood(
    sorted,
    betaScaled,
    fit.ties === "efron",
    u,
    imat,
    partialLikelihoodWork(p),
    0,
    sorted.stratumStart.length - 1,
    sums,
  );

  const test = (cols: readonly number[]): number | undefined => {
    const m = p + cols.length;
    const M = new Float64Array(m * m);
    const idx = (k: number): { block: 0 | 1; j: number } =>
      k < p ? { block: 0, j: k } : { block: 1, j: cols[k - p]! };
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < m; c++) {
        const a = idx(r);
        const b = idx(c);
        const src =
          a.block === 0 && b.block === 0 ? imat : a.block === 1 && b.block === 1 ? sums.igg : sums.ig;
        M[r * m + c] = src[a.j * p + b.j]!;
      }
    }
    const rhs = new Float64Array(m);
    for (let k = 0; k < cols.length; k++) rhs[p + k] = sums.ug[cols[k]!]!;
    const y = solveDense(M, rhs, m);
    if (y === undefined) return undefined;
    let s = 0;
    for (let k = 0; k < m; k++) s += rhs[k]! * y[k]!;
    return s;
  };

  const list = groups ?? fit.names.map((name, k) => ({ name, columns: [k] }));
  const rows: string[] = [];
  const chisq: number[] = [];
  const df: number[] = [];
  const issues: CoxIssue[] = [];
  for (const grp of [...list, { name: "GLOBAL", columns: fit.names.map((_, k) => k) }]) {
    const stat = test(grp.columns);
    if (stat === undefined) {
      issues.push({
        code: "cox_zph_singular",
        path: grp.name,
        message: `the proportional-hazards test for '${grp.name}' has a singular information matrix`,
      });
      continue;
    }
    rows.push(grp.name);
    chisq.push(stat);
    df.push(grp.columns.length);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { rows, chisq, df, p: chisq.map((c, k) => chiSquareUpperTail(c, df[k]!)) } };
}
