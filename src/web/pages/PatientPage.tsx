// One patient: current ESTRO/EORTC 2020 state with the path of reasons, the definitions met or
// not, the state timeline, the swimmer timeline of the record and the characterisation factors.
// The user may reclassify "as of" another date or with another OMD gate (route query).
import { type FormEvent, useEffect, useMemo, useState } from "react";
import {
  DEFAULT_GATE_ID,
  GATE_IDS,
  GATE_PRESETS,
  gateShortText,
  PRIMARY_SITE_LABELS,
} from "../../core/index.ts";
import { describeError } from "../api/errors.ts";
import type { Classification, PatientDetail } from "../api/types.ts";
import { useApp } from "../app-context.ts";
import { SwimmerTimeline } from "../charts/SwimmerTimeline.tsx";
import { buildSwimmerModel } from "../charts/swimmer-model.ts";
import { ClassificationPanel } from "../components/classification/ClassificationPanel.tsx";
import { DefinitionsTable } from "../components/classification/DefinitionsTable.tsx";
import { FactorsTable } from "../components/classification/FactorsTable.tsx";
import { StateTimeline } from "../components/classification/StateTimeline.tsx";
import { PageTitle } from "../components/PageTitle.tsx";
import { ErrorAlert, Loading } from "../components/Status.tsx";
import { useAsync } from "../hooks/use-async.ts";
import { navigate } from "../hooks/use-route.ts";
import { hrefFor } from "../lib/route.ts";

type Query = Readonly<Record<string, string>>;

export function PatientPage({ id, query }: { readonly id: string; readonly query: Query }) {
  const { api, session } = useApp();
  const detail = useAsync(() => api.getPatient(id), [id]);
  const asOf = query["asOf"];
  const gate = query["gate"];
  const custom = asOf !== undefined || gate !== undefined;
  const reclassified = useAsync<Classification | undefined>(
    () =>
      custom
        ? api.classify(id, { ...(asOf ? { asOf } : {}), ...(gate ? { gate } : {}) })
        : Promise.resolve(undefined),
    [id, asOf, gate],
  );

  if (detail.status === "error" && detail.data === undefined) {
    return (
      <section>
        <PageTitle focusKey={id}>Patient {id}</PageTitle>
        <ErrorAlert error={detail.error} onRetry={detail.reload} />
        <p>
          <a href={hrefFor({ page: "patients", query: {} })}>Back to the patient list</a>
        </p>
      </section>
    );
  }
  if (detail.data === undefined) return <Loading what={`patient ${id}`} />;

  const classification = reclassified.data ?? detail.data.classification;
  return (
    <PatientView
      detail={detail.data}
      classification={classification}
      reclassifying={reclassified.status === "loading" && custom}
      reclassifyError={reclassified.status === "error" ? reclassified.error : undefined}
      query={query}
      canDelete={session.user.role === "admin"}
      onDeleted={() => navigate({ page: "patients", query: {} })}
    />
  );
}

