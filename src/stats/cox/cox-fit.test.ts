// Cox model: hand-derived values, error cases, and properties where two computations must agree
// (Breslow = Efron without ties; row order does not matter; O(n log n) concordance and O(n p)
// score residuals = the O(n²) definitions).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { concordance } from "./concordance.ts";
import { fitCox, fitCoxState } from "./cox-fit.ts";
import type { CoxData } from "./cox-types.ts";
import { sortCoxData } from "./prepare-cox-data.ts";
import { scoreResiduals } from "./score-residuals.ts";

const col = (...v: number[]): Float64Array => Float64Array.from(v);

function data(time: number[], status: number[], xs: number[][], extra: Partial<CoxData> = {}): CoxData {
  const n = time.length;
  const x = new Float64Array(n * xs.length);
  for (const [k, c] of xs.entries()) x.set(c, k * n);
  return {
    time: Float64Array.from(time),
    status: Uint8Array.from(status),
    x,
    names: xs.map((_, k) => `x${k + 1}`),
    ...extra,
  };
}

describe("hand-derived values", () => {
  test("no ties: null log-likelihood and score test", () => {
    // times 1, 2, 3 all events, x = 1, 0, 1. At β = 0 the risk sets are {1,0,1}, {0,1}, {1}:
    // ℓ(0) = −log 3 − log 2 − log 1 = −log 6; U = (1 − 2/3) + (0 − 1/2) + (1 − 1) = −1/6;
    // I = (2/3)(1/3) + (1/2)(1/2) + 0 = 17/36; score test U²/I = 1/17.
    const r = fitCox(data([1, 2, 3], [1, 1, 1], [[1, 0, 1]]));
    assert.ok(r.ok);
    assert.ok(Math.abs(r.value.loglikNull + Math.log(6)) < 1e-14);
    assert.ok(Math.abs(r.value.scoreTest.stat - 1 / 17) < 1e-14);
  });

  test("two tied events: Efron and Breslow denominators", () => {
    // events at t = 1 (x = 1 and x = 0), censored at t = 2 (x = 0). At β = 0 the risk set sum is 3:
    // Breslow ℓ(0) = −2 log 3; Efron ℓ(0) = −log 3 − log(3 − ½·2) = −log 6.
    const d = data([1, 1, 2], [1, 1, 0], [[1, 0, 0]]);
    const e = fitCox(d, { ties: "efron", maxIterations: 0 });
    const b = fitCox(d, { ties: "breslow", maxIterations: 0 });
    assert.ok(e.ok && b.ok);
    assert.ok(Math.abs(e.value.loglikNull + Math.log(6)) < 1e-14);
    assert.ok(Math.abs(b.value.loglikNull + 2 * Math.log(3)) < 1e-14);
  });

  test("one binary covariate, two rows: the MLE in closed form", () => {
    // t = 1 event x = 1; t = 2 event x = 0; t = 3 censored x = 0. ℓ(β) = β − log(e^β + 2) − log 2;
    // ℓ'(β) = 1 − e^β/(e^β + 2) = 0 has no root (monotone), so add a row where x = 0 dies first:
    // t = 0.5 event x = 0. Then ℓ(β) = −log(e^β + 3) + β − log(e^β + 2) + const;
    // ℓ' = 1 − e^β/(e^β+3) − e^β/(e^β+2) = 0 ⇔ with y = e^β: (y+3)(y+2) − y(y+2) − y(y+3) = 0
    // ⇔ −y² + 6 = 0 ⇔ β = ½ log 6.
    const r = fitCox(data([0.5, 1, 2, 3], [1, 1, 1, 0], [[0, 1, 0, 0]]), { eps: 1e-14 });
    assert.ok(r.ok);
    assert.ok(Math.abs(r.value.coef[0]! - 0.5 * Math.log(6)) < 1e-10, `${r.value.coef[0]}`);
    assert.ok(Math.abs(r.value.hr[0]! - Math.sqrt(6)) < 1e-9);
  });
});

