// Kaplan–Meier, summaries, RMST and log-rank against R 4.2.2 / survival 3.5-3
// (../shared/data/survival/reference-public.json; see its README for the R conventions).
// Tolerance: relative 1e-9 for estimates (the README's suggestion), exact for counts and times.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  assertClose as assertCloseFinite,
  type Json,
  num,
  readReferenceJson,
} from "../../test/support/cox-reference-data.ts";
import { needsSharedData } from "../../test/support/shared-data.ts";
import { asSurvivalData, survivalCsv } from "../../test/support/survival-reference.ts";
import type { SurvivalCsvSpec } from "../interop/index.ts";
import { survivalBand } from "./confidence-band.ts";
import { kaplanMeier } from "./kaplan-meier.ts";
import { kmAtTimes, kmQuantiles } from "./km-summaries.ts";
import { logRank } from "./log-rank.ts";
import { rmst, rmstDifference } from "./rmst.ts";
import { CONF_TYPES } from "./survival-types.ts";

const REL = 1e-9;

/** Relative closeness; equal infinities and NA (null) ↔ NaN match. */
function assertClose(actual: number, expected: unknown, rel: number, label: string, abs = 0): void {
  const e = num(expected);
  if (Number.isFinite(e) || Number.isNaN(e)) assertCloseFinite(actual, expected, rel, label, abs);
  else assert.equal(actual, e, label);
}

function assertAllClose(
  actual: ArrayLike<number>,
  expected: readonly unknown[],
  rel: number,
  label: string,
  abs = 0,
) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i]!, expected[i], rel, `${label}[${i}]`, abs);
}

const skip = needsSharedData("survival", "reference-public.json");

type Dataset = { csv: string; time: string; event: string; eventValues?: string[] };
const DATASETS: Record<string, Dataset> = {
  lung: { csv: "lung.csv", time: "time", event: "status", eventValues: ["2"] },
  veteran: { csv: "veteran.csv", time: "time", event: "status" },
  aml: { csv: "aml.csv", time: "time", event: "status" },
};

/** "sex=1" labels of a reference fit → column and level order. */
function groupSpec(labels: readonly string[]): { group: string; groupLevels: string[] } {
  const group = labels[0]!.split("=")[0]!;
  return { group, groupLevels: labels.map((l) => l.slice(group.length + 1)) };
}

function spec(ds: Dataset, extra: Partial<SurvivalCsvSpec> = {}): SurvivalCsvSpec {
  return {
    time: ds.time,
    event: ds.event,
    ...(ds.eventValues ? { eventValues: ds.eventValues } : {}),
    ...extra,
  };
}

function kmFitFor(name: string, fitName: string, ref: Json) {
  const ds = DATASETS[name]!;
  const labels: string[] = ref.strata.map((s: Json) => s.stratum).filter((s: unknown) => s !== undefined);
  const cols = survivalCsv(ds.csv, spec(ds, fitName === "overall" ? {} : groupSpec(labels)));
  const fit = kaplanMeier(asSurvivalData(cols));
  assert.ok(fit.ok);
  return fit.value;
}

