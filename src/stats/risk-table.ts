/**
 * Risk-set table: for each stratum, the distinct times and, per group, the (weighted) number at
 * risk, events and censorings at each time. It is the sufficient statistic of Kaplan–Meier curves
 * and log-rank tests, and the summary a site can share instead of patient rows
 * (see site-summaries.ts).
 *
 * At time t a row is at risk when entry < t ≤ time (right censoring: entry = −∞), so a row censored
 * at t is still at risk at t, and a row entering at t is not yet.
 */

import { codeCount } from "./survival-input.ts";
import type { SurvivalData } from "./survival-types.ts";
import { timeGrid } from "./time-grid.ts";

/** One stratum: T times; per-group arrays are group-major (index g·T + j). */
export type RiskTableStratum = {
  readonly times: Float64Array;
  readonly nRisk: Float64Array;
  readonly nEvent: Float64Array;
  readonly nCensor: Float64Array;
  /** rows (unweighted) per group in this stratum */
  readonly nRows: Float64Array;
};

export type RiskTable = {
  readonly groupCount: number;
  /** one entry per stratum code 0 … S − 1 (a stratum without rows has no times) */
  readonly strata: readonly RiskTableStratum[];
  /**
   * true: the times include entry-only times (rows with no event or censoring), so the number at
   * risk is exact between listed times; needed to pool tables of data with delayed entry.
   */
  readonly withEntryTimes: boolean;
};

export type RiskTableOptions = {
  /** merge near-equal times as R's aeqSurv (default true) */
  readonly timefix?: boolean;
  /** keep times where rows only enter (default false: exit times only, as R's survfit) */
  readonly withEntryTimes?: boolean;
  /** number of groups (default 1 + the largest group code) */
  readonly groupCount?: number;
  /** number of strata (default 1 + the largest stratum code) */
  readonly stratumCount?: number;
};

/** Builds the table from validated rows in O(n + Σ strata·times·groups). */
export function buildRiskTable(data: SurvivalData, options: RiskTableOptions = {}): RiskTable {
  const { time, status, entry, weights, group, strata } = data;
  const n = time.length;
  const G = options.groupCount ?? codeCount(group);
  const S = options.stratumCount ?? codeCount(strata);
  const grid = timeGrid(time, entry, options.timefix ?? true);
  const T = grid.times.length;
  const { exitCode, entryCode } = grid;
  if (entryCode === undefined && weights === undefined && (strata === undefined || S === 1))
    return singleStratumTable(grid.times, exitCode, status, group, G, S);

  // rows grouped by stratum, each stratum in ascending exit time (counting sort keeps time order)
  let rows = grid.order;
  const start = new Int32Array(S + 1);
  if (strata !== undefined && S > 1) {
    for (let i = 0; i < n; i++) start[strata[i]! + 1]!++;
    for (let s = 0; s < S; s++) start[s + 1]! += start[s]!;
    const fill = start.slice(0, S);
    const byStratum = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = rows[k]!;
      byStratum[fill[strata[i]!]!++] = i;
    }
    rows = byStratum;
  } else {
    start[S] = n;
    for (let s = 1; s < S; s++) start[s] = n; // strata 1 … S − 1 empty
  }

  const local = new Int32Array(T).fill(-1);
  const out: RiskTableStratum[] = [];
  for (let s = 0; s < S; s++) {
    const a = start[s]!;
    const b = start[s + 1]!;
    // the stratum's times: its exit codes, plus its entry codes (entries must land on the grid)
    let codes: Int32Array;
    if (entryCode === undefined) {
      // rows are in exit order: distinct codes come out sorted
      let count = 0;
      let last = -1;
      for (let k = a; k < b; k++) {
        const c = exitCode[rows[k]!]!;
        if (c !== last) {
          count++;
          last = c;
        }
      }
      codes = new Int32Array(count);
      count = 0;
      last = -1;
      for (let k = a; k < b; k++) {
        const c = exitCode[rows[k]!]!;
        if (c !== last) {
          codes[count++] = c;
          last = c;
        }
      }
    } else {
      const seen: number[] = [];
      for (let k = a; k < b; k++) {
        const i = rows[k]!;
        for (const c of [exitCode[i]!, entryCode[i]!]) {
          if (local[c] !== -2) {
            local[c] = -2;
            seen.push(c);
          }
        }
      }
      codes = Int32Array.from(seen).sort();
    }
    const Ts = codes.length;
    for (let j = 0; j < Ts; j++) local[codes[j]!] = j;
    const nEvent = new Float64Array(G * Ts);
    const nCensor = new Float64Array(G * Ts);
    const nEnter = entryCode === undefined ? undefined : new Float64Array(G * Ts);
    const nRows = new Float64Array(G);
    for (let k = a; k < b; k++) {
      const i = rows[k]!;
      const g = group === undefined ? 0 : group[i]!;
      const w = weights === undefined ? 1 : weights[i]!;
      const at = g * Ts + local[exitCode[i]!]!;
      if (status[i]! > 0) nEvent[at]! += w;
      else nCensor[at]! += w;
      if (nEnter !== undefined) nEnter[g * Ts + local[entryCode![i]!]!]! += w;
      nRows[g]!++;
    }
    // at risk at t_j: (weight of exits at ≥ t_j) − (weight of entries at ≥ t_j)
    const nRisk = new Float64Array(G * Ts);
    for (let g = 0; g < G; g++) {
      let exits = 0;
      let enters = 0;
      for (let j = Ts - 1; j >= 0; j--) {
        const at = g * Ts + j;
        exits += nEvent[at]! + nCensor[at]!;
        if (nEnter !== undefined) enters += nEnter[at]!;
        nRisk[at] = exits - enters;
      }
    }
    for (let j = 0; j < Ts; j++) local[codes[j]!] = -1;
    const times = new Float64Array(Ts);
    for (let j = 0; j < Ts; j++) times[j] = grid.times[codes[j]!]!;
    const stratum = { times, nRisk, nEvent, nCensor, nRows };
    out.push(
      entryCode !== undefined && options.withEntryTimes !== true ? dropEntryOnlyTimes(stratum, G) : stratum,
    );
  }
  return {
    groupCount: G,
    strata: out,
    withEntryTimes: entryCode !== undefined && options.withEntryTimes === true,
  };
}

