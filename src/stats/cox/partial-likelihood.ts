/**
 * Log partial likelihood of the Cox model with its score vector and information matrix, in one
 * backward pass over the rows sorted by (stratum, time): the risk-set sums
 *   S0 = Σ r_j,  S1 = Σ r_j x_j,  S2 = Σ r_j x_j x_jᵀ   (r_j = w_j exp(x_jᵀβ + offset_j))
 * grow as time decreases. At a time with d tied events (weights w_i, risk sums D0, A0, C0 of the
 * rows at risk excluding those events, and D, A, C of the events themselves):
 *   Breslow:  ℓ −= W log S0,  U −= W S1/S0,  I += W (S2/S0 − S1 S1ᵀ/S0²)  with S = (D0+D, A0+A, C0+C)
 *   Efron:    the same averaged over k = 1..d with the events' share f_k = k/d in the sums:
 *             S0_k = D0 + f_k D, S1_k = A0 + f_k A, S2_k = C0 + f_k C, each term weighted W/d
 * (Efron 1977, JASA 72:557; Therneau & Grambsch 2000, §3.3; as R survival's coxfit6).
 * The Efron sums are written out in closed form: with s1 = Σ 1/S0_k, sf = Σ f_k/S0_k,
 * q = Σ 1/S0_k², qf = Σ f_k/S0_k², qff = Σ f_k²/S0_k²,
 *   U −= (W/d)(A0 s1 + A sf)
 *   I += (W/d)(C0 s1 + C sf − A0A0ᵀ q − (A0Aᵀ + AA0ᵀ) qf − AAᵀ qff)
 * so a time with many ties costs O(d + p²), not O(d p²).
 */
import type { SortedCoxData } from "./prepare-cox-data.ts";

/** Scratch buffers for one model size; reuse across iterations (no allocation per row). */
export type PartialLikelihoodWork = {
  /** Σ w x of the events at the current time */
  readonly wx: Float64Array;
  /** the current time's contributions to U and I */
  readonly du: Float64Array;
  readonly di: Float64Array;
  readonly a: Float64Array;
  readonly a2: Float64Array;
  readonly cmat: Float64Array;
  readonly cmat2: Float64Array;
};

export function partialLikelihoodWork(p: number): PartialLikelihoodWork {
  return {
    wx: new Float64Array(p),
    du: new Float64Array(p),
    di: new Float64Array(p * p),
    a: new Float64Array(p),
    a2: new Float64Array(p),
    cmat: new Float64Array(p * p),
    cmat2: new Float64Array(p * p),
  };
}

/**
 * Time-weighted sums for the proportional-hazards test (cox.zph): with g(t) per time rank, also
 * accumulates U_g = Σ_t g(t) dU(t), I_g = Σ_t g(t) dI(t) and I_gg = Σ_t g(t)² dI(t).
 */
export type TimeWeightedSums = {
  readonly g: Float64Array;
  readonly ug: Float64Array;
  readonly ig: Float64Array;
  readonly igg: Float64Array;
};

/**
 * Computes ℓ(β); writes the score U (length p) and the information I (p × p, row-major, full)
 * into `u` and `imat`. β is in the scaled parameterisation of `data.x`.
 * `strataFrom`/`strataTo` restrict the pass to strata [from, to) (default: all).
 */
