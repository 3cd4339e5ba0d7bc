/**
 * Site-stratified Cox model from per-site summaries, for centres that may not pool patient rows.
 * Stratifying by site makes the partial likelihood a sum over sites:
 *   ℓ(β) = Σ_s ℓ_s(β),  U(β) = Σ_s U_s(β),  I(β) = Σ_s I_s(β)
 * so Newton–Raphson needs from each site only (ℓ_s, U_s, I_s) at the coordinator's current β —
 * p + p(p+1)/2 + 1 numbers per round, no rows. `createCoxSite` is what a site runs on its own rows
 * (its own strata, if any, nest inside the site); `fitCoxFromSiteSummaries` is the coordinator,
 * running the same Newton–Raphson as the row-level fit (R's coxfit6 rule), so the answer equals
 * fitCox on the pooled rows with strata = site (× the sites' own strata).
 * Robust variances and the concordance need rows and are not available here.
 */

import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from "../distributions.ts";
import { COX_DEFAULTS } from "./cox-fit.ts";
import type { ChiSquareTest, CoxData, CoxIssue, CoxResult, CoxTies } from "./cox-types.ts";
import { newtonRaphson } from "./newton-raphson.ts";
import { partialLikelihood, partialLikelihoodWork } from "./partial-likelihood.ts";
import { sortCoxData, validateCoxData } from "./prepare-cox-data.ts";

/** What one site sends for one β: aggregates only. */
export type CoxSiteSummary = {
  readonly site: string;
  /** the β (original units) these derivatives are evaluated at */
  readonly beta: readonly number[];
  readonly loglik: number;
  readonly score: readonly number[];
  /** p × p information matrix (minus the Hessian of ℓ_s) */
  readonly information: readonly (readonly number[])[];
  readonly nRows: number;
  readonly nEvents: number;
};

/** A site's handle on its own rows: answers summaries for any β. */
export type CoxSite = {
  readonly site: string;
  readonly names: readonly string[];
  readonly nRows: number;
  readonly nEvents: number;
  summaryAt(beta: readonly number[]): CoxSiteSummary;
};

export type CoxSiteOptions = { readonly ties?: CoxTies; readonly timefix?: boolean };

/** Prepares a site's rows once (validation, sort); then summaryAt(β) costs one pass. */
export function createCoxSite(site: string, data: CoxData, options: CoxSiteOptions = {}): CoxResult<CoxSite> {
  const issues = validateCoxData(data).map((i) => ({ ...i, path: `${site}.${i.path}` }));
  if (issues.length > 0) return { ok: false, issues };
  const sorted = sortCoxData(data, { timefix: options.timefix ?? true, nocenter: COX_DEFAULTS.nocenter });
  const { p, scale } = sorted;
  const efron = (options.ties ?? "efron") === "efron";
  const work = partialLikelihoodWork(p);
  const u = new Float64Array(p);
  const imat = new Float64Array(p * p);
  const betaScaled = new Float64Array(p);
  return {
    ok: true,
    value: {
      site,
      names: [...data.names],
      nRows: sorted.n,
      nEvents: sorted.nEvents,
      summaryAt(beta) {
        // the site's rows are centred and scaled, x_s = (x − m)·scale, so β_s = β/scale and
        // back in original units U = U_s/scale, I = I_s/(scale·scaleᵀ)
        for (let k = 0; k < p; k++) betaScaled[k] = beta[k]! / scale[k]!;
        const loglik = partialLikelihood(sorted, betaScaled, efron, u, imat, work);
        return {
          site,
          beta: [...beta],
          loglik,
          score: Array.from(u, (v, k) => v / scale[k]!),
          information: Array.from({ length: p }, (_, i) =>
            Array.from({ length: p }, (_, j) => imat[i * p + j]! / (scale[i]! * scale[j]!)),
          ),
          nRows: sorted.n,
          nEvents: sorted.nEvents,
        };
      },
    },
  };
}

export type CoxSummaryFit = {
  readonly names: readonly string[];
  readonly sites: readonly string[];
  readonly n: number;
  readonly nEvents: number;
  readonly coef: readonly number[];
  readonly se: readonly number[];
  readonly z: readonly number[];
  readonly p: readonly number[];
  readonly hr: readonly number[];
  readonly hrLower: readonly number[];
  readonly hrUpper: readonly number[];
  readonly confLevel: number;
  readonly var: readonly (readonly number[])[];
  readonly loglikNull: number;
  readonly loglik: number;
  readonly lrTest: ChiSquareTest;
  readonly waldTest: ChiSquareTest;
  readonly scoreTest: ChiSquareTest;
  readonly iterations: number;
};

export type CoxSummaryOptions = {
  readonly eps?: number;
  readonly maxIterations?: number;
  readonly tolerChol?: number;
  readonly confLevel?: number;
};

/**
 * Fits the site-stratified model from summaries. `gather(β)` asks every site for its summary at
 * β (in a federated deployment: one network round; here a function).
 */
