/**
 * Harrell's concordance for survival data with its infinitesimal-jackknife standard error, as R
 * survival's concordance() / concordancefit() (Therneau & Watson 2017, "The concordance
 * statistic and the Cox model"; R survival 3.5-3 concordance3.c):
 * - a pair is comparable when the earlier time is an event; a censored row at the same time as an
 *   event counts as the longer one; two events at the same time are "tied on y" (not comparable),
 *   split into tied_xy when their predictors are equal too;
 * - within strata only; counts and the per-row influence are weighted by the case weights;
 * - C = (concordant + tied_x/2)/(concordant + discordant + tied_x);
 * - var(C) = Σ_clusters (Σ_i∈c dfbeta_i)² / 4 with
 *   dfbeta_i = w_i [(conc_i − disc_i)/N − (S/N)(conc_i + disc_i + tiedx_i)], N the comparable pairs
 *   and S = (concordant − discordant)/N (Somers' d).
 * With `reverse` (the Cox model: a larger risk score predicts a shorter time), concordant and
 * discordant swap.
 *
 * Algorithm (O(n log T), T distinct times): rows are visited in increasing predictor order, equal
 * predictors as one group, while two Fenwick trees over the stratum's time ranks hold the rows
 * already visited (smaller predictor): tree A all rows at position 2·rank (+1 if censored), tree B
 * the events at their rank. For an event at rank t the comparable rows are A-positions > 2t; for
 * a row at rank t the comparable events are B-ranks < t (≤ t if the row is censored). Querying
 * before and after inserting a group splits its comparable partners into smaller / equal /
 * larger predictor. The trees have 2T and T entries, so they stay in cache.
 */
import type { CoxConcordance } from "./cox-types.ts";
import { argsortFloat64 } from "./radix-argsort.ts";

export type ConcordanceInput = {
  /** rows sorted by stratum, then time ascending */
  readonly timeRank: Int32Array;
  readonly status: Uint8Array;
  readonly stratumStart: Int32Array;
  readonly predictor: Float64Array;
  readonly weights?: Float64Array | undefined;
  /** cluster index per sorted row (0 … nClusters−1) for a clustered variance */
  readonly cluster?: Int32Array | undefined;
  readonly nClusters?: number;
  /** true: a larger predictor means a shorter time (R's reverse = TRUE, used for Cox models) */
  readonly reverse: boolean;
};

/** Fenwick prefix sum of tree[1..pos+1] (positions are 0-based). */
function prefix(tree: Float64Array, pos: number): number {
  let s = 0;
  for (let i = pos + 1; i > 0; i -= i & -i) s += tree[i]!;
  return s;
}

function add(tree: Float64Array, size: number, pos: number, w: number): void {
  for (let i = pos + 1; i <= size; i += i & -i) tree[i]! += w;
}