describe("Kaplan–Meier vs R survfit", skip, () => {
  const reference = skip.skip ? undefined : readReferenceJson();
  for (const name of Object.keys(DATASETS)) {
    const kms: Record<string, Json> = reference?.datasets[name].km ?? {};
    for (const [fitName, ref] of Object.entries(kms)) {
      test(`${name} ${fitName}: table, CIs, quantiles, at-risk table, RMST`, () => {
        const fit = kmFitFor(name, fitName, ref);
        assert.equal(fit.curves.length, ref.strata.length);
        ref.strata.forEach((r: Json, s: number) => {
          const c = fit.curves[s]!;
          const label = `${name} ${fitName} ${r.stratum ?? ""}`;
          assert.equal(c.n, r.n, `${label} n`);
          assert.equal(c.events, r.events, `${label} events`);
          const t = r.table;
          assert.deepEqual(Array.from(c.time), t.time, `${label} time`);
          assert.deepEqual(Array.from(c.nRisk), t.n_risk, `${label} n_risk`);
          assert.deepEqual(Array.from(c.nEvent), t.n_event, `${label} n_event`);
          assert.deepEqual(Array.from(c.nCensor), t.n_censor, `${label} n_censor`);
          assertAllClose(c.surv, t.surv, REL, `${label} surv`);
          assertAllClose(c.stdErrLogSurv, t.std_err_log_surv, REL, `${label} std_err_log_surv`);
          assertAllClose(c.stdErrSurv, t.std_err_surv, REL, `${label} std_err_surv`);
          assertAllClose(c.cumhaz, t.cumhaz, REL, `${label} cumhaz`);
          assertAllClose(c.stdErrCumhaz, t.std_err_cumhaz, REL, `${label} std_err_cumhaz`);
          for (const type of CONF_TYPES) {
            const band = survivalBand(c.surv, c.stdErrLogSurv, type);
            assertAllClose(band.lower, t.ci[type].lower, REL, `${label} ${type} lower`);
            assertAllClose(band.upper, t.ci[type].upper, REL, `${label} ${type} upper`);
            const q = kmQuantiles(c, type, { probs: r.quantiles.probs });
            assertAllClose(q.time, r.quantiles[type].time, 0, `${label} ${type} quantiles`);
            assertAllClose(q.lower, r.quantiles[type].lower, 0, `${label} ${type} quantile lower`);
            assertAllClose(q.upper, r.quantiles[type].upper, 0, `${label} ${type} quantile upper`);
            const med = kmQuantiles(c, type, { probs: [0.5] });
            assertClose(med.time[0]!, r.median[type].median, 0, `${label} ${type} median`);
            assertClose(med.lower[0]!, r.median[type].lower, 0, `${label} ${type} median lower`);
            assertClose(med.upper[0]!, r.median[type].upper, 0, `${label} ${type} median upper`);
            const at = kmAtTimes(c, r.at_times.times, type);
            assertAllClose(at.lower, r.at_times.ci[type].lower, REL, `${label} at_times ${type} lower`);
            assertAllClose(at.upper, r.at_times.ci[type].upper, REL, `${label} at_times ${type} upper`);
          }
          const at = kmAtTimes(c, r.at_times.times, "log");
          assert.deepEqual(Array.from(at.nRisk), r.at_times.n_risk, `${label} at_times n_risk`);
          assert.deepEqual(Array.from(at.nEvent), r.at_times.n_event, `${label} at_times n_event`);
          assert.deepEqual(Array.from(at.nCensor), r.at_times.n_censor, `${label} at_times n_censor`);
          assertAllClose(at.surv, r.at_times.surv, REL, `${label} at_times surv`);
          assertAllClose(at.stdErrSurv, r.at_times.std_err_surv, REL, `${label} at_times std_err_surv`);
          const area = rmst(c, r.rmst.tau);
          assertClose(area.rmst, r.rmst.rmst, REL, `${label} rmst`);
          assertClose(area.se, r.rmst.se, REL, `${label} rmst se`);
        });
      });
    }
  }

  test("RMST differences", () => {
    for (const name of Object.keys(DATASETS)) {
      for (const [key, ref] of Object.entries(
        reference!.datasets[name].rmst_difference as Record<string, Json>,
      )) {
        const kmRef = reference!.datasets[name].km[key];
        const fit = kmFitFor(name, key, kmRef);
        const [a, b] = fit.curves.map((c) => rmst(c, ref.tau));
        const d = rmstDifference(a!, b!);
        for (const f of ["diff", "se", "lower", "upper", "z", "p"] as const)
          assertClose(d[f], ref[f], REL, `${name} ${key} ${f}`);
      }
    }
  });
});

describe("log-rank vs R survdiff", skip, () => {
  const reference = skip.skip ? undefined : readReferenceJson();
  const cases: [string, string, { strata?: string }][] = [
    ["lung", "sex", {}],
    ["lung", "sex_peto", {}],
    ["lung", "sex_stratified_by_ph_ecog", { strata: "ph.ecog" }],
    ["veteran", "trt", {}],
    ["veteran", "celltype", {}],
    ["veteran", "trt_stratified_by_celltype", { strata: "celltype" }],
    ["aml", "x", {}],
  ];
  for (const [name, key, extra] of cases) {
    test(`${name} ${key}`, () => {
      const ref = reference!.datasets[name].logrank[key];
      const ds = DATASETS[name]!;
      const cols = survivalCsv(ds.csv, spec(ds, { ...groupSpec(ref.groups), ...extra }));
      const r = logRank(asSurvivalData(cols), { rho: ref.rho });
      assert.ok(r.ok);
      const t = r.value;
      assert.deepEqual(t.n, ref.n);
      assertAllClose(t.observed, ref.observed, REL, "observed");
      assertAllClose(t.expected, ref.expected, REL, "expected");
      for (const [g, row] of t.variance.entries()) assertAllClose(row, ref.var[g], REL, `var[${g}]`, 1e-12);
      assertClose(t.chisq, ref.chisq, REL, "chisq");
      assert.equal(t.df, ref.df);
      assertClose(t.p, ref.p, REL, "p");
    });
  }
});
