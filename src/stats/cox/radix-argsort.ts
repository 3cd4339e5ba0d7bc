/**
 * Stable argsort of finite doubles by LSD radix sort on their IEEE-754 bits (four 16-bit digits):
 * O(n), no comparator calls, sequential memory passes; passes whose digit is the same for every
 * key are skipped (small integers, e.g. day counts, need one or two passes). The bits are made
 * order-preserving as usual: negative numbers have every bit flipped, others the sign bit set.
 * −0 sorts just before +0 (they compare equal, so callers grouping with === see one group).
 */

const littleEndian = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/**
 * Indices 0..n−1 of values[start..end) in ascending order of value (stable). With `sorted`
 * (length ≥ n), also writes the values in that order (bit-exact), which spares the caller a
 * random-access gather.
 */
export function argsortFloat64(
  values: Float64Array,
  start = 0,
  end = values.length,
  sorted?: Float64Array,
): Int32Array {
  const n = end - start;
  const copy = values.slice(start, end);
  const words = new Uint32Array(copy.buffer);
  const loWord = littleEndian ? 0 : 1;
  const hiWord = 1 - loWord;
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let l = words[2 * i + loWord]!;
    let h = words[2 * i + hiWord]!;
    if ((h & 0x80000000) !== 0) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    lo[i] = l;
    hi[i] = h;
    idx[i] = i;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let idx2 = new Int32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & 0xffff]!++;
    if (n === 0 || count[(src[0]! >>> shift) & 0xffff] === n) continue; // one digit value: nothing to do
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = count[(src[i]! >>> shift) & 0xffff]!++;
      lo2[j] = lo[i]!;
      hi2[j] = hi[i]!;
      idx2[j] = idx[i]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [idx, idx2] = [idx2, idx];
  }
  if (sorted !== undefined) {
    // undo the order-preserving transform of the bits
    const out = new Uint32Array(sorted.buffer, sorted.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) {
      const h = hi[i]!;
      const negative = (h & 0x80000000) === 0;
      out[2 * i + loWord] = negative ? ~lo[i]! >>> 0 : lo[i]!;
      out[2 * i + hiWord] = negative ? ~h >>> 0 : (h & 0x7fffffff) >>> 0;
    }
  }
  return idx;
}
