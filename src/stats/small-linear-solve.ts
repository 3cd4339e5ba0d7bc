/**
 * Quadratic form xᵀ V⁻¹ x for a small symmetric non-negative definite V (test statistics), by a
 * Cholesky (LDLᵀ) factorisation that skips pivots below tol·max|diagonal| — a generalised inverse
 * on the space V spans, as R's survival code does with cholesky2/chinv2 — and the rank found.
 */
export function quadraticFormInverse(
  v: readonly (readonly number[])[],
  x: readonly number[],
  tol = 1e-9,
): { value: number; rank: number } {
  const k = x.length;
  const a = v.map((row) => [...row]);
  let maxDiag = 0;
  for (let i = 0; i < k; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i]![i]!));
  const eps = tol * maxDiag;
  const d = new Array<number>(k).fill(0);
  const live = new Array<boolean>(k).fill(false);
  // LDLᵀ: a[i][j] (i > j) holds L, d[j] the pivots
  for (let j = 0; j < k; j++) {
    let pivot = a[j]![j]!;
    for (let m = 0; m < j; m++) if (live[m]) pivot -= a[j]![m]! ** 2 * d[m]!;
    if (!(pivot > eps)) continue;
    live[j] = true;
    d[j] = pivot;
    for (let i = j + 1; i < k; i++) {
      let s = a[i]![j]!;
      for (let m = 0; m < j; m++) if (live[m]) s -= a[i]![m]! * a[j]![m]! * d[m]!;
      a[i]![j] = s / pivot;
    }
  }
  // solve L y = x over the live pivots; value = Σ y_j² / d_j
  const y = new Array<number>(k).fill(0);
  let value = 0;
  let rank = 0;
  for (let j = 0; j < k; j++) {
    if (!live[j]) continue;
    let s = x[j]!;
    for (let m = 0; m < j; m++) if (live[m]) s -= a[j]![m]! * y[m]!;
    y[j] = s;
    value += (s * s) / d[j]!;
    rank++;
  }
  return { value, rank };
}
