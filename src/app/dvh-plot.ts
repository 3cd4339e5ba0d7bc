// Cumulative DVH plot (SVG) for a report: one line per ROI in its DICOM display colour, volume in %
// of the structure (or cc), optional constraint markers (● met, ✕ not met), a legend drawn in the plot.
import * as Plot from "@observablehq/plot";
import { curveDashIndex, dashOption, PLOT_DASHES, rowsByDash } from "./plot-parts.ts";
import { renderPlotSvg } from "./render-svg.ts";

export type DvhPlotSeries = {
  readonly name: string;
  readonly color?: readonly [number, number, number];
  readonly volumeCc: number;
  readonly curve: { readonly doseGy: readonly number[]; readonly volumeCc: readonly number[] };
};

export type DvhPlotMarker = {
  readonly roi: string;
  readonly doseGy: number;
  /** in the plot's volume unit */
  readonly volume: number;
  readonly label: string;
  readonly met: boolean;
};

export type DvhPlotOptions = {
  readonly title?: string;
  readonly volume?: "percent" | "cc";
  readonly markers?: readonly DvhPlotMarker[];
  readonly width?: number;
  readonly height?: number;
};

// Tableau 10, for ROIs without a display colour
const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

// the legend's sample of each dash pattern (PLOT_DASHES, same order): solid, dashed, dotted,
// dash-dot, fine dots
const LEGEND_SAMPLES = ["━━", "╍╍", "┅┅", "━·━", "┉┉"] as const;

export function dvhPlotSvg(series: readonly DvhPlotSeries[], options: DvhPlotOptions = {}): string {
  const percent = (options.volume ?? "percent") === "percent";
  const rows: { dose: number; volume: number; roi: string }[] = [];
  for (const s of series) {
    const scale = percent ? (s.volumeCc > 0 ? 100 / s.volumeCc : 0) : 1;
    s.curve.doseGy.forEach((d, i) => {
      rows.push({ dose: d, volume: s.curve.volumeCc[i]! * scale, roi: s.name });
    });
  }
  const names = series.map((s) => s.name);
  // the ROIs' DICOM display colours when they tell the ROIs apart, else a categorical palette
  const dicom = series.map((s) =>
    s.color !== undefined ? `rgb(${s.color[0]},${s.color[1]},${s.color[2]})` : undefined,
  );
  const distinct = dicom.every((c) => c !== undefined) && new Set(dicom).size === dicom.length;
  const colors = series.map((_, i) => (distinct ? dicom[i]! : PALETTE[i % PALETTE.length]!));
  const colorOf = new Map(names.map((n, i) => [n, colors[i]!]));
  // beyond the palette's ten colours, ROIs repeat them with a dash pattern (distinct DICOM
  // colours need none)
  const dashIndex = series.map((_, i) => (distinct ? 0 : curveDashIndex(i, PALETTE.length)));
  const dashOf = new Map(names.map((n, i) => [n, PLOT_DASHES[dashIndex[i]!]!]));
  const width = options.width ?? 760;
  const legendRows = series.length;
  const height = options.height ?? Math.max(420, 120 + 16 * legendRows);
  const markers = options.markers ?? [];
  const marks: Plot.Markish[] = [
    Plot.gridX({ stroke: "#ddd", strokeOpacity: 1 }),
    Plot.gridY({ stroke: "#ddd", strokeOpacity: 1 }),
    Plot.ruleY([0]),
    Plot.ruleX([0]),
    ...rowsByDash(rows, (r) => dashOf.get(r.roi) ?? "").map(([dash, part]) =>
      Plot.line(part, {
        x: "dose",
        y: "volume",
        z: "roi",
        stroke: (r: { roi: string }) => colorOf.get(r.roi),
        strokeWidth: 1.6,
        ...dashOption(dash),
      }),
    ),
    // legend: the name and a coloured sample of its line per ROI, top right inside the frame
    ...names.map((n, i) =>
      Plot.text([`${n} ${LEGEND_SAMPLES[dashIndex[i]!]!}`], {
        frameAnchor: "top-right",
        dx: -8,
        dy: 10 + 16 * i,
        fill: colorOf.get(n) ?? "black",
        fontSize: 11,
        textAnchor: "end",
      }),
    ),
  ];
  if (markers.length > 0) {
    // labels of markers close in dose are staggered upwards
    const sorted = [...markers].sort((a, b) => a.doseGy - b.doseGy);
    const labelled = sorted.map((m, i) => ({ ...m, dy: -8 - 12 * (i % 4) }));
    marks.push(
      Plot.dot(markers, {
        x: "doseGy",
        y: "volume",
        symbol: (m: DvhPlotMarker) => (m.met ? "circle" : "times"),
        stroke: (m: DvhPlotMarker) => (m.met ? "#2a7d2a" : "#c0392b"),
        fill: (m: DvhPlotMarker) => (m.met ? "#2a7d2a" : "none"),
        r: 4,
        strokeWidth: 2,
      }),
      ...[0, 1, 2, 3].map((k) =>
        Plot.text(
          labelled.filter((m) => m.dy === -8 - 12 * k),
          {
            x: "doseGy",
            y: "volume",
            text: "label",
            dx: 6,
            dy: -8 - 12 * k,
            textAnchor: "start",
            fontSize: 10,
            fill: (m: DvhPlotMarker) => (m.met ? "#2a7d2a" : "#c0392b"),
          },
        ),
      ),
    );
  }
  if (options.title !== undefined) {
    marks.push(Plot.text([options.title], { frameAnchor: "top", dy: -30, fontSize: 14, fontWeight: "bold" }));
  }
  return renderPlotSvg({
    width,
    height,
    marginTop: 40,
    marginLeft: 64,
    marginRight: 24,
    marginBottom: 44,
    style: { fontFamily: "Helvetica, Arial, sans-serif", fontSize: "11px", background: "white" },
    x: {
      label: "Dose (Gy) →",
      labelAnchor: "right",
      nice: true,
      domain: [0, rows.reduce((m, r) => Math.max(m, r.dose), 1)],
    },
    y: {
      label: percent ? "Volume (% of structure)" : "Volume (cc)",
      labelAnchor: "center",
      nice: true,
      ...(percent ? { domain: [0, 100] } : {}),
    },
    marks,
  });
}
