// The Kaplan–Meier figure on a hand-checked table (no shared data needed): step rows, censor marks,
// the at-risk rows at the ticks, and where the legend goes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { kmAnalysis } from "./km-analysis.ts";
import { kmPlotData, kmPlotSvg } from "./km-plot.ts";

// arm A: event 2, censored 3, events 5 and 8 → S = 3/4 from 2, 3/8 from 5, 0 from 8
// arm B: censored 1, event 4, censored 6 and 9 → S = 2/3 from 4 (3 at risk at 4)
const CSV = "time,status,arm\n2,1,A\n3,0,A\n5,1,A\n8,1,A\n1,0,B\n4,1,B\n6,0,B\n9,0,B\n";

function report() {
  const r = kmAnalysis({ csvText: CSV, time: "time", event: "status", group: "arm", times: [0, 3, 6, 9] });
  assert.ok(r.ok);
  return r.value;
}

/** Numbers of the <text> elements in the mark group with this aria-description. */
function texts(svg: string, description: string): string[] {
  const m = new RegExp(`<g[^>]*aria-description="${description}"[^>]*>([\\s\\S]*?)</g>`).exec(svg);
  return m === null ? [] : [...m[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]!);
}

describe("kmPlotData", () => {
  test("steps from (0, 1), censor marks at the curve, at-risk cells at the ticks", () => {
    const d = kmPlotData(report());
    assert.deepEqual(d.labels, ["A", "B"]);
    assert.equal(d.legendTitle, "arm");
    assert.deepEqual(
      d.steps.filter((s) => s.curve === "A").map((s) => [s.time, s.surv]),
      [
        [0, 1],
        [2, 0.75],
        [3, 0.75],
        [5, 0.375],
        [8, 0],
      ],
    );
    assert.deepEqual(
      d.censors.map((c) => [c.curve, c.time, Number(c.surv.toFixed(12))]),
      [
        ["A", 3, 0.75],
        ["B", 1, 1],
        ["B", 6, Number((2 / 3).toFixed(12))],
        ["B", 9, Number((2 / 3).toFixed(12))],
      ],
    );
    // at risk = number with time ≥ t
    assert.deepEqual(
      d.atRisk.map((r) => [r.curve, r.time, r.nRisk]),
      [
        ["A", 0, 4],
        ["A", 3, 3],
        ["A", 6, 1],
        ["A", 9, 0],
        ["B", 0, 4],
        ["B", 3, 3],
        ["B", 6, 2],
        ["B", 9, 1],
      ],
    );
    assert.deepEqual(d.ticks, [0, 3, 6, 9]);
    assert.deepEqual(d.medians, [{ curve: "A", time: 5 }]);
  });
});

describe("kmPlotSvg", () => {
  test("one step path per curve; at-risk rows equal the risk table; labels and axis", () => {
    const svg = kmPlotSvg(report(), { timeUnit: "months", title: "Test" });
    const curves = /<g[^>]*aria-description="km-curve"[^>]*>([\s\S]*?)<\/g>/.exec(svg)![1]!;
    assert.equal(curves.match(/<path/g)?.length, 2);
    assert.deepEqual(texts(svg, "km-at-risk 0"), ["4", "3", "1", "0"]);
    assert.deepEqual(texts(svg, "km-at-risk 1"), ["4", "3", "2", "1"]);
    assert.match(svg, /Time \(months\)/);
    assert.match(svg, />Test</);
    assert.match(svg, /Log-rank p = /);
  });

  /** x of the first legend swatch end, as a fraction of the SVG width. */
  function legendX(svg: string): number {
    const g = /<g[^>]*aria-description="km-legend"[^>]*aria-label="rule"[^>]*>([\s\S]*?)<\/g>/.exec(svg)![1]!;
    const width = Number(/<svg[^>]*width="([^"]+)"/.exec(svg)![1]);
    return Number(/x1="([^"]+)"/.exec(g)![1]) / width;
  }

  test("the legend goes where the curves leave room", () => {
    // with bands, B's upper band stays high at the right (n = 2 at risk): legend bottom left,
    // where every curve is still at 1
    assert.ok(legendX(kmPlotSvg(report())) < 0.3);
    // without bands, B ends at 2/3 under the top-right box: legend top right
    assert.ok(legendX(kmPlotSvg(report(), { ci: false })) > 0.8);
  });
});

describe("kmPlotSvg with more curves than colours", () => {
  // 12 groups of two patients each (event at 1 + g, censored at 2 + g): two more than the
  // palette's ten colours
  const rows = Array.from({ length: 12 }, (_, g) => [`${1 + g},1,g${g}`, `${2 + g},0,g${g}`]).flat();
  const csvText = `time,status,grp\n${rows.join("\n")}\n`;

  /** stroke-dasharray of each mark group with this aria-description, and its path or line count. */
  function groups(svg: string, description: string): { dash: string; items: number }[] {
    const re = new RegExp(`<g([^>]*aria-description="${description}"[^>]*)>([\\s\\S]*?)</g>`, "g");
    return [...svg.matchAll(re)].map((m) => ({
      dash: /stroke-dasharray="([^"]*)"/.exec(m[1]!)?.[1] ?? "",
      items: (m[2]!.match(/<(path|line)/g) ?? []).length,
    }));
  }

  test("the first ten curves are solid, the next two dashed, in the curves and in the legend", () => {
    const r = kmAnalysis({ csvText, time: "time", event: "status", group: "grp" });
    assert.ok(r.ok);
    const svg = kmPlotSvg(r.value, { ci: false });
    assert.deepEqual(groups(svg, "km-curve"), [
      { dash: "", items: 10 },
      { dash: "7,3", items: 2 },
    ]);
    assert.deepEqual(
      groups(svg, "km-legend").filter((g) => g.items > 0),
      [
        { dash: "", items: 10 },
        { dash: "7,3", items: 2 },
      ],
    );
  });
});
