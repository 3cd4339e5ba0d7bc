// The closed-form Efron sums of partial-likelihood.ts = R's coxfit6 loop over the d tied events
// (transcribed below), for random heavily tied data with strata, weights and offsets.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { partialLikelihood } from "./partial-likelihood.ts";
import { sortCoxData } from "./prepare-cox-data.ts";

test("closed-form Efron = coxfit6's loop (ℓ, U, I)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 2 ** 30 }),
      fc.integer({ min: 5, max: 60 }),
      fc.integer({ min: 1, max: 3 }),
      (seed, n, p) => {
        let s = seed;
        const rnd = (): number => {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          return s / 2 ** 32;
        };
        const x = Float64Array.from({ length: n * p }, () => rnd() * 4 - 2);
        const data = sortCoxData(
          {
            time: Float64Array.from({ length: n }, () => 1 + Math.floor(rnd() * 4)),
            status: Uint8Array.from({ length: n }, () => (rnd() < 0.7 ? 1 : 0)),
            x,
            names: Array.from({ length: p }, (_, k) => `x${k}`),
            strata: Int32Array.from({ length: n }, () => Math.floor(rnd() * 2)),
            weights: Float64Array.from({ length: n }, () => 0.5 + rnd()),
            offset: Float64Array.from({ length: n }, () => rnd() - 0.5),
          },
          { timefix: true, nocenter: [] },
        );
        const beta = Float64Array.from({ length: p }, () => rnd() - 0.5);
        const u = new Float64Array(p);
        const imat = new Float64Array(p * p);
        const ll = partialLikelihood(data, beta, true, u, imat);

        // coxfit6_iter, Efron branch, on the same sorted rows (backwards, ties within strata)
        const { x: xs, status, timeRank, weights, offset, stratum } = data;
        let loglik = 0;
        const u2 = new Float64Array(p);
        const i2 = new Float64Array(p * p);
        const a = new Float64Array(p);
        const a2 = new Float64Array(p);
        const c = new Float64Array(p * p);
        const c2 = new Float64Array(p * p);
        let denom = 0;
        for (let i = n - 1; i >= 0; ) {
          if (i === n - 1 || stratum[i] !== stratum[i + 1]) {
            denom = 0;
            a.fill(0);
            c.fill(0);
          }
          const t = timeRank[i]!;
          const st = stratum[i]!;
          let ndead = 0;
          let deadwt = 0;
          let denom2 = 0;
          for (; i >= 0 && timeRank[i] === t && stratum[i] === st; i--) {
            let zb = offset![i]!;
            for (let k = 0; k < p; k++) zb += beta[k]! * xs[i * p + k]!;
            const r = Math.exp(zb) * weights![i]!;
            if (status[i] === 0) {
              denom += r;
              for (let k = 0; k < p; k++) {
                a[k]! += r * xs[i * p + k]!;
                for (let j = 0; j <= k; j++) c[k * p + j]! += r * xs[i * p + k]! * xs[i * p + j]!;
              }
            } else {
              ndead++;
              deadwt += weights![i]!;
              denom2 += r;
              loglik += weights![i]! * zb;
              for (let k = 0; k < p; k++) {
                u2[k]! += weights![i]! * xs[i * p + k]!;
                a2[k]! += r * xs[i * p + k]!;
                for (let j = 0; j <= k; j++) c2[k * p + j]! += r * xs[i * p + k]! * xs[i * p + j]!;
              }
            }
          }
          if (ndead === 0) continue;
          const wtave = deadwt / ndead;
          for (let kk = 0; kk < ndead; kk++) {
            denom += denom2 / ndead;
            loglik -= wtave * Math.log(denom);
            for (let k = 0; k < p; k++) {
              a[k]! += a2[k]! / ndead;
              const mean = a[k]! / denom;
              u2[k]! -= wtave * mean;
              for (let j = 0; j <= k; j++) {
                c[k * p + j]! += c2[k * p + j]! / ndead;
                i2[k * p + j]! += (wtave * (c[k * p + j]! - mean * a[j]!)) / denom;
              }
            }
          }
          a2.fill(0);
          c2.fill(0);
        }
        assert.ok(Math.abs(ll - loglik) <= 1e-12 * Math.abs(loglik), `loglik ${ll} vs ${loglik}`);
        for (let k = 0; k < p; k++) {
          assert.ok(Math.abs(u[k]! - u2[k]!) <= 1e-10 * (1 + Math.abs(u2[k]!)), `u[${k}]`);
          for (let j = 0; j <= k; j++) {
            assert.ok(
              Math.abs(imat[k * p + j]! - i2[k * p + j]!) <= 1e-10 * (1 + Math.abs(i2[k * p + j]!)),
              `I[${k},${j}]`,
            );
            assert.equal(imat[j * p + k], imat[k * p + j]);
          }
        }
      },
    ),
    { numRuns: 200 },
  );
});