describe("errors name the problem", () => {
  test("invalid values are all reported, with row and field", () => {
    const r = fitCox(
      data([1, Number.NaN, -2, 4], [1, 2, 0, 1], [[0, 1, Number.POSITIVE_INFINITY, 1]], {
        weights: col(1, 0, 1, 1),
      }),
    );
    assert.ok(!r.ok);
    const codes = r.issues.map((i) => `${i.code}@${i.path}`);
    assert.deepEqual(codes.sort(), [
      "cox_invalid_covariate@x1[2]",
      "cox_invalid_status@status[1]",
      "cox_invalid_time@time[1]",
      "cox_invalid_time@time[2]",
      "cox_invalid_weight@weights[1]",
    ]);
    assert.match(
      r.issues.find((i) => i.code === "cox_invalid_time" && i.path === "time[2]")!.message,
      /row 3.*≥ 0/,
    );
  });

  test("length mismatch", () => {
    const r = fitCox({ ...data([1, 2], [1, 1], [[0, 1]]), status: Uint8Array.of(1) });
    assert.ok(!r.ok);
    assert.equal(r.issues[0]!.code, "cox_length_mismatch");
  });

  test("no events", () => {
    const r = fitCox(data([1, 2, 3], [0, 0, 0], [[0, 1, 0]]));
    assert.ok(!r.ok);
    assert.equal(r.issues[0]!.code, "cox_no_events");
  });

  test("constant covariate", () => {
    const r = fitCox(
      data(
        [1, 2, 3, 4],
        [1, 0, 1, 1],
        [
          [0, 1, 0, 1],
          [5, 5, 5, 5],
        ],
      ),
    );
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.path]),
      [["cox_constant_covariate", "x2"]],
    );
  });

  test("collinear covariates: the aliased one and those it depends on are named", () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [0, 1, 0, 1, 1, 0, 0, 1];
    const c = a.map((v, i) => 2 * v - b[i]! + 1);
    const r = fitCox(data([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 0, 1, 1, 0, 1, 1], [a, b, c]));
    assert.ok(!r.ok);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0]!.code, "cox_collinear");
    assert.equal(r.issues[0]!.path, "x3");
    assert.match(r.issues[0]!.message, /'x3' is a linear combination of 'x1', 'x2'/);
  });

  test("monotone likelihood: error by default, warning with allowInfinite", () => {
    // every event has x = 1 and is earlier than every x = 0 row: β → ∞
    const d = data(
      [1, 2, 3, 4, 5, 6],
      [1, 1, 1, 0, 1, 0],
      [
        [1, 1, 1, 0, 0, 0],
        [0.3, 0.1, 0.4, 0.1, 0.5, 0.9],
      ],
    );
    const r = fitCox(d);
    assert.ok(!r.ok);
    assert.ok(
      r.issues.some((i) => i.code === "cox_infinite_coefficient" && i.path === "x1"),
      JSON.stringify(r.issues),
    );
    assert.ok(!r.issues.some((i) => i.path === "x2"));
    for (const maxIterations of [20, 30]) {
      const w = fitCox(d, { allowInfinite: true, maxIterations });
      assert.ok(w.ok);
      assert.ok(w.value.warnings.some((i) => i.code === "cox_infinite_coefficient" && i.path === "x1"));
      assert.ok(w.value.coef[0]! > 10);
      assert.ok(w.value.lrTest.stat > 0);
    }
  });

  test("non-convergence reports the iteration count", () => {
    const r = fitCox(data([1, 2, 3, 4, 5, 6], [1, 0, 1, 1, 0, 1], [[0.5, 1.5, 0.2, 2.2, 1.1, 0.7]]), {
      maxIterations: 1,
    });
    assert.ok(!r.ok);
    assert.equal(r.issues[0]!.code, "cox_not_converged");
    assert.match(r.issues[0]!.message, /in 1 iterations/);
  });

  test("bad options", () => {
    const r = fitCox(data([1, 2], [1, 1], [[0, 1]]), { eps: 0, confLevel: 1.5, init: [1, 2] });
    assert.ok(!r.ok);
    assert.deepEqual(r.issues.map((i) => i.path).sort(), ["confLevel", "eps", "init"]);
  });
});

