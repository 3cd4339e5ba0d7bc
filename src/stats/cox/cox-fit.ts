/**
 * Fits a Cox proportional hazards model by maximum partial likelihood, reproducing R survival's
 * coxph() (Therneau; survival 3.5-3): Efron (default) or Breslow ties, strata, case weights,
 * offset; Newton–Raphson from β = 0 with step-halving and R's convergence rule; centring and
 * scaling of the covariates; variance from the inverse information (or the robust sandwich with
 * optional clusters); Wald, likelihood-ratio and score tests; concordance with its SE.
 * Collinearity, non-convergence and infinite coefficients (monotone likelihood) are errors that
 * name the covariates concerned.
 */

import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from "../distributions.ts";
import { concordance } from "./concordance.ts";
import type { CoxData, CoxFit, CoxIssue, CoxOptions, CoxResult, CoxTies } from "./cox-types.ts";
import { ldlDecompose, ldlQuadraticForm, ldlSolve } from "./ldl.ts";
import { type NewtonResult, newtonRaphson } from "./newton-raphson.ts";
import { partialLikelihood, partialLikelihoodWork } from "./partial-likelihood.ts";
import { type SortedCoxData, sortCoxData, validateCoxData } from "./prepare-cox-data.ts";
import { scoreResiduals } from "./score-residuals.ts";

/** R coxph.control() defaults. */
export const COX_DEFAULTS = {
  eps: 1e-9,
  maxIterations: 20,
  /** .Machine$double.eps^0.75 */
  tolerChol: (2 ** -52) ** 0.75,
  confLevel: 0.95,
  nocenter: [-1, 0, 1] as readonly number[],
} as const;

/** Everything fitCox computed, for the functions that continue from a fit (survival curves, zph). */
export type CoxFitState = {
  readonly fit: CoxFit;
  readonly sorted: SortedCoxData;
  /** β in the scaled parameterisation of sorted.x */
  readonly betaScaled: Float64Array;
  /** linear predictor per sorted row (centred, scaled units: equals R's linear.predictors) */
  readonly lpSorted: Float64Array;
  /** variance used for inference (robust when robust), original units, p × p row-major */
  readonly variance: Float64Array;
};

const fmt = (v: number): string =>
  Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? v.toPrecision(4) : v.toExponential(2);

function toRows(m: Float64Array, p: number): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from(m.subarray(i * p, (i + 1) * p)));
}

function chiSquareTest(stat: number, df: number): { stat: number; df: number; p: number } {
  return { stat, df, p: chiSquareUpperTail(stat, df) };
}

/** Names the covariates an aliased one depends on, from the information matrix at β = 0. */
function collinearityIssues(
  nr: NewtonResult,
  names: readonly string[],
  p: number,
  tolerChol: number,
): CoxIssue[] {
  const aliased = nr.initFactor.aliased;
  const kept = names.map((_, k) => k).filter((k) => !aliased[k]);
  const info = nr.information.length === p * p ? nr.information : new Float64Array(p * p);
  const sub = new Float64Array(kept.length * kept.length);
  for (const [a, i] of kept.entries())
    for (const [b, j] of kept.entries()) sub[a * kept.length + b] = info[i * p + j]!;
  const subFactor = ldlDecompose(sub, kept.length, tolerChol);
  const issues: CoxIssue[] = [];
  for (let k = 0; k < p; k++) {
    if (!aliased[k]) continue;
    const rhs = kept.map((j) => info[j * p + k]!);
    const c = ldlSolve(subFactor, rhs);
    const ikk = Math.sqrt(Math.abs(info[k * p + k]!));
    const involved = kept.filter(
      (j, a) => Math.abs(c[a]!) * Math.sqrt(Math.abs(info[j * p + j]!)) > 1e-6 * ikk,
    );
    const name = names[k]!;
    issues.push({
      code: "cox_collinear",
      path: name,
      message:
        involved.length > 0 && ikk > 0
          ? `covariate '${name}' is a linear combination of ${involved.map((j) => `'${names[j]}'`).join(", ")} in these data (collinear): remove one of them`
          : `covariate '${name}' carries no information in these data (constant within every stratum, or aliased): remove it`,
    });
  }
  return issues;
}