/**
 * The common case (no delayed entry, no weights, one stratum) in one pass over the rows in input
 * order: every grid time is some row's exit time, so the stratum's times are the grid's. Counts of
 * whole rows are exact in any order, so this equals the general path.
 */
function singleStratumTable(
  times: Float64Array,
  exitCode: Int32Array,
  status: Uint8Array | Int32Array,
  group: Int32Array | undefined,
  G: number,
  S: number,
): RiskTable {
  const n = exitCode.length;
  const T = times.length;
  const nEvent = new Float64Array(G * T);
  const nCensor = new Float64Array(G * T);
  const nRows = new Float64Array(G);
  for (let i = 0; i < n; i++) {
    const g = group === undefined ? 0 : group[i]!;
    const at = g * T + exitCode[i]!;
    if (status[i]! > 0) nEvent[at]!++;
    else nCensor[at]!++;
    nRows[g]!++;
  }
  const nRisk = new Float64Array(G * T);
  for (let g = 0; g < G; g++) {
    let exits = 0;
    for (let j = T - 1; j >= 0; j--) {
      const at = g * T + j;
      exits += nEvent[at]! + nCensor[at]!;
      nRisk[at] = exits;
    }
  }
  const empty = (): RiskTableStratum => ({
    times: new Float64Array(0),
    nRisk: new Float64Array(0),
    nEvent: new Float64Array(0),
    nCensor: new Float64Array(0),
    nRows: new Float64Array(G),
  });
  const strata: RiskTableStratum[] = [{ times: times.slice(), nRisk, nEvent, nCensor, nRows }];
  for (let s = 1; s < S; s++) strata.push(empty());
  return { groupCount: G, strata, withEntryTimes: false };
}

/** Keeps the times where some group has an event or a censoring. */
function dropEntryOnlyTimes(s: RiskTableStratum, G: number): RiskTableStratum {
  const T = s.times.length;
  const keep: number[] = [];
  for (let j = 0; j < T; j++) {
    let exits = 0;
    for (let g = 0; g < G; g++) exits += s.nEvent[g * T + j]! + s.nCensor[g * T + j]!;
    if (exits > 0) keep.push(j);
  }
  const K = keep.length;
  const pick = (a: Float64Array): Float64Array => {
    const b = new Float64Array(G * K);
    for (let g = 0; g < G; g++) for (let k = 0; k < K; k++) b[g * K + k] = a[g * T + keep[k]!]!;
    return b;
  };
  return {
    times: Float64Array.from(keep, (j) => s.times[j]!),
    nRisk: pick(s.nRisk),
    nEvent: pick(s.nEvent),
    nCensor: pick(s.nCensor),
    nRows: s.nRows,
  };
}
