// The KM figure rendered to static markup and read back with linkedom: one step line per group,
// one censor mark per censoring time, the number-at-risk numbers under the axis, and CI bands.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { renderToStaticMarkup } from "react-dom/server";
import type { SurvivalResult } from "../api/types.ts";
import { KaplanMeierChart } from "./KaplanMeierChart.tsx";

// Two groups written by hand. Group A: 5 subjects, events at 2 and 5, censored at 3 and 8
// (S = 0.8, 0.8, 0.4, 0.4); group B: 3 subjects, censored at 4, event at 6 (S = 1, 0.5).
const result: SurvivalResult = {
  endpoint: "os",
  timeUnit: "months",
  groups: [
    {
      key: "A",
      label: "Group A",
      n: 5,
      events: 2,
      curve: {
        time: [2, 3, 5, 8],
        survival: [0.8, 0.8, 0.4, 0.4],
        lower: [0.4, 0.4, 0.1, 0.1],
        upper: [1, 1, 0.9, 0.9],
        nRisk: [5, 4, 3, 1],
        nEvent: [1, 0, 1, 0],
        nCensor: [0, 1, 0, 1],
      },
      median: { value: 5, lower: 2, upper: null },
    },
    {
      key: "B",
      label: "Group B",
      n: 3,
      events: 1,
      curve: {
        time: [4, 6],
        survival: [1, 0.5],
        lower: [1, null],
        upper: [1, null],
        nRisk: [3, 2],
        nEvent: [0, 1],
        nCensor: [1, 0],
      },
      median: { value: 6, lower: null, upper: null },
    },
  ],
  numberAtRisk: { times: [0, 4, 8], byGroup: { A: [5, 3, 1], B: [3, 3, 0] } },
  logRank: { chisq: 0.1, df: 1, p: 0.75 },
  cox: null,
};

const markup = renderToStaticMarkup(
  <KaplanMeierChart result={result} title="OS by group" yLabel="Overall survival" />,
);
const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
const svg = document.querySelector("svg.chart-svg");

test("the figure is a titled image with a description", () => {
  assert.ok(svg);
  assert.equal(svg.getAttribute("role"), "img");
  assert.equal(svg.querySelector("title")?.textContent, "OS by group");
  assert.match(svg.querySelector("desc")?.textContent ?? "", /2 groups/);
});

test("one step line per group and one censor mark per censoring time", () => {
  const steps = [...svg!.querySelectorAll("path")].filter((p) => p.getAttribute("fill") === "none");
  assert.equal(steps.length, 2);
  // censor marks are short vertical lines drawn in the group colour inside the plot clip
  const clipped = svg!.querySelector("g[clip-path]");
  const marks = [...(clipped?.querySelectorAll("line") ?? [])];
  assert.equal(marks.length, 3, "A censored at 3 and 8, B at 4");
});

test("confidence bands are drawn where both bounds exist", () => {
  const bands = [...svg!.querySelectorAll("path")].filter((p) => p.getAttribute("fill-opacity") === "0.12");
  // A: one band; B: one band up to t = 6 where its bounds end
  assert.equal(bands.length, 2);
});

test("the number at risk is printed under the axis for each group and time", () => {
  const riskRows = [...svg!.querySelectorAll("g.risk-row")];
  assert.equal(riskRows.length, 2);
  assert.deepEqual(
    [...riskRows[0]!.querySelectorAll("text.risk-number")].map((t) => t.textContent),
    ["5", "3", "1"],
  );
  assert.deepEqual(
    [...riskRows[1]!.querySelectorAll("text.risk-number")].map((t) => t.textContent),
    ["3", "3", "0"],
  );
  // and as a semantic table
  const table = [...document.querySelectorAll("table")].find((t) =>
    t.querySelector("caption")?.textContent?.startsWith("Number at risk"),
  );
  assert.ok(table);
  assert.equal(table.querySelectorAll("tbody tr").length, 2);
});

test("with more than 4 groups the bands start hidden and the box is unticked", () => {
  // the same two groups repeated to 5 groups (keys A0..A4); bands overlap into a field otherwise
  const many: SurvivalResult = {
    ...result,
    groups: [0, 1, 2, 3, 4].map((i) => ({ ...result.groups[0]!, key: `A${i}`, label: `Group A${i}` })),
    numberAtRisk: { times: [0], byGroup: Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`A${i}`, [5]])) },
  };
  const html = renderToStaticMarkup(<KaplanMeierChart result={many} title="OS" yLabel="Overall survival" />);
  const doc = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
  const bands = [...doc.querySelectorAll("path")].filter((p) => p.getAttribute("fill-opacity") === "0.12");
  assert.equal(bands.length, 0);
  const box = [...doc.querySelectorAll("label")].find((l) => l.textContent?.includes("confidence bands"));
  assert.equal(box?.querySelector("input")?.hasAttribute("checked"), false);
  // two groups: bands shown (test above), box ticked
  const twoBox = [...document.querySelectorAll("label")].find((l) =>
    l.textContent?.includes("confidence bands"),
  );
  assert.equal(twoBox?.querySelector("input")?.hasAttribute("checked"), true);
});
