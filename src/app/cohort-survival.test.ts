import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { OutcomeRow } from "../store/index.ts";
import { AppError } from "./app-error.ts";
import { DAYS_PER_MONTH, defaultRiskTimes, survivalFromOutcomes } from "./cohort-survival.ts";

// Two groups of 7 (months, event), the reference computed with R 4 / survival 3.x:
//   d <- data.frame(t=c(1,2,2,3,5,6,8, 2,4,4,7,9,10,12), e=c(1,1,1,0,1,0,1, 0,1,1,1,0,1,0),
//                   g=factor(c(rep("sbrt",7), rep("surgery",7))))
//   survfit(Surv(t,e)~g, d) (conf.type "log"); survdiff(...); coxph(...) (Efron)
const SBRT: [number, number][] = [
  [1, 1],
  [2, 1],
  [2, 1],
  [3, 0],
  [5, 1],
  [6, 0],
  [8, 1],
];
const SURGERY: [number, number][] = [
  [2, 0],
  [4, 1],
  [4, 1],
  [7, 1],
  [9, 0],
  [10, 1],
  [12, 0],
];

function row(
  months: number,
  event: number,
  localTherapy: string,
  extra: Partial<OutcomeRow> = {},
): OutcomeRow {
  // months × 30.4375 days is exact in binary floating point (30.4375 = 487/16), so the months come back exactly
  const days = months * DAYS_PER_MONTH;
  return {
    stateCode: "DE_NOVO_SYNCHRONOUS",
    stateLabel: "De-novo synchronous OMD",
    primarySite: "nsclc",
    localTherapy,
    osDays: days,
    osEvent: event === 1,
    pfsDays: days,
    pfsEvent: event === 1,
    ...extra,
  };
}

const rows: OutcomeRow[] = [
  ...SBRT.map(([t, e]) => row(t, e, "sbrt")),
  ...SURGERY.map(([t, e]) => row(t, e, "surgery")),
  // no index date (never OMD): excluded and counted
  row(0, 0, "none", { osDays: null, pfsDays: null }),
];
const TOL = 1e-9;

describe("cohort survival (Kaplan–Meier, log-rank, Cox by group) against R survival", () => {
  const r = survivalFromOutcomes(rows, { endpoint: "os", groupBy: "localTherapy", times: [0, 6, 12] });

  test("groups in the fixed order with n, events; the excluded row is counted", () => {
    assert.deepEqual(
      r.groups.map((g) => [g.key, g.label, g.n, g.events]),
      [
        ["sbrt", "SBRT / SRS", 7, 5],
        ["surgery", "Surgery", 7, 4],
      ],
    );
    assert.equal(r.matched, 15);
    assert.equal(r.excluded, 1);
    assert.equal(r.timeUnit, "months");
  });

  test("curve and log-scale 95 % limits equal survfit at the event times", () => {
    const sbrt = r.groups[0]!.curve;
    // survfit rows include censor-only times (3, 6); summary() shows the event rows
    const at = (t: number) => sbrt.time.indexOf(t);
    const expected: [number, number, number, number | null][] = [
      [1, 7, 0.857142857142857, 0.6334465290121496],
      [2, 6, 0.571428571428571, 0.3008436463897868],
      [5, 3, 0.380952380952381, 0.1366042031562546],
      [8, 1, 0, null],
    ];
    for (const [t, nRisk, surv, lower] of expected) {
      const i = at(t);
      assert.ok(i >= 0, `time ${t} on the curve`);
      assert.equal(sbrt.nRisk[i], nRisk);
      assert.ok(Math.abs(sbrt.survival[i]! - surv) < TOL, `S(${t})`);
      if (lower === null) assert.equal(sbrt.lower[i], null);
      else assert.ok(Math.abs(sbrt.lower[i]! - lower) < TOL, `lower(${t})`);
    }
    assert.deepEqual(sbrt.nCensor, [0, 0, 1, 0, 1, 0]);
  });

  test("medians with limits (R quantile(): 5 [2, NA] and 8.5 [4, NA])", () => {
    assert.deepEqual(r.groups[0]!.median, { value: 5, lower: 2, upper: null });
    assert.deepEqual(r.groups[1]!.median, { value: 8.5, lower: 4, upper: null });
  });

  test("number at risk at 0, 6, 12 months (summary(fit, times, extend = TRUE))", () => {
    assert.deepEqual(r.numberAtRisk, { times: [0, 6, 12], byGroup: { sbrt: [7, 2, 0], surgery: [7, 4, 1] } });
  });

  test("log-rank chisq 2.44692863993629, p 0.117755074148279", () => {
    assert.ok(r.logRank);
    assert.equal(r.logRank.df, 1);
    assert.ok(Math.abs(r.logRank.chisq - 2.44692863993629) < 1e-9);
    assert.ok(Math.abs(r.logRank.p - 0.117755074148279) < 1e-9);
  });

  test("Cox HR surgery vs SBRT 0.336250061192093 [0.0776151588335679, 1.45672707948885], p 0.145103482386271", () => {
    assert.ok(r.cox);
    assert.equal(r.cox.reference, "SBRT / SRS");
    assert.equal(r.cox.n, 14);
    assert.equal(r.cox.events, 9);
    const [term] = r.cox.terms;
    assert.ok(term);
    assert.equal(term.name, "Surgery vs SBRT / SRS");
    assert.ok(Math.abs(term.hr - 0.336250061192093) < 1e-7);
    assert.ok(Math.abs(term.lower - 0.0776151588335679) < 1e-7);
    assert.ok(Math.abs(term.upper - 1.45672707948885) < 1e-7);
    assert.ok(Math.abs(term.p - 0.145103482386271) < 1e-7);
  });
});