describe("R conventions", () => {
  test("times within sqrt(machine eps) are merged (aeqSurv), and not when timefix = false", () => {
    const base = data([1, 1, 2, 3, 4], [1, 1, 1, 0, 1], [[0, 1, 1, 0, 1]]);
    const jittered = { ...base, time: col(1, 1 + 1e-12, 2, 3, 4) };
    const a = fitCox(base);
    const b = fitCox(jittered);
    const c = fitCox(jittered, { timefix: false });
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(b.value.loglik, a.value.loglik);
    assert.notEqual(c.value.loglik, a.value.loglik);
  });

  test("0/±1 columns are not centred (nocenter), others are centred by the weighted mean", () => {
    const r = fitCox(
      data(
        [1, 2, 3, 4, 5, 6],
        [1, 1, 0, 1, 1, 1],
        [
          [1, 0, 1, 0, 1, 0],
          [2, 4, 6, 8, 9, 3],
        ],
        { weights: col(1, 2, 1, 1, 1, 1) },
      ),
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.means[0], 0);
    assert.ok(Math.abs(r.value.means[1]! - (2 + 8 + 6 + 8 + 9 + 3) / 7) < 1e-14);
  });

  test("robust by default with clusters or fractional weights, as R", () => {
    const d = data([1, 2, 3, 4, 5, 6], [1, 1, 0, 1, 1, 1], [[0.1, 1, 0.3, 1.5, 0.2, 0.8]]);
    const plain = fitCox(d);
    const clustered = fitCox({ ...d, cluster: Int32Array.of(1, 1, 2, 2, 3, 3) });
    const frac = fitCox({ ...d, weights: col(1, 1.5, 1, 1, 1, 1) });
    assert.ok(plain.ok && clustered.ok && frac.ok);
    assert.equal(plain.value.robust, false);
    assert.equal(clustered.value.robust, true);
    assert.equal(clustered.value.nClusters, 3);
    assert.equal(frac.value.robust, true);
  });
});

// random small data sets: times with or without ties, several strata, weights
const dataset = (ties: boolean) =>
  fc
    .record({
      n: fc.integer({ min: 6, max: 30 }),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
      nStrata: fc.integer({ min: 1, max: 3 }),
      weighted: fc.boolean(),
    })
    .map(({ n, seed, nStrata, weighted }) => {
      let s = seed;
      const rnd = (): number => {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        return s / 2 ** 32;
      };
      const perm = Array.from({ length: n }, (_, i) => i + 1).sort(() => rnd() - 0.5);
      const time = Array.from({ length: n }, (_, i) =>
        ties ? 1 + Math.floor(rnd() * 5) : perm[i]! + rnd() * 0.5,
      );
      const status = Array.from({ length: n }, () => (rnd() < 0.7 ? 1 : 0));
      status[0] = 1;
      status[1] = 1;
      const x1 = Array.from({ length: n }, () => Math.round(rnd() * 40) / 10);
      const x2 = Array.from({ length: n }, () => (rnd() < 0.5 ? 1 : 0));
      x2[0] = 0;
      x2[1] = 1;
      return data(time, status, [x1, x2], {
        strata: Int32Array.from({ length: n }, (_, i) => (i < 4 ? 0 : Math.floor(rnd() * nStrata))),
        ...(weighted ? { weights: Float64Array.from({ length: n }, () => 1 + Math.floor(rnd() * 3)) } : {}),
      });
    });

