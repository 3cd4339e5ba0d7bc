// The OMD definitions (generic ≤3/≤5, EORTC-LCG, ESTRO-ASTRO, SABR-COMET, UK CtE): met, not met
// or not applicable, each with its per-criterion reasons, warnings and source.
import type { Classification } from "../../api/types.ts";

const RESULT_TEXT = {
  met: { text: "met", icon: "✓", cls: "status-pass" },
  not_met: { text: "not met", icon: "✗", cls: "status-fail" },
  not_applicable: { text: "not applicable", icon: "–", cls: "status-na" },
} as const;

export function DefinitionsTable({ classification }: { readonly classification: Classification }) {
  const entries = Object.entries(classification.definitions);
  if (entries.length === 0) return <p className="empty">No definitions evaluated.</p>;
  return (
    <table className="data-table compact definitions-table">
      <caption className="visually-hidden">OMD definitions met or not, with reasons</caption>
      <thead>
        <tr>
          <th scope="col">Definition</th>
          <th scope="col">Result</th>
          <th scope="col">Reasons</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([id, d]) => {
          const r = RESULT_TEXT[d.result];
          return (
            <tr key={id}>
              <th scope="row">
                <span title={d.source}>{d.name}</span>
                <span className="muted small block">
                  v{d.version}
                  {d.evaluatedAt !== null ? ` · at ${d.evaluatedAt}` : ""}
                </span>
              </th>
              <td className={`${r.cls} nowrap`}>
                <span aria-hidden="true">{r.icon}</span> {r.text}
              </td>
              <td>
                <ul className="plain">
                  {d.reasons.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                  {d.warnings.map((w) => (
                    <li key={w} className="warning-text">
                      ⚠ {w}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