describe("cohort survival: edge cases", () => {
  test("one group: curve, no test, no model, a warning explains why", () => {
    const r = survivalFromOutcomes(rows, { endpoint: "pfs", groupBy: "primarySite" });
    assert.equal(r.groups.length, 1);
    assert.equal(r.groups[0]!.label, "Non-small cell lung cancer");
    assert.equal(r.logRank, null);
    assert.equal(r.cox, null);
    assert.match(r.warnings.join(" "), /one group only/);
  });

  test("groupBy none: one group 'All patients', no warning", () => {
    const r = survivalFromOutcomes(rows, { endpoint: "os", groupBy: "none" });
    assert.deepEqual(
      r.groups.map((g) => [g.key, g.label, g.n]),
      [["all", "All patients", 14]],
    );
    assert.deepEqual(r.warnings, []);
  });

  test("no rows: empty groups and a warning, not an error", () => {
    const r = survivalFromOutcomes([], { endpoint: "os", groupBy: "state" });
    assert.deepEqual(r.groups, []);
    assert.equal(r.logRank, null);
    assert.equal(r.warnings.length, 1);
  });

  test("a group without events: log-rank still computed, Cox refused with a warning", () => {
    const noEvents = [...SBRT.map(([t, e]) => row(t, e, "sbrt")), row(3, 0, "surgery"), row(9, 0, "surgery")];
    const r = survivalFromOutcomes(noEvents, { endpoint: "os", groupBy: "localTherapy" });
    assert.ok(r.logRank);
    assert.equal(r.cox, null);
    assert.match(r.warnings.join(" "), /Cox model not computed/);
  });

  test("invalid at-risk times: every one named", () => {
    assert.throws(
      () => survivalFromOutcomes(rows, { endpoint: "os", groupBy: "none", times: [-1, 6, Number.NaN] }),
      (e: unknown) => e instanceof AppError && e.issues.map((i) => i.path).join(",") === "times[0],times[2]",
    );
  });

  test("default at-risk times: every 6 months to 5 years, every 12 beyond", () => {
    assert.deepEqual(defaultRiskTimes(20), [0, 6, 12, 18]);
    assert.deepEqual(defaultRiskTimes(61), [0, 12, 24, 36, 48, 60]);
    assert.deepEqual(defaultRiskTimes(0), [0]);
  });
});