export function fitCoxFromSiteSummaries(
  names: readonly string[],
  gather: (beta: readonly number[]) => readonly CoxSiteSummary[],
  options: CoxSummaryOptions = {},
): CoxResult<CoxSummaryFit> {
  const p = names.length;
  const eps = options.eps ?? COX_DEFAULTS.eps;
  const maxIterations = options.maxIterations ?? COX_DEFAULTS.maxIterations;
  const tolerChol = options.tolerChol ?? COX_DEFAULTS.tolerChol;
  const confLevel = options.confLevel ?? COX_DEFAULTS.confLevel;
  const issues: CoxIssue[] = [];
  const sum = (
    beta: readonly number[],
    u: Float64Array,
    imat: Float64Array,
  ): { loglik: number; summaries: readonly CoxSiteSummary[] } => {
    const summaries = gather(beta);
    u.fill(0);
    imat.fill(0);
    let loglik = 0;
    for (const s of summaries) {
      if (s.score.length !== p || s.information.length !== p || s.information.some((r) => r.length !== p)) {
        issues.push({
          code: "cox_bad_summary",
          path: s.site,
          message: `site '${s.site}' sent a summary for ${s.score.length} covariates, expected ${p}`,
        });
        continue;
      }
      if (s.beta.some((b, k) => b !== beta[k])) {
        issues.push({
          code: "cox_bad_summary",
          path: s.site,
          message: `site '${s.site}' answered for a different β than asked`,
        });
        continue;
      }
      loglik += s.loglik;
      for (let i = 0; i < p; i++) {
        u[i]! += s.score[i]!;
        for (let j = 0; j < p; j++) imat[i * p + j]! += s.information[i]![j]!;
      }
    }
    return { loglik, summaries };
  };

  // scale by the information at β = 0 (Newton's method is affine invariant; this only conditions
  // the pivot tolerance as coxfit6's covariate scaling does)
  const u0 = new Float64Array(p);
  const i0 = new Float64Array(p * p);
  const first = sum(new Array<number>(p).fill(0), u0, i0);
  if (issues.length > 0) return { ok: false, issues };
  if (first.summaries.length === 0) {
    return { ok: false, issues: [{ code: "cox_bad_summary", path: "", message: "no site sent a summary" }] };
  }
  const n = first.summaries.reduce((a, s) => a + s.nRows, 0);
  const nEvents = first.summaries.reduce((a, s) => a + s.nEvents, 0);
  if (nEvents === 0)
    return { ok: false, issues: [{ code: "cox_no_events", path: "", message: "no site has an event" }] };
  const scale = Array.from({ length: p }, (_, k) => (i0[k * p + k]! > 0 ? 1 / Math.sqrt(i0[k * p + k]!) : 1));
  const original = (bs: ArrayLike<number>): number[] =>
    Array.from({ length: p }, (_, k) => bs[k]! * scale[k]!);

  const nr = newtonRaphson(
    (betaScaled, u, imat) => {
      const { loglik } = sum(original(betaScaled), u, imat);
      for (let i = 0; i < p; i++) {
        u[i] = u[i]! * scale[i]!;
        for (let j = 0; j < p; j++) imat[i * p + j] = imat[i * p + j]! * scale[i]! * scale[j]!;
      }
      return loglik;
    },
    p,
    new Float64Array(p),
    { eps, maxIterations, tolerChol },
  );
  if (issues.length > 0) return { ok: false, issues };
  if (nr.initFactor.rank < p) {
    const which = names.filter((_, k) => nr.initFactor.aliased[k]);
    return {
      ok: false,
      issues: which.map((nm) => ({
        code: "cox_collinear",
        path: nm,
        message: `covariate '${nm}' is collinear with the others (or constant within every site)`,
      })),
    };
  }
  if (!nr.converged) {
    return {
      ok: false,
      issues: [
        {
          code: "cox_not_converged",
          path: "",
          message: `Newton–Raphson on the site summaries did not converge in ${maxIterations} iterations`,
        },
      ],
    };
  }
  const coef = original(nr.beta);
  const variance = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => nr.variance[i * p + j]! * scale[i]! * scale[j]!),
  );
  const se = coef.map((_, k) => Math.sqrt(variance[k]![k]!));
  const z = coef.map((b, k) => b / se[k]!);
  const zq = normalQuantile(1 - (1 - confLevel) / 2);
  let wald = 0;
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++)
      wald += (coef[i]! * nr.information[i * p + j]! * coef[j]!) / (scale[i]! * scale[j]!);
  const test = (stat: number): ChiSquareTest => ({ stat, df: p, p: chiSquareUpperTail(stat, p) });
  return {
    ok: true,
    value: {
      names: [...names],
      sites: first.summaries.map((s) => s.site),
      n,
      nEvents,
      coef,
      se,
      z,
      p: z.map(normalTwoSidedP),
      hr: coef.map(Math.exp),
      hrLower: coef.map((b, k) => Math.exp(b - zq * se[k]!)),
      hrUpper: coef.map((b, k) => Math.exp(b + zq * se[k]!)),
      confLevel,
      var: variance,
      loglikNull: nr.loglikInit,
      loglik: nr.loglik,
      lrTest: test(2 * (nr.loglik - nr.loglikInit)),
      waldTest: test(wald),
      scoreTest: test(nr.scoreTestInit),
      iterations: nr.iterations,
    },
  };
}
