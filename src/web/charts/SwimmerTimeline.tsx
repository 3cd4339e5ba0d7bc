// Swimmer timeline of one patient (SVG): primary, imaging, each lesion, systemic and local
// therapies and outcomes on one calendar axis, with the "as of" date marked. Every mark has a
// tooltip; the same events are listed in a table below the figure (for keyboard and screen
// readers, and for exact dates).
import { useId } from "react";
import { toDayNumber } from "../../core/index.ts";
import { dateTicks } from "./date-ticks.ts";
import { MARK_LEGEND, MarkShape } from "./marks.tsx";
import { linearScale } from "./scale.ts";
import { chronology, type SwimmerModel } from "./swimmer-model.ts";

const WIDTH = 1000;
const LABEL_W = 210;
const RIGHT = 16;
const ROW_H = 22;
const TOP = 8;
const AXIS_H = 28;

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const groupNames: Readonly<Record<string, string>> = {
  primary: "Primary tumour",
  imaging: "Imaging studies",
  lesions: "Lesions",
  systemic: "Systemic therapy",
  local: "Local therapy",
  outcomes: "Outcomes",
};

export function SwimmerTimeline({ model, title }: { readonly model: SwimmerModel; readonly title: string }) {
  const id = useId();
  const x = linearScale([model.startDay, model.endDay], [LABEL_W, WIDTH - RIGHT]);
  const height = TOP + model.lanes.length * ROW_H + AXIS_H;
  const ticks = dateTicks(model.startDay, model.endDay);
  const asOfX = x(toDayNumber(model.asOf));
  const rows = chronology(model);
  let previousGroup = "";

  return (
    <figure className="chart swimmer">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="chart-svg"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {`${model.lanes.length} rows from ${rows[0]?.date ?? "—"} to ${rows[rows.length - 1]?.date ?? "—"}; the table below lists every event.`}
        </desc>
        {ticks.map((t) => (
          <g key={t.day}>
            <line x1={x(t.day)} x2={x(t.day)} y1={TOP} y2={height - AXIS_H} className="grid-line" />
            <text x={x(t.day)} y={height - AXIS_H + 16} textAnchor="middle" className="tick-label">
              {t.label}
            </text>
          </g>
        ))}
        {model.lanes.map((lane, i) => {
          const y = TOP + i * ROW_H + ROW_H / 2;
          const newGroup = lane.group !== previousGroup;
          previousGroup = lane.group;
          return (
            <g key={lane.id} className={`lane lane-${lane.group}`}>
              {newGroup && i > 0 && (
                <line
                  x1={0}
                  x2={WIDTH - RIGHT}
                  y1={y - ROW_H / 2}
                  y2={y - ROW_H / 2}
                  className="group-line"
                />
              )}
              <text
                x={LABEL_W - 8}
                y={y + 4}
                textAnchor="end"
                className={newGroup ? "lane-label lane-label-first" : "lane-label"}
              >
                <title>{`${groupNames[lane.group]}: ${lane.label}`}</title>
                {truncate(lane.label, 30)}
              </text>
              {lane.spans.map((s) => {
                const x0 = x(toDayNumber(s.start));
                const x1 = Math.max(x(toDayNumber(s.end)), x0 + 3);
                return (
                  <g key={`${s.kind}:${s.start}`}>
                    <title>{s.text}</title>
                    {s.kind === "lesion" ? (
                      <line x1={x0} x2={x1} y1={y} y2={y} className="span-lesion" />
                    ) : (
                      <rect
                        x={x0}
                        y={y - 6}
                        width={x1 - x0}
                        height={12}
                        rx={3}
                        className={`span-${s.kind}`}
                      />
                    )}
                    {s.kind === "systemic_ongoing" && (
                      <path
                        d={`M${x1},${y - 6}L${x1 + 7},${y}L${x1},${y + 6}Z`}
                        className="span-systemic_ongoing"
                      />
                    )}
                  </g>
                );
              })}
              {lane.marks.map((m, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two marks of one kind may share a date; order is stable
                <g key={`${m.kind}:${m.date}:${j}`} transform={`translate(${x(toDayNumber(m.date))},${y})`}>
                  <title>{`${m.date}: ${m.text}`}</title>
                  <MarkShape kind={m.kind} />
                </g>
              ))}
            </g>
          );
        })}
        <line x1={asOfX} x2={asOfX} y1={TOP - 4} y2={height - AXIS_H} className="as-of-line" />
        <text
          x={asOfX > WIDTH - 130 ? asOfX - 5 : asOfX + 5}
          y={TOP + 6}
          textAnchor={asOfX > WIDTH - 130 ? "end" : "start"}
          className="as-of-label"
        >
          as of {model.asOf}
        </text>
      </svg>
      <figcaption>
        <ul className="legend" aria-label="Legend">
          {MARK_LEGEND.map((l) => (
            <li key={l.kind}>
              <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
                <MarkShape kind={l.kind} />
              </svg>
              {l.label}
            </li>
          ))}
          <li>
            <svg width="22" height="16" viewBox="0 -8 22 16" aria-hidden="true">
              <rect x={1} y={-5} width={20} height={10} rx={3} className="span-systemic" />
            </svg>
            systemic therapy
          </li>
          <li>
            <svg width="22" height="16" viewBox="0 -8 22 16" aria-hidden="true">
              <rect x={1} y={-5} width={20} height={10} rx={3} className="span-local" />
            </svg>
            local therapy
          </li>
        </ul>
      </figcaption>
      <details className="chart-table">
        <summary>Timeline as a table ({rows.length} events)</summary>
        <table className="data-table compact">
          <caption className="visually-hidden">{title}: every event in date order</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Row</th>
              <th scope="col">Event</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are recomputed as a whole, sorted by date
              <tr key={`${r.date}:${r.lane}:${i}`}>
                <td className="nowrap">{r.date}</td>
                <td>{r.lane}</td>
                <td>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
