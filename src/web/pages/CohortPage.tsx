// Cohort analytics: counts by ESTRO/EORTC state and primary, Kaplan–Meier curves of overall or
// progression-free survival by group with number at risk, medians, the log-rank test and a Cox
// forest plot. Researchers see the de-identified cohort of all sites; clinicians their own site.
// The choices live in the route (#/cohort?endpoint=pfs&groupBy=primarySite).
import type { CohortFilters, SurvivalEndpoint, SurvivalGroupBy, SurvivalResult } from "../api/types.ts";
import { useApp } from "../app-context.ts";
import { ForestPlot } from "../charts/ForestPlot.tsx";
import { KaplanMeierChart } from "../charts/KaplanMeierChart.tsx";
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
import { fmt, fmtShare, pText } from "../lib/format.ts";
import { mergeQuery, pickNonEmpty } from "../lib/route-query.ts";

type Query = Readonly<Record<string, string>>;

const ENDPOINTS: readonly { value: SurvivalEndpoint; label: string; axis: string }[] = [
  { value: "os", label: "Overall survival", axis: "Overall survival" },
  { value: "pfs", label: "Progression-free survival", axis: "Progression-free survival" },
];
const GROUP_BY: readonly { value: SurvivalGroupBy; label: string; heading: string }[] = [
  { value: "state", label: "ESTRO/EORTC state", heading: "by ESTRO/EORTC state" },
  { value: "primarySite", label: "Primary tumour", heading: "by primary tumour" },
  { value: "localTherapy", label: "Local therapy", heading: "by local therapy" },
  { value: "none", label: "Whole cohort", heading: "of the whole cohort" },
];

function filtersOf(q: Query): CohortFilters {
  return pickNonEmpty(q, ["primarySite", "state", "siteId", "from", "to"]);
}

export function CohortPage({ query }: { readonly query: Query }) {
  const { api, session } = useApp();
  const endpoint: SurvivalEndpoint = query["endpoint"] === "pfs" ? "pfs" : "os";
  const groupBy: SurvivalGroupBy = GROUP_BY.some((g) => g.value === query["groupBy"])
    ? (query["groupBy"] as SurvivalGroupBy)
    : "state";
  const filters = filtersOf(query);
  const filterKey = JSON.stringify(filters);
  const summary = useAsync(() => api.cohortSummary(filters), [filterKey]);
  const survival = useAsync(
    // number at risk at the server's default times: every 6 months (12 after 5 years) up to the
    // longest follow-up, so the table spans the whole time axis
    () => api.survival({ endpoint, groupBy, filters }),
    [endpoint, groupBy, filterKey],
  );
  const role = session.user.role;

  const update = (changes: Readonly<Record<string, string>>): void => {
    navigate({ page: "cohort", query: mergeQuery(query, changes) }, { replace: true });
  };
  const endpointInfo = ENDPOINTS.find((e) => e.value === endpoint)!;

  return (
    <section>
      <div className="page-head">
        <PageTitle>Cohort</PageTitle>
        <div className="actions">
          {(role === "researcher" || role === "admin") && (
            <a className="button-secondary" href={api.url("/api/export/research.ndjson")} download>
              Research export (de-identified NDJSON)
            </a>
          )}
          {(role === "clinician" || role === "admin") && (
            <a className="button-secondary" href={api.url("/api/export/patients.csv")} download>
              Patients CSV
            </a>
          )}
        </div>
      </div>
      <p className="muted">
        {role === "researcher"
          ? "De-identified analytics over all sites."
          : role === "clinician"
            ? `Patients of your site (${session.user.siteId ?? "—"}).`
            : "All sites."}{" "}
        Times in months from the index date (the OMD diagnosis the classification is based on).
      </p>

      <form className="filters" aria-label="Analysis choices" onSubmit={(e) => e.preventDefault()}>
        <ChoiceFilter
          id="c-endpoint"
          label="Endpoint"
          value={endpoint}
          onChange={(v) => update({ endpoint: v })}
          choices={ENDPOINTS}
        />
        <ChoiceFilter
          id="c-group"
          label="Curves by"
          value={groupBy}
          onChange={(v) => update({ groupBy: v })}
          choices={GROUP_BY}
        />
        <PrimarySiteFilter
          id="c-primary"
          value={query["primarySite"] ?? ""}
          onChange={(v) => update({ primarySite: v })}
        />
        <EstroStateFilter
          id="c-state"
          label="State"
          value={query["state"] ?? ""}
          onChange={(v) => update({ state: v })}
        />
        {role !== "clinician" && (
          <SiteFilter id="c-site" value={query["siteId"] ?? ""} onChange={(v) => update({ siteId: v })} />
        )}
        <IndexDateRangeFilter
          idPrefix="c-"
          from={query["from"] ?? ""}
          to={query["to"] ?? ""}
          onChange={update}
        />
      </form>

      <div className="two-col two-col-wide-left">
        <section className="card" aria-labelledby="km-heading">
          <h2 id="km-heading">
            {endpointInfo.label} {GROUP_BY.find((g) => g.value === groupBy)?.heading}
          </h2>
          {survival.status === "error" && <ErrorAlert error={survival.error} onRetry={survival.reload} />}
          {survival.data === undefined && survival.status === "loading" && <Loading what="survival curves" />}
          {survival.data !== undefined && <SurvivalView result={survival.data} axis={endpointInfo.axis} />}
        </section>
        <section className="card" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Cohort</h2>
          {summary.status === "error" && <ErrorAlert error={summary.error} onRetry={summary.reload} />}
          {summary.data === undefined && summary.status === "loading" && <Loading what="cohort counts" />}
          {summary.data !== undefined && (
            <>
              <p className="result-big">
                {summary.data.total} {summary.data.total === 1 ? "patient" : "patients"}
              </p>
              <CountTable
                caption="By ESTRO/EORTC state"
                rows={summary.data.byState}
                total={summary.data.total}
                badge
                onPick={(code) => update({ state: code })}
              />
              <CountTable
                caption="By primary tumour"
                rows={summary.data.byPrimary}
                total={summary.data.total}
                onPick={(code) => update({ primarySite: code })}
              />
            </>
          )}
        </section>
      </div>
    </section>
  );
}

