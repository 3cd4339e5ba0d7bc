/**
 * Shapes shared by the survival estimators (Kaplan–Meier, log-rank, cumulative incidence, RMST):
 * columns in, typed arrays out. Issues have the same shape as core's Issue (stats imports nothing
 * outside itself), so results pass through the other layers unchanged.
 */

export type StatsIssue = { readonly code: string; readonly path: string; readonly message: string };

/** Every issue, not only the first (the project's Result shape). */
export type StatsResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly StatsIssue[] };

/** Right-censored (optionally left-truncated, weighted, grouped, stratified) survival data, n rows. */
export type SurvivalData = {
  /** exit time of each row: event or censoring, finite */
  readonly time: Float64Array;
  /** 1 = event, 0 = censored (competing risks: 0 = censored, k = cause k, 1 ≤ k ≤ K) */
  readonly status: Uint8Array | Int32Array;
  /** delayed entry (left truncation): the row is at risk on (entry, time]; absent = from −∞ */
  readonly entry?: Float64Array;
  /** case weights, finite and ≥ 0; absent = 1 */
  readonly weights?: Float64Array;
  /** group code per row, 0 … groupCount − 1 (curves and log-rank compare groups) */
  readonly group?: Int32Array;
  /** stratum code per row, 0 … stratumCount − 1 */
  readonly strata?: Int32Array;
};

export type ConfType = "plain" | "log" | "log-log";

export const CONF_TYPES: readonly ConfType[] = ["plain", "log", "log-log"];

export const ok = <T>(value: T): StatsResult<T> => ({ ok: true, value });
export const fail = <T = never>(issues: readonly StatsIssue[]): StatsResult<T> => ({ ok: false, issues });
