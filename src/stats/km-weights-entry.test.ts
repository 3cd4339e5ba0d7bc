// Kaplan–Meier with delayed entry and case weights against R 4.2.2 / survival 3.5-3
// (test/fixtures/survival/survival-r-reference.json, PROVENANCE.md), plus properties that must hold
// whatever the data: unsorted input, integer weights = repeated rows, summaries = rows.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { assertClose, type Json } from "../../test/support/cox-reference-data.ts";
import { needsSharedData } from "../../test/support/shared-data.ts";
import { readSurvivalFixture } from "../../test/support/survival-fixture.ts";
import { survivalCsv } from "../../test/support/survival-reference.ts";
import { survivalBand } from "./confidence-band.ts";
import { type KmCurve, kaplanMeier } from "./kaplan-meier.ts";
import { logRank } from "./log-rank.ts";
import type { SurvivalData } from "./survival-types.ts";

const REL = 1e-9;
const fixture = readSurvivalFixture();
const skip = needsSharedData("survival", "lung.csv");

/** R's survfit fields vs a curve; std.err is of −log S when logse, else of S (IJ curves). */
function compare(c: KmCurve, r: Json, label: string): void {
  assert.deepEqual(Array.from(c.time), r.time, `${label} time`);
  r.time.forEach((_: number, j: number) => {
    assertClose(c.nRisk[j]!, r.n_risk[j], REL, `${label} n_risk[${j}]`);
    assertClose(c.nEvent[j]!, r.n_event[j], REL, `${label} n_event[${j}]`);
    assertClose(c.surv[j]!, r.surv[j], REL, `${label} surv[${j}]`);
    const se = r.logse ? c.stdErrLogSurv[j]! : c.stdErrSurv[j]!;
    // the fixture's JSON writes R's Inf as null (jsonlite na = "null"): it occurs where S = 0
    if (r.std_err[j] === null && c.surv[j] === 0) assert.ok(!Number.isFinite(se));
    else assertClose(se, r.std_err[j], REL, `${label} std_err[${j}]`);
    assertClose(c.cumhaz[j]!, r.cumhaz[j], REL, `${label} cumhaz[${j}]`);
    assertClose(c.stdErrCumhaz[j]!, r.std_chaz[j], REL, `${label} std_chaz[${j}]`);
  });
  const band = survivalBand(c.surv, c.stdErrLogSurv, "log");
  r.time.forEach((_: number, j: number) => {
    assertClose(band.lower[j]!, r.lower[j], REL, `${label} lower[${j}]`);
    assertClose(band.upper[j]!, r.upper[j], REL, `${label} upper[${j}]`);
  });
}

describe("Kaplan–Meier with delayed entry and weights vs R", skip, () => {
  test("lung, entry = min((inst mod 7)·10, time/2), by sex", () => {
    const cols = survivalCsv("lung.csv", {
      time: "time",
      event: "status",
      eventValues: ["2"],
      group: "sex",
      covariates: ["inst"],
    });
    const inst = cols.covariates[0]!;
    assert.equal(inst.kind, "numeric");
    const entry = Float64Array.from(cols.time, (t, i) =>
      Math.min(((inst.values as Float64Array)[i]! % 7) * 10, t / 2),
    );
    const fit = kaplanMeier({ time: cols.time, status: cols.status, entry, group: cols.group!.codes });
    assert.ok(fit.ok);
    for (const [s, c] of fit.value.curves.entries())
      compare(c, fixture.lung_entry.curves[s], `lung entry ${s}`);
  });

  const aml = () => survivalCsv("aml.csv", { time: "time", event: "status", group: "x" });
  test("aml, integer weights 1 + time mod 3: weighted Greenwood", () => {
    const c = aml();
    const weights = c.time.map((t) => 1 + (t % 3));
    const fit = kaplanMeier({ time: c.time, status: c.status, group: c.group!.codes, weights });
    assert.ok(fit.ok);
    fit.value.curves.forEach((k, s) => {
      assert.equal(k.variance, "greenwood");
      compare(k, fixture.aml_weights_integer.curves[s], `aml integer weights ${s}`);
    });
  });
  test("aml, weights 1 + (time mod 3)/2: infinitesimal jackknife as R", () => {
    const c = aml();
    const weights = c.time.map((t) => 1 + (t % 3) / 2);
    const fit = kaplanMeier({ time: c.time, status: c.status, group: c.group!.codes, weights });
    assert.ok(fit.ok);
    fit.value.curves.forEach((k, s) => {
      assert.equal(k.variance, "infinitesimal-jackknife");
      compare(k, fixture.aml_weights_fractional.curves[s], `aml fractional weights ${s}`);
    });
  });
  test("aml, fractional weights with delayed entry min(time/2, 5): IJ", () => {
    const c = aml();
    const weights = c.time.map((t) => 1 + (t % 3) / 2);
    const entry = c.time.map((t) => Math.min(t / 2, 5));
    const fit = kaplanMeier({ time: c.time, status: c.status, weights, entry });
    assert.ok(fit.ok);
    compare(fit.value.curves[0]!, fixture.aml_weights_fractional_entry.curves[0], "aml weights + entry");
  });
});

