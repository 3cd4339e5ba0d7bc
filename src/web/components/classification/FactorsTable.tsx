// The 17 characterisation factors (+ supplementary rows): known value or missing, and the field
// each comes from, so missing data can be added. The list is a reconstruction (note shown).
import type { Classification } from "../../api/types.ts";

export function FactorsTable({ classification }: { readonly classification: Classification }) {
  const missing = classification.factors.filter((f) => !f.known).length;
  return (
    <>
      <p className="muted small">
        {classification.factorsNote}. {missing === 0 ? "All factors known." : `${missing} not recorded.`}
      </p>
      <table className="data-table compact">
        <caption className="visually-hidden">Characterisation factors</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Domain</th>
            <th scope="col">Factor</th>
            <th scope="col">Value</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {classification.factors.map((f) => (
            <tr key={f.number} className={f.known ? "" : "row-missing"}>
              <td className="num">{f.supplementary ? "+" : f.number}</td>
              <td>{f.domain}</td>
              <th scope="row">{f.name}</th>
              <td>{f.known ? f.value : <span className="muted">not recorded</span>}</td>
              <td className="small">
                <code>{f.field}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
