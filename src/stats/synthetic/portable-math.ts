/**
 * log and exp from + − × ÷, floor and exact scaling by powers of two only (no libm), so synthetic
 * data are bit-identical in every language and on every platform; the formulas and the evaluation
 * order are those of docs/survival-generator.md (shared spec, steps 3 and 4). Accuracy: plog within
 * 3.7e-16 relative of glibc's log (spec); pexp within 1.6e-15 for |x| ≤ 20, the error growing about
 * as 1.2e-16·|x| beyond (the rounding of LN2 times k). For reproducible synthetic data only.
 */

/** 0x3FF6A09E667F3BCD = 6369051672525773 / 2^52, the double nearest √2 */
const SQRT2 = 6369051672525773 / 2 ** 52;
const SQRT1_2 = SQRT2 / 2;
/** 0x3FE62E42FEFA39EF = 6243314768165359 / 2^53, the double nearest ln 2 */
const LN2 = 6243314768165359 / 2 ** 53;
/** C[k] = 1/(2k + 1), k = 0 … 11: the atanh series 2·atanh(s) = 2s·Σ s^(2k)/(2k+1) */
const C = Float64Array.from({ length: 12 }, (_, k) => 1 / (2 * k + 1));

/** POW2[k + 1074] = 2^k exactly for k = −1074 … 1023 (built by doubling and halving only). */
const POW2 = (() => {
  const t = new Float64Array(1074 + 1024);
  t[1074] = 1;
  for (let k = 1; k <= 1023; k++) t[1074 + k] = t[1074 + k - 1]! * 2;
  for (let k = -1; k >= -1074; k--) t[1074 + k] = t[1074 + k + 1]! / 2;
  return t;
})();

/** Exact 2^k for an integer k in −1074 … 1023. */
export function pow2(k: number): number {
  return POW2[k + 1074]!;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** index of the 32-bit word holding the sign and exponent (1 on little-endian hosts) */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Natural logarithm of a finite x > 0 (spec step 3). */
export function plog(x: number): number {
  // x = m·2^e with 1 ≤ m < 2 from the exponent bits (subnormals are scaled up by 2^54 first)
  let shift = 0;
  if (x < 2 ** -1022) {
    x *= 2 ** 54;
    shift = -54;
  }
  f64[0] = x;
  let e = ((u32[HIGH]! >>> 20) & 0x7ff) - 1023;
  let m = x * pow2(-e); // exact: a power-of-two scaling of a normal number into [1, 2)
  if (m >= SQRT2) {
    m /= 2;
    e += 1;
  }
  // now SQRT1_2 ≤ m < SQRT2 (m ≥ 1 > SQRT1_2 before halving; m/2 ≥ SQRT2/2 after)
  e += shift;
  if (!(m >= SQRT1_2)) throw new RangeError(`plog: mantissa ${m} out of range`);
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let p = C[11]!;
  for (let k = 10; k >= 0; k--) p = p * s2 + C[k]!;
  return e * LN2 + 2 * s * p;
}

/** Exponential of x, |x| < 700 (spec step 4). */
export function pexp(x: number): number {
  const k = Math.floor(x / LN2 + 0.5);
  const r = x - k * LN2;
  let p = 1;
  for (let j = 16; j >= 1; j--) p = 1 + (r / j) * p;
  return p * pow2(k);
}
