/**
 * Aalen–Johansen estimator for one curve with K competing causes (K = 1: Kaplan–Meier), with the
 * infinitesimal-jackknife (IJ) variance R's survfit uses for multi-state curves and for
 * non-integer case weights.
 *
 * At the curve's distinct exit times t_1 < … < t_T, with n_j at risk (weighted), d_kj events of
 * cause k and d_j = Σ_k d_kj:
 *   S(t_j) = S(t_{j−1}) (1 − d_j/n_j)                 (all-cause survival, the KM when K = 1)
 *   F_k(t_j) = F_k(t_{j−1}) + S(t_{j−1}) d_kj/n_j     (cumulative incidence of cause k)
 *   H(t_j) = H(t_{j−1}) + d_j/n_j                     (Nelson–Aalen cumulative hazard)
 * IJ variance: var = Σ_i (w_i ∂θ/∂w_i)², the derivative through ∂λ_kj/∂w_i = (dN_ikj − Y_ij λ_kj)/n_j
 * (Therneau, survival package vignette "The survfit function", section on the IJ variance).
 * Rows that are at risk and have not exited share one derivative path per entry time, and once a
 * row has exited its derivative evolves by a linear map common to all rows, so the sums of squares
 * are carried as a moment matrix: the cost is O(n·D² + T·(E + D)·D) for D = K + 2 and E distinct
 * entry times, not O(n·T).
 */

export type AalenJohansenInput = {
  /** number of distinct exit times of the curve */
  readonly timeCount: number;
  /** per row: index (0 … T − 1) of its exit time */
  readonly exitIndex: Int32Array;
  /** per row: index of the last curve time ≤ its entry time, −1 when it enters before t_1 (absent: −1) */
  readonly entryIndex?: Int32Array;
  /** per row: 0 = censored, k = cause k (1 … K) */
  readonly cause: Uint8Array | Int32Array;
  readonly causeCount: number;
  readonly weights?: Float64Array;
  /** compute the IJ variances (default true) */
  readonly variance?: boolean;
};

export type AalenJohansenOutput = {
  readonly nRisk: Float64Array;
  /** all causes */
  readonly nEvent: Float64Array;
  /** K × T, cause-major (index (k − 1)·T + j) */
  readonly nEventByCause: Float64Array;
  readonly nCensor: Float64Array;
  readonly surv: Float64Array;
  /** K × T, cause-major */
  readonly cif: Float64Array;
  readonly cumhaz: Float64Array;
  /** IJ variances (present when asked) */
  readonly varSurv?: Float64Array;
  readonly varCif?: Float64Array;
  readonly varCumhaz?: Float64Array;
};

export function aalenJohansen(input: AalenJohansenInput): AalenJohansenOutput {
  const T = input.timeCount;
  const K = input.causeCount;
  const { exitIndex, entryIndex, cause, weights } = input;
  const n = exitIndex.length;
  const withVariance = input.variance ?? true;

  // counts per time
  const nEventByCause = new Float64Array(K * T);
  const nEvent = new Float64Array(T);
  const nCensor = new Float64Array(T);
  const enterAfter = new Float64Array(T + 1); // weight entering just after time index a (slot a + 1)
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const j = exitIndex[i]!;
    const c = cause[i]!;
    if (c > 0) {
      nEventByCause[(c - 1) * T + j]! += w;
      nEvent[j]! += w;
    } else nCensor[j]! += w;
    enterAfter[(entryIndex === undefined ? -1 : entryIndex[i]!) + 1]! += w;
  }
  const nRisk = new Float64Array(T);
  let atRisk = 0;
  for (let j = 0; j < T; j++) {
    atRisk += enterAfter[j]!;
    nRisk[j] = atRisk;
    atRisk -= nEvent[j]! + nCensor[j]!;
  }

  const surv = new Float64Array(T);
  const cif = new Float64Array(K * T);
  const cumhaz = new Float64Array(T);
  let sPrev = 1;
  let h = 0;
  const f = new Float64Array(K);
  for (let j = 0; j < T; j++) {
    const nj = nRisk[j]!;
    if (nj > 0) {
      for (let k = 0; k < K; k++) f[k]! += (sPrev * nEventByCause[k * T + j]!) / nj;
      h += nEvent[j]! / nj;
      sPrev *= 1 - nEvent[j]! / nj;
    }
    surv[j] = sPrev;
    cumhaz[j] = h;
    for (let k = 0; k < K; k++) cif[k * T + j] = f[k]!;
  }
  if (!withVariance) return { nRisk, nEvent, nEventByCause, nCensor, surv, cif, cumhaz };

  const { varSurv, varCif, varCumhaz } = ijVariance(input, nRisk, nEvent, nEventByCause, surv);
  return { nRisk, nEvent, nEventByCause, nCensor, surv, cif, cumhaz, varSurv, varCif, varCumhaz };
}

