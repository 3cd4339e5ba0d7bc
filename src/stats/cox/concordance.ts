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
 * discordant swap. Counts use two Fenwick trees over the ranks of the predictor: O(n log n).
 */
import type { CoxConcordance } from "./cox-types.ts";

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

/** Fenwick tree of weights over ranks 0..m−1, with the weight at each rank kept apart. */
class RankTree {
  readonly tree: Float64Array;
  readonly node: Float64Array;
  total = 0;
  constructor(readonly m: number) {
    this.tree = new Float64Array(m + 1);
    this.node = new Float64Array(m);
  }
  reset(m: number): void {
    this.tree.fill(0, 0, m + 1);
    this.node.fill(0, 0, m);
    this.total = 0;
  }
  add(rank: number, w: number, m: number): void {
    this.node[rank]! += w;
    this.total += w;
    for (let i = rank + 1; i <= m; i += i & -i) this.tree[i]! += w;
  }
  /** weight at ranks < rank */
  below(rank: number): number {
    let s = 0;
    for (let i = rank; i > 0; i -= i & -i) s += this.tree[i]!;
    return s;
  }
}

export function concordance(input: ConcordanceInput): CoxConcordance {
  const { timeRank, status, stratumStart, predictor, weights, reverse } = input;
  const n = timeRank.length;
  // influence per row: pairs the row is concordant / discordant / tied on x in (pre-reverse sense:
  // "concordant" = the larger predictor has the longer time)
  const infConc = new Float64Array(n);
  const infDisc = new Float64Array(n);
  const infTied = new Float64Array(n);
  let conc = 0;
  let disc = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;

  const rank = new Int32Array(n);
  let maxStratum = 0;
  for (let s = 0; s + 1 < stratumStart.length; s++) {
    maxStratum = Math.max(maxStratum, stratumStart[s + 1]! - stratumStart[s]!);
  }
  const all = new RankTree(maxStratum);
  const dead = new RankTree(maxStratum);
  const blockRanks = new Int32Array(maxStratum);
  const blockWeights = new Float64Array(maxStratum);
  const w = (i: number): number => (weights === undefined ? 1 : weights[i]!);

  for (let s = 0; s + 1 < stratumStart.length; s++) {
    const start = stratumStart[s]!;
    const end = stratumStart[s + 1]!;
    if (end === start) continue;
    // ranks of the predictor within the stratum
    const distinct = predictor.slice(start, end).sort();
    let m = 0;
    for (let i = 0; i < distinct.length; i++)
      if (i === 0 || distinct[i] !== distinct[m - 1]) distinct[m++] = distinct[i]!;
    for (let i = start; i < end; i++) {
      const v = predictor[i]!;
      let lo = 0;
      let hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (distinct[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      rank[i] = lo;
    }
    all.reset(m);
    dead.reset(m);

    let i = end - 1;
    while (i >= start) {
      const t = timeRank[i]!;
      let first = i;
      while (first - 1 >= start && timeRank[first - 1] === t) first--;
      // censored rows join the risk tree first; remember the events already seen
      for (let j = first; j <= i; j++) {
        if (status[j] !== 0) continue;
        const r = rank[j]!;
        const less = dead.below(r);
        const equal = dead.node[r]!;
        infConc[j]! -= less;
        infDisc[j]! -= dead.total - less - equal;
        infTied[j]! -= equal;
        all.add(r, w(j), m);
      }
      // events: compare with every longer (or censored-at-t) row
      let nb = 0;
      for (let j = first; j <= i; j++) {
        if (status[j] !== 1) continue;
        const r = rank[j]!;
        const less = all.below(r);
        const equal = all.node[r]!;
        const greater = all.total - less - equal;
        const wj = w(j);
        conc += wj * greater;
        disc += wj * less;
        tiedX += wj * equal;
        infConc[j]! += greater;
        infDisc[j]! += less;
        infTied[j]! += equal;
        blockRanks[nb] = r;
        blockWeights[nb] = wj;
        nb++;
      }
      if (nb > 0) {
        // pairs of events at this time: tied on y, and on x too when the ranks agree
        let sumW = 0;
        let sumW2 = 0;
        for (let k = 0; k < nb; k++) {
          sumW += blockWeights[k]!;
          sumW2 += blockWeights[k]! * blockWeights[k]!;
        }
        tiedY += (sumW * sumW - sumW2) / 2;
        if (nb > 1) {
          const byRank = new Map<number, [number, number]>();
          for (let k = 0; k < nb; k++) {
            const g = byRank.get(blockRanks[k]!) ?? [0, 0];
            g[0] += blockWeights[k]!;
            g[1] += blockWeights[k]! * blockWeights[k]!;
            byRank.set(blockRanks[k]!, g);
          }
          for (const [gw, gw2] of byRank.values()) tiedXY += (gw * gw - gw2) / 2;
        }
        for (let j = first; j <= i; j++) if (status[j] === 1) dead.add(rank[j]!, w(j), m);
        for (let j = first; j <= i; j++) {
          if (status[j] !== 1) continue;
          const r = rank[j]!;
          const less = dead.below(r);
          const equal = dead.node[r]!;
          infConc[j]! -= less;
          infDisc[j]! -= dead.total - less - equal;
          infTied[j]! -= equal;
          all.add(r, w(j), m);
        }
      }
      i = first - 1;
    }
    // events at earlier times than each row: with the row as the longer one, a smaller
    // predictor at the event is concordant
    for (let j = start; j < end; j++) {
      const r = rank[j]!;
      const less = dead.below(r);
      const equal = dead.node[r]!;
      infConc[j]! += less;
      infDisc[j]! += dead.total - less - equal;
      infTied[j]! += equal;
    }
  }
  tiedY -= tiedXY;

  const npair = conc + disc + tiedX;
  const somers = (conc - disc) / npair;
  const nClusters = input.cluster === undefined ? n : (input.nClusters ?? 0);
  const dfbeta = new Float64Array(nClusters);
  for (let j = 0; j < n; j++) {
    const d =
      w(j) *
      ((infConc[j]! - infDisc[j]!) / npair - (somers / npair) * (infConc[j]! + infDisc[j]! + infTied[j]!));
    dfbeta[input.cluster === undefined ? j : input.cluster[j]!]! += d;
  }
  let varSomers = 0;
  for (let c = 0; c < nClusters; c++) varSomers += dfbeta[c]! * dfbeta[c]!;
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
