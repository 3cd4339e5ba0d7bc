// Cumulative dose-volume histograms (SVG), one line per ROI, volume in % of the ROI or in cc.
// ROIs can be hidden from the legend; a semantic table of the ROI statistics sits beside it.
import { useId, useState } from "react";
import type { PlanCheckRoi } from "../api/types.ts";
import { LegendToggle, YGridLines } from "./chart-parts.tsx";
import { groupColour, groupDash } from "./palette.ts";
import { formatTick, linearScale, linearTicks, niceMax } from "./scale.ts";

const W = 820;
const M = { left: 64, right: 20, top: 14, bottom: 44 };
const H = 380;

/** Volume values of a curve in % of the ROI volume (100 % at 0 Gy). */
export function toPercent(curve: PlanCheckRoi["curve"], roiVolumeCc: number): number[] {
  const ref = roiVolumeCc > 0 ? roiVolumeCc : (curve.volumeCc[0] ?? 0);
  return curve.volumeCc.map((v) => (ref > 0 ? (100 * v) / ref : 0));
}

export function DvhChart({
  rois,
  title,
}: {
  readonly rois: readonly PlanCheckRoi[];
  readonly title: string;
}) {
  const id = useId();
  const [unit, setUnit] = useState<"percent" | "cc">("percent");
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const drawn = rois.filter((r) => r.curve.doseGy.length > 1);
  const visible = drawn.filter((r) => !hidden.has(r.name));
  const maxDose = niceMax(
    Math.max(1, ...visible.map((r) => r.maxGy ?? 0), ...visible.flatMap((r) => r.curve.doseGy.slice(-1))),
    8,
  );
  const maxVol = unit === "percent" ? 100 : niceMax(Math.max(1, ...visible.map((r) => r.volumeCc)), 6);
  const x = linearScale([0, maxDose], [M.left, W - M.right]);
  const y = linearScale([0, maxVol], [H - M.bottom, M.top]);
  const xTicks = linearTicks(0, maxDose, 10);
  const yTicks = linearTicks(0, maxVol, 5);

  return (
    <figure className="chart dvh">
      <div className="chart-controls">
        <fieldset className="legend-toggles">
          <legend>Structures</legend>
          {drawn.map((r) => {
            const i = rois.indexOf(r);
            return (
              <LegendToggle
                key={r.name}
                seriesKey={r.name}
                hidden={hidden}
                onHiddenChange={setHidden}
                colour={groupColour(i)}
                dash={groupDash(i)}
              >
                {r.name}
              </LegendToggle>
            );
          })}
        </fieldset>
        <fieldset className="radio-row">
          <legend>Volume axis</legend>
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-unit`}
              checked={unit === "percent"}
              onChange={() => setUnit("percent")}
            />
            % of structure
          </label>
          <label className="checkbox">
            <input type="radio" name={`${id}-unit`} checked={unit === "cc"} onChange={() => setUnit("cc")} />
            cc
          </label>
        </fieldset>
      </div>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="chart-svg"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {`Cumulative DVH of ${visible.length} structures up to ${formatTick(maxDose)} Gy; the statistics table lists volume, minimum, mean and maximum dose of each.`}
        </desc>
        <YGridLines ticks={yTicks} y={y} left={M.left} right={W - M.right} format={formatTick} />
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} className="grid-line" />
            <text x={x(t)} y={H - M.bottom + 18} textAnchor="middle" className="tick-label">
              {formatTick(t)}
            </text>
          </g>
        ))}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="axis-line" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} className="axis-line" />
        <text x={(M.left + W - M.right) / 2} y={H - 8} textAnchor="middle" className="axis-label">
          Dose (Gy)
        </text>
        <text
          transform={`translate(16,${(M.top + H - M.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          className="axis-label"
        >
          {unit === "percent" ? "Volume (% of structure)" : "Volume (cc)"}
        </text>
        {visible.map((r) => {
          const i = rois.indexOf(r);
          const vols = unit === "percent" ? toPercent(r.curve, r.volumeCc) : r.curve.volumeCc;
          let d = "";
          r.curve.doseGy.forEach((dose, k) => {
            const v = vols[k] ?? 0;
            d += `${k === 0 ? "M" : "L"}${x(dose).toFixed(1)},${y(v).toFixed(1)}`;
          });
          return (
            <path
              key={r.name}
              d={d}
              fill="none"
              stroke={groupColour(i)}
              strokeWidth={2}
              strokeDasharray={groupDash(i)}
            >
              <title>{r.name}</title>
            </path>
          );
        })}
      </svg>
    </figure>
  );
}
