/**
 * Gray's K-sample test for equality of the cumulative incidence of one cause across groups
 * (R. J. Gray, "A class of K-sample tests for comparing the cumulative incidence of a competing
 * risk", Ann. Statist. 1988;16:1141-54), as computed by R's cmprsk 2.2-11 cuminc()/crstm:
 * score per group
 *   s_k = Σ_t W(t) [d_1k(t) − d_1(t) R_k(t)(1 − F_1k(t−)) / (S_k(t−) Σ_l R_l(t)(1 − F_1l(t−)))]…
 * with R_k = n_k/S_k(t−), W = (1 − F_1(t−))^ρ, F_1 the pooled estimate F_1(t) = F_1(t−) + d_1/Σ R_k,
 * and Gray's variance estimator of the score (his section 2, the asymptotic representation of
 * the score as a sum of martingale integrals, estimated with tie corrections). Strata: scores
 * and variances are summed over strata. Unweighted rows, no delayed entry.
 */
import { chiSquareUpperTail } from "./distributions.ts";
import { quadraticFormInverse } from "./small-linear-solve.ts";
import { codeCount, validateSurvivalData } from "./survival-input.ts";
import { fail, ok, type StatsResult, type SurvivalData } from "./survival-types.ts";
import { timeGrid } from "./time-grid.ts";

export type GrayTestOptions = {
  /** the cause compared (status code, default 1) */
  readonly cause?: number;
  /** weight exponent ρ (default 0, as cuminc) */
  readonly rho?: number;
  readonly groupCount?: number;
  readonly stratumCount?: number;
};

export type GrayTest = {
  readonly cause: number;
  readonly rho: number;
  /** scores of groups 0 … G − 2 (the last group is the reference, as crstm) */
  readonly score: readonly number[];
  readonly variance: readonly (readonly number[])[];
  readonly stat: number;
  readonly df: number;
  readonly p: number;
};

/** Gray's test of one cause across the groups of `data.group` (status: 0 = censored, k = cause k). */
export function grayTest(data: SurvivalData, options: GrayTestOptions = {}): StatsResult<GrayTest> {
  const cause = options.cause ?? 1;
  let maxStatus = 0;
  for (let i = 0; i < data.status.length; i++) maxStatus = Math.max(maxStatus, data.status[i]!);
  const issues = validateSurvivalData(data, { maxCause: Math.max(maxStatus, cause, 1) });
  if (data.group === undefined)
    issues.push({
      code: "survival_group_missing",
      path: "group",
      message: "Gray's test needs a group column",
    });
  if (data.weights !== undefined)
    issues.push({
      code: "survival_weights_unsupported",
      path: "weights",
      message: "Gray's test takes unweighted rows",
    });
  if (data.entry !== undefined)
    issues.push({
      code: "survival_entry_unsupported",
      path: "entry",
      message: "Gray's test takes no delayed entry",
    });
  if (issues.length > 0) return fail(issues);
  const rho = options.rho ?? 0;
  const G = options.groupCount ?? codeCount(data.group);
  const S = options.stratumCount ?? codeCount(data.strata);
  const grid = timeGrid(data.time, undefined, false); // cmprsk compares times exactly
  const m = G - 1;
  const score = new Float64Array(m);
  const v = new Float64Array(m * m);
  for (let s = 0; s < S; s++) {
    const rows: number[] = [];
    for (const i of grid.order) if ((data.strata?.[i] ?? 0) === s) rows.push(i);
    if (rows.length === 0) continue;
    grayStratum(rows, grid.exitCode, data, cause, rho, G, score, v);
  }
  const variance = Array.from({ length: m }, (_, i) => Array.from(v.subarray(i * m, (i + 1) * m)));
  const stat = m > 0 ? quadraticFormInverse(variance, Array.from(score)).value : 0;
  return ok({
    cause,
    rho,
    score: Array.from(score),
    variance,
    stat,
    df: m,
    p: m > 0 ? chiSquareUpperTail(stat, m) : Number.NaN,
  });
}

