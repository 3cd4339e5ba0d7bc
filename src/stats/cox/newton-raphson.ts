/**
 * Newton–Raphson maximisation of a log partial likelihood, step for step as R survival's
 * coxfit6 (Therneau): start at `init`; after each step, stop when |1 − ℓ_best/ℓ_new| ≤ eps;
 * when the new log-likelihood is lower than the best so far (or not finite), step-halve
 * (β_new = (β_new + h·β)/(h + 1), h = 1, 2, … consecutive halvings); otherwise accept and take
 * the Newton step β_new + I⁻¹U. The score test at `init` is Uᵀ I⁻¹ U of the first evaluation.
 * The evaluation callback is the only link to the data, so the same driver fits rows and summed
 * site summaries.
 */
import { type LdlFactor, ldlDecompose, ldlInverse, ldlSolve } from "./ldl.ts";

/** ℓ(β) with the score and information written into `u` and `imat` (p, p × p row-major). */
export type CoxEvaluate = (beta: Float64Array, u: Float64Array, imat: Float64Array) => number;

export type NewtonControl = {
  readonly eps: number;
  readonly maxIterations: number;
  readonly tolerChol: number;
};

export type NewtonProgress = (iteration: number, loglik: number, halving: boolean) => void;

export type NewtonResult = {
  /** final coefficients (the last accepted step, or the converged one) */
  readonly beta: Float64Array;
  readonly loglikInit: number;
  readonly loglik: number;
  /** score at the final β */
  readonly u: Float64Array;
  /** inverse information at the final β (zero rows/columns for aliased variables) */
  readonly variance: Float64Array;
  /** information at the final β */
  readonly information: Float64Array;
  /** Uᵀ I⁻¹ U at init */
  readonly scoreTestInit: number;
  /** factor of the information at init (its rank reveals collinearity) */
  readonly initFactor: LdlFactor;
  readonly finalFactor: LdlFactor;
  readonly iterations: number;
  readonly converged: boolean;
  /** true when the loop ended while step-halving (R's flag −2) */
  readonly endedHalving: boolean;
  /** relative log-likelihood change of the last step (for messages) */
  readonly lastRelativeChange: number;
};

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

export function newtonRaphson(
  evaluate: CoxEvaluate,
  p: number,
  init: Float64Array,
  control: NewtonControl,
  progress?: NewtonProgress,
): NewtonResult {
  const u = new Float64Array(p);
  const imat = new Float64Array(p * p);
  const beta = Float64Array.from(init);

  const loglikInit = evaluate(beta, u, imat);
  const initFactor = ldlDecompose(imat, p, control.tolerChol);
  const step0 = ldlSolve(initFactor, u);
  let scoreTestInit = 0;
  for (let k = 0; k < p; k++) scoreTestInit += u[k]! * step0[k]!;

  if (control.maxIterations === 0 || !Number.isFinite(loglikInit)) {
    return {
      beta,
      loglikInit,
      loglik: loglikInit,
      u: Float64Array.from(u),
      variance: ldlInverse(initFactor),
      information: Float64Array.from(imat),
      scoreTestInit,
      initFactor,
      finalFactor: initFactor,
      iterations: 0,
      converged: control.maxIterations === 0 && Number.isFinite(loglikInit),
      endedHalving: false,
      lastRelativeChange: Number.NaN,
    };
  }

  let best = loglikInit;
  const newBeta = new Float64Array(p);
  for (let k = 0; k < p; k++) newBeta[k] = beta[k]! + step0[k]!;
  let halving = 0;
  let lastRelativeChange = Number.NaN;
  for (let iter = 1; iter <= control.maxIterations; iter++) {
    const newLoglik = evaluate(newBeta, u, imat);
    const factor = ldlDecompose(imat, p, control.tolerChol);
    const finite = Number.isFinite(newLoglik) && allFinite(u) && allFinite(imat);
    lastRelativeChange = Math.abs(1 - best / newLoglik);
    progress?.(iter, newLoglik, halving > 0);
    if (finite && lastRelativeChange <= control.eps) {
      return {
        beta: Float64Array.from(newBeta),
        loglikInit,
        loglik: newLoglik,
        u: Float64Array.from(u),
        variance: ldlInverse(factor),
        information: Float64Array.from(imat),
        scoreTestInit,
        initFactor,
        finalFactor: factor,
        iterations: iter,
        converged: true,
        endedHalving: halving > 0,
        lastRelativeChange,
      };
    }
    if (!finite || newLoglik < best) {
      halving++;
      for (let k = 0; k < p; k++) newBeta[k] = (newBeta[k]! + halving * beta[k]!) / (halving + 1);
    } else {
      halving = 0;
      best = newLoglik;
      const step = ldlSolve(factor, u);
      for (let k = 0; k < p; k++) {
        beta[k] = newBeta[k]!;
        newBeta[k] = newBeta[k]! + step[k]!;
      }
    }
  }
  // out of iterations: report the last accepted β with its own score and information
  const loglik = evaluate(beta, u, imat);
  const factor = ldlDecompose(imat, p, control.tolerChol);
  return {
    beta,
    loglikInit,
    loglik,
    u: Float64Array.from(u),
    variance: ldlInverse(factor),
    information: Float64Array.from(imat),
    scoreTestInit,
    initFactor,
    finalFactor: factor,
    iterations: control.maxIterations,
    converged: false,
    endedHalving: halving > 0,
    lastRelativeChange,
  };
}
