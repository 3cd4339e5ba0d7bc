/**
 * splitmix64 (Steele, Lea & Flood 2014; the reference C code by Vigna, prng.di.unimi.it) on two
 * unsigned 32-bit halves, so no BigInt in the hot loop. Output c (0-based) of seed s equals
 * mix(s + (c + 1)·γ mod 2^64), γ = 0x9E3779B97F4A7C15.
 *   z = (z ^ (z >>> 30)) · 0xBF58476D1CE4E5B9;  z = (z ^ (z >>> 27)) · 0x94D049BB133111EB;  z ^ (z >>> 31)
 * Every step is integer arithmetic mod 2^64, so the stream is identical on every platform.
 */

const TWO_32 = 4294967296;

/** Splits an unsigned 64-bit seed (bigint, or a safe non-negative integer) into 32-bit halves. */
export function seedHalves(seed: bigint | number): { hi: number; lo: number } {
  const s = typeof seed === "bigint" ? BigInt.asUintN(64, seed) : BigInt(seed);
  return { hi: Number(s >> 32n), lo: Number(s & 0xffffffffn) };
}

/** High 32 bits of the exact 64-bit product of two unsigned 32-bit integers. */
function mulHigh32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
}

/** Stream of splitmix64 outputs; `next()` leaves the output in `hi` and `lo` (unsigned 32-bit). */
export class SplitMix64 {
  /** high and low halves of the state */
  private sHi: number;
  private sLo: number;
  /** high and low halves of the last output */
  hi = 0;
  lo = 0;

  constructor(seed: bigint | number) {
    const { hi, lo } = seedHalves(seed);
    this.sHi = hi;
    this.sLo = lo;
  }

  /** Advances the state by γ and mixes it into (hi, lo). */
  next(): void {
    // s = s + 0x9E3779B97F4A7C15 (mod 2^64)
    const lo = this.sLo + 0x7f4a7c15;
    this.sLo = lo >>> 0;
    this.sHi = (this.sHi + 0x9e3779b9 + (lo >= TWO_32 ? 1 : 0)) >>> 0;
    let zHi = this.sHi;
    let zLo = this.sLo;
    // z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
    let xLo = (zLo ^ ((zLo >>> 30) | (zHi << 2))) >>> 0;
    let xHi = (zHi ^ (zHi >>> 30)) >>> 0;
    zHi = (mulHigh32(xLo, 0x1ce4e5b9) + Math.imul(xHi, 0x1ce4e5b9) + Math.imul(xLo, 0xbf58476d)) >>> 0;
    zLo = Math.imul(xLo, 0x1ce4e5b9) >>> 0;
    // z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
    xLo = (zLo ^ ((zLo >>> 27) | (zHi << 5))) >>> 0;
    xHi = (zHi ^ (zHi >>> 27)) >>> 0;
    zHi = (mulHigh32(xLo, 0x133111eb) + Math.imul(xHi, 0x133111eb) + Math.imul(xLo, 0x94d049bb)) >>> 0;
    zLo = Math.imul(xLo, 0x133111eb) >>> 0;
    // z ^ (z >>> 31)
    this.lo = (zLo ^ ((zLo >>> 31) | (zHi << 1))) >>> 0;
    this.hi = (zHi ^ (zHi >>> 31)) >>> 0;
  }

  /** The next output as a 16-digit upper-case hexadecimal string (for test vectors). */
  nextHex(): string {
    this.next();
    return (this.hi.toString(16).padStart(8, "0") + this.lo.toString(16).padStart(8, "0")).toUpperCase();
  }

  /** The next uniform on (0, 1): (top 52 bits + 0.5) / 2^52, exact. */
  nextUniform(): number {
    this.next();
    // z >>> 12 = hi·2^20 + (lo >>> 12) < 2^52: exact in a double, and so is + 0.5
    return (this.hi * 1048576 + (this.lo >>> 12) + 0.5) / 4503599627370496;
  }
}
