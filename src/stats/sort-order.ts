/**
 * Stable ascending order of float64 keys by LSD radix sort on their bit patterns (4 passes of 16
 * bits; a pass is skipped when every key shares its digit, as the low mantissa bits of whole-number
 * times do). O(n), no comparisons; −0 sorts as +0. NaN keys must be excluded by the caller.
 */

/** Row indices in ascending key order; ties keep their input order. */
export function sortOrder(keys: Float64Array): Int32Array {
  const n = keys.length;
  const bits = new Float64Array(n);
  for (let i = 0; i < n; i++) bits[i] = keys[i]! + 0; // −0 + 0 = +0
  const words = new Uint32Array(bits.buffer); // little-endian: [lo, hi] per key
  // map IEEE order to unsigned order: flip every bit of negatives, only the sign bit of the rest
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1]!;
    if (hi & 0x80000000) {
      words[2 * i] = ~words[2 * i]! >>> 0;
      words[2 * i + 1] = ~hi >>> 0;
    } else {
      words[2 * i + 1] = (hi | 0x80000000) >>> 0;
    }
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? 0 : 1;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(words[2 * i + word]! >>> shift) & 0xffff]!++;
    const first = (words[word]! >>> shift) & 0xffff;
    if (n === 0 || count[first] === n) continue; // all keys share this digit
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const d = (words[2 * i + word]! >>> shift) & 0xffff;
      next[count[d]!++] = i;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
