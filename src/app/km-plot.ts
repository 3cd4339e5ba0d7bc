// Kaplan–Meier figure (SVG) for a report: right-continuous step curves per group, pointwise
// confidence bands, censor marks (+), optional median lines, a legend with the log-rank p value and
// the number-at-risk table under the x axis, its columns at the x ticks (the report's atTimes).
// kmPlotData shapes the report into plain rows (reusable by the web app); kmPlotSvg draws them with
// Observable Plot through renderPlotSvg (linkedom, no browser).
import * as Plot from "@observablehq/plot";
import type { KmReport } from "./km-analysis.ts";
import {
  atRiskLayout,
  atRiskTableMarks,
  curveRowLabels,
  dashesFor,
  dashOption,
  finiteOrNull,
  fmtPlotP,
  paletteFor,
  plotStyle,
  rowsByDash,
  timeAxis,
  titleMarks,
  yAxisLabelPlacement,
} from "./plot-parts.ts";
import { renderPlotSvg } from "./render-svg.ts";

export type KmPlotOptions = {
  readonly title?: string;
  /** unit of the time axis, e.g. "days" (axis label "Time (days)") */
  readonly timeUnit?: string;
  /** draw the pointwise confidence bands (default true) */
  readonly ci?: boolean;
  /** dashed lines at S = 0.5 down to each curve's median (default false) */
  readonly medianLines?: boolean;
  /** y axis label (default "Survival probability") */
  readonly yLabel?: string;
  /** pixels (default 720 × a height that fits the at-risk table) */
  readonly width?: number;
  readonly height?: number;
  /** text size in px (default 13); margins and the at-risk rows scale with it */
  readonly fontSize?: number;
};

export type KmPlotStep = { readonly curve: string; readonly time: number; readonly surv: number };
export type KmPlotBandRow = {
  readonly curve: string;
  readonly time: number;
  readonly lower: number | null;
  readonly upper: number | null;
};
export type KmPlotCensor = { readonly curve: string; readonly time: number; readonly surv: number };
export type KmPlotRisk = {
  readonly curve: string;
  readonly row: number;
  readonly time: number;
  readonly nRisk: number;
};

export type KmPlotData = {
  /** legend / at-risk row label per curve, in report order */
  readonly labels: readonly string[];
  /** legend title: the group column (and strata column), or undefined for one curve */
  readonly legendTitle?: string;
  readonly steps: readonly KmPlotStep[];
  readonly band: readonly KmPlotBandRow[];
  readonly censors: readonly KmPlotCensor[];
  readonly atRisk: readonly KmPlotRisk[];
  readonly ticks: readonly number[];
  readonly maxTime: number;
  readonly medians: readonly { readonly curve: string; readonly time: number }[];
};

/** Plain rows of the figure: step corners, band, censor marks, at-risk cells. */
export function kmPlotData(report: KmReport): KmPlotData {
  const grouped = report.group !== undefined || report.strata !== undefined;
  const labels = curveRowLabels(report);
  const steps: KmPlotStep[] = [];
  const band: KmPlotBandRow[] = [];
  const censors: KmPlotCensor[] = [];
  const atRisk: KmPlotRisk[] = [];
  const medians: { curve: string; time: number }[] = [];
  let maxTime = 0;
  for (const [i, c] of report.curves.entries()) {
    const curve = labels[i]!;
    const t = c.table;
    steps.push({ curve, time: 0, surv: 1 });
    band.push({ curve, time: 0, lower: 1, upper: 1 });
    const survAt = new Map<number, number>();
    for (let k = 0; k < t.time.length; k++) {
      const time = t.time[k]!;
      steps.push({ curve, time, surv: t.surv[k]! });
      band.push({ curve, time, lower: finiteOrNull(t.lower[k]), upper: finiteOrNull(t.upper[k]) });
      survAt.set(time, t.surv[k]!);
      maxTime = Math.max(maxTime, time);
    }
    for (const time of c.censorTimes) censors.push({ curve, time, surv: survAt.get(time) ?? Number.NaN });
    for (let k = 0; k < c.atTimes.time.length; k++)
      atRisk.push({ curve, row: i, time: c.atTimes.time[k]!, nRisk: c.atTimes.nRisk[k]! });
    if (Number.isFinite(c.median.time)) medians.push({ curve, time: c.median.time });
  }
  const ticks = report.curves[0]?.atTimes.time ?? [0];
  maxTime = Math.max(maxTime, ...ticks);
  const legendTitle = grouped
    ? report.strata === undefined
      ? report.group!.column
      : report.group === undefined
        ? report.strata.column
        : undefined
    : undefined;
  return {
    labels,
    ...(legendTitle !== undefined ? { legendTitle } : {}),
    steps,
    band,
    censors,
    atRisk,
    ticks,
    maxTime,
    medians,
  };
}

