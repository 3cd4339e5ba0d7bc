// Cumulative incidence figure (SVG) for a competing-risks report: one right-continuous step curve
// per group and cause (colour = group, dash pattern = cause), optional pointwise CI bands, a legend
// with Gray's test per cause, and the number-at-risk table under the x axis at the x ticks.
// Drawn with Observable Plot through renderPlotSvg (linkedom), like the Kaplan–Meier figure.
import * as Plot from "@observablehq/plot";
import type { CifReport } from "./cif-analysis.ts";
import {
  atRiskLayout,
  atRiskTableMarks,
  curveRowLabels,
  finiteOrNull,
  fmtPlotP,
  paletteFor,
  plotStyle,
  timeAxis,
  titleMarks,
  yAxisLabelPlacement,
} from "./plot-parts.ts";
import { renderPlotSvg } from "./render-svg.ts";

export type CifPlotOptions = {
  readonly title?: string;
  readonly timeUnit?: string;
  /** pointwise CI bands (default false: several causes make bands hard to read) */
  readonly ci?: boolean;
  /** display names of the causes, by status value (e.g. { "1": "progression", "2": "death" }) */
  readonly causeLabels?: Readonly<Record<string, string>>;
  readonly width?: number;
  readonly height?: number;
  readonly fontSize?: number;
};

type Row = { curve: string; time: number; value: number };
type BandRow = { curve: string; time: number; lower: number | null; upper: number | null };

// dash pattern per cause (first cause solid)
const DASHES = ["none", "7,4", "2,3", "9,3,2,3"];

