// Forest plot of a Cox model as a semantic table: one row per term with HR, 95 % CI and p, and
// in the last column the estimate and interval drawn on a shared log axis (line at HR = 1).
import { useId } from "react";
import type { CoxTerm } from "../api/types.ts";
import { fmt, fmtP } from "../lib/format.ts";
import { formatTick, logScale, logTicks } from "./scale.ts";

const PW = 320;
const PAD = 14;
const ROW_H = 26;

/** Log-axis domain covering every interval and 1, widened to whole 1-2-5 steps. */
export function forestDomain(terms: readonly CoxTerm[]): [number, number] {
  const values = terms.flatMap((t) => [t.lower, t.upper, t.hr]).filter((v) => Number.isFinite(v) && v > 0);
  let lo = Math.min(1, ...values);
  let hi = Math.max(1, ...values);
  lo = Math.max(lo, 1e-3);
  hi = Math.min(hi, 1e3);
  const down = [1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001].find((v) => v <= lo * 0.95) ?? 0.001;
  const up = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((v) => v >= hi * 1.05) ?? 1000;
  return [down, up];
}

export function ForestPlot({
  terms,
  title,
  n,
  events,
}: {
  readonly terms: readonly CoxTerm[];
  readonly title: string;
  readonly n: number;
  readonly events: number;
}) {
  const id = useId();
  const [lo, hi] = forestDomain(terms);
  const x = logScale([lo, hi], [PAD, PW - PAD]);
  const ticks = logTicks(lo, hi);
  return (
    <figure className="chart forest">
      <table className="data-table forest-table" aria-describedby={`${id}-note`}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Term</th>
            <th scope="col" className="num">
              HR
            </th>
            <th scope="col" className="num">
              95 % CI
            </th>
            <th scope="col" className="num">
              p
            </th>
            <th scope="col" className="forest-axis-head">
              <svg viewBox={`0 0 ${PW} 22`} width={PW} height={22} aria-hidden="true">
                {ticks.map((t) => (
                  <text key={t} x={x(t)} y={14} textAnchor="middle" className="tick-label">
                    {formatTick(t)}
                  </text>
                ))}
              </svg>
              <span className="visually-hidden">Hazard ratio on a log scale</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {terms.map((t) => {
            const ok = [t.hr, t.lower, t.upper].every((v) => Number.isFinite(v) && v > 0);
            const clamp = (v: number): number => Math.min(hi, Math.max(lo, v));
            return (
              <tr key={t.name}>
                <th scope="row">{t.name}</th>
                <td className="num">{fmt(t.hr)}</td>
                <td className="num nowrap">
                  {fmt(t.lower)}–{fmt(t.upper)}
                </td>
                <td className="num nowrap">{fmtP(t.p)}</td>
                <td className="forest-cell">
                  <svg viewBox={`0 0 ${PW} ${ROW_H}`} width={PW} height={ROW_H} aria-hidden="true">
                    {ticks.map((tk) => (
                      <line key={tk} x1={x(tk)} x2={x(tk)} y1={0} y2={ROW_H} className="grid-line" />
                    ))}
                    <line x1={x(1)} x2={x(1)} y1={0} y2={ROW_H} className="reference-line" />
                    {ok && (
                      <>
                        <line
                          x1={x(clamp(t.lower))}
                          x2={x(clamp(t.upper))}
                          y1={ROW_H / 2}
                          y2={ROW_H / 2}
                          className="forest-ci"
                        />
                        {t.upper > hi && (
                          <path
                            d={`M${PW - PAD},${ROW_H / 2 - 4}L${PW - PAD + 6},${ROW_H / 2}L${PW - PAD},${ROW_H / 2 + 4}Z`}
                            className="forest-point"
                          />
                        )}
                        {t.lower < lo && (
                          <path
                            d={`M${PAD},${ROW_H / 2 - 4}L${PAD - 6},${ROW_H / 2}L${PAD},${ROW_H / 2 + 4}Z`}
                            className="forest-point"
                          />
                        )}
                        <rect
                          x={x(clamp(t.hr)) - 5}
                          y={ROW_H / 2 - 5}
                          width={10}
                          height={10}
                          className="forest-point"
                        />
                      </>
                    )}
                  </svg>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <figcaption id={`${id}-note`} className="muted small">
        Cox proportional-hazards model, {n} patients, {events} events. Squares: hazard ratios; lines: 95 %
        confidence intervals; vertical line: HR = 1 (no difference). HR &lt; 1 favours the term over the
        reference.
      </figcaption>
    </figure>
  );
}
