// Parts shared by the survival figures (Kaplan–Meier in km-plot.ts, cumulative incidence in
// cif-plot.ts): palette, number formats, curve labels, the number-at-risk table under the x axis,
// the time axis, the title and the SVG style. Both figures are drawn with Observable Plot. The
// dash patterns for curves beyond a palette's colours serve the DVH plot (dvh-plot.ts) too.
import * as Plot from "@observablehq/plot";

// Tableau 10 (colour-blind-safer ordering of the first four), as the DVH plot
export const PLOT_PALETTE = [
  "#4e79a7",
  "#e15759",
  "#59a14f",
  "#f28e2b",
  "#b07aa1",
  "#76b7b2",
  "#b6992d",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

export const fmtPlotP = (p: number): string =>
  p < 0.0001 ? "p < 0.0001" : `p = ${p < 0.001 ? p.toPrecision(2) : p.toFixed(p < 0.01 ? 4 : 3)}`;

export const fmtPlotTick = (v: number): string => String(Number(v.toPrecision(6)));

export const finiteOrNull = (v: number | undefined): number | null =>
  v === undefined || !Number.isFinite(v) ? null : v;

/** The SVG style of the survival figures. */
export const plotStyle = (fontSize: number) => ({
  fontFamily: "Helvetica, Arial, sans-serif",
  fontSize: `${fontSize}px`,
  background: "white",
});

/** Legend / at-risk row label per curve: the group level, the stratum level, or both (R's label). */
export function curveRowLabels(report: {
  readonly group?: unknown;
  readonly strata?: unknown;
  readonly curves: readonly { readonly label: string; readonly group?: string; readonly stratum?: string }[];
}): string[] {
  return report.curves.map((c) =>
    report.strata === undefined ? (c.group ?? "All") : report.group === undefined ? c.stratum! : c.label,
  );
}

/** One colour per curve label, in order, from PLOT_PALETTE. */
export function paletteFor(labels: readonly string[]): Map<string, string> {
  return new Map(labels.map((l, i) => [l, PLOT_PALETTE[i % PLOT_PALETTE.length]!]));
}

/**
 * Dash patterns (SVG stroke-dasharray) for curves beyond a palette: curve k of a figure whose
 * palette has c colours gets colour k mod c and pattern ⌊k / c⌋ mod 5, solid first. So up to c
 * curves are solid, as before, and no two of up to 5·c curves look alike (with colours alone,
 * curve k and curve k + c were drawn identically).
 */
export const PLOT_DASHES = ["", "7,3", "2,2.5", "9,3,2,3", "1,3"] as const;

/** Index into PLOT_DASHES of curve `k` in a figure with `colours` colours (0 = solid). */
export function curveDashIndex(k: number, colours: number): number {
  return Math.floor(k / colours) % PLOT_DASHES.length;
}

/** One dash pattern per curve label, in order, for PLOT_PALETTE's colours. */
export function dashesFor(labels: readonly string[]): Map<string, string> {
  return new Map(labels.map((l, i) => [l, PLOT_DASHES[curveDashIndex(i, PLOT_PALETTE.length)]!]));
}

/**
 * Rows split by their curve's dash pattern, in PLOT_DASHES order (solid first; any other pattern
 * after them), for one Plot mark per pattern: stroke-dasharray is a constant of a mark, not a
 * channel. Every row lands in exactly one group.
 */
export function rowsByDash<T>(rows: readonly T[], dashOf: (row: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const dash of PLOT_DASHES) groups.set(dash, []);
  for (const r of rows) {
    const dash = dashOf(r);
    const group = groups.get(dash);
    if (group === undefined) groups.set(dash, [r]);
    else group.push(r);
  }
  return [...groups].filter(([, g]) => g.length > 0);
}

/** The options of a mark drawn with dash pattern `dash` ("" adds none: solid). */
export const dashOption = (dash: string): { strokeDasharray?: string } =>
  dash === "" ? {} : { strokeDasharray: dash };

/** Geometry of the number-at-risk table: left margin for the row labels, bottom margin for the rows. */
export type AtRiskLayout = {
  /** ≈ mean advance of a Helvetica character, for margins only */
  readonly charPx: number;
  /** x offset of the row labels, clear of the at-risk numbers centred on x = 0 */
  readonly riskLabelDx: number;
  readonly marginLeft: number;
  readonly rowPx: number;
  /** below tick labels and the x-axis label */
  readonly tableTop: number;
  readonly marginBottom: number;
};

export function atRiskLayout(labels: readonly string[], fontSize: number): AtRiskLayout {
  const charPx = 0.58 * fontSize;
  const longest = Math.max(...labels.map((l) => l.length), "Number at risk".length / 1.4);
  const riskLabelDx = -Math.round(2.8 * fontSize);
  const marginLeft = Math.max(72, Math.round(-riskLabelDx + 8 + charPx * longest));
  const rowPx = Math.round(1.4 * fontSize);
  const tableTop = Math.round(4.8 * fontSize);
  const marginBottom = tableTop + rowPx * labels.length + Math.round(1.2 * fontSize);
  return { charPx, riskLabelDx, marginLeft, rowPx, tableTop, marginBottom };
}

/**
 * The number-at-risk table under the x axis: a bold heading, then one row per curve (its label in
 * the curve's colour, the numbers at the x ticks). `aria` prefixes the rows' aria descriptions.
 */
export function atRiskTableMarks(args: {
  readonly layout: AtRiskLayout;
  readonly fontSize: number;
  readonly labels: readonly string[];
  readonly colorOf: ReadonlyMap<string, string>;
  /** per curve (same order as labels): the numbers at risk at the ticks */
  readonly rows: readonly (readonly { readonly time: number; readonly nRisk: number }[])[];
  readonly aria: string;
  /** aria description of the row labels (none when undefined) */
  readonly labelAria?: string;
}): Plot.Markish[] {
  const { layout, fontSize } = args;
  const marks: Plot.Markish[] = [
    Plot.text(["Number at risk"], {
      frameAnchor: "bottom-left",
      dx: -layout.marginLeft + 6,
      dy: layout.tableTop,
      textAnchor: "start",
      fontSize,
      fontWeight: "bold",
    }),
  ];
  for (const [row, curve] of args.labels.entries()) {
    const dy = layout.tableTop + layout.rowPx * (row + 1);
    marks.push(
      Plot.text([curve], {
        frameAnchor: "bottom-left",
        dx: layout.riskLabelDx,
        dy,
        textAnchor: "end",
        fontSize,
        fill: args.colorOf.get(curve) ?? "black",
        ...(args.labelAria !== undefined ? { ariaDescription: args.labelAria } : {}),
      }),
      Plot.text(args.rows[row] ?? [], {
        x: "time",
        frameAnchor: "bottom",
        dy,
        text: (r: { nRisk: number }) => (Number.isInteger(r.nRisk) ? String(r.nRisk) : r.nRisk.toFixed(1)),
        fontSize,
        fill: "#222",
        ariaDescription: `${args.aria} ${row}`,
      }),
    );
  }
  return marks;
}

/** The x (time) axis: the at-risk times as ticks, "Time (unit)" as label. */
export function timeAxis(maxTime: number, ticks: readonly number[], fontSize: number, timeUnit?: string) {
  return {
    domain: [0, maxTime],
    ticks: [...ticks],
    tickFormat: fmtPlotTick,
    label: timeUnit ? `Time (${timeUnit})` : "Time",
    labelAnchor: "center" as const,
    labelArrow: "none" as const,
    labelOffset: Math.round(2.9 * fontSize),
  };
}

/** The y axis's label placement (labels and domains differ between the figures). */
export const yAxisLabelPlacement = (fontSize: number) => ({
  labelAnchor: "center" as const,
  labelArrow: "none" as const,
  labelOffset: Math.round(3.4 * fontSize),
});

/** The figure's title above the frame (none without a title); `extraDy` lifts it above other rows. */
export function titleMarks(title: string | undefined, fontSize: number, extraDy = 0): Plot.Markish[] {
  return title !== undefined
    ? [
        Plot.text([title], {
          frameAnchor: "top",
          dy: -Math.round(1.9 * fontSize) - extraDy,
          fontSize: Math.round(1.2 * fontSize),
          fontWeight: "bold",
        }),
      ]
    : [];
}