export function partialLikelihood(
  data: SortedCoxData,
  beta: ArrayLike<number>,
  efron: boolean,
  u: Float64Array,
  imat: Float64Array,
  work: PartialLikelihoodWork = partialLikelihoodWork(data.p),
  strataFrom = 0,
  strataTo = data.stratumStart.length - 1,
  timeWeighted?: TimeWeightedSums,
): number {
  const { p, x, status, timeRank, weights, offset, stratumStart } = data;
  const { wx, du, di, a, a2, cmat, cmat2 } = work;
  u.fill(0);
  imat.fill(0);
  wx.fill(0);
  a2.fill(0);
  cmat2.fill(0);
  if (timeWeighted !== undefined) {
    timeWeighted.ug.fill(0);
    timeWeighted.ig.fill(0);
    timeWeighted.igg.fill(0);
  }
  let loglik = 0;
  const b = Float64Array.from({ length: p }, (_, k) => beta[k]!);

  for (let s = strataFrom; s < strataTo; s++) {
    const start = stratumStart[s]!;
    let i = stratumStart[s + 1]! - 1;
    let denom = 0;
    a.fill(0);
    cmat.fill(0);
    while (i >= start) {
      const t = timeRank[i]!;
      let ndead = 0;
      let deadwt = 0;
      let denom2 = 0;
      // rows tied at time t: censored rows straight into the risk set, events aside
      for (; i >= start && timeRank[i] === t; i--) {
        const row = i * p;
        let zb = offset === undefined ? 0 : offset[i]!;
        for (let k = 0; k < p; k++) zb += b[k]! * x[row + k]!;
        const w = weights === undefined ? 1 : weights[i]!;
        const r = Math.exp(zb) * w;
        if (status[i] === 0) {
          denom += r;
          for (let k = 0; k < p; k++) {
            const rx = r * x[row + k]!;
            a[k]! += rx;
            const base = k * p;
            for (let j = 0; j <= k; j++) cmat[base + j]! += rx * x[row + j]!;
          }
        } else {
          ndead++;
          deadwt += w;
          denom2 += r;
          loglik += w * zb;
          for (let k = 0; k < p; k++) {
            const xk = x[row + k]!;
            wx[k]! += w * xk;
            const rx = r * xk;
            a2[k]! += rx;
            const base = k * p;
            for (let j = 0; j <= k; j++) cmat2[base + j]! += rx * x[row + j]!;
          }
        }
      }
      if (ndead === 0) continue;

      if (!efron || ndead === 1) {
        denom += denom2;
        loglik -= deadwt * Math.log(denom);
        for (let k = 0; k < p; k++) {
          a[k]! += a2[k]!;
          const mean = a[k]! / denom;
          du[k] = wx[k]! - deadwt * mean;
          const base = k * p;
          for (let j = 0; j <= k; j++) {
            cmat[base + j]! += cmat2[base + j]!;
            di[base + j] = (deadwt * (cmat[base + j]! - mean * a[j]!)) / denom;
          }
        }
      } else {
        const wtave = deadwt / ndead;
        let s1 = 0;
        let sf = 0;
        let q = 0;
        let qf = 0;
        let qff = 0;
        for (let k = 1; k <= ndead; k++) {
          const f = k / ndead;
          const den = denom + f * denom2;
          loglik -= wtave * Math.log(den);
          const inv = 1 / den;
          const inv2 = inv * inv;
          s1 += inv;
          sf += f * inv;
          q += inv2;
          qf += f * inv2;
          qff += f * f * inv2;
        }
        for (let k = 0; k < p; k++) {
          const a0k = a[k]!;
          const ak = a2[k]!;
          du[k] = wx[k]! - wtave * (a0k * s1 + ak * sf);
          const base = k * p;
          for (let j = 0; j <= k; j++) {
            const a0j = a[j]!;
            const aj = a2[j]!;
            di[base + j] =
              wtave *
              (cmat[base + j]! * s1 +
                cmat2[base + j]! * sf -
                a0k * a0j * q -
                (a0k * aj + ak * a0j) * qf -
                ak * aj * qff);
          }
        }
        denom += denom2;
        for (let k = 0; k < p; k++) {
          a[k]! += a2[k]!;
          const base = k * p;
          for (let j = 0; j <= k; j++) cmat[base + j]! += cmat2[base + j]!;
        }
      }
      for (let k = 0; k < p; k++) {
        u[k]! += du[k]!;
        const base = k * p;
        for (let j = 0; j <= k; j++) imat[base + j]! += di[base + j]!;
      }
      if (timeWeighted !== undefined) {
        const g = timeWeighted.g[t]!;
        const { ug, ig, igg } = timeWeighted;
        for (let k = 0; k < p; k++) {
          ug[k]! += g * du[k]!;
          const base = k * p;
          for (let j = 0; j <= k; j++) {
            ig[base + j]! += g * di[base + j]!;
            igg[base + j]! += g * g * di[base + j]!;
          }
        }
      }
      wx.fill(0);
      a2.fill(0);
      cmat2.fill(0);
    }
  }
  if (timeWeighted !== undefined) {
    const { ig, igg } = timeWeighted;
    for (let k = 0; k < p; k++) {
      for (let j = 0; j < k; j++) {
        ig[j * p + k] = ig[k * p + j]!;
        igg[j * p + k] = igg[k * p + j]!;
      }
    }
  }
  for (let k = 0; k < p; k++) for (let j = 0; j < k; j++) imat[j * p + k] = imat[k * p + j]!;
  return loglik;
}
