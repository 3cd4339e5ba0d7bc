// Parts shared by the SVG charts (DVH, Kaplan–Meier): the legend entry that shows or hides a
// series (checkbox, line swatch in the series' colour and dash, label) and the horizontal grid
// lines with their y tick labels.
import type { ReactNode } from "react";

/** `hidden` with `key` removed (shown) or added (hidden); a new set, the given one is not changed. */
export function withShown(hidden: ReadonlySet<string>, key: string, shown: boolean): ReadonlySet<string> {
  const next = new Set(hidden);
  if (shown) next.delete(key);
  else next.add(key);
  return next;
}

/** A legend entry with a checkbox that shows or hides the series `seriesKey`. */
export function LegendToggle({
  seriesKey,
  hidden,
  onHiddenChange,
  colour,
  dash,
  children,
}: {
  readonly seriesKey: string;
  readonly hidden: ReadonlySet<string>;
  readonly onHiddenChange: (next: ReadonlySet<string>) => void;
  readonly colour: string;
  readonly dash: string;
  readonly children: ReactNode;
}) {
  return (
    <label className="checkbox legend-item">
      <input
        type="checkbox"
        checked={!hidden.has(seriesKey)}
        onChange={(e) => onHiddenChange(withShown(hidden, seriesKey, e.target.checked))}
      />
      <svg width="28" height="10" aria-hidden="true">
        <line x1="1" x2="27" y1="5" y2="5" stroke={colour} strokeWidth="2.5" strokeDasharray={dash} />
      </svg>
      {children}
    </label>
  );
}

/** Horizontal grid lines from `left` to `right` at the y ticks, each labelled left of the axis. */
export function YGridLines({
  ticks,
  y,
  left,
  right,
  format,
}: {
  readonly ticks: readonly number[];
  readonly y: (v: number) => number;
  readonly left: number;
  readonly right: number;
  readonly format: (v: number) => string;
}) {
  return (
    <>
      {ticks.map((t) => (
        <g key={`y${t}`}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} className="grid-line" />
          <text x={left - 6} y={y(t) + 4} textAnchor="end" className="tick-label">
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}
