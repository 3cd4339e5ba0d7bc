// Expected values: docs/survival-generator.md (shared spec, /work/shared/docs): splitmix64 test
// vectors (seed 0 are the standard values of Vigna's reference C code), the first five rows printed
// with %.17g, and SHA-256 of the canonical bytes with events and distinct times for n = 1 000 …
// 1 000 000 (seed 20260101), produced by the spec's R and JavaScript implementations.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import fc from "fast-check";
import { pexp, plog, pow2 } from "./portable-math.ts";
import { SplitMix64 } from "./splitmix64.ts";
import {
  generateSurvivalRegistry,
  SURVIVAL_REGISTRY_BETA,
  SURVIVAL_REGISTRY_COLUMNS,
  SURVIVAL_REGISTRY_COVARIATES,
  survivalRegistryBytes,
} from "./survival-registry.ts";

const GAMMA = 0x9e3779b97f4a7c15n;
const MASK = (1n << 64n) - 1n;

/** The spec's splitmix64 written with BigInt, literally (the slow reference path). */
function mixBig(state: bigint): bigint {
  let z = state & MASK;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}

const hex = (v: bigint): string => v.toString(16).toUpperCase().padStart(16, "0");

describe("splitmix64", () => {
  test("test vectors of the spec", () => {
    const a = new SplitMix64(0);
    assert.deepEqual(
      [a.nextHex(), a.nextHex(), a.nextHex()],
      ["E220A8397B1DCDAF", "6E789E6AA1B965F4", "06C45D188009454F"],
    );
    const b = new SplitMix64(20260101);
    assert.deepEqual([b.nextHex(), b.nextHex()], ["F2ACD20EC0FAD03A", "2C482C33D2AB04C6"]);
  });

  test("output c equals mix(seed + (c + 1)·γ) computed with BigInt, for any 64-bit seed", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MASK }), fc.integer({ min: 0, max: 40 }), (seed, c) => {
        const rng = new SplitMix64(seed);
        let out = "";
        for (let k = 0; k <= c; k++) out = rng.nextHex();
        assert.equal(out, hex(mixBig(seed + BigInt(c + 1) * GAMMA)));
      }),
      { numRuns: 300 },
    );
  });

  test("a number seed and the same bigint seed give the same stream; the uniform is inside (0, 1)", () => {
    const a = new SplitMix64(2 ** 53 - 1);
    const b = new SplitMix64(2n ** 53n - 1n);
    for (let k = 0; k < 20; k++) {
      const u = a.nextUniform();
      assert.equal(u, b.nextUniform());
      assert.ok(u > 0 && u < 1);
    }
    // u = (z >>> 12 + 0.5) / 2^52 for the first output of seed 0 (0xE220A8397B1DCDAF)
    assert.equal(new SplitMix64(0).nextUniform(), (Number(0xe220a8397b1dcdafn >> 12n) + 0.5) / 2 ** 52);
  });
});

describe("portable log and exp", () => {
  test("pow2 is exact at the ends of its range", () => {
    assert.equal(pow2(0), 1);
    assert.equal(pow2(1023), 8.98846567431158e307);
    assert.equal(pow2(-1022), 2.2250738585072014e-308);
    assert.equal(pow2(-1074), 5e-324);
  });

  test("plog agrees with Math.log within 5e-16 relative (spec: 3.7e-16 vs glibc, plus V8's own rounding)", () => {
    for (const x of [0.5, 2, 10, 1e-300, 1e300, 5e-324, Math.SQRT2, Math.SQRT1_2]) {
      const rel = Math.abs(plog(x) - Math.log(x)) / Math.abs(Math.log(x));
      assert.ok(rel <= 5e-16, `plog(${x}) = ${plog(x)}, Math.log = ${Math.log(x)}`);
    }
    assert.equal(plog(1), 0);
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        const l = Math.log(x);
        assert.ok(Math.abs(plog(x) - l) <= 5e-16 * Math.abs(l) + 1e-300, `x = ${x}`);
      }),
      { numRuns: 2000 },
    );
  });

  test("pexp agrees with Math.exp: 2e-15 relative for |x| ≤ 20 (spec: 1.6e-15), growing with |x| beyond", () => {
    assert.equal(pexp(0), 1);
    // r = x − k·LN2 carries k times the rounding of LN2 (|ln 2 − LN2| ≈ 2.3e-17), so the relative
    // error grows about linearly with |x| (measured: 2.6e-15 at |x| = 30, 8e-14 at 699)
    const bound = (x: number): number => (Math.abs(x) <= 20 ? 2e-15 : 3e-16 + 1.3e-16 * Math.abs(x));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -20, max: 20, noNaN: true }),
          fc.double({ min: -699, max: 699, noNaN: true }),
        ),
        (x) => {
          const e = Math.exp(x);
          assert.ok(Math.abs(pexp(x) - e) <= bound(x) * e, `x = ${x}: ${pexp(x)} vs ${e}`);
        },
      ),
      { numRuns: 4000 },
    );
  });
});

