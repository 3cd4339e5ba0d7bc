// Site-stratified Cox from per-site summaries = the row-level stratified fit (to 1e-9), for
// random multi-site data sets and for the veteran trial with cell type as "site".
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { coxDataFromCsv, readSurvivalCsv } from "../../../test/support/cox-reference-data.ts";
import { needsSharedData } from "../../../test/support/shared-data.ts";
import { fitCox } from "./cox-fit.ts";
import type { CoxData, CoxFit, CoxTies } from "./cox-types.ts";
import {
  type CoxSite,
  type CoxSummaryFit,
  createCoxSite,
  fitCoxFromSiteSummaries,
} from "./site-summaries.ts";

/** Splits rows by site code into one CoxData per site (keeping any within-site strata). */
function splitBySite(d: CoxData, site: Int32Array, within?: Int32Array): Map<number, CoxData> {
  const out = new Map<number, CoxData>();
  const n = d.time.length;
  const p = d.names.length;
  for (const s of new Set(site)) {
    const rows = [...Array(n).keys()].filter((i) => site[i] === s);
    const x = new Float64Array(rows.length * p);
    for (let k = 0; k < p; k++) for (const [i, r] of rows.entries()) x[k * rows.length + i] = d.x[k * n + r]!;
    out.set(s, {
      time: Float64Array.from(rows, (r) => d.time[r]!),
      status: Uint8Array.from(rows, (r) => d.status[r]!),
      x,
      names: d.names,
      ...(within ? { strata: Int32Array.from(rows, (r) => within[r]!) } : {}),
      ...(d.weights ? { weights: Float64Array.from(rows, (r) => d.weights![r]!) } : {}),
    });
  }
  return out;
}

function agree(rows: CoxFit, sums: CoxSummaryFit, rel: number): void {
  const close = (a: number, b: number, what: string): void =>
    assert.ok(Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-300), `${what}: ${a} vs ${b}`);
  for (const [k, b] of rows.coef.entries()) close(sums.coef[k]!, b, `coef ${k}`);
  for (const [k, b] of rows.se.entries()) close(sums.se[k]!, b, `se ${k}`);
  close(sums.loglik, rows.loglik, "loglik");
  close(sums.loglikNull, rows.loglikNull, "loglik null");
  close(sums.lrTest.stat, rows.lrTest.stat, "LR");
  close(sums.waldTest.stat, rows.waldTest.stat, "Wald");
  close(sums.scoreTest.stat, rows.scoreTest.stat, "score");
  assert.equal(sums.n, rows.n);
  assert.equal(sums.nEvents, rows.nEvents);
}

function fromSites(sites: readonly CoxSite[], names: readonly string[]) {
  return fitCoxFromSiteSummaries(names, (beta) => sites.map((s) => s.summaryAt(beta)));
}

describe("Cox from site summaries", () => {
  test("random multi-site data (with within-site strata and weights): summaries = rows", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 2, max: 5 }),
        fc.constantFrom<CoxTies>("efron", "breslow"),
        fc.boolean(),
        (seed, nSites, ties, nested) => {
          let s = seed;
          const rnd = (): number => {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            return s / 2 ** 32;
          };
          const n = 40 * nSites;
          const site = Int32Array.from({ length: n }, (_, i) => i % nSites);
          const within = Int32Array.from({ length: n }, () => (nested ? Math.floor(rnd() * 2) : 0));
          const x1 = Array.from({ length: n }, () => rnd() * 2);
          const x2 = Array.from({ length: n }, () => (rnd() < 0.4 ? 1 : 0));
          const time = Array.from(
            { length: n },
            (_, i) => 1 + Math.floor(rnd() * 20 * Math.exp(-0.5 * x1[i]! + 0.3 * x2[i]!)),
          );
          const status = Array.from({ length: n }, () => (rnd() < 0.75 ? 1 : 0));
          const d: CoxData = {
            time: Float64Array.from(time),
            status: Uint8Array.from(status),
            x: Float64Array.from([...x1, ...x2]),
            names: ["x1", "x2"],
            weights: Float64Array.from({ length: n }, () => 1 + Math.floor(rnd() * 2)),
          };
          const combined = Int32Array.from({ length: n }, (_, i) => site[i]! * 10 + within[i]!);
          const rows = fitCox({ ...d, strata: combined }, { ties });
          const sites = [...splitBySite(d, site, nested ? within : undefined)].map(([code, sd]) => {
            const c = createCoxSite(`site${code}`, sd, { ties });
            assert.ok(c.ok);
            return c.value;
          });
          const sums = fromSites(sites, d.names);
          assert.equal(rows.ok, sums.ok);
          if (!rows.ok || !sums.ok) return;
          agree(rows.value, sums.value, 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });

  test(
    "veteran trial, cell type as site: summaries = strata(celltype) fit",
    needsSharedData("survival", "veteran.csv"),
    () => {
      const { data, strataLabels } = coxDataFromCsv(readSurvivalCsv("veteran.csv"), {
        time: "time",
        eventValue: "1",
        covariates: [{ name: "trt" }, { name: "karno" }],
        strata: "celltype",
      });
      const rows = fitCox(data);
      assert.ok(rows.ok);
      const sites = [...splitBySite({ ...data }, data.strata!)].map(([code, sd]) => {
        const c = createCoxSite(strataLabels[code]!, sd);
        assert.ok(c.ok);
        return c.value;
      });
      const sums = fromSites(sites, data.names);
      assert.ok(sums.ok);
      agree(rows.value, sums.value, 1e-9);
      // a site's summary is aggregates only: p + p² + 1 numbers and two counts
      const one = sites[0]!.summaryAt([0.1, -0.02]);
      assert.deepEqual(Object.keys(one).sort(), [
        "beta",
        "information",
        "loglik",
        "nEvents",
        "nRows",
        "score",
        "site",
      ]);
    },
  );

  test("a site answering for another β or p is rejected", () => {
    const site = createCoxSite("a", {
      time: Float64Array.of(1, 2, 3, 4),
      status: Uint8Array.of(1, 1, 0, 1),
      x: Float64Array.of(0.1, 0.5, 0.2, 0.9),
      names: ["x"],
    });
    assert.ok(site.ok);
    const r = fitCoxFromSiteSummaries(["x", "y"], (beta) => [site.value.summaryAt(beta.slice(0, 1))]);
    assert.ok(!r.ok);
    assert.equal(r.issues[0]!.code, "cox_bad_summary");
  });
});
