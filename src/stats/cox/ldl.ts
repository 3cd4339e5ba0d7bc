/**
 * Symmetric positive semi-definite matrices by an LDLᵀ (square-root-free Cholesky) factor, with
 * the rank rule of R survival's cholesky2/chsolve2/chinv2 (Therneau): a pivot below
 * `toler × (largest diagonal)` counts as zero, and that variable is treated as aliased (its
 * row and column of the inverse are zero, its component of a solution is zero).
 * Matrices are row-major n × n Float64Arrays; only the lower triangle of the input is read.
 */

export type LdlFactor = {
  readonly n: number;
  /** unit lower-triangular L below the diagonal, D on the diagonal (0 for aliased pivots) */
  readonly factor: Float64Array;
  /** number of non-zero pivots */
  readonly rank: number;
  /** false when a pivot was clearly negative (matrix not positive semi-definite) */
  readonly nonNegative: boolean;
  /** true for each aliased (zero-pivot) variable */
  readonly aliased: readonly boolean[];
};

/** Factors the symmetric matrix `a` (lower triangle read). `toler` is relative to the largest diagonal. */
export function ldlDecompose(a: Float64Array, n: number, toler: number): LdlFactor {
  const m = new Float64Array(n * n);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) m[i * n + j] = a[i * n + j]!;
    const d = a[i * n + i]!;
    if (d > largest) largest = d;
  }
  const eps = largest === 0 ? toler : largest * toler;
  let rank = 0;
  let nonNegative = true;
  const aliased: boolean[] = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    const pivot = m[i * n + i]!;
    if (!Number.isFinite(pivot) || pivot < eps) {
      m[i * n + i] = 0;
      aliased[i] = true;
      if (pivot < -8 * eps) nonNegative = false;
      // an aliased variable takes no part in the elimination of the later ones
      for (let j = i + 1; j < n; j++) m[j * n + i] = 0;
      continue;
    }
    rank++;
    for (let j = i + 1; j < n; j++) {
      const lji = m[j * n + i]! / pivot;
      m[j * n + i] = lji;
      m[j * n + j] = m[j * n + j]! - lji * lji * pivot;
      for (let k = j + 1; k < n; k++) m[k * n + j] = m[k * n + j]! - lji * m[k * n + i]!;
    }
  }
  return { n, factor: m, rank, nonNegative, aliased };
}

/** Solves A y = b with the factor (aliased components of y are 0). Returns a new array. */
export function ldlSolve(f: LdlFactor, b: ArrayLike<number>): Float64Array {
  const { n, factor: m } = f;
  const y = Float64Array.from({ length: n }, (_, i) => b[i]!);
  // L z = b
  for (let i = 0; i < n; i++) {
    let t = y[i]!;
    for (let j = 0; j < i; j++) t -= y[j]! * m[i * n + j]!;
    y[i] = t;
  }
  // D Lᵀ y = z
  for (let i = n - 1; i >= 0; i--) {
    const d = m[i * n + i]!;
    if (d === 0) {
      y[i] = 0;
      continue;
    }
    let t = y[i]! / d;
    for (let j = i + 1; j < n; j++) t -= y[j]! * m[j * n + i]!;
    y[i] = t;
  }
  return y;
}

/** (Generalised) inverse of A from its factor, full symmetric row-major; aliased rows/columns are 0. */
export function ldlInverse(f: LdlFactor): Float64Array {
  const { n } = f;
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (f.aliased[k]) continue;
    e.fill(0);
    e[k] = 1;
    const col = ldlSolve(f, e);
    for (let i = 0; i < n; i++) inv[i * n + k] = col[i]!;
  }
  // symmetrise against rounding
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (inv[i * n + j]! + inv[j * n + i]!);
      inv[i * n + j] = v;
      inv[j * n + i] = v;
    }
  }
  return inv;
}

/** Quadratic form bᵀ A⁻ b with the generalised inverse of the factored A (R's coxph.wtest). */
export function ldlQuadraticForm(f: LdlFactor, b: ArrayLike<number>): number {
  const y = ldlSolve(f, b);
  let s = 0;
  for (let i = 0; i < f.n; i++) s += b[i]! * y[i]!;
  return s;
}
