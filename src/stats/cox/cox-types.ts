/** Input and output shapes of the Cox proportional hazards model (columns, not rows). */

import type { StatsIssue, StatsResult } from "../survival-types.ts";

/** A problem found in the input or the fit (codes in docs/errors.md): the stats layer's issue. */
export type CoxIssue = StatsIssue;

/** Every issue, not only the first (the project's Result shape). */
export type CoxResult<T> = StatsResult<T>;

/** How tied event times enter the partial likelihood. */
export type CoxTies = "efron" | "breslow";

/** One model's data: n rows, p covariate columns. */
export type CoxData = {
  /** follow-up time of each row (event or censoring), finite and ≥ 0 */
  readonly time: Float64Array;
  /** 1 = event, 0 = censored */
  readonly status: Uint8Array | Int32Array;
  /** design matrix, column-major n × p (column k holds rows k·n … k·n + n − 1) */
  readonly x: Float64Array;
  /** p column names, in order (R's model-matrix names, e.g. "celltypesmallcell") */
  readonly names: readonly string[];
  /** stratum code per row (any integers); absent = one stratum */
  readonly strata?: Int32Array;
  /** case weights (> 0); absent = 1 */
  readonly weights?: Float64Array;
  /** fixed offset added to the linear predictor; absent = 0 */
  readonly offset?: Float64Array;
  /** cluster code per row for the robust sandwich variance (R's cluster()); implies robust */
  readonly cluster?: Int32Array;
};

/** Progress of Newton–Raphson, reported once per iteration. */
export type CoxIterationProgress = {
  readonly iteration: number;
  readonly maxIterations: number;
  readonly loglik: number;
  /** true while step-halving (the last step lowered the log-likelihood) */
  readonly halving: boolean;
};

export type CoxOptions = {
  /** default "efron", as R's coxph */
  readonly ties?: CoxTies;
  /** convergence: relative change of the log-likelihood ≤ eps (R coxph.control default 1e-9) */
  readonly eps?: number;
  /** maximum Newton–Raphson iterations (R default 20) */
  readonly maxIterations?: number;
  /** Cholesky pivot tolerance relative to the largest diagonal (R default machine eps^0.75) */
  readonly tolerChol?: number;
  /** infinite-coefficient check tolerance (R default sqrt(eps)) */
  readonly tolerInf?: number;
  /** merge times closer than sqrt(machine eps) as R's aeqSurv (default true) */
  readonly timefix?: boolean;
  /** sandwich variance; default: true when cluster is given or a weight is not an integer (as R) */
  readonly robust?: boolean;
  /** starting coefficients (default 0) */
  readonly init?: readonly number[];
  /** confidence level of the hazard-ratio intervals (default 0.95) */
  readonly confLevel?: number;
  /** compute the concordance and its standard error (default true) */
  readonly concordance?: boolean;
  /**
   * An infinite coefficient (monotone likelihood, e.g. no events in one level) is an error by
   * default; true returns the fit with a warning instead, as R does (the LR test stays valid).
   */
  readonly allowInfinite?: boolean;
  /** columns whose values all lie in this set are not centred (R default c(-1, 0, 1)) */
  readonly nocenter?: readonly number[];
  readonly onIteration?: (progress: CoxIterationProgress) => void;
};

/** A chi-square test. */
export type ChiSquareTest = { readonly stat: number; readonly df: number; readonly p: number };

/** Harrell's C as R's concordance(): pairs tied on time are not comparable. */
export type CoxConcordance = {
  readonly c: number;
  /** infinitesimal-jackknife standard error (R's concordance "std") */
  readonly se: number;
  readonly concordant: number;
  readonly discordant: number;
  readonly tiedX: number;
  readonly tiedY: number;
  readonly tiedXY: number;
};

export type CoxFit = {
  readonly ties: CoxTies;
  readonly names: readonly string[];
  readonly n: number;
  readonly nEvents: number;
  readonly nStrata: number;
  readonly coef: readonly number[];
  /** standard errors: robust when `robust`, otherwise model-based */
  readonly se: readonly number[];
  /** model-based standard errors (present when robust) */
  readonly naiveSe?: readonly number[];
  readonly z: readonly number[];
  /** two-sided Wald p-values */
  readonly p: readonly number[];
  readonly hr: readonly number[];
  readonly hrLower: readonly number[];
  readonly hrUpper: readonly number[];
  readonly confLevel: number;
  /** variance matrix of the coefficients (robust when `robust`), p × p row arrays */
  readonly var: readonly (readonly number[])[];
  readonly naiveVar?: readonly (readonly number[])[];
  /** centring values used (weighted column means; 0 for columns with values in nocenter) */
  readonly means: readonly number[];
  readonly loglikNull: number;
  readonly loglik: number;
  readonly lrTest: ChiSquareTest;
  readonly waldTest: ChiSquareTest;
  /** score (log-rank) test at the initial coefficients (β = 0 by default) */
  readonly scoreTest: ChiSquareTest;
  readonly robustScoreTest?: ChiSquareTest;
  readonly robust: boolean;
  readonly nClusters?: number;
  readonly concordance?: CoxConcordance;
  readonly iterations: number;
  /** linear predictor per row, centred as R: Xβ + offset − Σ means·β (input row order) */
  readonly linearPredictors: Float64Array;
  /** non-fatal findings (e.g. an infinite coefficient when allowInfinite) */
  readonly warnings: readonly CoxIssue[];
};