/** The cumulative incidence figure as a standalone SVG document. */
export function cifPlotSvg(report: CifReport, options: CifPlotOptions = {}): string {
  const fontSize = options.fontSize ?? 13;
  const showCi = options.ci ?? false;
  const causeName = (c: string): string => options.causeLabels?.[c] ?? `cause ${c}`;
  const groupLabels = curveRowLabels(report);
  const colorOf = paletteFor(groupLabels);
  const steps: Row[] = [];
  const band: BandRow[] = [];
  const series: { key: string; group: string; cause: number }[] = [];
  let maxTime = 0;
  let yTop = 0;
  for (const [g, c] of report.curves.entries()) {
    for (const [k, cause] of c.causes.entries()) {
      const key = `${groupLabels[g]} · ${causeName(cause.cause)}`;
      series.push({ key, group: groupLabels[g]!, cause: k });
      const t = cause.table;
      steps.push({ curve: key, time: 0, value: 0 });
      band.push({ curve: key, time: 0, lower: 0, upper: 0 });
      for (let j = 0; j < t.time.length; j++) {
        steps.push({ curve: key, time: t.time[j]!, value: t.cif[j]! });
        band.push({
          curve: key,
          time: t.time[j]!,
          lower: finiteOrNull(t.lower[j]),
          upper: finiteOrNull(t.upper[j]),
        });
        maxTime = Math.max(maxTime, t.time[j]!);
        yTop = Math.max(yTop, showCi ? (finiteOrNull(t.upper[j]) ?? 0) : t.cif[j]!);
      }
    }
  }
  const ticks = report.curves[0]?.causes[0]?.atTimes.time ?? [0];
  maxTime = Math.max(maxTime, ...ticks);
  // y axis to the next tenth above the highest curve (room for the legend), at most 1
  const yMax = Math.min(1, Math.ceil((yTop + 0.12) * 10) / 10);
  const seriesOf = new Map(series.map((s) => [s.key, s]));
  const stroke = (r: { curve: string }): string => colorOf.get(seriesOf.get(r.curve)!.group) ?? "black";
  const n = groupLabels.length;
  const atRisk = atRiskLayout(groupLabels, fontSize);
  const { charPx, marginLeft, marginBottom } = atRisk;
  const grayRow =
    report.grayTests !== undefined && report.grayTests.length > 0 ? Math.round(2 * fontSize) : 0;
  const marginTop = (options.title !== undefined ? Math.round(3.2 * fontSize) : 16) + grayRow;
  let marginRight = 24;
  const width = options.width ?? 720;
  const height = options.height ?? 360 + marginBottom + marginTop;
  const plotW = width - marginLeft - marginRight;
  const plotH = height - marginTop - marginBottom;
  const xPerPx = maxTime / plotW;
  const rowY = ((1.55 * fontSize) / plotH) * yMax;

  const marks: Plot.Markish[] = [
    Plot.gridY({ stroke: "#e6e6e6", strokeOpacity: 1 }),
    Plot.ruleY([0]),
    Plot.ruleX([0]),
  ];
  if (showCi)
    marks.push(
      Plot.areaY(band, {
        x: "time",
        y1: "lower",
        y2: "upper",
        z: "curve",
        fill: stroke,
        fillOpacity: 0.12,
        curve: "step-after",
        ariaDescription: "cif-ci",
      }),
    );
  for (const [k] of (report.curves[0]?.causes ?? []).entries())
    marks.push(
      Plot.line(
        steps.filter((r) => seriesOf.get(r.curve)!.cause === k),
        {
          x: "time",
          y: "value",
          z: "curve",
          stroke,
          strokeWidth: 1.8,
          strokeDasharray: DASHES[k % DASHES.length]!,
          curve: "step-after",
          ariaDescription: `cif-curve ${k}`,
        },
      ),
    );
  // legend, top left inside the frame (incidence curves rise to the right) unless a curve reaches
  // it, then in the right margin: groups by colour, causes by dash
  const entries: { text: string; color: string; dash: string; bold: boolean }[] = [];
  if (n > 1 || report.group !== undefined) {
    if (report.group !== undefined && report.strata === undefined)
      entries.push({ text: report.group.column, color: "none", dash: "none", bold: true });
    for (const g of groupLabels) entries.push({ text: g, color: colorOf.get(g)!, dash: "none", bold: false });
  }
  for (const [k, c] of report.causes.entries())
    entries.push({ text: causeName(c), color: "#444", dash: DASHES[k % DASHES.length]!, bold: false });
  const legendPx = 28 + 6 + charPx * Math.max(...entries.map((e) => e.text.length));
  const legendBottom = yMax * 0.975 - rowY * (entries.length - 0.5);
  const inside = steps.every(
    (r) => r.time > (legendPx + 20) * xPerPx || r.value < legendBottom - 0.02 * yMax,
  );
  if (!inside) marginRight = 24 + legendPx + 16;
  const xScale = maxTime / (width - marginLeft - marginRight);
  const x0 = inside ? 10 * xScale : maxTime + 16 * xScale;
  const x1 = x0 + 28 * xScale;
  for (const [i, e] of entries.entries()) {
    const y = yMax * 0.975 - rowY * i;
    if (e.color !== "none")
      marks.push(
        Plot.ruleY([y], {
          x1: x0,
          x2: x1,
          stroke: e.color,
          strokeDasharray: e.dash,
          strokeWidth: 2.2,
          ariaDescription: "cif-legend",
        }),
      );
    marks.push(
      Plot.text([e.text], {
        x: e.color === "none" ? x0 : x1,
        y,
        dx: e.color === "none" ? 0 : 6,
        textAnchor: "start",
        fontSize,
        fontWeight: e.bold ? "bold" : "normal",
        fill: "#222",
        ariaDescription: "cif-legend",
      }),
    );
  }
  // Gray's test per cause, above the frame (never over a curve)
  if (report.grayTests !== undefined && report.grayTests.length > 0) {
    const text = `Gray's test: ${report.grayTests.map((t) => `${causeName(t.cause)} ${fmtPlotP(t.p)}`).join("; ")}`;
    marks.push(
      Plot.text([text], {
        frameAnchor: "top-left",
        dy: -Math.round(1.4 * fontSize),
        textAnchor: "start",
        fontSize,
        fill: "#222",
        ariaDescription: "cif-gray",
      }),
    );
  }
  // number-at-risk table under the x axis
  marks.push(
    ...atRiskTableMarks({
      layout: atRisk,
      fontSize,
      labels: groupLabels,
      colorOf,
      rows: report.curves.map((c) => {
        const a = c.causes[0]!.atTimes;
        return a.time.map((time, q) => ({ time, nRisk: a.nRisk[q]! }));
      }),
      aria: "cif-at-risk",
    }),
  );
  return renderPlotSvg({
    width,
    height,
    marginTop,
    marginLeft,
    marginRight,
    marginBottom,
    style: plotStyle(fontSize),
    x: timeAxis(maxTime, ticks, fontSize, options.timeUnit),
    y: {
      domain: [0, yMax],
      tickFormat: (v: number) => v.toFixed(yMax >= 0.5 ? 1 : 2),
      label: "Cumulative incidence",
      ...yAxisLabelPlacement(fontSize),
    },
    marks: [...marks, ...titleMarks(options.title, fontSize, grayRow)],
  });
}
