/**
 * Distinct times of a data set and the code (index into them) of every row's exit and entry time.
 * With `timefix` (default, as R survival ≥ 2.39 via aeqSurv), distinct values closer than
 * sqrt(machine eps) in absolute or relative terms (relative to the mean |value|) are merged into the
 * first value of their run, so 0.1 + 0.2 and 0.3 are one time, as in R.
 */
import { orderByRank, rankDistinct } from "./sort-order.ts";

/** R's aeqSurv tolerance: sqrt(.Machine$double.eps) */
export const TIMEFIX_TOLERANCE = Math.sqrt(2 ** -52);

export type TimeGrid = {
  /** distinct (merged) times, ascending */
  readonly times: Float64Array;
  /** per row: index in `times` of its exit time */
  readonly exitCode: Int32Array;
  /** per row: index in `times` of its entry time (present when entry times were given) */
  readonly entryCode?: Int32Array;
  /** rows in ascending exit time (stable) */
  readonly order: Int32Array;
};

/** Codes exit (and entry) times on one grid of distinct values. */
export function timeGrid(time: Float64Array, entry?: Float64Array, timefix = true): TimeGrid {
  const n = time.length;
  let keys = time;
  if (entry !== undefined) {
    keys = new Float64Array(2 * n);
    keys.set(time, 0);
    keys.set(entry, n);
  }
  // distinct values in ascending order, and each key's index among them
  const { values: distinct, rank } = rankDistinct(keys);
  const nDistinct = distinct.length;
  // merge runs of near-equal values (aeqSurv): groupOf[d] = merged index of distinct value d
  const groupOf = new Int32Array(nDistinct);
  const merged = new Float64Array(nDistinct);
  let nGroups = 0;
  if (nDistinct > 0) {
    let meanAbs = 0;
    let finite = 0;
    for (let d = 0; d < nDistinct; d++) {
      if (Number.isFinite(distinct[d]!)) {
        meanAbs += Math.abs(distinct[d]!);
        finite++;
      }
    }
    meanAbs /= finite;
    merged[0] = distinct[0]!;
    nGroups = 1;
    for (let d = 1; d < nDistinct; d++) {
      const dy = distinct[d]! - distinct[d - 1]!;
      const tied = timefix && (dy <= TIMEFIX_TOLERANCE || dy / meanAbs <= TIMEFIX_TOLERANCE);
      if (!tied) merged[nGroups++] = distinct[d]!;
      groupOf[d] = nGroups - 1;
    }
  }
  const exitCode = new Int32Array(n);
  for (let i = 0; i < n; i++) exitCode[i] = groupOf[rank[i]!]!;
  let entryCode: Int32Array | undefined;
  if (entry !== undefined) {
    entryCode = new Int32Array(n);
    for (let i = 0; i < n; i++) entryCode[i] = groupOf[rank[n + i]!]!;
  }
  // rows in ascending exit value (stable), built on first use: many callers never need it
  let order: Int32Array | undefined;
  return {
    times: merged.slice(0, nGroups),
    exitCode,
    ...(entryCode !== undefined ? { entryCode } : {}),
    get order(): Int32Array {
      order ??= orderByRank(entry === undefined ? rank : rank.subarray(0, n), nDistinct);
      return order;
    },
  };
}
