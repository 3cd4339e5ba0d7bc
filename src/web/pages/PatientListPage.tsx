// Patient list: search by name/id, filters (primary, state, local therapy, site, index date),
// 50 rows a page. Filters live in the route (#/patients?state=...) so links and back work.
import { type FormEvent, useEffect, useState } from "react";
import { PRIMARY_SITE_LABELS } from "../../core/index.ts";
import type { PatientListQuery } from "../api/types.ts";
import { useApp } from "../app-context.ts";
import {
  ChoiceFilter,
  EstroStateFilter,
  IndexDateRangeFilter,
  PrimarySiteFilter,
  SiteFilter,
} from "../components/FilterFields.tsx";
import { PageTitle } from "../components/PageTitle.tsx";
import { StateBadge } from "../components/StateBadge.tsx";
import { Empty, ErrorAlert, Loading } from "../components/Status.tsx";
import { useAsync } from "../hooks/use-async.ts";
import { navigate } from "../hooks/use-route.ts";
import { fmtTimestamp } from "../lib/format.ts";
import { hrefFor } from "../lib/route.ts";
import { mergeQuery, pickNonEmpty } from "../lib/route-query.ts";

const PAGE_SIZE = 50;

/** Values of the `treatment` filter of GET /api/patients (docs/api.md). */
const TREATMENT_OPTIONS: readonly { value: string; label: string }[] = [
  { value: "sbrt", label: "SBRT / SRS" },
  { value: "surgery", label: "Surgery" },
  { value: "ablation", label: "Thermal ablation" },
  { value: "systemic", label: "Systemic therapy" },
  { value: "no_local", label: "No local therapy" },
];

type Query = Readonly<Record<string, string>>;

/** Route keys that filter the list (the search box `q` included). */
const FILTER_KEYS = ["q", "primarySite", "state", "treatment", "siteId", "from", "to"] as const;

function toListQuery(q: Query): PatientListQuery {
  const offset = Number(q["offset"] ?? "0");
  const out: Record<string, string | number> = {
    limit: PAGE_SIZE,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
  Object.assign(out, pickNonEmpty(q, FILTER_KEYS));
  return out as PatientListQuery;
}

export function PatientListPage({ query }: { readonly query: Query }) {
  const { api, session } = useApp();
  const listQuery = toListQuery(query);
  const key = JSON.stringify(listQuery);
  const list = useAsync(() => api.listPatients(listQuery), [key]);
  const [search, setSearch] = useState(query["q"] ?? "");

  // keep the box in step with the route (back button)
  useEffect(() => setSearch(query["q"] ?? ""), [query]);

  // search as you type, after a short pause
  useEffect(() => {
    if (search === (query["q"] ?? "")) return;
    const timer = setTimeout(() => update({ q: search }), 350);
    return () => clearTimeout(timer);
  });

  function update(changes: Readonly<Record<string, string>>): void {
    const next = mergeQuery(query, changes);
    if (!("offset" in changes)) delete next["offset"];
    navigate({ page: "patients", query: next }, { replace: true });
  }

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    update({ q: search });
  };

  const offset = listQuery.offset ?? 0;
  const data = list.data;
  const filtersActive = Object.keys(pickNonEmpty(query, FILTER_KEYS)).length > 0;

  return (
    <section>
      <div className="page-head">
        <PageTitle>Patients</PageTitle>
        <a className="button-primary" href={hrefFor({ page: "patient-new" })}>
          New patient
        </a>
      </div>
      <search>
        <form className="filters" onSubmit={onSubmit} aria-label="Search and filter patients">
          <div className="field field-grow">
            <label htmlFor="f-q">Search</label>
            <input
              id="f-q"
              type="search"
              placeholder="Name, record number or id"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <PrimarySiteFilter
            id="f-primary"
            value={query["primarySite"] ?? ""}
            onChange={(v) => update({ primarySite: v })}
          />
          <EstroStateFilter
            id="f-state"
            label="ESTRO/EORTC state"
            value={query["state"] ?? ""}
            onChange={(v) => update({ state: v })}
          />
          <ChoiceFilter
            id="f-treatment"
            label="Treatment"
            value={query["treatment"] ?? ""}
            onChange={(v) => update({ treatment: v })}
            choices={TREATMENT_OPTIONS}
            anyLabel="Any"
          />
          {session.user.role === "admin" && (
            <SiteFilter id="f-site" value={query["siteId"] ?? ""} onChange={(v) => update({ siteId: v })} />
          )}
          <IndexDateRangeFilter
            idPrefix="f-"
            from={query["from"] ?? ""}
            to={query["to"] ?? ""}
            onChange={update}
          />
          {filtersActive && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => navigate({ page: "patients", query: {} }, { replace: true })}
            >
              Clear filters
            </button>
          )}
        </form>
      </search>

      {list.status === "error" && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.status === "loading" && data === undefined && <Loading what="patients" />}
      {data !== undefined && (
        <>
          <p className="result-count" aria-live="polite">
            {data.total === 0
              ? "No patients match."
              : `Showing ${offset + 1}–${offset + data.items.length} of ${data.total} patient${data.total === 1 ? "" : "s"}`}
            {list.status === "loading" ? " (updating…)" : ""}
          </p>
          {data.items.length === 0 ? (
            <Empty>
              {filtersActive ? "No patient matches these filters." : "No patients yet."}{" "}
              <a href={hrefFor({ page: "patient-new" })}>Register a patient</a>.
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">
                  Patients, sorted by the server, with current state
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Patient</th>
                    <th scope="col">Site</th>
                    <th scope="col">Born</th>
                    <th scope="col">Sex</th>
                    <th scope="col">Primary</th>
                    <th scope="col">Index date</th>
                    <th scope="col">ESTRO/EORTC state</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        <a href={hrefFor({ page: "patient", id: p.id, query: {} })}>{p.name ?? p.id}</a>
                        {p.name !== null && <span className="muted small"> {p.id}</span>}
                      </th>
                      <td>{p.siteId}</td>
                      <td className="num">{p.birthYear ?? "—"}</td>
                      <td>{p.sex ?? "—"}</td>
                      <td>
                        {PRIMARY_SITE_LABELS[p.primarySite as keyof typeof PRIMARY_SITE_LABELS] ??
                          p.primarySite}
                      </td>
                      <td className="nowrap">{p.indexDate ?? "—"}</td>
                      <td>
                        <StateBadge code={p.stateCode} label={p.stateLabel} />
                      </td>
                      <td className="nowrap small">{fmtTimestamp(p.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.total > PAGE_SIZE && (
            <nav className="pager" aria-label="Pages of patients">
              <button
                type="button"
                className="button-secondary"
                disabled={offset === 0}
                onClick={() => update({ offset: String(Math.max(0, offset - PAGE_SIZE)) })}
              >
                Previous
              </button>
              <span>
                Page {Math.floor(offset / PAGE_SIZE) + 1} of {Math.ceil(data.total / PAGE_SIZE)}
              </span>
              <button
                type="button"
                className="button-secondary"
                disabled={offset + PAGE_SIZE >= data.total}
                onClick={() => update({ offset: String(offset + PAGE_SIZE) })}
              >
                Next
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
