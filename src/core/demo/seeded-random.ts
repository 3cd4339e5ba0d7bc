// Seeded pseudo-random numbers for the demo cohort: sfc32 (Chris Doty-Humphrey's Small Fast
// Counting generator, as in PractRand) seeded through splitmix32. Deterministic for (seed, stream),
// so patient n can be generated without generating patients 0..n-1.

export type Random = {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform in [min, max) */
  uniform(min: number, max: number): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** one item, equal weights */
  pick<T>(items: readonly T[]): T;
  /** one key by relative weight */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** standard normal (Box–Muller) times sd plus mean */
  normal(mean: number, sd: number): number;
  /** Weibull with the given median and shape k: median · (−ln U / ln 2)^(1/k) */
  weibullMedian(median: number, shape: number): number;
};

function splitmix32(a: number): () => number {
  let s = a >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function seededRandom(seed: number, stream = 0): Random {
  const mix = splitmix32((Math.imul(seed >>> 0, 0x27d4eb2d) ^ Math.imul(stream >>> 0, 0x165667b1)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): number => {
    // sfc32
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i += 1) next();
  const r: Random = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    weighted: (weights) => {
      const keys = Object.keys(weights) as (keyof typeof weights)[];
      let total = 0;
      for (const k of keys) total += weights[k];
      let u = next() * total;
      for (const k of keys) {
        u -= weights[k];
        if (u < 0) return k;
      }
      return keys[keys.length - 1] as (typeof keys)[number];
    },
    normal: (mean, sd) => {
      const u1 = 1 - next();
      const u2 = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    weibullMedian: (median, shape) => median * (-Math.log(1 - next()) / Math.LN2) ** (1 / shape),
  };
  return r;
}
