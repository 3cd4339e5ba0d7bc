// Current ESTRO/EORTC 2020 state, its path of reasons (one line per question of the tree, with the
// fact that answered it), the gate and work-up used, the facts fed to the tree, the per-lesion
// progression findings and warnings; and the state at the first OMD diagnosis when it differs
// (clinical-reference 1.6, A3: both labels are shown).
import type { EstroEortcResult } from "../../../core/index.ts";
import type { Classification } from "../../api/types.ts";
import { StateBadge } from "../StateBadge.tsx";

const BASIS_TEXT = {
  latest_imaging: "latest imaging work-up",
  index_date: "index date chosen in the record",
  first_omd_diagnosis: "first OMD diagnosis (record setting)",
} as const;

function yesNo(v: boolean | null): string {
  return v === null ? "unknown" : v ? "yes" : "no";
}

export function ClassificationPanel({ classification }: { readonly classification: Classification }) {
  const c = classification.estroEortc;
  const first = classification.firstOmd;
  const differentFirst = first !== null && (first.code !== c.code || first.indexDate !== c.indexDate);
  return (
    <div className="classification">
      <div className="state-now">
        <p className="state-caption">Current state</p>
        <StateBadge code={c.code} label={c.label} size="large" />
        <dl className="facts">
          <div>
            <dt>Index date</dt>
            <dd>{c.indexDate ?? "—"}</dd>
          </div>
          <div>
            <dt>Based on</dt>
            <dd>{BASIS_TEXT[c.basis]}</dd>
          </div>
          <div>
            <dt>As of</dt>
            <dd>{classification.asOf}</dd>
          </div>
          <div>
            <dt>OMD gate</dt>
            <dd>{c.gate.label}</dd>
          </div>
          {c.studyIds.length > 0 && (
            <div>
              <dt>Work-up</dt>
              <dd>
                {c.workupStartDate !== null && c.workupStartDate !== c.indexDate
                  ? `${c.workupStartDate} to ${c.indexDate} · `
                  : ""}
                studies {c.studyIds.join(", ")}
              </dd>
            </div>
          )}
        </dl>
        <p className="muted small">
          code <code>{c.code}</code>
        </p>
      </div>
      <div className="reasons">
        <h3>Path of reasons</h3>
        <ReasonPath result={c} />
        {c.missing !== undefined && c.missing.length > 0 && (
          <div className="alert alert-warning">
            <strong>Missing data:</strong> {c.missing.join(", ")}.{" "}
            <span>Add it in the record to classify.</span>
          </div>
        )}
        {c.warnings.length > 0 && (
          <div className="alert alert-warning">
            <h4>Warnings</h4>
            <ul>
              {c.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
        <details className="inputs-used">
          <summary>Facts used by the decision tree</summary>
          <InputsTable result={c} />
        </details>
      </div>
      {differentFirst && first !== null && (
        <div className="state-first">
          <h3>At the first OMD diagnosis ({first.indexDate ?? "—"})</h3>
          <StateBadge code={first.code} label={first.label} />
          <ReasonPath result={first} />
        </div>
      )}
    </div>
  );
}

function ReasonPath({ result }: { readonly result: EstroEortcResult }) {
  return (
    <ol className="reason-path">
      {result.path.map((step, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the path is an ordered list replaced as a whole
        <li key={i}>{step}</li>
      ))}
    </ol>
  );
}

function InputsTable({ result }: { readonly result: EstroEortcResult }) {
  const u = result.inputsUsed;
  const rows: [string, string][] = [
    ["Countable distant metastases", String(u.lesionCount)],
    ["Organs involved", u.organCount === 0 ? "0" : `${u.organCount} (${u.organs.join(", ")})`],
    ["Diffuse disease", u.diffuseFindings.length === 0 ? "none" : u.diffuseFindings.join(", ")],
    ["Q1 history of polymetastatic disease", yesNo(u.historyOfPolymetastaticDisease)],
    ["Q2 history of OMD", yesNo(u.historyOfOmd)],
    ["Primary diagnosis date", u.primaryDiagnosisDate ?? "—"],
    ["Q3 synchronous (≤ 6 months)", yesNo(u.synchronous)],
    [
      "Q4 systemic therapy active at index",
      `${yesNo(u.systemicTherapyActiveAtIndex)}${u.activeSystemicTherapies.length > 0 ? ` (${u.activeSystemicTherapies.join(", ")})` : ""}`,
    ],
    ["Q5 progression on current imaging", yesNo(u.progressionOnCurrentImaging)],
    [
      "Progression pattern",
      `${result.progressionPattern.pattern.replaceAll("_", " ")} (${result.progressionPattern.progressingLesions} progressing)`,
    ],
  ];
  return (
    <>
      <table className="data-table compact">
        <caption className="visually-hidden">Facts used by the decision tree</caption>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.lesions.length > 0 && (
        <table className="data-table compact">
          <caption>Lesions compared with earlier imaging</caption>
          <thead>
            <tr>
              <th scope="col">Lesion</th>
              <th scope="col">Organ</th>
              <th scope="col">Finding</th>
              <th scope="col">Progressing</th>
            </tr>
          </thead>
          <tbody>
            {result.lesions.map((l) => (
              <tr key={l.lesionId}>
                <th scope="row">{l.lesionId}</th>
                <td>{l.organ.replaceAll("_", " ")}</td>
                <td>{l.fact}</td>
                <td>{l.progressing ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
