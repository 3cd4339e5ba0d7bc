/**
 * Stable ascending order of float64 keys by LSD radix sort on their bit patterns (4 passes of 16
 * bits, or 8 of 8 bits for fewer than 16 384 keys; a pass is skipped when every key shares its
 * digit, as the low mantissa bits of whole-number times do). O(n), no comparisons; −0 sorts as +0. NaN keys must be excluded by the caller.
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
  // 16-bit digits (4 passes) for large inputs, 8-bit digits (8 cheap passes) for small ones, where
  // clearing and scanning 65 536 counters would cost more than the keys themselves
  const digitBits = n >= 1 << 14 ? 16 : 8;
  const radix = 1 << digitBits;
  const digitMask = radix - 1;
  const count = new Int32Array(radix);
  for (let pass = 0; pass < 64 / digitBits; pass++) {
    const word = pass < 32 / digitBits ? 0 : 1;
    const shift = (pass * digitBits) % 32;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(words[2 * i + word]! >>> shift) & digitMask]!++;
    const first = (words[word]! >>> shift) & digitMask;
    if (n === 0 || count[first] === n) continue; // all keys share this digit
    let sum = 0;
    for (let d = 0; d < radix; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const d = (words[2 * i + word]! >>> shift) & digitMask;
      next[count[d]!++] = i;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}

/** Distinct key values in ascending order, and for every key the index of its value among them. */
export type DistinctRanks = {
  readonly values: Float64Array;
  readonly rank: Int32Array;
};

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Ranks keys by distinct value (−0 and +0 are one value). Keys with few distinct values (survival
 * times in whole days: thousands of values for a million rows) go through an open-addressing hash
 * table that stays in cache, then only the distinct values are sorted: O(n + m log m). With many
 * distinct values (more than n/4) it falls back to the radix order of sortOrder. NaN keys must be
 * excluded by the caller.
 */
export function rankDistinct(keys: Float64Array): DistinctRanks {
  return rankDistinctHashed(keys, Math.max(1024, keys.length >>> 2)) ?? rankDistinctSorted(keys);
}

/** The sort-based path (also the reference for the hashed path in the tests). */
export function rankDistinctSorted(keys: Float64Array): DistinctRanks {
  const n = keys.length;
  const order = sortOrder(keys);
  const rank = new Int32Array(n);
  const values = new Float64Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const v = keys[i]! + 0;
    if (m === 0 || v !== values[m - 1]) values[m++] = v;
    rank[i] = m - 1;
  }
  return { values: values.slice(0, m), rank };
}

/** The hashed path; undefined when the keys have more than maxDistinct distinct values. */
export function rankDistinctHashed(keys: Float64Array, maxDistinct: number): DistinctRanks | undefined {
  const n = keys.length;
  const words = new Uint32Array(keys.buffer, keys.byteOffset, 2 * n);
  const loAt = LITTLE_ENDIAN ? 0 : 1;
  const hiAt = 1 - loAt;
  let bits = 10;
  let mask = (1 << bits) - 1;
  let table = new Int32Array(1 << bits); // id + 1 of the value in the slot, 0 = empty
  let cap = 1 << (bits - 1); // grow when the table is half full
  let valueHi = new Uint32Array(cap);
  let valueLo = new Uint32Array(cap);
  let values = new Float64Array(cap);
  const id = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i + loAt]!;
    let hi = words[2 * i + hiAt]!;
    if (lo === 0 && (hi & 0x7fffffff) === 0) hi = 0; // −0 → +0
    let slot = hashWords(hi, lo) >>> (32 - bits);
    for (;;) {
      const e = table[slot]!;
      if (e === 0) {
        if (m === maxDistinct) return undefined;
        if (m === cap) {
          // double everything and rehash the distinct values
          bits++;
          mask = (1 << bits) - 1;
          cap <<= 1;
          table = new Int32Array(1 << bits);
          for (let d = 0; d < m; d++) {
            let s = hashWords(valueHi[d]!, valueLo[d]!) >>> (32 - bits);
            while (table[s] !== 0) s = (s + 1) & mask;
            table[s] = d + 1;
          }
          valueHi = grow32(valueHi, cap);
          valueLo = grow32(valueLo, cap);
          const v = new Float64Array(cap);
          v.set(values);
          values = v;
          slot = hashWords(hi, lo) >>> (32 - bits);
          continue;
        }
        table[slot] = m + 1;
        valueHi[m] = hi;
        valueLo[m] = lo;
        values[m] = keys[i]! + 0;
        id[i] = m++;
        break;
      }
      if (valueHi[e - 1] === hi && valueLo[e - 1] === lo) {
        id[i] = e - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const distinct = values.subarray(0, m);
  const byValue = sortOrder(distinct);
  const rankOfId = new Int32Array(m);
  const sorted = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    rankOfId[byValue[k]!] = k;
    sorted[k] = distinct[byValue[k]!]!;
  }
  for (let i = 0; i < n; i++) id[i] = rankOfId[id[i]!]!;
  return { values: sorted, rank: id };
}

/** Rows 0 … n − 1 in ascending rank, ties in row order (stable counting sort), ranks in [0, m). */
export function orderByRank(rank: Int32Array, m: number): Int32Array {
  const n = rank.length;
  const start = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) start[rank[i]! + 1]!++;
  for (let r = 0; r < m; r++) start[r + 1]! += start[r]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[start[rank[i]!]!++] = i;
  return order;
}

function grow32(a: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}

/** 32-bit mix of a double's two words (MurmurHash3's fmix32 finaliser); use the high bits. */
function hashWords(hi: number, lo: number): number {
  let h = hi ^ Math.imul(lo, 0xcc9e2d51);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