export function concordance(input: ConcordanceInput): CoxConcordance {
  const { timeRank, status, stratumStart, predictor, weights, reverse } = input;
  const n = timeRank.length;
  // Per row, in predictor order within each stratum ("position"): its weight, cluster, and its
  // influence (pre-reverse sense: "concordant" = the larger predictor has the longer time).
  const posWeight = new Float64Array(n);
  const posCluster = input.cluster === undefined ? undefined : new Int32Array(n);
  const infConc = new Float64Array(n);
  const infDisc = new Float64Array(n);
  const infTied = new Float64Array(n);
  let conc = 0;
  let disc = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;

  /** per row: 2 · (time rank within the stratum) + (1 if event) */
  const localRank = new Int32Array(n);
  const posRank = new Int32Array(n);
  const posEvent = new Uint8Array(n);
  const posPred = new Float64Array(n);
  const beforeA = new Float64Array(n);
  const beforeB = new Float64Array(n);
  const w = (i: number): number => (weights === undefined ? 1 : weights[i]!);

  for (let s = 0; s + 1 < stratumStart.length; s++) {
    const start = stratumStart[s]!;
    const end = stratumStart[s + 1]!;
    // local time ranks; events at the same time: tied on y
    let T = 0;
    let blockW = 0;
    let blockW2 = 0;
    for (let i = start; i < end; i++) {
      if (i > start && timeRank[i] !== timeRank[i - 1]) {
        tiedY += (blockW * blockW - blockW2) / 2;
        blockW = 0;
        blockW2 = 0;
        T++;
      }
      localRank[i] = 2 * T + (status[i] === 1 ? 1 : 0);
      if (status[i] === 1) {
        blockW += w(i);
        blockW2 += w(i) * w(i);
      }
    }
    tiedY += (blockW * blockW - blockW2) / 2;
    T++;
    // cumulative weights: all rows by A-position, events by rank
    const sizeA = 2 * T;
    const cumA = new Float64Array(sizeA + 1);
    const cumB = new Float64Array(T + 1);
    for (let i = start; i < end; i++) {
      const t = localRank[i]! >>> 1;
      const pos = 2 * t + (status[i] === 1 ? 0 : 1);
      cumA[pos + 1]! += w(i);
      if (status[i] === 1) cumB[t + 1]! += w(i);
    }
    for (let k = 0; k < sizeA; k++) cumA[k + 1]! += cumA[k]!;
    for (let k = 0; k < T; k++) cumB[k + 1]! += cumB[k]!;
    const totalA = cumA[sizeA]!;

    // rows in increasing predictor order, their fields gathered once (sequential loops below);
    // the sort writes the sorted predictors, and rank and status share one word (fewer random reads)
    const order = argsortFloat64(predictor, start, end, posPred.subarray(start, end));
    for (let k = 0; k < order.length; k++) {
      const i = start + order[k]!;
      const q = start + k;
      const code = localRank[i]!;
      posRank[q] = code >>> 1;
      posEvent[q] = code & 1;
      posWeight[q] = weights === undefined ? 1 : weights[i]!;
      if (posCluster !== undefined) posCluster[q] = input.cluster![i]!;
    }

    const treeA = new Float64Array(sizeA + 1);
    const treeB = new Float64Array(T + 1);
    const tiedAt = new Float64Array(T);
    let insertedA = 0;
    let g = start;
    while (g < end) {
      let gEnd = g + 1;
      while (gEnd < end && posPred[gEnd] === posPred[g]) gEnd++;
      const single = gEnd - g === 1;
      // partners with a smaller predictor: query before inserting the group
      for (let k = g; k < gEnd; k++) {
        const t = posRank[k]!;
        const b = posEvent[k] === 1 ? t - 1 : t;
        beforeB[k] = b >= 0 ? prefix(treeB, b) : 0;
        if (posEvent[k] === 1) beforeA[k] = insertedA - prefix(treeA, 2 * t);
      }
      for (let k = g; k < gEnd; k++) {
        const t = posRank[k]!;
        add(treeA, sizeA, 2 * t + (posEvent[k] === 1 ? 0 : 1), posWeight[k]!);
        insertedA += posWeight[k]!;
        if (posEvent[k] === 1) add(treeB, T, t, posWeight[k]!);
      }
      // after inserting: the difference is the partners with an equal predictor
      for (let k = g; k < gEnd; k++) {
        const t = posRank[k]!;
        const b = posEvent[k] === 1 ? t - 1 : t;
        // row k as the longer one, against earlier events: a smaller predictor at the event is
        // concordant (pre-reverse), an equal one tied on x, a larger one discordant
        const lessB = beforeB[k]!;
        const upToB = single || b < 0 ? lessB : prefix(treeB, b);
        const allB = b >= 0 ? cumB[b + 1]! : 0;
        infConc[k]! += lessB;
        infTied[k]! += upToB - lessB;
        infDisc[k]! += allB - upToB;
        if (posEvent[k] !== 1) continue;
        // event k against the longer rows: a larger predictor there is concordant (pre-reverse)
        const lessA = beforeA[k]!;
        const upToA = single ? lessA : insertedA - prefix(treeA, 2 * t);
        const allA = totalA - cumA[2 * t + 1]!;
        const wk = posWeight[k]!;
        infDisc[k]! += lessA;
        infTied[k]! += upToA - lessA;
        infConc[k]! += allA - upToA;
        disc += wk * lessA;
        tiedX += wk * (upToA - lessA);
        conc += wk * (allA - upToA);
      }
      if (!single) {
        // events of this group at the same time: tied on x and y
        for (let k = g; k < gEnd; k++) {
          if (posEvent[k] !== 1) continue;
          tiedXY += posWeight[k]! * tiedAt[posRank[k]!]!;
          tiedAt[posRank[k]!]! += posWeight[k]!;
        }
        for (let k = g; k < gEnd; k++) tiedAt[posRank[k]!] = 0;
      }
      g = gEnd;
    }
  }
  tiedY -= tiedXY;

  const npair = conc + disc + tiedX;
  const somers = (conc - disc) / npair;
  let varSomers = 0;
  const dfbetaOf = (k: number): number =>
    posWeight[k]! *
    ((infConc[k]! - infDisc[k]!) / npair - (somers / npair) * (infConc[k]! + infDisc[k]! + infTied[k]!));
  if (posCluster === undefined) {
    for (let k = 0; k < n; k++) varSomers += dfbetaOf(k) ** 2;
  } else {
    const dfbeta = new Float64Array(input.nClusters ?? 0);
    for (let k = 0; k < n; k++) dfbeta[posCluster[k]!]! += dfbetaOf(k);
    for (let c = 0; c < dfbeta.length; c++) varSomers += dfbeta[c]! * dfbeta[c]!;
  }
  const c = (somers + 1) / 2;
  return {
    c: reverse ? 1 - c : c,
    se: Math.sqrt(varSomers / 4),
    concordant: reverse ? disc : conc,
    discordant: reverse ? conc : disc,
    tiedX,
    tiedY,
    tiedXY,
  };
}