function CountTable({
  caption,
  rows,
  total,
  badge = false,
  onPick,
}: {
  readonly caption: string;
  readonly rows: readonly { code: string; label: string; count: number }[];
  readonly total: number;
  readonly badge?: boolean;
  readonly onPick: (code: string) => void;
}) {
  if (rows.length === 0) return <Empty>No patients.</Empty>;
  const max = Math.max(...rows.map((r) => r.count), 1);
  return (
    <table className="data-table compact count-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col" className="num">
            n
          </th>
          <th scope="col" className="num">
            %
          </th>
          <th scope="col">
            <span className="visually-hidden">Bar</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code}>
            <th scope="row">
              <button
                type="button"
                className="button-link"
                onClick={() => onPick(r.code)}
                title={`Filter by ${r.label}`}
              >
                {badge ? <StateBadge code={r.code} label={r.label} /> : r.label}
              </button>
            </th>
            <td className="num">{r.count}</td>
            <td className="num">{fmtShare(r.count, total)}</td>
            <td className="bar-cell" aria-hidden="true">
              <span className="bar" style={{ width: `${(100 * r.count) / max}%` }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SurvivalView({ result, axis }: { readonly result: SurvivalResult; readonly axis: string }) {
  if (result.groups.length === 0) return <Empty>No patients with follow-up match these choices.</Empty>;
  return (
    <>
      {result.matched !== undefined && (
        <p className="muted small">
          {result.matched} patient{result.matched === 1 ? "" : "s"} match the filters
          {result.excluded !== undefined && result.excluded > 0
            ? `; ${result.excluded} without a time for this endpoint (no index date: never OMD) are left out`
            : ""}
          .
        </p>
      )}
      <KaplanMeierChart result={result} title={`${axis}, Kaplan–Meier estimate`} yLabel={axis} />
      <table className="data-table compact">
        <caption>Median {axis.toLowerCase()} (months)</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col" className="num">
              Median
            </th>
            <th scope="col" className="num">
              95 % CI
            </th>
          </tr>
        </thead>
        <tbody>
          {result.groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.label}</th>
              <td className="num">{g.n}</td>
              <td className="num">{g.events}</td>
              <td className="num">{g.median.value === null ? "not reached" : fmt(g.median.value, 1)}</td>
              <td className="num nowrap">
                {g.median.lower === null && g.median.upper === null
                  ? "—"
                  : `${g.median.lower === null ? "—" : fmt(g.median.lower, 1)} to ${g.median.upper === null ? "not reached" : fmt(g.median.upper, 1)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.logRank !== null ? (
        <p className="stat-line">
          Log-rank test: χ² = {fmt(result.logRank.chisq, 2)} on {result.logRank.df} df,{" "}
          <strong>{pText(result.logRank.p)}</strong>
        </p>
      ) : (
        <p className="muted">Log-rank test: needs at least two groups with events.</p>
      )}
      {result.cox !== null && result.cox.terms.length > 0 ? (
        <ForestPlot
          terms={result.cox.terms}
          n={result.cox.n}
          events={result.cox.events}
          title={`Hazard ratios (Cox model${result.cox.reference !== undefined ? `; reference: ${result.cox.reference}` : ""})`}
        />
      ) : (
        <p className="muted">Cox model: not fitted for this choice (one group, or no events).</p>
      )}
      {(result.warnings ?? []).length > 0 && (
        <ul className="muted small" aria-label="Analysis notes">
          {(result.warnings ?? []).map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </>
  );
}