const rowsArb = fc
  .array(
    fc.record({
      time: fc.integer({ min: 1, max: 30 }),
      status: fc.integer({ min: 0, max: 1 }),
      group: fc.integer({ min: 0, max: 2 }),
      copies: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 2, maxLength: 60 },
  )
  .filter((rows) => new Set(rows.map((r) => r.group)).size === 3);

function columns(rows: { time: number; status: number; group: number }[]): SurvivalData {
  return {
    time: Float64Array.from(rows, (r) => r.time),
    status: Uint8Array.from(rows, (r) => r.status),
    group: Int32Array.from(rows, (r) => r.group),
  };
}

describe("Kaplan–Meier and log-rank properties", () => {
  test("row order does not matter (the npm packages' bug)", () => {
    fc.assert(
      fc.property(rowsArb, fc.integer(), (rows, seed) => {
        const shuffled = [...rows].sort((a, b) => ((a.time * 31 + seed) % 7) - ((b.time * 31 + seed) % 7));
        const a = kaplanMeier(columns(rows));
        const b = kaplanMeier(columns(shuffled));
        assert.ok(a.ok && b.ok);
        assert.deepEqual(a.value, b.value);
      }),
      { numRuns: 50 },
    );
  });

  test("integer weights equal repeated rows (estimates, Greenwood, log-rank)", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const weighted = { ...columns(rows), weights: Float64Array.from(rows, (r) => r.copies) };
        const repeated = columns(rows.flatMap((r) => Array.from({ length: r.copies }, () => r)));
        const a = kaplanMeier(weighted);
        const b = kaplanMeier(repeated);
        assert.ok(a.ok && b.ok);
        a.value.curves.forEach((c, k) => {
          const d = b.value.curves[k]!;
          for (let j = 0; j < c.time.length; j++) {
            assert.ok(Math.abs(c.surv[j]! - d.surv[j]!) <= 1e-12);
            const se1 = c.stdErrLogSurv[j]!;
            const se2 = d.stdErrLogSurv[j]!;
            assert.ok(se1 === se2 || Math.abs(se1 - se2) <= 1e-12 * se2);
          }
        });
        const la = logRank(weighted);
        const lb = logRank(repeated);
        assert.ok(la.ok && lb.ok);
        assert.ok(Math.abs(la.value.chisq - lb.value.chisq) <= 1e-9 * Math.max(1, lb.value.chisq));
      }),
      { numRuns: 50 },
    );
  });

  test("IJ variance without weights is close to Greenwood (same limit), and survival is identical", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const a = kaplanMeier(columns(rows), { variance: "greenwood" });
        const b = kaplanMeier(columns(rows), { variance: "infinitesimal-jackknife" });
        assert.ok(a.ok && b.ok);
        a.value.curves.forEach((c, k) => {
          const d = b.value.curves[k]!;
          assert.deepEqual(Array.from(c.time), Array.from(d.time));
          for (let j = 0; j < c.time.length; j++) {
            assert.ok(Math.abs(c.surv[j]! - d.surv[j]!) <= 1e-12);
            assert.ok(Math.abs(c.cumhaz[j]! - d.cumhaz[j]!) <= 1e-12);
            // IJ = Greenwood · (n − d)/n per term, so never larger
            if (Number.isFinite(c.stdErrSurv[j]!)) assert.ok(d.stdErrSurv[j]! <= c.stdErrSurv[j]! + 1e-12);
          }
        });
      }),
      { numRuns: 50 },
    );
  });

  test("hand example: ties of events and censorings at one time", () => {
    // times 1, 2, 2, 2+, 3+, 4: at t=2, n = 5, d = 2 (the censoring at 2 is still at risk)
    // S(1) = 5/6, S(2) = 5/6 · 3/5 = 1/2, S(4) = 0; Greenwood at 2: 1/(6·5) + 2/(5·3) = 0.1666…
    const fit = kaplanMeier({
      time: Float64Array.from([2, 4, 1, 2, 2, 3]),
      status: Uint8Array.from([1, 1, 1, 0, 1, 0]),
    });
    assert.ok(fit.ok);
    const c = fit.value.curves[0]!;
    assert.deepEqual(Array.from(c.time), [1, 2, 3, 4]);
    assert.deepEqual(Array.from(c.nRisk), [6, 5, 2, 1]);
    assert.deepEqual(Array.from(c.nCensor), [0, 1, 1, 0]);
    assertClose(c.surv[1]!, 0.5, 1e-15, "S(2)");
    assertClose(c.stdErrLogSurv[1]! ** 2, 1 / 30 + 2 / 15, 1e-14, "Greenwood(2)");
    assert.equal(c.surv[3], 0);
    assert.equal(c.stdErrLogSurv[3], Number.POSITIVE_INFINITY);
  });

  test("invalid input: every issue with its column and row", () => {
    const r = kaplanMeier({
      time: Float64Array.from([1, Number.NaN, 3]),
      status: Uint8Array.from([1, 2, 0]),
      weights: Float64Array.from([1, 1, -1]),
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.path]),
      [
        ["survival_time_invalid", "time[1]"],
        ["survival_status_invalid", "status[1]"],
        ["survival_weight_invalid", "weights[2]"],
      ],
    );
  });
});