describe("properties", () => {
  test("without tied event times, Efron = Breslow", () => {
    fc.assert(
      fc.property(dataset(false), (d) => {
        const e = fitCox(d, { ties: "efron", maxIterations: 0 });
        const b = fitCox(d, { ties: "breslow", maxIterations: 0 });
        if (!e.ok || !b.ok) return;
        assert.ok(Math.abs(e.value.loglikNull - b.value.loglikNull) <= 1e-12 * Math.abs(b.value.loglikNull));
        assert.ok(
          Math.abs(e.value.scoreTest.stat - b.value.scoreTest.stat) <= 1e-10 * (1 + b.value.scoreTest.stat),
        );
      }),
      { numRuns: 100 },
    );
  });

  test("row order does not matter", () => {
    fc.assert(
      fc.property(dataset(true), fc.integer({ min: 1, max: 1000 }), (d, shift) => {
        const n = d.time.length;
        const idx = Array.from({ length: n }, (_, i) => (i * 7 + shift) % n);
        if (new Set(idx).size !== n) return;
        const pick = <T extends Float64Array | Uint8Array | Int32Array>(a: T): T =>
          a.map((_, i) => a[idx[i]!]!) as T;
        const x = new Float64Array(d.x.length);
        for (let k = 0; k < 2; k++) for (let i = 0; i < n; i++) x[k * n + i] = d.x[k * n + idx[i]!]!;
        const shuffled: CoxData = {
          ...d,
          time: pick(d.time),
          status: pick(d.status),
          x,
          strata: pick(d.strata!),
          ...(d.weights ? { weights: pick(d.weights) } : {}),
        };
        const a = fitCox(d, { maxIterations: 0 });
        const b = fitCox(shuffled, { maxIterations: 0 });
        assert.equal(a.ok, b.ok);
        if (!a.ok || !b.ok) return;
        assert.ok(Math.abs(a.value.loglikNull - b.value.loglikNull) <= 1e-12 * Math.abs(a.value.loglikNull));
        assert.ok(
          Math.abs(a.value.scoreTest.stat - b.value.scoreTest.stat) <= 1e-9 * (1 + a.value.scoreTest.stat),
        );
        assert.deepEqual(a.value.concordance, b.value.concordance);
      }),
      { numRuns: 100 },
    );
  });

  test("concordance counts and SE = the O(n²) pair definition", () => {
    fc.assert(
      fc.property(dataset(true), fc.boolean(), (d, reverse) => {
        const n = d.time.length;
        const w = (i: number): number => d.weights?.[i] ?? 1;
        const pred = Float64Array.from({ length: n }, (_, i) => Math.round(d.x[i]! * 2) / 2 - d.x[n + i]!);
        let [conc, disc, tx, ty, txy] = [0, 0, 0, 0, 0];
        const inf = Array.from({ length: n }, () => [0, 0, 0]);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (i === j || d.strata![i] !== d.strata![j] || d.status[i] !== 1) continue;
            const ti = d.time[i]!;
            const tj = d.time[j]!;
            if (tj === ti && d.status[j] === 1) {
              if (i < j) {
                if (pred[i] === pred[j]) txy += w(i) * w(j);
                else ty += w(i) * w(j);
              }
              continue;
            }
            if (tj < ti) continue;
            // i fails first; j lives longer
            const ww = w(i) * w(j);
            const k = pred[i] === pred[j] ? 2 : pred[j]! > pred[i]! !== reverse ? 0 : 1;
            if (k === 0) conc += ww;
            else if (k === 1) disc += ww;
            else tx += ww;
            inf[i]![k]! += w(j);
            inf[j]![k]! += w(i);
          }
        }
        // pre-reverse Somers' d and its jackknife SE (R's concordancefit)
        const cc = reverse ? disc : conc;
        const dd = reverse ? conc : disc;
        const npair = conc + disc + tx;
        const somers = (cc - dd) / npair;
        let v = 0;
        for (let i = 0; i < n; i++) {
          const ci = reverse ? inf[i]![1]! : inf[i]![0]!;
          const di = reverse ? inf[i]![0]! : inf[i]![1]!;
          const dfb = w(i) * ((ci - di) / npair - (somers / npair) * (ci + di + inf[i]![2]!));
          v += dfb * dfb;
        }
        const sorted = sortCoxData(d, { timefix: false, nocenter: [] });
        const r = concordance({
          timeRank: sorted.timeRank,
          status: sorted.status,
          stratumStart: sorted.stratumStart,
          predictor: Float64Array.from(sorted.order, (o) => pred[o]!),
          weights: sorted.weights,
          reverse,
        });
        assert.deepEqual([r.concordant, r.discordant, r.tiedX, r.tiedY, r.tiedXY], [conc, disc, tx, ty, txy]);
        if (npair > 0) {
          assert.ok(Math.abs(r.c - (conc + tx / 2) / npair) < 1e-12);
          assert.ok(
            Math.abs(r.se - Math.sqrt(v / 4)) <= 1e-10 * (1 + r.se),
            `${r.se} vs ${Math.sqrt(v / 4)}`,
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  test("score residuals = R's O(n²) coxscore2 definition", () => {
    fc.assert(
      fc.property(dataset(true), fc.boolean(), (d, efron) => {
        const st = fitCoxState(d, {
          ties: efron ? "efron" : "breslow",
          maxIterations: 0,
          concordance: false,
        });
        if (!st.ok) return;
        const { sorted, lpSorted } = st.value;
        const { n, p, x, status, weights, stratum } = sorted;
        const time = Float64Array.from(sorted.timeRank);
        const risk = lpSorted.map(Math.exp);
        const fast = scoreResiduals(sorted, risk, efron);
        // coxscore2, transcribed: rows ascending time within strata, walked backwards
        const slow = new Float64Array(n * p);
        const a = new Float64Array(p);
        const a2 = new Float64Array(p);
        let denom = 0;
        let eDenom = 0;
        let deaths = 0;
        let meanwt = 0;
        for (let i = n - 1; i >= 0; i--) {
          if (i === n - 1 || stratum[i] !== stratum[i + 1]) {
            denom = 0;
            a.fill(0);
          }
          const wi = weights?.[i] ?? 1;
          const r = risk[i]! * wi;
          denom += r;
          if (status[i] === 1) {
            deaths++;
            eDenom += r;
            meanwt += wi;
            for (let k = 0; k < p; k++) a2[k]! += r * x[i * p + k]!;
          }
          for (let k = 0; k < p; k++) a[k]! += r * x[i * p + k]!;
          const lastOfTies = i === 0 || stratum[i - 1] !== stratum[i] || time[i] !== time[i - 1];
          if (deaths > 0 && lastOfTies) {
            const end = (k: number): boolean => k >= n || stratum[k] !== stratum[i];
            if (deaths < 2 || !efron) {
              const hazard = meanwt / denom;
              for (let j = 0; j < p; j++) {
                const mean = a[j]! / denom;
                for (let k = i; !end(k); k++) {
                  const t2 = x[k * p + j]! - mean;
                  if (time[k] === time[i] && status[k] === 1) slow[k * p + j]! += t2;
                  slow[k * p + j]! -= t2 * risk[k]! * hazard;
                }
              }
            } else {
              const mw = meanwt / deaths;
              for (let dd = 0; dd < deaths; dd++) {
                const down = dd / deaths;
                const tmp = denom - down * eDenom;
                const hazard = mw / tmp;
                for (let j = 0; j < p; j++) {
                  const mean = (a[j]! - down * a2[j]!) / tmp;
                  for (let k = i; !end(k); k++) {
                    const t2 = x[k * p + j]! - mean;
                    if (time[k] === time[i] && status[k] === 1) {
                      slow[k * p + j]! += t2 / deaths;
                      slow[k * p + j]! -= t2 * risk[k]! * hazard * (1 - down);
                    } else slow[k * p + j]! -= t2 * risk[k]! * hazard;
                  }
                }
              }
            }
            eDenom = 0;
            deaths = 0;
            meanwt = 0;
            a2.fill(0);
          }
        }
        for (let i = 0; i < n * p; i++)
          assert.ok(Math.abs(fast[i]! - slow[i]!) < 1e-10, `resid ${i}: ${fast[i]} vs ${slow[i]}`);
      }),
      { numRuns: 100 },
    );
  });
});
