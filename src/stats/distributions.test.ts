// Expected values: R 4.2.2 (pnorm, qnorm, pchisq, qchisq), printed with %.17g.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  chiSquareCdf,
  chiSquareQuantile,
  chiSquareUpperTail,
  logGamma,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  normalUpperTail,
} from "./distributions.ts";

function close(actual: number, expected: number, rel: number, label: string): void {
  const tol = rel * Math.abs(expected);
  assert.ok(Math.abs(actual - expected) <= tol, `${label}: got ${actual}, expected ${expected}`);
}

// [z, pnorm(z), pnorm(z, lower.tail = FALSE)]
const NORMAL: [number, number, number][] = [
  [-38, 0, 1],
  [-20, 2.7536241186062337e-89, 1],
  [-8.5, 9.4795348222033192e-18, 1],
  [-5, 2.8665157187919391e-7, 0.99999971334842808],
  [-1.96, 0.024997895148220428, 0.97500210485177963],
  [-1, 0.15865525393145705, 0.84134474606854293],
  [-0.5, 0.30853753872598694, 0.69146246127401301],
  [0, 0.5, 0.5],
  [1e-10, 0.5000000000398942, 0.49999999996010575],
  [0.3, 0.61791142218895267, 0.38208857781104733],
  [1, 0.84134474606854293, 0.15865525393145705],
  [1.959963984540054, 0.97499999999999998, 0.025000000000000012],
  [3.2, 0.99931286206208414, 0.00068713793791584806],
  [6, 0.9999999990134123, 9.8658764503769809e-10],
  [9, 1, 1.1285884059538408e-19],
  [12, 1, 1.776482112077679e-33],
  [37.5, 1, 4.6053530095819552e-308],
];

// [p, qnorm(p)]
const NORMAL_Q: [number, number][] = [
  [1e-300, -37.047096299361201],
  [1e-20, -9.2623400897984052],
  [1e-10, -6.3613409024040557],
  [1e-5, -4.2648907939228256],
  [0.001, -3.0902323061678132],
  [0.0125, -2.2414027276049446],
  [0.025, -1.9599639845400538],
  [0.1, -1.2815515655446008],
  [0.3, -0.52440051270804067],
  [0.5, 0],
  [0.6, 0.25334710313579978],
  [0.8, 0.84162123357291441],
  [0.975, 1.9599639845400536],
  [0.99, 2.3263478740408408],
  [0.999999, 4.7534243088170891],
  [1 - 1e-12, 7.0344869100478356],
];

// [x, df, pchisq upper, pchisq lower]
const CHISQ: [number, number, number, number][] = [
  [0.5, 1, 0.47950012218695348, 0.52049987781304652],
  [3.84, 1, 0.050043521248705224, 0.94995647875129474],
  [10, 1, 0.0015654022580025519, 0.9984345977419975],
  [50, 1, 1.5374597944280343e-12, 0.99999999999846256],
  [1e-8, 1, 0.99992021154405275, 7.9788455947305779e-5],
  [2, 2, 0.36787944117144233, 0.63212055882855767],
  [7.5, 3, 0.057558451972636406, 0.94244154802736357],
  [0.1, 4, 0.99879089572574964, 0.0012091042742502906],
  [30, 5, 1.4748581038443054e-5, 0.99998525141896155],
  [12.3, 7, 0.09111488600031302, 0.90888511399968697],
  [200, 10, 1.6139305336977309e-37, 1],
  [3.2, 2.5, 0.27971515163811006, 0.72028484836189],
  [60, 40, 0.021873468441390858, 0.97812653155860918],
  [0.004, 0.7, 0.87259576468979883, 0.12740423531020109],
  [1500, 1000, 1.0454640385979652e-22, 1],
  [900, 1000, 0.98928276190871023, 0.010717238091289742],
];

// [p, df, qchisq(p, df)]
const CHISQ_Q: [number, number, number][] = [
  [0.95, 1, 3.841458820694124],
  [0.95, 2, 5.9914645471079799],
  [0.5, 3, 2.3659738843753377],
  [0.01, 4, 0.29710948050653185],
  [0.999, 10, 29.588298445074418],
  [0.2, 0.5, 0.0021617714613259521],
  [0.9999, 100, 161.31865695904798],
  [1e-6, 2, 2.0000010000006668e-6],
];

describe("normal distribution (vs R pnorm/qnorm)", () => {
  test("CDF and upper tail to 1e-14 relative, both tails", () => {
    for (const [z, lower, upper] of NORMAL) {
      close(normalCdf(z), lower, 1e-14, `pnorm(${z})`);
      close(normalUpperTail(z), upper, 1e-14, `pnorm(${z}, upper)`);
    }
  });
  test("two-sided p", () => {
    close(normalTwoSidedP(-1.959963984540054), 0.050000000000000024, 1e-14, "p(1.96)");
    close(normalTwoSidedP(12), 2 * 1.776482112077679e-33, 1e-14, "p(12)");
    assert.ok(Number.isNaN(normalTwoSidedP(Number.NaN)));
  });
  test("quantile to 1e-15 relative", () => {
    for (const [p, z] of NORMAL_Q) {
      const tol = z === 0 ? 0 : 1e-15 * Math.abs(z);
      assert.ok(Math.abs(normalQuantile(p) - z) <= tol, `qnorm(${p}) = ${normalQuantile(p)} vs ${z}`);
    }
    assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY);
    assert.equal(normalQuantile(1), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(normalQuantile(1.5)));
  });
  test("quantile inverts the CDF (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 0, noNaN: true }), (z) => {
        // the lower tail carries full precision for z ≤ 0; for z > 0 use the upper tail
        const back = normalQuantile(normalCdf(z));
        const backUpper = -normalQuantile(normalUpperTail(-z));
        const tol = 1e-12 * Math.max(1, Math.abs(z));
        return Math.abs(back - z) <= tol && Math.abs(backUpper + z) <= tol;
      }),
    );
  });
});

describe("chi-square distribution (vs R pchisq/qchisq)", () => {
  test("upper tail and CDF to 1e-12 relative", () => {
    for (const [x, df, upper, lower] of CHISQ) {
      close(chiSquareUpperTail(x, df), upper, 1e-12, `pchisq(${x}, ${df}, upper)`);
      close(chiSquareCdf(x, df), lower, 1e-12, `pchisq(${x}, ${df})`);
    }
  });
  test("edge values", () => {
    assert.equal(chiSquareUpperTail(0, 3), 1);
    assert.equal(chiSquareUpperTail(Number.POSITIVE_INFINITY, 3), 0);
    assert.ok(Number.isNaN(chiSquareUpperTail(1, 0)));
  });
  test("quantile to 1e-12 relative", () => {
    for (const [p, df, x] of CHISQ_Q) close(chiSquareQuantile(p, df), x, 1e-12, `qchisq(${p}, ${df})`);
    assert.equal(chiSquareQuantile(0, 2), 0);
    assert.equal(chiSquareQuantile(1, 2), Number.POSITIVE_INFINITY);
  });
  test("df = 1 chi-square equals the squared normal (two paths agree)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 7, noNaN: true }), (z) => {
        const a = chiSquareUpperTail(z * z, 1);
        const b = normalTwoSidedP(z);
        return Math.abs(a - b) <= 1e-13 * b;
      }),
    );
  });
  test("log Γ: exact values", () => {
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-15, "lgamma(0.5)");
    close(logGamma(10), Math.log(362880), 1e-15, "lgamma(10)");
    // R: lgamma(100.5) = 361.43554046777757
    close(logGamma(100.5), 361.43554046777757, 1e-15, "lgamma(100.5)");
  });
});