/** The IJ variances of S, F_k and H at every time (see the file comment). */
function ijVariance(
  input: AalenJohansenInput,
  nRisk: Float64Array,
  nEvent: Float64Array,
  nEventByCause: Float64Array,
  surv: Float64Array,
): { varSurv: Float64Array; varCif: Float64Array; varCumhaz: Float64Array } {
  const T = input.timeCount;
  const K = input.causeCount;
  const D = K + 2; // derivative vector: [S, F_1 … F_K, H]
  const H = K + 1;
  const { exitIndex, entryIndex, cause, weights } = input;
  const n = exitIndex.length;

  // rows by exit time (counting sort)
  const exitStart = new Int32Array(T + 1);
  for (let i = 0; i < n; i++) exitStart[exitIndex[i]! + 1]!++;
  for (let j = 0; j < T; j++) exitStart[j + 1]! += exitStart[j]!;
  const fill = exitStart.slice(0, T);
  const byExit = new Int32Array(n);
  for (let i = 0; i < n; i++) byExit[fill[exitIndex[i]!]!++] = i;

  // entry groups: slot a + 1 for entry index a ∈ {−1 … T − 1}; each holds the shared derivative
  // path of its rows while at risk, Σ w² and the count of rows still at risk
  const groups = T + 1;
  const path = new Float64Array(groups * D);
  const w2 = new Float64Array(groups);
  const left = new Int32Array(groups);
  for (let i = 0; i < n; i++) {
    const slot = (entryIndex === undefined ? -1 : entryIndex[i]!) + 1;
    const w = weights === undefined ? 1 : weights[i]!;
    w2[slot]! += w * w;
    left[slot]!++;
  }
  const active: number[] = [];

  const X = new Float64Array(D * D); // Σ over exited rows of w² u uᵀ
  const MX = new Float64Array(D * D);
  const g = new Float64Array(D);
  const u = new Float64Array(D);
  const lamK = new Float64Array(K);
  const varSurv = new Float64Array(T);
  const varCif = new Float64Array(K * T);
  const varCumhaz = new Float64Array(T);
  let sPrev = 1;
  for (let j = 0; j < T; j++) {
    if (left[j]! > 0) active.push(j); // rows with entry index j − 1 are at risk from t_j on
    const nj = nRisk[j]!;
    const lam = nj > 0 ? nEvent[j]! / nj : 0;
    for (let k = 0; k < K; k++) lamK[k] = nj > 0 ? nEventByCause[k * T + j]! / nj : 0;
    // M_j: S' = S(1 − λ), F_k' = F_k + S λ_k, H' = H ; apply to X from both sides (X ← M X Mᵀ)
    for (let c = 0; c < D; c++) {
      const s = X[c]!; // row 0 (S) of column c
      MX[c] = s * (1 - lam);
      for (let k = 0; k < K; k++) MX[(k + 1) * D + c] = X[(k + 1) * D + c]! + s * lamK[k]!;
      MX[H * D + c] = X[H * D + c]!;
    }
    for (let r = 0; r < D; r++) {
      const s = MX[r * D]!; // column 0 (S) of row r
      X[r * D] = s * (1 - lam);
      for (let k = 0; k < K; k++) X[r * D + k + 1] = MX[r * D + k + 1]! + s * lamK[k]!;
      X[r * D + H] = MX[r * D + H]!;
    }
    // g_j: the at-risk term −S(t_{j−1}) Y λ/n of every row at risk
    if (nj > 0) {
      g[0] = (sPrev * lam) / nj;
      for (let k = 0; k < K; k++) g[k + 1] = (-sPrev * lamK[k]!) / nj;
      g[H] = -lam / nj;
    } else g.fill(0);
    for (const slot of active) {
      const o = slot * D;
      const s = path[o]!;
      path[o] = s * (1 - lam) + g[0]!;
      for (let k = 0; k < K; k++) path[o + k + 1] = path[o + k + 1]! + s * lamK[k]! + g[k + 1]!;
      path[o + H] = path[o + H]! + g[H]!;
    }
    // rows exiting at t_j: add their own event term, move them to X
    for (let q = exitStart[j]!; q < exitStart[j + 1]!; q++) {
      const i = byExit[q]!;
      const slot = (entryIndex === undefined ? -1 : entryIndex[i]!) + 1;
      const w = weights === undefined ? 1 : weights[i]!;
      const o = slot * D;
      for (let d = 0; d < D; d++) u[d] = path[o + d]!;
      const c = cause[i]!;
      if (c > 0 && nj > 0) {
        u[0]! -= sPrev / nj;
        u[c]! += sPrev / nj;
        u[H]! += 1 / nj;
      }
      const ww = w * w;
      for (let r = 0; r < D; r++) {
        const ur = ww * u[r]!;
        for (let cc = 0; cc < D; cc++) X[r * D + cc]! += ur * u[cc]!;
      }
      w2[slot]! -= ww;
      left[slot]!--;
    }
    // drop finished groups
    for (let a = active.length - 1; a >= 0; a--) if (left[active[a]!]! === 0) active.splice(a, 1);
    // variances: exited rows (X) + rows still at risk (their shared paths)
    let vS = X[0]!;
    let vH = X[H * D + H]!;
    const vF = new Float64Array(K);
    for (let k = 0; k < K; k++) vF[k] = X[(k + 1) * D + k + 1]!;
    for (const slot of active) {
      const o = slot * D;
      const ww = w2[slot]!;
      vS += ww * path[o]! ** 2;
      for (let k = 0; k < K; k++) vF[k]! += ww * path[o + k + 1]! ** 2;
      vH += ww * path[o + H]! ** 2;
    }
    varSurv[j] = vS;
    varCumhaz[j] = vH;
    for (let k = 0; k < K; k++) varCif[k * T + j] = vF[k]!;
    sPrev = surv[j]!;
  }
  return { varSurv, varCif, varCumhaz };
}