/** The internal fit, also returning the sorted data (see CoxFitState). */
export function fitCoxState(data: CoxData, options: CoxOptions = {}): CoxResult<CoxFitState> {
  const issues = validateCoxData(data);
  const ties: CoxTies = options.ties ?? "efron";
  const eps = options.eps ?? COX_DEFAULTS.eps;
  const maxIterations = options.maxIterations ?? COX_DEFAULTS.maxIterations;
  const tolerChol = options.tolerChol ?? COX_DEFAULTS.tolerChol;
  const tolerInf = options.tolerInf ?? Math.sqrt(eps);
  const confLevel = options.confLevel ?? COX_DEFAULTS.confLevel;
  const p = data.names.length;
  if (!(eps > 0))
    issues.push({ code: "cox_bad_option", path: "eps", message: `eps must be > 0, got ${eps}` });
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    issues.push({
      code: "cox_bad_option",
      path: "maxIterations",
      message: `maxIterations must be an integer ≥ 0, got ${maxIterations}`,
    });
  }
  if (!(confLevel > 0 && confLevel < 1)) {
    issues.push({
      code: "cox_bad_option",
      path: "confLevel",
      message: `confLevel must be between 0 and 1, got ${confLevel}`,
    });
  }
  if (options.init !== undefined && options.init.length !== p) {
    issues.push({
      code: "cox_bad_option",
      path: "init",
      message: `init has ${options.init.length} values for ${p} covariates`,
    });
  }
  if (p === 0)
    issues.push({ code: "cox_no_covariates", path: "names", message: "the model has no covariates" });
  if (issues.length > 0) return { ok: false, issues };

  const sorted = sortCoxData(data, {
    timefix: options.timefix ?? true,
    nocenter: options.nocenter ?? COX_DEFAULTS.nocenter,
  });
  const { n, scale } = sorted;
  if (sorted.nEvents === 0) {
    return {
      ok: false,
      issues: [
        {
          code: "cox_no_events",
          path: "status",
          message: `none of the ${n} rows has an event (status 1): a Cox model needs events`,
        },
      ],
    };
  }
  // a constant column carries no information: say so plainly
  const constant: CoxIssue[] = [];
  for (let k = 0; k < p; k++) {
    const first = data.x[k * n]!;
    let same = true;
    for (let i = 1; i < n && same; i++) same = data.x[k * n + i] === first;
    if (same) {
      constant.push({
        code: "cox_constant_covariate",
        path: data.names[k]!,
        message: `covariate '${data.names[k]}' has the same value (${first}) in every row: remove it`,
      });
    }
  }
  if (constant.length > 0) return { ok: false, issues: constant };

  const work = partialLikelihoodWork(p);
  const efron = ties === "efron";
  const initScaled = new Float64Array(p);
  for (let k = 0; k < p; k++) initScaled[k] = (options.init?.[k] ?? 0) / scale[k]!;
  const onIteration = options.onIteration;
  const nr = newtonRaphson(
    (beta, u, imat) => partialLikelihood(sorted, beta, efron, u, imat, work),
    p,
    initScaled,
    { eps, maxIterations, tolerChol },
    onIteration === undefined
      ? undefined
      : (iteration, loglik, halving) => onIteration({ iteration, maxIterations, loglik, halving }),
  );
  if (nr.initFactor.rank < p) {
    // information at the start: re-evaluate at init for the dependence analysis
    const u0 = new Float64Array(p);
    const i0 = new Float64Array(p * p);
    partialLikelihood(sorted, initScaled, efron, u0, i0, work);
    return { ok: false, issues: collinearityIssues({ ...nr, information: i0 }, data.names, p, tolerChol) };
  }

  // back to the original units: β = β_s·scale, U = U_s/scale, V = V_s·scale·scaleᵀ (coxfit6)
  const coef = new Float64Array(p);
  const u = new Float64Array(p);
  const variance = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    coef[k] = nr.beta[k]! * scale[k]!;
    u[k] = nr.u[k]! / scale[k]!;
    for (let j = 0; j < p; j++) variance[k * p + j] = nr.variance[k * p + j]! * scale[k]! * scale[j]!;
  }

  // infinite coefficients (monotone likelihood): R's check |U V| > eps and > tolerInf·|β|
  // (as R, only when more than one iteration was allowed)
  const infinite: number[] = [];
  for (let k = 0; k < p && maxIterations > 1; k++) {
    let step = 0;
    for (let j = 0; j < p; j++) step += u[j]! * variance[j * p + k]!;
    step = Math.abs(step);
    const flagged =
      !Number.isFinite(u[k]!) ||
      !Number.isFinite(step) ||
      (step > eps && step > tolerInf * Math.abs(coef[k]!));
    if (flagged || nr.finalFactor.aliased[k]) infinite.push(k);
  }
  const lpSorted = new Float64Array(n);
  let maxLp = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    let eta = sorted.offset === undefined ? 0 : sorted.offset[i]!;
    for (let k = 0; k < p; k++) eta += nr.beta[k]! * sorted.x[i * p + k]!;
    lpSorted[i] = eta;
    if (eta > maxLp) maxLp = eta;
  }
  const infiniteIssues: CoxIssue[] = infinite.map((k) => ({
    code: "cox_infinite_coefficient",
    path: data.names[k]!,
    message:
      `the coefficient of '${data.names[k]}' tends to infinity (monotone likelihood: the events are perfectly ` +
      `separated by this covariate, e.g. a level with no events): its hazard ratio cannot be estimated; ` +
      `merge sparse levels or remove the covariate`,
  }));
  if (!nr.converged) {
    const notConverged: CoxIssue = {
      code: "cox_not_converged",
      path: "",
      message:
        `Newton–Raphson did not converge in ${maxIterations} iterations (last relative change of the ` +
        `log-likelihood ${fmt(nr.lastRelativeChange)}, tolerance ${eps}); raise the iteration limit or ` +
        `check for separation or extreme covariate values`,
    };
    const suspect = maxLp > 500 || infinite.length > 0;
    // R returns such fits with warnings; with allowInfinite, so do we (the LR test stays valid)
    if (!(suspect && options.allowInfinite === true)) {
      return { ok: false, issues: suspect ? [notConverged, ...infiniteIssues] : [notConverged] };
    }
  }
  const warnings: CoxIssue[] = nr.converged
    ? []
    : [
        {
          code: "cox_not_converged",
          path: "",
          message: `Newton–Raphson stopped after ${maxIterations} iterations with coefficients heading to infinity`,
        },
      ];
  if (infiniteIssues.length > 0) {
    if (options.allowInfinite !== true) return { ok: false, issues: infiniteIssues };
    warnings.push(...infiniteIssues);
  }

  // robust sandwich variance: D = L V per cluster (L = weighted score residuals), V_r = DᵀD
  const hasFractionalWeight = data.weights?.some((w) => w !== Math.floor(w)) ?? false;
  const robust = options.robust ?? (data.cluster !== undefined || hasFractionalWeight);
  let clusterIndex: Int32Array | undefined;
  let nClusters = n;
  if (robust && data.cluster !== undefined) {
    const codes = Int32Array.from(data.cluster).sort();
    const distinct: number[] = [];
    for (let i = 0; i < codes.length; i++) if (i === 0 || codes[i] !== codes[i - 1]) distinct.push(codes[i]!);
    const index = new Map(distinct.map((c, i) => [c, i]));
    clusterIndex = new Int32Array(n);
    for (let i = 0; i < n; i++) clusterIndex[i] = index.get(data.cluster[sorted.order[i]!]!)!;
    nClusters = distinct.length;
  }
  let finalVariance = variance;
  let robustScoreTest: { stat: number; df: number; p: number } | undefined;
  if (robust) {
    const collapse = (risk: Float64Array): Float64Array => {
      const resid = scoreResiduals(sorted, risk, efron);
      const byCluster = new Float64Array(nClusters * p);
      for (let i = 0; i < n; i++) {
        const w = sorted.weights === undefined ? 1 : sorted.weights[i]!;
        const c = clusterIndex === undefined ? i : clusterIndex[i]!;
        for (let k = 0; k < p; k++) byCluster[c * p + k]! += (w * resid[i * p + k]!) / scale[k]!;
      }
      return byCluster;
    };
    const crossProduct = (m: Float64Array): Float64Array => {
      const out = new Float64Array(p * p);
      for (let c = 0; c < nClusters; c++) {
        for (let k = 0; k < p; k++) {
          const v = m[c * p + k]!;
          for (let j = 0; j <= k; j++) out[k * p + j]! += v * m[c * p + j]!;
        }
      }
      for (let k = 0; k < p; k++) for (let j = 0; j < k; j++) out[j * p + k] = out[k * p + j]!;
      return out;
    };
    const risk = lpSorted.map(Math.exp);
    const meat = crossProduct(collapse(risk));
    // V M V
    const vm = new Float64Array(p * p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += variance[i * p + k]! * meat[k * p + j]!;
        vm[i * p + j] = s;
      }
    }
    finalVariance = new Float64Array(p * p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += vm[i * p + k]! * variance[k * p + j]!;
        finalVariance[i * p + j] = s;
      }
    }
    // robust score test at β = 0 (R: score residuals with linear predictor 0)
    const resid0 = collapse(new Float64Array(n).fill(1));
    const u0 = new Float64Array(p);
    for (let c = 0; c < nClusters; c++) for (let k = 0; k < p; k++) u0[k]! += resid0[c * p + k]!;
    const f0 = ldlDecompose(crossProduct(resid0), p, tolerChol);
    robustScoreTest = chiSquareTest(ldlQuadraticForm(f0, u0), p);
  }

  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const coefs = Array.from(coef);
  const se = coefs.map((_, k) => Math.sqrt(finalVariance[k * p + k]!));
  const naiveSe = coefs.map((_, k) => Math.sqrt(variance[k * p + k]!));
  const zs = coefs.map((b, k) => b / se[k]!);
  const waldFactor = ldlDecompose(finalVariance, p, tolerChol);
  const wald = ldlQuadraticForm(waldFactor, coef);

  // linear predictor in input order, as R: Xβ + offset − Σ means·β
  const linearPredictors = new Float64Array(n);
  for (let i = 0; i < n; i++) linearPredictors[sorted.order[i]!] = lpSorted[i]!;

  const fit: CoxFit = {
    ties,
    names: [...data.names],
    n,
    nEvents: sorted.nEvents,
    nStrata: sorted.stratumCodes.length,
    coef: coefs,
    se,
    ...(robust ? { naiveSe } : {}),
    z: zs,
    p: zs.map(normalTwoSidedP),
    hr: coefs.map(Math.exp),
    hrLower: coefs.map((b, k) => Math.exp(b - z * se[k]!)),
    hrUpper: coefs.map((b, k) => Math.exp(b + z * se[k]!)),
    confLevel,
    var: toRows(finalVariance, p),
    ...(robust ? { naiveVar: toRows(variance, p) } : {}),
    means: Array.from(sorted.means),
    loglikNull: nr.loglikInit,
    loglik: nr.loglik,
    lrTest: chiSquareTest(2 * (nr.loglik - nr.loglikInit), p),
    waldTest: chiSquareTest(wald, p),
    scoreTest: chiSquareTest(nr.scoreTestInit, p),
    ...(robustScoreTest === undefined ? {} : { robustScoreTest }),
    robust,
    ...(robust && data.cluster !== undefined ? { nClusters } : {}),
    ...(options.concordance === false
      ? {}
      : {
          concordance: concordance({
            timeRank: sorted.timeRank,
            status: sorted.status,
            stratumStart: sorted.stratumStart,
            predictor: lpSorted,
            weights: sorted.weights,
            cluster: clusterIndex,
            nClusters,
            reverse: true,
          }),
        }),
    iterations: nr.iterations,
    linearPredictors,
    warnings,
  };
  return { ok: true, value: { fit, sorted, betaScaled: nr.beta, lpSorted, variance: finalVariance } };
}

/** Fits the Cox model; see CoxOptions for the defaults (R coxph's). */
export function fitCox(data: CoxData, options: CoxOptions = {}): CoxResult<CoxFit> {
  const r = fitCoxState(data, options);
  return r.ok ? { ok: true, value: r.value.fit } : r;
}
