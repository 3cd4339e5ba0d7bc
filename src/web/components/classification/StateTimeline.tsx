// The ESTRO/EORTC state at every imaging time point up to the as-of date: a strip of coloured
// segments (state family) and the same as a table with lesion and organ counts.
import type { Classification } from "../../api/types.ts";
import { StateBadge } from "../StateBadge.tsx";

export function StateTimeline({ classification }: { readonly classification: Classification }) {
  const entries = classification.timeline;
  if (entries.length === 0) return <p className="empty">No imaging up to {classification.asOf}.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table compact state-timeline">
        <caption className="visually-hidden">State at each imaging time point</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">State</th>
            <th scope="col">Metastases (organs)</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((t) => (
            <tr
              key={t.date}
              aria-current={t.date === classification.estroEortc.indexDate ? "true" : undefined}
            >
              <th scope="row" className="nowrap">
                {t.date}
                {t.date === classification.estroEortc.indexDate && (
                  <span className="block small muted">index date</span>
                )}
              </th>
              <td>
                <StateBadge code={t.code} label={t.label} />
              </td>
              <td>
                {t.state === "diffuse" ? "diffuse" : t.lesionCount}
                {t.organs.length > 0 && (
                  <span className="block small muted">
                    {t.organs.map((o) => o.replaceAll("_", " ")).join(", ")}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
