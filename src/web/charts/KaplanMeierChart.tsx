// Kaplan–Meier figure (SVG): step curves by group, pointwise confidence bands, censor ticks and
// the number-at-risk table under the time axis, as in a journal figure. Groups can be hidden from
// the legend (checkboxes, keyboard operable). The numbers are repeated in semantic tables.
import { useId, useState } from "react";
import type { SurvivalResult } from "../api/types.ts";
import { fmt } from "../lib/format.ts";
import { LegendToggle, YGridLines } from "./chart-parts.tsx";
import { bandPolygons, censorPoints, pathData, stepPoints } from "./km-geometry.ts";
import { groupColour, groupDash } from "./palette.ts";
import { formatTick, linearScale, linearTicks, niceMax } from "./scale.ts";

const W = 820;
const M = { left: 200, right: 24, top: 14 };
const PLOT_H = 300;
const AXIS_H = 44;
const RISK_ROW = 18;

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Above this many groups the confidence bands start hidden (the checkbox shows them). */
export const MAX_GROUPS_WITH_BANDS = 4;

export function KaplanMeierChart({
  result,
  title,
  yLabel,
}: {
  readonly result: SurvivalResult;
  readonly title: string;
  readonly yLabel: string;
}) {
  const id = useId();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  // bands of many groups overlap into an unreadable field: on by default for up to 4 groups only
  const [showCi, setShowCi] = useState(result.groups.length <= MAX_GROUPS_WITH_BANDS);
  const groups = result.groups.map((g, i) => ({ ...g, colour: groupColour(i), dash: groupDash(i) }));
  const riskTimes = result.numberAtRisk.times;
  const maxTime = Math.max(1, ...groups.flatMap((g) => g.curve.time.slice(-1)), ...riskTimes.slice(-1));
  const xMax = niceMax(maxTime, 8);
  const plotBottom = M.top + PLOT_H;
  const x = linearScale([0, xMax], [M.left, W - M.right]);
  const y = linearScale([0, 1], [plotBottom, M.top]);
  const xTicks = linearTicks(0, xMax, 8);
  const yTicks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const riskTop = plotBottom + AXIS_H + 18;
  const H = riskTop + groups.length * RISK_ROW + 8;
  const visible = groups.filter((g) => !hidden.has(g.key));

  return (
    <figure className="chart km">
      <div className="chart-controls">
        <fieldset className="legend-toggles">
          <legend>Groups</legend>
          {groups.map((g) => (
            <LegendToggle
              key={g.key}
              seriesKey={g.key}
              hidden={hidden}
              onHiddenChange={setHidden}
              colour={g.colour}
              dash={g.dash}
            >
              {g.label}{" "}
              <span className="muted">
                (n = {g.n}, {g.events} events)
              </span>
            </LegendToggle>
          ))}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={showCi} onChange={(e) => setShowCi(e.target.checked)} />
          95 % confidence bands
        </label>
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
          {`Kaplan–Meier curves of ${groups.length} group${groups.length === 1 ? "" : "s"} over ${formatTick(xMax)} months; tick marks are censored observations; the number at risk is shown under the time axis and in the tables below.`}
        </desc>
        {/* grid and axes */}
        <YGridLines
          ticks={yTicks}
          y={y}
          left={M.left}
          right={W - M.right}
          format={(t) => `${Math.round(t * 100)}%`}
        />
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={plotBottom} y2={plotBottom + 5} className="axis-line" />
            <text x={x(t)} y={plotBottom + 18} textAnchor="middle" className="tick-label">
              {formatTick(t)}
            </text>
          </g>
        ))}
        <line x1={M.left} x2={W - M.right} y1={plotBottom} y2={plotBottom} className="axis-line" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={plotBottom} className="axis-line" />
        <text x={(M.left + W - M.right) / 2} y={plotBottom + 36} textAnchor="middle" className="axis-label">
          Time ({result.timeUnit})
        </text>
        <text
          transform={`translate(${M.left - 46},${(M.top + plotBottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          className="axis-label"
        >
          {yLabel}
        </text>
        <clipPath id={`${id}-clip`}>
          <rect x={M.left} y={M.top - 2} width={W - M.right - M.left} height={PLOT_H + 4} />
        </clipPath>
        <g clipPath={`url(#${id}-clip)`}>
          {showCi &&
            visible.map((g) =>
              bandPolygons(g.curve.time, g.curve.lower, g.curve.upper).map((poly, k) => (
                <path
                  // biome-ignore lint/suspicious/noArrayIndexKey: band segments in time order
                  key={`${g.key}-band-${k}`}
                  d={`${pathData(poly, x, y)}Z`}
                  fill={g.colour}
                  fillOpacity={0.12}
                  stroke="none"
                />
              )),
            )}
          {visible.map((g) => (
            <g key={g.key}>
              <path
                d={pathData(stepPoints(g.curve.time, g.curve.survival), x, y)}
                fill="none"
                stroke={g.colour}
                strokeWidth={2.2}
                strokeDasharray={g.dash}
              >
                <title>{g.label}</title>
              </path>
              {censorPoints(g.curve.time, g.curve.survival, g.curve.nCensor).map(([t, s]) => (
                <line
                  key={`${g.key}-c-${t}`}
                  x1={x(t)}
                  x2={x(t)}
                  y1={y(s) - 5}
                  y2={y(s) + 5}
                  stroke={g.colour}
                  strokeWidth={1.6}
                />
              ))}
            </g>
          ))}
        </g>
        {/* number at risk */}
        <text x={8} y={riskTop - 8} className="risk-title">
          Number at risk
        </text>
        {groups.map((g, i) => {
          const row = result.numberAtRisk.byGroup[g.key] ?? [];
          const ry = riskTop + i * RISK_ROW + 12;
          return (
            <g key={`risk-${g.key}`} className="risk-row">
              <text x={M.left - 16} y={ry} fill={g.colour} textAnchor="end" className="risk-label">
                <title>{g.label}</title>
                {truncate(g.label, 24)}
              </text>
              {riskTimes.map((t, j) =>
                t <= xMax ? (
                  <text key={t} x={x(t)} y={ry} textAnchor="middle" className="risk-number">
                    {row[j] ?? ""}
                  </text>
                ) : null,
              )}
            </g>
          );
        })}
      </svg>
      <details className="chart-table">
        <summary>Number at risk and curve values as tables</summary>
        <table className="data-table compact">
          <caption>Number at risk by time ({result.timeUnit})</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              {riskTimes.map((t) => (
                <th key={t} scope="col" className="num">
                  {formatTick(t)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                {riskTimes.map((t, j) => (
                  <td key={t} className="num">
                    {result.numberAtRisk.byGroup[g.key]?.[j] ?? "—"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {groups.map((g) => (
          <table key={g.key} className="data-table compact">
            <caption>{g.label}: survival estimate at each event or censoring time</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Time
                </th>
                <th scope="col" className="num">
                  At risk
                </th>
                <th scope="col" className="num">
                  Events
                </th>
                <th scope="col" className="num">
                  Censored
                </th>
                <th scope="col" className="num">
                  Survival
                </th>
                <th scope="col" className="num">
                  95 % CI
                </th>
              </tr>
            </thead>
            <tbody>
              {g.curve.time.map((t, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of one curve in time order
                <tr key={i}>
                  <td className="num">{fmt(t, 2)}</td>
                  <td className="num">{g.curve.nRisk[i]}</td>
                  <td className="num">{g.curve.nEvent[i]}</td>
                  <td className="num">{g.curve.nCensor[i]}</td>
                  <td className="num">{fmt(g.curve.survival[i], 3)}</td>
                  <td className="num">
                    {fmt(g.curve.lower[i], 3)}–{fmt(g.curve.upper[i], 3)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </details>
    </figure>
  );
}
