// SABR plan check: upload RTDOSE + RTSTRUCT (+ RTPLAN), choose the constraint set and the number
// of fractions, map ROI names to organs when the names are not standard; see the constraint table
// (value, limit, margin, pass/fail, source), the DVHs and the ROI statistics.
import { type FormEvent, useId, useState } from "react";
import { AAPM_TG101, BUILTIN_CONSTRAINT_SETS } from "../../core/index.ts";
import { ApiError } from "../api/errors.ts";
import type { PlanCheckConstraint, PlanCheckResult } from "../api/types.ts";
import { useApp } from "../app-context.ts";
import { DvhChart } from "../charts/DvhChart.tsx";
import { PageTitle } from "../components/PageTitle.tsx";
import { ErrorAlert } from "../components/Status.tsx";
import { fmt, words } from "../lib/format.ts";
import { checkUpload, type FieldErrors } from "../lib/plan-upload.ts";

const STATUS_TEXT: Readonly<Record<string, { icon: string; text: string; cls: string }>> = {
  pass: { icon: "✓", text: "pass", cls: "status-pass" },
  optimal_missed: { icon: "!", text: "optimal limit missed (mandatory met)", cls: "status-warn" },
  mandatory_failed: { icon: "✗", text: "fail", cls: "status-fail" },
  fail: { icon: "✗", text: "fail", cls: "status-fail" },
  not_evaluated: { icon: "–", text: "not evaluated", cls: "status-na" },
};

function statusOf(s: string): { icon: string; text: string; cls: string } {
  return STATUS_TEXT[s] ?? { icon: "?", text: words(s), cls: "status-na" };
}

export function PlanCheckPage() {
  const { api } = useApp();
  const id = useId();
  const [rtdose, setRtdose] = useState<File | undefined>(undefined);
  const [rtstruct, setRtstruct] = useState<File | undefined>(undefined);
  const [rtplan, setRtplan] = useState<File | undefined>(undefined);
  const [constraints, setConstraints] = useState(AAPM_TG101.id);
  const [fractions, setFractions] = useState("");
  const [map, setMap] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [result, setResult] = useState<PlanCheckResult | undefined>(undefined);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const found = checkUpload({ rtdose, rtstruct, fractions, map });
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0 || rtdose === undefined || rtstruct === undefined) {
      const first = Object.keys(found)[0];
      if (first !== undefined) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    api
      .planCheck({
        rtdose,
        rtstruct,
        ...(rtplan !== undefined ? { rtplan } : {}),
        constraints,
        ...(fractions.trim() !== "" ? { fractions: Number(fractions) } : {}),
        map,
      })
      .then(
        (r) => {
          setBusy(false);
          setResult(r);
          requestAnimationFrame(() => document.getElementById(`${id}-results`)?.focus());
        },
        (err: unknown) => {
          setBusy(false);
          setResult(undefined);
          // issues naming a form field go next to it; the rest to the alert
          if (err instanceof ApiError && err.issues.length > 0) {
            const byField: FieldErrors = {};
            for (const i of err.issues) {
              const key = i.path.split(/[.[]/)[0] as keyof FieldErrors;
              if (["rtdose", "rtstruct", "rtplan", "fractions", "constraints", "map"].includes(key)) {
                byField[key] = byField[key] === undefined ? i.message : `${byField[key]}; ${i.message}`;
              }
            }
            setErrors(byField);
          }
          setFailure(err);
        },
      );
  };

  const fileField = (
    key: "rtdose" | "rtstruct" | "rtplan",
    label: string,
    hint: string,
    set: (f: File | undefined) => void,
  ) => (
    <div className={`field ${errors[key] !== undefined ? "field-invalid" : ""}`}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        name={key}
        type="file"
        accept=".dcm,application/dicom"
        aria-invalid={errors[key] !== undefined}
        aria-describedby={`${id}-${key}-hint${errors[key] !== undefined ? ` ${id}-${key}-err` : ""}`}
        onChange={(e) => set(e.target.files?.[0])}
      />
      <p className="hint" id={`${id}-${key}-hint`}>
        {hint}
      </p>
      {errors[key] !== undefined && (
        <p className="field-error" id={`${id}-${key}-err`}>
          {errors[key]}
        </p>
      )}
    </div>
  );

  return (
    <section>
      <PageTitle>Plan check</PageTitle>
      <p className="muted">
        Dose-volume histograms from DICOM RT and organ-at-risk constraints (default: AAPM TG-101, Benedict et
        al. 2010). Files are processed in memory and not stored.
      </p>
      <form className="card form-stack" onSubmit={submit} noValidate aria-label="Plan files and options">
        <div className="field-grid field-grid-3">
          {fileField("rtdose", "RTDOSE *", "DICOM RT Dose (the dose grid).", setRtdose)}
          {fileField("rtstruct", "RTSTRUCT *", "DICOM RT Structure Set (contours).", setRtstruct)}
          {fileField(
            "rtplan",
            "RTPLAN (optional)",
            "Gives the number of fractions and the prescription.",
            setRtplan,
          )}
        </div>
        <div className="field-grid field-grid-3">
          <div className={`field ${errors.constraints !== undefined ? "field-invalid" : ""}`}>
            <label htmlFor={`${id}-constraints`}>Constraint set</label>
            <select
              id={`${id}-constraints`}
              value={constraints}
              onChange={(e) => setConstraints(e.target.value)}
            >
              {BUILTIN_CONSTRAINT_SETS.map((set) => (
                <option key={set.id} value={set.id}>
                  {set.name} ({set.version})
                  {set.verification.required && set.verification.verifiedBy.length === 0
                    ? ": template, not verified"
                    : ""}
                </option>
              ))}
            </select>
            {errors.constraints !== undefined && <p className="field-error">{errors.constraints}</p>}
          </div>
          <div className={`field ${errors.fractions !== undefined ? "field-invalid" : ""}`}>
            <label htmlFor={`${id}-fractions`}>Fractions</label>
            <input
              id={`${id}-fractions`}
              inputMode="numeric"
              value={fractions}
              onChange={(e) => setFractions(e.target.value)}
              aria-invalid={errors.fractions !== undefined}
              aria-describedby={`${id}-fractions-hint${errors.fractions !== undefined ? ` ${id}-fractions-err` : ""}`}
            />
            <p className="hint" id={`${id}-fractions-hint`}>
              Empty: taken from the RTPLAN. Constraints depend on it (1, 3 or 5 fractions in TG-101).
            </p>
            {errors.fractions !== undefined && (
              <p className="field-error" id={`${id}-fractions-err`}>
                {errors.fractions}
              </p>
            )}
          </div>
          <div className={`field ${errors.map !== undefined ? "field-invalid" : ""}`}>
            <label htmlFor={`${id}-map`}>ROI names to organs</label>
            <textarea
              id={`${id}-map`}
              rows={3}
              value={map}
              placeholder={"Cord_PRV=spinal_cord\nRectum_ext=rectum"}
              onChange={(e) => setMap(e.target.value)}
              aria-invalid={errors.map !== undefined}
              aria-describedby={`${id}-map-hint${errors.map !== undefined ? ` ${id}-map-err` : ""}`}
            />
            <p className="hint" id={`${id}-map-hint`}>
              One <code>ROI=organ</code> a line, for names the automatic matching does not know.
            </p>
            {errors.map !== undefined && (
              <p className="field-error" id={`${id}-map-err`}>
                {errors.map}
              </p>
            )}
          </div>
        </div>
        <div>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? "Checking the plan…" : "Check plan"}
          </button>
          {busy && (
            <span className="status" role="status">
              {" "}
              Computing DVHs; large dose grids take a few seconds.
            </span>
          )}
        </div>
      </form>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {result !== undefined && <PlanCheckResultView result={result} headingId={`${id}-results`} />}
    </section>
  );
}