/** Adds one stratum's score and variance (rows in ascending time). */
function grayStratum(
  rows: readonly number[],
  code: Int32Array,
  data: SurvivalData,
  cause: number,
  rho: number,
  G: number,
  score: Float64Array,
  vOut: Float64Array,
): void {
  const m = G - 1;
  const group = data.group!;
  const atRisk = new Float64Array(G);
  for (const i of rows) atRisk[group[i]!]!++;
  const survPrev = new Float64Array(G).fill(1); // all-cause KM per group, left limit
  const survNow = new Float64Array(G).fill(1);
  const cifPrev = new Float64Array(G); // cause-of-interest CIF per group, left limit
  const cifNow = new Float64Array(G);
  const d1 = new Float64Array(G);
  const d2 = new Float64Array(G);
  const exits = new Float64Array(G);
  const a = new Float64Array(G * G);
  const c = new Float64Array(G * G); // cumulative
  const v3 = new Float64Array(G);
  const v2 = new Float64Array(m * G);
  const v = new Float64Array(m * m);
  let fPooled = 0; // pooled F_1(t−)
  let k = 0;
  while (k < rows.length) {
    let end = k;
    while (end < rows.length && code[rows[end]!] === code[rows[k]!]) end++;
    d1.fill(0);
    d2.fill(0);
    exits.fill(0);
    for (let q = k; q < end; q++) {
      const i = rows[q]!;
      const g = group[i]!;
      const st = data.status[i]!;
      if (st === cause) d1[g]!++;
      else if (st > 0) d2[g]!++;
      exits[g]!++;
    }
    let n1 = 0;
    let n2 = 0;
    for (let g = 0; g < G; g++) {
      n1 += d1[g]!;
      n2 += d2[g]!;
    }
    if (n1 > 0 || n2 > 0) {
      let sumR = 0; // Σ n_k / S_k(t−)
      let sumQ = 0; // Σ n_k (1 − F_k(t−)) / S_k(t−)
      for (let g = 0; g < G; g++) {
        const n = atRisk[g]!;
        if (n <= 0) continue;
        survNow[g] = (survPrev[g]! * (n - d1[g]! - d2[g]!)) / n;
        cifNow[g] = cifPrev[g]! + (survPrev[g]! * d1[g]!) / n;
        sumR += n / survPrev[g]!;
        sumQ += (n * (1 - cifPrev[g]!)) / survPrev[g]!;
      }
      const fNow = fPooled + n1 / sumR;
      const w = (1 - fPooled) ** rho;
      a.fill(0);
      for (let i = 0; i < G; i++) {
        if (atRisk[i]! <= 0) continue;
        const ri = atRisk[i]! / survPrev[i]!;
        a[i * G + i] = w * ri * (1 - ri / sumR);
        for (let j = i + 1; j < G; j++) {
          if (atRisk[j]! <= 0) continue;
          a[i * G + j] = (-w * ri * atRisk[j]!) / (survPrev[j]! * sumR);
        }
      }
      for (let i = 0; i < G; i++) {
        for (let j = i + 1; j < G; j++) a[j * G + i] = a[i * G + j]!;
      }
      const cStep = n1 / (sumR * (1 - fPooled));
      for (let i = 0; i < G; i++) {
        for (let j = i; j < G; j++) {
          if (atRisk[i]! <= 0 || atRisk[j]! <= 0) continue;
          c[i * G + j]! += a[i * G + j]! * cStep;
          if (j !== i) c[j * G + i] = c[i * G + j]!;
        }
      }
      for (let i = 0; i < m; i++) {
        if (atRisk[i]! <= 0) continue;
        score[i]! += w * (d1[i]! - (n1 * atRisk[i]! * (1 - cifPrev[i]!)) / (survPrev[i]! * sumQ));
      }
      if (n1 > 0) {
        for (let g = 0; g < G; g++) {
          if (atRisk[g]! <= 0) continue;
          const t4 = survNow[g]! > 0 ? 1 - (1 - fNow) / survNow[g]! : 1;
          const tie = n1 > 1 ? 1 - (n1 - 1) / (sumR * survPrev[g]! - 1) : 1;
          const t3 = (tie * survPrev[g]! * n1) / (sumR * atRisk[g]!);
          v3[g]! += t4 * t4 * t3;
          for (let i = 0; i < m; i++) {
            const t1 = a[i * G + g]! - t4 * c[i * G + g]!;
            v2[i * G + g]! += t1 * t4 * t3;
            for (let j = 0; j <= i; j++) v[i * m + j]! += t1 * (a[j * G + g]! - t4 * c[j * G + g]!) * t3;
          }
        }
      }
      if (n2 > 0) {
        for (let g = 0; g < G; g++) {
          if (survNow[g]! <= 0 || d2[g]! <= 0) continue;
          const t4 = (1 - fNow) / survNow[g]!;
          const tie = d2[g]! > 1 ? 1 - (d2[g]! - 1) / (atRisk[g]! - 1) : 1;
          const t3 = (tie * survPrev[g]! ** 2 * d2[g]!) / atRisk[g]! ** 2;
          v3[g]! += t4 * t4 * t3;
          for (let i = 0; i < m; i++) {
            const t1 = t4 * c[i * G + g]!;
            v2[i * G + g]! -= t1 * t4 * t3;
            for (let j = 0; j <= i; j++) v[i * m + j]! += t1 * t4 * c[j * G + g]! * t3;
          }
        }
      }
      fPooled = fNow;
      survPrev.set(survNow);
      cifPrev.set(cifNow);
    }
    for (let g = 0; g < G; g++) atRisk[g]! -= exits[g]!;
    k = end;
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let x = v[i * m + j]!;
      for (let g = 0; g < G; g++) {
        x += c[i * G + g]! * c[j * G + g]! * v3[g]!;
        x += c[i * G + g]! * v2[j * G + g]! + c[j * G + g]! * v2[i * G + g]!;
      }
      vOut[i * m + j]! += x;
      if (j !== i) vOut[j * m + i]! += x;
    }
  }
}