function PatientView({
  detail,
  classification,
  reclassifying,
  reclassifyError,
  query,
  canDelete,
  onDeleted,
}: {
  readonly detail: PatientDetail;
  readonly classification: Classification;
  readonly reclassifying: boolean;
  readonly reclassifyError: unknown;
  readonly query: Query;
  readonly canDelete: boolean;
  readonly onDeleted: () => void;
}) {
  const { api } = useApp();
  const { patient } = detail;
  const [asOfInput, setAsOfInput] = useState(query["asOf"] ?? classification.asOf);
  const [gateInput, setGateInput] = useState(query["gate"] ?? "");
  const [deleteError, setDeleteError] = useState<unknown>(undefined);
  useEffect(() => {
    setAsOfInput(query["asOf"] ?? classification.asOf);
    setGateInput(query["gate"] ?? "");
  }, [query, classification.asOf]);

  const swimmer = useMemo(
    () => buildSwimmerModel(patient, classification.asOf),
    [patient, classification.asOf],
  );
  const title = patient.name ?? `Patient ${patient.id}`;

  const reclassify = (e: FormEvent): void => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (asOfInput !== "") next["asOf"] = asOfInput;
    if (gateInput !== "") next["gate"] = gateInput;
    navigate({ page: "patient", id: patient.id, query: next }, { replace: true });
  };

  const remove = (): void => {
    if (
      !window.confirm(
        `Delete ${title} (${patient.id}) and its whole record? This is written to the audit log.`,
      )
    )
      return;
    api.deletePatient(patient.id).then(onDeleted, setDeleteError);
  };

  return (
    <article>
      <div className="page-head">
        <div>
          <PageTitle focusKey={patient.id}>{title}</PageTitle>
          <p className="subtitle">
            <span>id {patient.id}</span>
            {patient.mrn !== undefined && <span>MRN {patient.mrn}</span>}
            {patient.siteId !== undefined && <span>site {patient.siteId}</span>}
            {patient.birthYear !== undefined && <span>born {patient.birthYear}</span>}
            {patient.sex !== undefined && <span>{patient.sex}</span>}
            <span>
              {PRIMARY_SITE_LABELS[patient.primary.site]}
              {patient.primary.histology !== undefined ? `, ${patient.primary.histology}` : ""}
            </span>
            {patient.performanceStatus?.ecog !== undefined && (
              <span>ECOG {patient.performanceStatus.ecog}</span>
            )}
          </p>
        </div>
        <div className="actions">
          <a className="button-primary" href={hrefFor({ page: "patient-edit", id: patient.id })}>
            Edit record
          </a>
          {canDelete && (
            <button type="button" className="button-danger" onClick={remove}>
              Delete
            </button>
          )}
        </div>
      </div>
      {deleteError !== undefined && <ErrorAlert error={deleteError} />}

      <section className="card" aria-labelledby="cls-heading">
        <div className="card-head">
          <h2 id="cls-heading">ESTRO/EORTC 2020 classification</h2>
          <form
            className="inline-form"
            onSubmit={reclassify}
            aria-label="Classify as of a date or with another gate"
          >
            <div className="field">
              <label htmlFor="as-of">As of</label>
              <input
                id="as-of"
                type="date"
                value={asOfInput}
                onChange={(e) => setAsOfInput(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="gate">OMD gate</label>
              <select id="gate" value={gateInput} onChange={(e) => setGateInput(e.target.value)}>
                <option value="">Default ({gateShortText(GATE_PRESETS[DEFAULT_GATE_ID])})</option>
                {GATE_IDS.map((g) => (
                  <option
                    key={g}
                    value={g}
                    title={`${GATE_PRESETS[g].label}. Source: ${GATE_PRESETS[g].source}`}
                  >
                    {gateShortText(GATE_PRESETS[g])}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button-secondary">
              Reclassify
            </button>
            {(query["asOf"] !== undefined || query["gate"] !== undefined) && (
              <a className="button-link" href={hrefFor({ page: "patient", id: patient.id, query: {} })}>
                Back to current
              </a>
            )}
          </form>
        </div>
        {reclassifying && <Loading what="the classification" />}
        {reclassifyError !== undefined && (
          <div className="alert alert-error" role="alert">
            Could not reclassify: {describeError(reclassifyError)}
          </div>
        )}
        <ClassificationPanel classification={classification} />
      </section>

      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <SwimmerTimeline model={swimmer} title={`Swimmer timeline of ${title}`} />
      </section>

      <div className="two-col two-col-wide-right">
        <section className="card" aria-labelledby="states-heading">
          <h2 id="states-heading">State over time</h2>
          <StateTimeline classification={classification} />
        </section>
        <section className="card" aria-labelledby="defs-heading">
          <h2 id="defs-heading">OMD definitions</h2>
          <DefinitionsTable classification={classification} />
        </section>
      </div>

      <section className="card" aria-labelledby="factors-heading">
        <h2 id="factors-heading">Characterisation factors</h2>
        <FactorsTable classification={classification} />
      </section>
    </article>
  );
}
