/**
 * Score residuals of the Cox model (Therneau & Grambsch 2000, §4.6; Efron form as R survival's
 * coxscore2), in O(n p) instead of R's O(n² p):
 *   L_i = δ_i (x_i − x̄(t_i)) − r_i Σ_{event times t ≤ t_i} (x_i − x̄(t)) dΛ(t)
 * with r_i = exp(η_i) (unweighted), dΛ(t) = (Σ event weights)/S0(t) and x̄ = S1/S0. With Efron
 * ties at a time with d events, the d sub-steps k = 0..d−1 have S0_k = S0 − (k/d)E (E: the events'
 * risk sum), dΛ_k = w̄/S0_k and x̄_k = (S1 − (k/d)E1)/S0_k; a row at risk but not failing there
 * takes the full Σ_k dΛ_k, a failing row takes (x_i − mean_k x̄_k) and Σ_k (1 − k/d) dΛ_k.
 * Row i's residual sums over the event times up to its own, so a backward pass stores each event
 * time's increments and a forward pass accumulates them.
 */
import type { SortedCoxData } from "./prepare-cox-data.ts";

/**
 * Residual matrix in sorted order, row-major n × p, in the units of `data.x` (centred and scaled
 * columns: divide column k by data.scale[k] for the original units). Not multiplied by weights.
 * `risk` holds exp(η) per sorted row (any constant factor within a stratum cancels).
 */
export function scoreResiduals(data: SortedCoxData, risk: Float64Array, efron: boolean): Float64Array {
  const { n, p, x, status, timeRank, weights, stratumStart } = data;
  const resid = new Float64Array(n * p);
  // per event time (block), filled backwards: full-risk increments, and the failing rows' own
  const blockFirst: number[] = [];
  const dLam: number[] = [];
  const dLamDead: number[] = [];
  const dxLam: number[] = []; // p per block
  const dxLamDead: number[] = [];
  const meanDead: number[] = [];
  const a = new Float64Array(p);
  const a2 = new Float64Array(p);

  for (let s = 0; s < stratumStart.length - 1; s++) {
    const start = stratumStart[s]!;
    const end = stratumStart[s + 1]!;
    blockFirst.length = 0;
    dLam.length = 0;
    dLamDead.length = 0;
    dxLam.length = 0;
    dxLamDead.length = 0;
    meanDead.length = 0;
    let denom = 0;
    a.fill(0);
    let i = end - 1;
    while (i >= start) {
      const t = timeRank[i]!;
      let ndead = 0;
      let deadwt = 0;
      let eDenom = 0;
      a2.fill(0);
      for (; i >= start && timeRank[i] === t; i--) {
        const w = weights === undefined ? 1 : weights[i]!;
        const r = risk[i]! * w;
        denom += r;
        const row = i * p;
        for (let k = 0; k < p; k++) a[k]! += r * x[row + k]!;
        if (status[i] === 1) {
          ndead++;
          deadwt += w;
          eDenom += r;
          for (let k = 0; k < p; k++) a2[k]! += r * x[row + k]!;
        }
      }
      if (ndead === 0) continue;
      blockFirst.push(i + 1);
      if (!efron || ndead === 1) {
        const h = deadwt / denom;
        dLam.push(h);
        dLamDead.push(h);
        for (let k = 0; k < p; k++) {
          const mean = a[k]! / denom;
          dxLam.push(mean * h);
          dxLamDead.push(mean * h);
          meanDead.push(mean);
        }
      } else {
        const wbar = deadwt / ndead;
        let s1 = 0; // Σ 1/S0_k
        let s1d = 0; // Σ (1 − f_k)/S0_k
        let q = 0; // Σ 1/S0_k²
        let qf = 0; // Σ f_k/S0_k²
        let qd = 0; // Σ (1 − f_k)/S0_k²
        let qfd = 0; // Σ f_k(1 − f_k)/S0_k²
        let s1f = 0; // Σ f_k/S0_k
        for (let k = 0; k < ndead; k++) {
          const f = k / ndead;
          const inv = 1 / (denom - f * eDenom);
          const inv2 = inv * inv;
          s1 += inv;
          s1d += (1 - f) * inv;
          q += inv2;
          qf += f * inv2;
          qd += (1 - f) * inv2;
          qfd += f * (1 - f) * inv2;
          s1f += f * inv;
        }
        dLam.push(wbar * s1);
        dLamDead.push(wbar * s1d);
        for (let k = 0; k < p; k++) {
          dxLam.push(wbar * (a[k]! * q - a2[k]! * qf));
          dxLamDead.push(wbar * (a[k]! * qd - a2[k]! * qfd));
          meanDead.push((a[k]! * s1 - a2[k]! * s1f) / ndead);
        }
      }
    }

    // forward in time: cumulative Λ and Σ x̄ dΛ over earlier event times
    let cumLam = 0;
    const cumX = new Float64Array(p);
    let b = blockFirst.length - 1; // blocks were stored latest-first
    i = start;
    while (i < end) {
      const t = timeRank[i]!;
      let blockEnd = i;
      while (blockEnd < end && timeRank[blockEnd] === t) blockEnd++;
      const isEventBlock = b >= 0 && blockFirst[b] === i;
      if (!isEventBlock) {
        for (let j = i; j < blockEnd; j++) {
          const rj = risk[j]!;
          const row = j * p;
          for (let k = 0; k < p; k++) resid[row + k] = -rj * (x[row + k]! * cumLam - cumX[k]!);
        }
      } else {
        const hb = dLam[b]!;
        const hd = dLamDead[b]!;
        for (let j = i; j < blockEnd; j++) {
          const rj = risk[j]!;
          const row = j * p;
          if (status[j] === 1) {
            for (let k = 0; k < p; k++) {
              const xk = x[row + k]!;
              resid[row + k] =
                xk -
                meanDead[b * p + k]! -
                rj * (xk * cumLam - cumX[k]!) -
                rj * (xk * hd - dxLamDead[b * p + k]!);
            }
          } else {
            for (let k = 0; k < p; k++) {
              const xk = x[row + k]!;
              resid[row + k] = -rj * (xk * (cumLam + hb) - (cumX[k]! + dxLam[b * p + k]!));
            }
          }
        }
        cumLam += hb;
        for (let k = 0; k < p; k++) cumX[k]! += dxLam[b * p + k]!;
        b--;
      }
      i = blockEnd;
    }
  }
  return resid;
}
