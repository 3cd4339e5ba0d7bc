// Summaries give the same answer as rows: KM and log-rank from pooled site tables equal the
// row-level results, and the site-stratified log-rank equals logRank(rows, strata = site).
// Checked on real data (lung.csv split by institution) and by property on random data with
// delayed entry, ties and weights.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { needsSharedData } from "../../test/support/shared-data.ts";
import { survivalCsv } from "../../test/support/survival-reference.ts";
import { kaplanMeier, kaplanMeierFromTable } from "./kaplan-meier.ts";
import { logRank, logRankFromTable } from "./log-rank.ts";
import type { RiskTable } from "./risk-table.ts";
import {
  mergeRiskTables,
  riskTableFromJson,
  riskTableToJson,
  siteRiskTable,
  stackRiskTables,
} from "./site-summaries.ts";
import type { SurvivalData } from "./survival-types.ts";

function subset(d: SurvivalData, rows: number[]): SurvivalData {
  const pick = <A extends Float64Array | Int32Array | Uint8Array>(a: A | undefined) =>
    a === undefined
      ? undefined
      : (a.constructor as unknown as { from(x: number[]): A }).from(rows.map((i) => a[i]!));
  return {
    time: pick(d.time)!,
    status: pick(d.status as Uint8Array)!,
    ...(d.entry ? { entry: pick(d.entry)! } : {}),
    ...(d.weights ? { weights: pick(d.weights)! } : {}),
    ...(d.group ? { group: pick(d.group)! } : {}),
  };
}

/** Each site's table goes through JSON, as it would over the wire. */
function siteTables(d: SurvivalData, site: Int32Array, sites: number, groups: number): RiskTable[] {
  const out: RiskTable[] = [];
  for (let s = 0; s < sites; s++) {
    const rows = [...site.keys()].filter((i) => site[i] === s);
    const t = siteRiskTable(subset(d, rows), { groupCount: groups });
    assert.ok(t.ok);
    const back = riskTableFromJson(JSON.parse(JSON.stringify(riskTableToJson(t.value))), `site${s}`);
    assert.ok(back.ok, back.ok ? "" : JSON.stringify(back.issues));
    out.push(back.value);
  }
  return out;
}

function assertSameKm(fromSites: ReturnType<typeof kaplanMeierFromTable>, rows: SurvivalData): void {
  const direct = kaplanMeier(rows);
  assert.ok(direct.ok);
  assert.equal(fromSites.curves.length, direct.value.curves.length);
  fromSites.curves.forEach((c, k) => {
    const d = direct.value.curves[k]!;
    assert.deepEqual(Array.from(c.time), Array.from(d.time));
    for (let j = 0; j < c.time.length; j++) {
      assert.ok(Math.abs(c.nRisk[j]! - d.nRisk[j]!) <= 1e-9, `nRisk ${j}`);
      assert.ok(Math.abs(c.surv[j]! - d.surv[j]!) <= 1e-12, `surv ${j}`);
      const a = c.stdErrLogSurv[j]!;
      const b = d.stdErrLogSurv[j]!;
      assert.ok(a === b || Math.abs(a - b) <= 1e-12 * b, `se ${j}`);
    }
  });
}

describe("site summaries = rows", () => {
  test(
    "lung split by institution: pooled KM, pooled and site-stratified log-rank",
    needsSharedData("survival", "lung.csv"),
    () => {
      const c = survivalCsv("lung.csv", {
        time: "time",
        event: "status",
        eventValues: ["2"],
        group: "sex",
        strata: "inst",
      });
      const data: SurvivalData = { time: c.time, status: c.status, group: c.group!.codes };
      const site = c.strata!.codes;
      const nSites = c.strata!.labels.length;
      const tables = siteTables(data, site, nSites, 2);
      const pooled = mergeRiskTables(tables);
      assert.ok(pooled.ok);
      assertSameKm(kaplanMeierFromTable(pooled.value), data);
      const lrRows = logRank(data);
      assert.ok(lrRows.ok);
      const lrSites = logRankFromTable(pooled.value);
      assert.ok(Math.abs(lrSites.chisq - lrRows.value.chisq) <= 1e-10 * lrRows.value.chisq);
      const stacked = stackRiskTables(tables);
      assert.ok(stacked.ok);
      const strat = logRank({ ...data, strata: site });
      assert.ok(strat.ok);
      const s = logRankFromTable(stacked.value);
      assert.ok(Math.abs(s.chisq - strat.value.chisq) <= 1e-10 * strat.value.chisq);
      assert.deepEqual(s.n, strat.value.n);
    },
  );

  test("random data with delayed entry, ties and weights (property)", () => {
    const row = fc.record({
      entry: fc.integer({ min: 0, max: 10 }),
      length: fc.integer({ min: 1, max: 15 }),
      status: fc.integer({ min: 0, max: 1 }),
      group: fc.integer({ min: 0, max: 1 }),
      site: fc.integer({ min: 0, max: 2 }),
      weight: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 4, maxLength: 80 }), fc.boolean(), (rows, withEntry) => {
        const data: SurvivalData = {
          time: Float64Array.from(rows, (r) => (withEntry ? r.entry : 0) + r.length),
          status: Uint8Array.from(rows, (r) => r.status),
          group: Int32Array.from(rows, (r) => r.group),
          weights: Float64Array.from(rows, (r) => r.weight),
          ...(withEntry ? { entry: Float64Array.from(rows, (r) => r.entry) } : {}),
        };
        const site = Int32Array.from(rows, (r) => r.site);
        const tables = siteTables(data, site, 3, 2);
        const pooled = mergeRiskTables(tables);
        assert.ok(pooled.ok);
        assertSameKm(kaplanMeierFromTable(pooled.value), data);
        const direct = logRank(data, { groupCount: 2 });
        assert.ok(direct.ok);
        const viaSites = logRankFromTable(pooled.value);
        assert.ok(Math.abs(viaSites.chisq - direct.value.chisq) <= 1e-9 * Math.max(1, direct.value.chisq));
        const strat = logRank({ ...data, strata: site }, { groupCount: 2, stratumCount: 3 });
        assert.ok(strat.ok);
        const stacked = stackRiskTables(tables);
        assert.ok(stacked.ok);
        const s = logRankFromTable(stacked.value);
        assert.ok(Math.abs(s.chisq - strat.value.chisq) <= 1e-9 * Math.max(1, strat.value.chisq));
      }),
      { numRuns: 100 },
    );
  });

  test("a malformed site table is refused with every problem named", () => {
    const r = riskTableFromJson(
      {
        groupCount: 2,
        withEntryTimes: false,
        strata: [{ times: [2, 1], nRisk: [[1, 1]], nEvent: [[0]], nCensor: [], nRows: [1] }],
      },
      "siteA",
    );
    assert.ok(!r.ok);
    assert.ok(r.issues.every((i) => i.code === "site_table_invalid" && i.path.startsWith("siteA.")));
    assert.equal(r.issues[0]!.path, "siteA.strata[0].times[1]");
    const mismatch = mergeRiskTables([
      { groupCount: 2, strata: [], withEntryTimes: false },
      { groupCount: 3, strata: [], withEntryTimes: false },
    ]);
    assert.ok(!mismatch.ok);
    assert.equal(mismatch.issues[0]!.code, "site_shape_mismatch");
  });
});
