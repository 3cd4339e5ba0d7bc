/**
 * Log-rank test and the G-rho family (Harrington & Fleming 1982) for k groups, optionally
 * stratified, as R survival 3.5-3's survdiff():
 *   weight at t_j:   w_j = S(t_j−)^ρ, S the Kaplan–Meier of all groups pooled within the stratum
 *                    (ρ = 0: log-rank; ρ = 1: Peto & Peto's modification of the Gehan–Wilcoxon test)
 *   O_g = Σ w_j d_gj,  E_g = Σ w_j d_j n_gj / n_j
 *   V_gh = Σ w_j² d_j (n_j − d_j)/(n_j − 1) · (n_gj/n_j)(δ_gh − n_hj/n_j)   (hypergeometric, n_j > 1)
 *   χ² = (O − E)ᵀ V⁻ (O − E) over the groups with E > 0 less the first; df = (groups with E > 0) − 1
 * Strata: O, E and V are summed over strata. Works from rows or from a risk-set table (pooled or
 * per-site summaries, see site-summaries.ts).
 */
import { chiSquareUpperTail } from "./distributions.ts";
import { buildRiskTable, type RiskTable } from "./risk-table.ts";
import { quadraticFormInverse } from "./small-linear-solve.ts";
import { codeCount, validateSurvivalData } from "./survival-input.ts";
import { fail, ok, type StatsResult, type SurvivalData } from "./survival-types.ts";

export type LogRankOptions = {
  /** G-rho exponent (default 0, the log-rank test) */
  readonly rho?: number;
  /** merge near-equal times as R's aeqSurv (default true) */
  readonly timefix?: boolean;
  readonly groupCount?: number;
  readonly stratumCount?: number;
};

export type LogRankTest = {
  readonly rho: number;
  /** rows per group (all strata) */
  readonly n: readonly number[];
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  /** groups × groups */
  readonly variance: readonly (readonly number[])[];
  readonly chisq: number;
  readonly df: number;
  readonly p: number;
};

/** Log-rank (G-rho) test from rows; `group` is required, `strata` optional. */
export function logRank(data: SurvivalData, options: LogRankOptions = {}): StatsResult<LogRankTest> {
  const issues = validateSurvivalData(data);
  if (data.group === undefined)
    issues.push({
      code: "survival_group_missing",
      path: "group",
      message: "the log-rank test needs a group column",
    });
  if (issues.length > 0) return fail(issues);
  const table = buildRiskTable(data, {
    groupCount: options.groupCount ?? codeCount(data.group),
    stratumCount: options.stratumCount ?? codeCount(data.strata),
    ...(options.timefix !== undefined ? { timefix: options.timefix } : {}),
  });
  return ok(logRankFromTable(table, options.rho ?? 0));
}

/** Log-rank (G-rho) test from a risk-set table; each stratum of the table is a stratum of the test. */
export function logRankFromTable(table: RiskTable, rho = 0): LogRankTest {
  const G = table.groupCount;
  const observed = new Float64Array(G);
  const expected = new Float64Array(G);
  const v = new Float64Array(G * G);
  const nRows = new Float64Array(G);
  const nj = new Float64Array(G);
  for (const st of table.strata) {
    const T = st.times.length;
    for (let g = 0; g < G; g++) nRows[g]! += st.nRows[g]!;
    let km = 1; // pooled Kaplan–Meier just before t_j
    for (let j = 0; j < T; j++) {
      let n = 0;
      let d = 0;
      for (let g = 0; g < G; g++) {
        nj[g] = st.nRisk[g * T + j]!;
        n += nj[g]!;
        d += st.nEvent[g * T + j]!;
      }
      if (d === 0 || n <= 0) continue;
      const w = rho === 0 ? 1 : km ** rho;
      for (let g = 0; g < G; g++) {
        observed[g]! += w * st.nEvent[g * T + j]!;
        expected[g]! += (w * d * nj[g]!) / n;
      }
      if (n > 1) {
        const factor = (w * w * d * (n - d)) / (n - 1);
        for (let g = 0; g < G; g++) {
          const pg = nj[g]! / n;
          for (let h = 0; h < G; h++) v[g * G + h]! += factor * pg * ((g === h ? 1 : 0) - nj[h]! / n);
        }
      }
      km *= 1 - d / n;
    }
  }
  const variance = Array.from({ length: G }, (_, g) => Array.from(v.subarray(g * G, (g + 1) * G)));
  const used: number[] = [];
  for (let g = 0; g < G; g++) if (expected[g]! > 0) used.push(g);
  let chisq = 0;
  if (used.length >= 2) {
    const keep = used.slice(1);
    const diff = keep.map((g) => observed[g]! - expected[g]!);
    const sub = keep.map((g) => keep.map((h) => variance[g]![h]!));
    chisq = quadraticFormInverse(sub, diff).value;
  }
  const df = Math.max(used.length - 1, 0);
  return {
    rho,
    n: Array.from(nRows),
    observed: Array.from(observed),
    expected: Array.from(expected),
    variance,
    chisq,
    df,
    p: df > 0 ? chiSquareUpperTail(chisq, df) : Number.NaN,
  };
}
