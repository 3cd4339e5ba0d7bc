// The DVH figure's line styles: DICOM display colours when they tell the ROIs apart, else the
// palette, with a dash pattern for ROIs beyond its ten colours (in the lines and the legend).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type DvhPlotSeries, dvhPlotSvg } from "./dvh-plot.ts";

function series(n: number, colour?: (i: number) => [number, number, number]): DvhPlotSeries[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `ROI_${i}`,
    ...(colour !== undefined ? { color: colour(i) } : {}),
    volumeCc: 10,
    curve: { doseGy: [0, 10 + i, 20 + i], volumeCc: [10, 5, 0] },
  }));
}

/** stroke-dasharray of each group of line paths ("" = solid) and its path count. */
function lineGroups(svg: string): { dash: string; paths: number }[] {
  return [...svg.matchAll(/<g([^>]*aria-label="line"[^>]*)>([\s\S]*?)<\/g>/g)].map((m) => ({
    dash: /stroke-dasharray="([^"]*)"/.exec(m[1]!)?.[1] ?? "",
    paths: (m[2]!.match(/<path/g) ?? []).length,
  }));
}

/** The legend text of an ROI. */
const legend = (svg: string, name: string): string | undefined =>
  new RegExp(`>(${name} [^<]*)</text>`).exec(svg)?.[1];

describe("dvhPlotSvg line styles", () => {
  test("without display colours: ten solid lines, then dashed ones, and the legend shows which", () => {
    const svg = dvhPlotSvg(series(12));
    assert.deepEqual(lineGroups(svg), [
      { dash: "", paths: 10 },
      { dash: "7,3", paths: 2 },
    ]);
    assert.equal(legend(svg, "ROI_0"), "ROI_0 ━━");
    assert.equal(legend(svg, "ROI_10"), "ROI_10 ╍╍");
  });

  test("distinct display colours: every line solid in its own colour", () => {
    const svg = dvhPlotSvg(series(12, (i) => [i * 20, 100, 200 - i * 10]));
    assert.deepEqual(lineGroups(svg), [{ dash: "", paths: 12 }]);
    assert.match(svg, /rgb\(220,100,90\)/);
    assert.equal(legend(svg, "ROI_11"), "ROI_11 ━━");
  });
});