/** The Kaplan–Meier figure as a standalone SVG document. */
export function kmPlotSvg(report: KmReport, options: KmPlotOptions = {}): string {
  const d = kmPlotData(report);
  const n = d.labels.length;
  const colorOf = paletteFor(d.labels);
  const color = (r: { curve: string }): string => colorOf.get(r.curve) ?? "black";
  // beyond the palette's colours, curves repeat them with a dash pattern
  const dashOf = dashesFor(d.labels);
  const dash = (r: { curve: string }): string => dashOf.get(r.curve) ?? "";
  const showCi = options.ci ?? true;
  const fontSize = options.fontSize ?? 13;
  const atRisk = atRiskLayout(d.labels, fontSize);
  const { charPx, marginLeft, marginBottom } = atRisk;
  const marginTop = options.title !== undefined ? Math.round(3.2 * fontSize) : 16;
  const width = options.width ?? 720;
  const height = options.height ?? 360 + marginBottom + marginTop;
  const xMax = d.maxTime;
  const plotH = height - marginTop - marginBottom;
  const swatchPx = 28;
  const pText = report.logRank !== undefined ? `Log-rank ${fmtPlotP(report.logRank.p)}` : undefined;
  let marginRight = 24;
  let legendGeom:
    | {
        legend: { curve: string; y: number }[];
        right: boolean;
        edge: number;
        inner: number;
        top: number;
        rowAt: (i: number) => number;
      }
    | undefined;
  if (n > 1 || d.legendTitle !== undefined) {
    const widthPx = Math.max(
      swatchPx + 6 + charPx * Math.max(...d.labels.map((l) => l.length)),
      charPx * Math.max(d.legendTitle?.length ?? 0, pText?.length ?? 0),
    );
    const rowY = (1.55 * fontSize) / plotH;
    const rows = n + (d.legendTitle !== undefined ? 1 : 0) + (pText !== undefined ? 1 : 0);
    const boxH = rows * rowY + 0.02;
    const insidePlotW = width - marginLeft - marginRight;
    const layout = legendCorner(
      d,
      showCi,
      xMax * (1 - (widthPx + 16) / insidePlotW),
      xMax * ((widthPx + 16) / insidePlotW),
      boxH,
    );
    if (layout === "outside") marginRight = 24 + widthPx + 16;
    const xPerPx = xMax / (width - marginLeft - marginRight);
    const top = layout === "bottom-left" ? boxH - 0.015 : 0.975;
    const rowAt = (i: number): number => top - rowY * (i + (d.legendTitle !== undefined ? 1 : 0));
    const right = layout === "top-right";
    // outer edge of the legend, then the end of the swatch next to the label
    const edge = right ? xMax - 8 * xPerPx : layout === "outside" ? xMax + 16 * xPerPx : 10 * xPerPx;
    const inner = right ? edge - swatchPx * xPerPx : edge + swatchPx * xPerPx;
    legendGeom = {
      legend: d.labels.map((curve, i) => ({ curve, y: rowAt(i) })),
      right,
      edge,
      inner,
      top,
      rowAt,
    };
  }
  const marks: Plot.Markish[] = [
    Plot.gridY({ stroke: "#e6e6e6", strokeOpacity: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] }),
    Plot.ruleY([0]),
    Plot.ruleX([0]),
  ];
  if (showCi)
    marks.push(
      Plot.areaY(d.band, {
        x: "time",
        y1: "lower",
        y2: "upper",
        z: "curve",
        fill: color,
        fillOpacity: 0.14,
        curve: "step-after",
        ariaDescription: "km-ci",
      }),
    );
  if (options.medianLines === true && d.medians.length > 0) {
    const far = Math.max(...d.medians.map((m) => m.time));
    marks.push(
      Plot.ruleY([0.5], {
        x1: 0,
        x2: far,
        stroke: "#777",
        strokeDasharray: "4,3",
        ariaDescription: "km-median",
      }),
      Plot.ruleX(d.medians, {
        x: "time",
        y1: 0,
        y2: 0.5,
        stroke: color,
        strokeDasharray: "4,3",
        ariaDescription: "km-median",
      }),
    );
  }
  marks.push(
    ...rowsByDash(d.steps, dash).map(([pattern, steps]) =>
      Plot.line(steps, {
        x: "time",
        y: "surv",
        z: "curve",
        stroke: color,
        strokeWidth: 1.8,
        curve: "step-after",
        ariaDescription: "km-curve",
        ...dashOption(pattern),
      }),
    ),
    Plot.dot(
      d.censors.filter((c) => Number.isFinite(c.surv)),
      {
        x: "time",
        y: "surv",
        symbol: "plus",
        r: 3.2,
        stroke: color,
        strokeWidth: 1.2,
        ariaDescription: "km-censor",
      },
    ),
  );
  // legend (swatch, label; then the log-rank p value): inside the frame at top right or bottom
  // left, whichever the curves (and bands) leave free, else in the right margin
  if (legendGeom !== undefined) {
    const { legend, right, edge, inner, top, rowAt } = legendGeom;
    marks.push(
      ...rowsByDash(legend, dash).map(([pattern, rows]) =>
        Plot.ruleY(rows, {
          y: "y",
          x1: edge,
          x2: inner,
          stroke: color,
          strokeWidth: 2.4,
          ariaDescription: "km-legend",
          ...dashOption(pattern),
        }),
      ),
      Plot.text(legend, {
        x: inner,
        y: "y",
        text: "curve",
        dx: right ? -6 : 6,
        textAnchor: right ? "end" : "start",
        fontSize,
        fill: "#222",
        ariaDescription: "km-legend",
      }),
    );
    if (d.legendTitle !== undefined)
      marks.push(
        Plot.text([d.legendTitle], {
          x: edge,
          y: top,
          textAnchor: right ? "end" : "start",
          fontSize,
          fontWeight: "bold",
        }),
      );
    if (pText !== undefined)
      marks.push(
        Plot.text([pText], {
          x: edge,
          y: rowAt(n) - 0.01,
          textAnchor: right ? "end" : "start",
          fontSize,
          fill: "#222",
          ariaDescription: "km-logrank",
        }),
      );
  }
  // number-at-risk table under the x axis: one row per curve, columns at the x ticks
  marks.push(
    ...atRiskTableMarks({
      layout: atRisk,
      fontSize,
      labels: d.labels,
      colorOf,
      rows: d.labels.map((_, row) => d.atRisk.filter((r) => r.row === row)),
      aria: "km-at-risk",
      labelAria: "km-risk-label",
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
    x: timeAxis(xMax, d.ticks, fontSize, options.timeUnit),
    y: {
      domain: [0, 1],
      ticks: [0, 0.2, 0.4, 0.6, 0.8, 1],
      tickFormat: (v: number) => v.toFixed(1),
      label: options.yLabel ?? "Survival probability",
      ...yAxisLabelPlacement(fontSize),
    },
    marks: [...marks, ...titleMarks(options.title, fontSize)],
  });
}

