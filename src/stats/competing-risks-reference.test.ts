// Cumulative incidence and Gray's test against R 4.2.2: survival 3.5-3 survfit() with a factor
// status (Aalen–Johansen, IJ standard errors) and cmprsk 2.2-11 cuminc() (delta-method variance,
// Gray's test). Expected values: test/fixtures/survival/survival-r-reference.json (PROVENANCE.md).
// Tolerance: relative 1e-9 (estimates, variances, statistics).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertClose, type Json } from "../../test/support/cox-reference-data.ts";
import { needsSharedData } from "../../test/support/shared-data.ts";
import { readSurvivalFixture } from "../../test/support/survival-fixture.ts";
import { asSurvivalData, survivalCsv } from "../../test/support/survival-reference.ts";
import { type CifCurve, cumulativeIncidence, incidenceBand } from "./cumulative-incidence.ts";
import { grayTest } from "./gray-test.ts";
import type { ConfType } from "./survival-types.ts";

const REL = 1e-9;
const skip = needsSharedData("survival", "mgus2.csv");
const fixture = readSurvivalFixture();

const mgus2 = () =>
  asSurvivalData(
    survivalCsv("mgus2.csv", { time: "cr_time", event: "cr_status", group: "sex", competing: {} }),
  );
const pbc = (extra: { strata?: string; group?: string } = {}) =>
  asSurvivalData(
    survivalCsv("pbc312.csv", {
      time: "time",
      event: "status",
      group: extra.group ?? "trt",
      competing: {},
      ...(extra.strata ? { strata: extra.strata } : {}),
    }),
  );

/** Value of a step function (times ascending) at t: the last value at or before t. */
function at(times: Float64Array, values: Float64Array, t: number): number {
  let v = 0;
  for (let k = 0; k < times.length && times[k]! <= t; k++) v = values[k]!;
  return v;
}

function compareAj(curves: readonly CifCurve[], ref: Json, confType: ConfType): void {
  assert.equal(curves.length, ref.curves.length);
  ref.curves.forEach((r: Json, s: number) => {
    const c = curves[s]!;
    const label = `${r.stratum} ${confType}`;
    assert.deepEqual(Array.from(c.time), r.time, `${label} time`);
    assert.deepEqual(Array.from(c.nRisk), r.n_risk, `${label} n_risk`);
    for (let j = 0; j < r.time.length; j++) {
      assertClose(c.eventFree[j]!, r.pstate[j][0], REL, `${label} p0[${j}]`);
      assertClose(c.stdErrEventFree[j]!, r.std_err[j][0], REL, `${label} se p0[${j}]`, 1e-15);
    }
    c.cif.forEach((f, k) => {
      const band = incidenceBand(f, c.stdErrCif[k]!, confType);
      for (let j = 0; j < r.time.length; j++) {
        assertClose(f[j]!, r.pstate[j][k + 1], REL, `${label} F${k + 1}[${j}]`);
        assertClose(c.stdErrCif[k]![j]!, r.std_err[j][k + 1], REL, `${label} se F${k + 1}[${j}]`, 1e-15);
        assertClose(band.lower[j]!, r.lower[j][k + 1], REL, `${label} lower F${k + 1}[${j}]`);
        assertClose(band.upper[j]!, r.upper[j][k + 1], REL, `${label} upper F${k + 1}[${j}]`);
      }
    });
  });
}

describe("Aalen–Johansen vs R survfit (multi-state)", skip, () => {
  for (const confType of ["log", "plain", "log-log"] as const) {
    test(`mgus2 by sex, conf.type ${confType}`, () => {
      const fit = cumulativeIncidence(mgus2());
      assert.ok(fit.ok);
      compareAj(fit.value.curves, fixture.mgus2_aj[confType], confType);
    });
  }
  test("pbc312 by trt (transplant vs death)", () => {
    const fit = cumulativeIncidence(pbc());
    assert.ok(fit.ok);
    compareAj(fit.value.curves, fixture.pbc_aj, "log");
  });
});

describe("cmprsk cuminc: estimates, variance, Gray's test", skip, () => {
  for (const [name, data, ref] of [
    ["mgus2 by sex", mgus2, fixture.mgus2_cuminc],
    ["pbc312 by trt", () => pbc(), fixture.pbc_cuminc],
  ] as const) {
    test(`${name}: estimates and variances at time points`, () => {
      const fit = cumulativeIncidence(data(), { deltaVariance: true });
      assert.ok(fit.ok);
      // cuminc rows: "<group> <cause>", groups in level order within each cause
      ref.curves.forEach((_: string, row: number) => {
        const g = row % fit.value.curves.length;
        const k = Math.floor(row / fit.value.curves.length);
        const c = fit.value.curves[g]!;
        ref.times.forEach((t: number, q: number) => {
          assertClose(
            at(c.time, c.cif[k]!, t),
            ref.est[row][q],
            REL,
            `${name} est ${ref.curves[row]} t=${t}`,
          );
          assertClose(
            at(c.time, c.varianceDelta![k]!, t),
            ref.var[row][q],
            REL,
            `${name} var ${ref.curves[row]} t=${t}`,
          );
        });
      });
    });
  }

  const tests: [string, () => ReturnType<typeof mgus2>, Json, number][] = [
    ["mgus2 by sex", mgus2, fixture.mgus2_cuminc.tests, 0],
    ["mgus2 by sex, rho = 1", mgus2, fixture.mgus2_cuminc_rho1.tests, 1],
    ["pbc312 by trt", () => pbc(), fixture.pbc_cuminc.tests, 0],
    ["pbc312 by trt, strata edema", () => pbc({ strata: "edema" }), fixture.pbc_cuminc_strata.tests, 0],
    ["pbc312 by stage (4 groups)", () => pbc({ group: "stage" }), fixture.pbc_cuminc_stage.tests, 0],
  ];
  for (const [name, data, refTests, rho] of tests) {
    test(`Gray's test: ${name}`, () => {
      for (const r of refTests) {
        const t = grayTest(data(), { cause: Number(r.cause), rho });
        assert.ok(t.ok);
        assertClose(t.value.stat, r.stat, REL, `${name} cause ${r.cause} stat`);
        // cmprsk reports p as 1 − pchisq(stat, df): about 1e-16 absolute cancellation error, so
        // tiny p-values agree only to that (ours is the upper tail itself, R's pchisq to 4e-15)
        assertClose(t.value.p, r.p, REL, `${name} cause ${r.cause} p`, 1e-15);
        assert.equal(t.value.df, r.df);
      }
    });
  }
});