function PlanCheckResultView({
  result,
  headingId,
}: {
  readonly result: PlanCheckResult;
  readonly headingId: string;
}) {
  const counts = { pass: 0, optimal: 0, fail: 0, other: 0 };
  for (const c of result.constraints) {
    if (c.status === "pass") counts.pass++;
    else if (c.status === "optimal_missed") counts.optimal++;
    else if (c.status === "mandatory_failed" || c.status === "fail") counts.fail++;
    else counts.other++;
  }
  const fractionsFrom =
    result.fractionsFrom === "rtplan"
      ? "from the RTPLAN"
      : result.fractionsFrom === "request"
        ? "as entered"
        : "";
  const failedRois = result.failedRois ?? [];
  const unmapped = result.unmappedRois ?? [];
  return (
    <section aria-labelledby={headingId} className="plan-results">
      <h2 id={headingId} tabIndex={-1}>
        Result
        {result.fractions !== null
          ? ` (${result.fractions} fraction${result.fractions === 1 ? "" : "s"}${fractionsFrom !== "" ? `, ${fractionsFrom}` : ""})`
          : ""}
      </h2>
      {result.constraintSet !== undefined && (
        <p className="muted">
          Constraint set: <strong>{result.constraintSet.name}</strong>
          {result.constraintSet.version !== undefined && result.constraintSet.version !== ""
            ? ` (${result.constraintSet.version})`
            : ""}
          {result.dmax !== undefined ? `; Dmax = ${result.dmax}` : ""}.
        </p>
      )}
      <p className="result-summary" aria-live="polite">
        <span className="status-pass">✓ {counts.pass} passed</span>
        {counts.optimal > 0 && <span className="status-warn">! {counts.optimal} optimal limit missed</span>}
        <span className="status-fail">✗ {counts.fail} failed</span>
        {counts.other > 0 && <span className="status-na">– {counts.other} not evaluated</span>}
      </p>
      {(result.warnings.length > 0 || failedRois.length > 0) && (
        <div className="alert alert-warning">
          <h3>Warnings</h3>
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
            {failedRois.map((r) => (
              <li key={`roi-${r.number}`}>
                No DVH for ROI "{r.name}" (#{r.number}): {r.reasons.join("; ")}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="card">
        <ConstraintTable constraints={result.constraints.filter((c) => c.roi !== null)} />
        <UnmatchedConstraints constraints={result.constraints.filter((c) => c.roi === null)} />
        {unmapped.length > 0 && (
          <p className="muted small">Structures not matched to an organ of the set: {unmapped.join(", ")}.</p>
        )}
      </div>
      <div className="card">
        <h3>Dose-volume histograms</h3>
        <DvhChart rois={result.rois} title="Cumulative dose-volume histograms" />
      </div>
      <div className="card">
        <RoiTable result={result} />
      </div>
    </section>
  );
}

/** "25.00 Gy", with the optional stricter limit: "25.00 Gy (optimal < 20.00)". */
function fmtLimit(c: PlanCheckConstraint): string {
  if (c.limit === null) return "—";
  const unit = c.limitUnit ? ` ${c.limitUnit}` : "";
  const optimal =
    c.optimalLimit !== undefined && c.optimalLimit !== null ? ` (optimal < ${fmt(c.optimalLimit, 2)})` : "";
  return `< ${fmt(c.limit, 2)}${unit}${optimal}`;
}

function ConstraintTable({ constraints }: { readonly constraints: readonly PlanCheckConstraint[] }) {
  if (constraints.length === 0)
    return (
      <p className="empty">
        No constraint of this set matched a structure of the plan (see the list below; map the ROI names to
        organs if needed).
      </p>
    );
  return (
    <div className="table-wrap">
      <table className="data-table constraint-table">
        <caption>Organ-at-risk constraints</caption>
        <thead>
          <tr>
            <th scope="col">Organ</th>
            <th scope="col">ROI</th>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Limit
            </th>
            <th scope="col" className="num">
              Margin
            </th>
            <th scope="col">Status</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {constraints.map((c, i) => {
            const s = statusOf(c.status);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows in the order of the constraint set
              <tr key={i} className={`row-${s.cls}`}>
                <th scope="row">{words(c.organ)}</th>
                <td>{c.roi ?? <span className="muted">not found</span>}</td>
                <td>
                  <code>{c.metric}</code>
                </td>
                <td className="num">{fmt(c.value, 2)}</td>
                <td className="num">{fmtLimit(c)}</td>
                <td className="num">{fmt(c.margin, 2)}</td>
                <td className={s.cls}>
                  <span aria-hidden="true">{s.icon}</span> {s.text}
                  {c.reason ? <span className="block small muted">{c.reason}</span> : null}
                </td>
                <td className="small">{c.source}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Constraints of the set whose organ has no structure in this plan: listed compactly, folded. */
function UnmatchedConstraints({ constraints }: { readonly constraints: readonly PlanCheckConstraint[] }) {
  if (constraints.length === 0) return null;
  const organs = [...new Set(constraints.map((c) => words(c.organ)))];
  return (
    <details className="chart-table">
      <summary>
        {constraints.length} constraint{constraints.length === 1 ? "" : "s"} not evaluated: no structure
        matched {organs.length === 1 ? "the organ" : `${organs.length} organs`}
      </summary>
      <p className="muted small">
        If one of these organs is contoured under another name, map it in "ROI names to organs" above (e.g.{" "}
        <code>Cord_PRV=spinal_cord</code>) and check again.
      </p>
      <table className="data-table compact">
        <caption className="visually-hidden">Constraints without a matching structure</caption>
        <thead>
          <tr>
            <th scope="col">Organ</th>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Limit
            </th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {constraints.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows in the order of the constraint set
            <tr key={i}>
              <th scope="row">{words(c.organ)}</th>
              <td>
                <code>{c.metric}</code>
              </td>
              <td className="num">{fmtLimit(c)}</td>
              <td className="small">{c.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function RoiTable({ result }: { readonly result: PlanCheckResult }) {
  return (
    <div className="table-wrap">
      <table className="data-table compact">
        <caption>Structures</caption>
        <thead>
          <tr>
            <th scope="col">ROI</th>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col" className="num">
              Volume (cc)
            </th>
            <th scope="col" className="num">
              Min (Gy)
            </th>
            <th scope="col" className="num">
              Mean (Gy)
            </th>
            <th scope="col" className="num">
              Max (Gy)
            </th>
            <th scope="col">Warnings</th>
          </tr>
        </thead>
        <tbody>
          {result.rois.map((r) => (
            <tr key={`${r.number}-${r.name}`}>
              <th scope="row">{r.name}</th>
              <td className="num">{r.number}</td>
              <td className="num">{fmt(r.volumeCc, 2)}</td>
              <td className="num">{fmt(r.minGy, 2)}</td>
              <td className="num">{fmt(r.meanGy, 2)}</td>
              <td className="num">{fmt(r.maxGy, 2)}</td>
              <td className="small">{r.warnings.join("; ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
