/**
 * PROVISIONAL: chi-square and normal tails for the Cox tests until src/stats/distributions.ts
 * (the survival helper's) is committed; then this file is deleted and cox imports that one.
 * Regularised upper incomplete gamma Q(a, x) for a = df/2 (Numerical Recipes §6.2: series for
 * x < a + 1, Lentz continued fraction otherwise), Γ(a) exact for integer and half-integer a.
 */

function logGammaHalfInteger(a: number): number {
  // a = k or k + 1/2, k ≥ 0
  let v = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let t = Number.isInteger(a) ? 1 : 0.5; t < a; t++) v += Math.log(t);
  return v;
}

/** Q(a, x) = Γ(a, x)/Γ(a) for a = df/2. */
function gammaUpper(a: number, x: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const lg = logGammaHalfInteger(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lg);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - lg) * h;
}

/** P(χ²_df > x). */
export function chiSquareUpperTail(x: number, df: number): number {
  return gammaUpper(df / 2, x / 2);
}

/** Two-sided normal p-value P(|Z| > |z|). */
export function normalTwoSidedP(z: number): number {
  return gammaUpper(0.5, (z * z) / 2);
}

/** Standard normal quantile (Acklam's approximation refined by Newton steps on the tail). */
export function normalQuantile(prob: number): number {
  if (prob <= 0) return Number.NEGATIVE_INFINITY;
  if (prob >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lowP = 0.02425;
  let z: number;
  if (prob < lowP) {
    const q = Math.sqrt(-2 * Math.log(prob));
    z =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (prob <= 1 - lowP) {
    const q = prob - 0.5;
    const r = q * q;
    z =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - prob));
    z =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  for (let k = 0; k < 3; k++) {
    // Φ(z) from the tail: Φ(z) = 1 − Q(1/2, z²/2)/2 for z > 0
    const tail = gammaUpper(0.5, (z * z) / 2) / 2;
    const cdf = z > 0 ? 1 - tail : tail;
    const pdf = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
    z -= (cdf - prob) / pdf;
  }
  return z;
}