/** Value of a right-continuous step function (rows ascending in time) at t; start before the first row. */
function stepAt(rows: readonly { time: number; value: number | null }[], t: number, start: number): number {
  let v = start;
  for (const r of rows) {
    if (r.time > t) break;
    if (r.value !== null) v = r.value;
  }
  return v;
}

/**
 * Where the legend box collides with no curve (nor band): top right (x ≥ xRightStart, y ≥ 1 − boxH)
 * or bottom left (x ≤ xLeftEnd, y ≤ boxH); else outside the frame, in the right margin. Curves fall, so the highest point in the top-right box
 * is at its left edge and the lowest point in the bottom-left box at its right edge.
 */
function legendCorner(
  d: KmPlotData,
  withBands: boolean,
  xRightStart: number,
  xLeftEnd: number,
  boxH: number,
): "top-right" | "bottom-left" | "outside" {
  let topFree = true;
  let bottomFree = true;
  for (const curve of d.labels) {
    const steps = d.steps.filter((r) => r.curve === curve).map((r) => ({ time: r.time, value: r.surv }));
    const band = d.band.filter((r) => r.curve === curve);
    const high = withBands ? band.map((r) => ({ time: r.time, value: r.upper })) : steps;
    const low = withBands ? band.map((r) => ({ time: r.time, value: r.lower })) : steps;
    const last = steps[steps.length - 1]?.time ?? 0;
    if (last >= xRightStart && stepAt(high, xRightStart, 1) > 1 - boxH - 0.02) topFree = false;
    if (stepAt(low, Math.min(xLeftEnd, last), 1) < boxH + 0.02) bottomFree = false;
  }
  return topFree ? "top-right" : bottomFree ? "bottom-left" : "outside";
}