// First five rows of the spec (seed 20260101), %.17g: parsing gives back the exact doubles.
const FIRST_ROWS = `1,1,86.876971927757751,1,3,4,0.078515507548528873,0.71059311850631746,0,0,0,0.2763816686844881,410,1
2,3,79.428430327885081,0,2,5,0.23211100197401549,1.1523351412721072,1,0,1,0.70119315604779919,199,1
3,1,50.538612792721167,1,1,4,-1.093779859247241,1.2067831782366638,1,1,2,0.6816265426807776,983,0
4,2,80.038401416080717,0,2,4,0.36307875445812554,0.81251667993885657,0,1,2,0.76822645539389101,380,1
5,3,63.172464177827244,1,1,4,-0.78559639278738813,1.7060743333827622,0,1,2,0.28815819792644792,1365,1`;
// header of the spec's CSV, typed from the spec independently of the generator (test oracle): the
// canonical column order of the generator must equal it
const CSV_HEADER = [
  "id",
  "site",
  "age",
  "female",
  "ecog",
  "n_mets",
  "biomarker",
  "lab",
  "sbrt",
  "driver",
  "histology",
  "noise",
  "time",
  "status",
] as const;

// [n, SHA-256, events %, distinct times]
const HASHES: [number, string, number, number][] = [
  [1_000, "8988fd7517e4853ac622568ce36591e8b3f7e71b22b9a479cf5972f3aa1d8407", 77.0, 722],
  [10_000, "06a3ede3ba4701f2bf32a2425820b6ca972919cc36c06fcb84187db631b7d7b1", 76.7, 2019],
  [100_000, "13412956aef17b69d4e3d010d277dd95daabb1aaddd4b34c9253d007c1f76a5d", 76.9, 2540],
  [1_000_000, "4b1d46f0f108749dca4785a39a9269133183cca28ca22a3d2d44193d2cf0fab9", 76.8, 2556],
];

describe("synthetic survival registry (spec docs/survival-generator.md)", () => {
  test("the first five rows equal the spec's, bit for bit, for any n ≥ 5", () => {
    const expected = FIRST_ROWS.split("\n").map((line) => line.split(",").map(Number));
    for (const n of [5, 1000]) {
      const g = generateSurvivalRegistry(n);
      for (const [i, row] of expected.entries()) {
        for (const [c, name] of CSV_HEADER.entries())
          assert.equal(g.columns[name][i], row[c], `n ${n}, row ${i + 1}, ${name}`);
      }
    }
  });

  for (const [n, sha, eventsPercent, distinctTimes] of HASHES) {
    test(`n = ${n}: SHA-256 of the canonical bytes, events ${eventsPercent} %, ${distinctTimes} distinct times`, () => {
      const g = generateSurvivalRegistry(n);
      const bytes = survivalRegistryBytes(g);
      assert.equal(bytes.length, 14 * 8 * n);
      assert.equal(createHash("sha256").update(bytes).digest("hex"), sha);
      let events = 0;
      for (let i = 0; i < n; i++) events += g.status[i]!;
      assert.equal(Math.round((1000 * events) / n) / 10, eventsPercent);
      assert.equal(new Set(g.columns.time).size, distinctTimes);
    });
  }

  test("typed views agree with the canonical columns; times are whole days ≥ 1", () => {
    const n = 2000;
    const g = generateSurvivalRegistry(n, 123456789n);
    assert.deepEqual(SURVIVAL_REGISTRY_COLUMNS, CSV_HEADER.slice());
    assert.equal(SURVIVAL_REGISTRY_BETA.length, SURVIVAL_REGISTRY_COVARIATES.length);
    for (let i = 0; i < n; i++) {
      assert.equal(g.siteCode[i], g.columns.site[i]);
      assert.equal(g.status[i], g.columns.status[i]);
      const t = g.columns.time[i]!;
      assert.ok(Number.isInteger(t) && t >= 1, `time ${t}`);
      for (const [k, name] of SURVIVAL_REGISTRY_COVARIATES.entries())
        assert.equal(g.covariates[k * n + i], g.columns[name][i]);
    }
  });

  test("a bad n or seed is a RangeError naming the value", () => {
    assert.throws(() => generateSurvivalRegistry(-1), /n must be an integer ≥ 0, got -1/);
    assert.throws(() => generateSurvivalRegistry(1.5), /got 1.5/);
    assert.throws(() => generateSurvivalRegistry(10, -3), /seed must be an integer/);
    assert.equal(generateSurvivalRegistry(0).n, 0);
  });
});
