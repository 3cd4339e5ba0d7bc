// Use case: survival analysis of the registry cohort (POST /api/analytics/survival). OS or PFS
// from the stored time-to-event columns (src/core/outcomes: origin = the classification index
// date), Kaplan–Meier per group with log-transformed 95 % pointwise intervals and median (as R's
// survfit defaults), number at risk at chosen times, log-rank test across groups and a Cox model
// with the group as a categorical covariate (first group = reference). Aggregate output only:
// researchers see every site (de-identified), clinicians their own site.
import {
  ESTRO_EORTC_LABELS,
  issue,
  LOCAL_THERAPY_GROUP_LABELS,
  LOCAL_THERAPY_GROUPS,
  NON_OMD_CODES,
  OMD_CATEGORY_CODES,
  PRIMARY_SITE_LABELS,
  PRIMARY_SITES,
  type PrimarySite,
} from "../core/index.ts";
import { fitCox, kaplanMeier, kmAtTimes, kmQuantiles, logRank } from "../stats/index.ts";
import {
  type OutcomeGroupColumn,
  type OutcomeRow,
  selectTimeToEvent,
  type TimeToEventColumns,
} from "../store/index.ts";
import type { AppContext, Caller } from "./app-context.ts";
import { invalid } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { type CohortFilters, filtersForAudit, toPatientFilter } from "./cohort-filters.ts";

export const SURVIVAL_ENDPOINTS = ["os", "pfs"] as const;
export type SurvivalEndpoint = (typeof SURVIVAL_ENDPOINTS)[number];
export const SURVIVAL_GROUPINGS = ["state", "primarySite", "localTherapy", "none"] as const;
export type SurvivalGrouping = (typeof SURVIVAL_GROUPINGS)[number];

/** Days per month: a Julian year of 365.25 days over 12 months (the usual convention in oncology reports). */
export const DAYS_PER_MONTH = 365.25 / 12;
/** Largest number of at-risk times a client may ask for. */
export const MAX_RISK_TIMES = 50;

export type CohortSurvivalRequest = {
  readonly endpoint: SurvivalEndpoint;
  readonly groupBy: SurvivalGrouping;
  readonly filters?: CohortFilters | undefined;
  /** months for the number-at-risk table; default every 6 (≤ 5 years of follow-up) or 12 months */
  readonly times?: readonly number[] | undefined;
};

export type SurvivalCurveJson = {
  readonly time: number[];
  readonly survival: number[];
  readonly lower: (number | null)[];
  readonly upper: (number | null)[];
  readonly nRisk: number[];
  readonly nEvent: number[];
  readonly nCensor: number[];
};

export type SurvivalGroupJson = {
  readonly key: string;
  readonly label: string;
  readonly n: number;
  readonly events: number;
  readonly curve: SurvivalCurveJson;
  readonly median: {
    readonly value: number | null;
    readonly lower: number | null;
    readonly upper: number | null;
  };
};

export type CoxTermJson = {
  readonly name: string;
  readonly hr: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
};

export type CohortSurvivalResult = {
  readonly endpoint: SurvivalEndpoint;
  readonly timeUnit: "months";
  readonly groupBy: SurvivalGrouping;
  /** patients matching the filters */
  readonly matched: number;
  /** of which left out: no index date (never OMD) or no follow-up time for this endpoint */
  readonly excluded: number;
  readonly groups: SurvivalGroupJson[];
  readonly numberAtRisk: { readonly times: number[]; readonly byGroup: Record<string, number[]> };
  readonly logRank: { readonly chisq: number; readonly df: number; readonly p: number } | null;
  readonly cox: {
    readonly reference: string;
    readonly terms: CoxTermJson[];
    readonly n: number;
    readonly events: number;
  } | null;
  /** why a test or model is missing (e.g. one group only, a group without events) */
  readonly warnings: string[];
};

const STATE_ORDER: readonly string[] = [...OMD_CATEGORY_CODES, ...NON_OMD_CODES];

type Grouping = { readonly order: readonly string[]; readonly label: (key: string) => string };

function grouping(by: SurvivalGrouping): Grouping {
  switch (by) {
    case "state":
      return {
        order: STATE_ORDER,
        label: (k) => ESTRO_EORTC_LABELS[k as keyof typeof ESTRO_EORTC_LABELS] ?? k,
      };
    case "primarySite":
      return { order: PRIMARY_SITES, label: (k) => PRIMARY_SITE_LABELS[k as PrimarySite] ?? k };
    case "localTherapy":
      return {
        order: LOCAL_THERAPY_GROUPS,
        label: (k) => LOCAL_THERAPY_GROUP_LABELS[k as keyof typeof LOCAL_THERAPY_GROUP_LABELS] ?? k,
      };
    case "none":
      return { order: ["all"], label: () => "All patients" };
  }
}

const keyOf = (by: SurvivalGrouping, r: OutcomeRow): string =>
  by === "state"
    ? r.stateCode
    : by === "primarySite"
      ? r.primarySite
      : by === "localTherapy"
        ? r.localTherapy
        : "all";

const finiteOrNull = (v: number | undefined): number | null =>
  v === undefined || !Number.isFinite(v) ? null : v;

/** Default at-risk times: 0, 6, 12 … (12, 24 … past 5 years) up to the longest follow-up. */
export function defaultRiskTimes(maxMonths: number): number[] {
  const step = maxMonths > 60 ? 12 : 6;
  const out: number[] = [];
  for (let t = 0; t <= maxMonths + 1e-9; t += step) out.push(t);
  return out.length > 0 ? out : [0];
}

/** Checks the at-risk times: finite, ≥ 0, at most MAX_RISK_TIMES; returned sorted and unique. */
function checkTimes(times: readonly number[]): number[] {
  const issues = times.flatMap((t, i) =>
    Number.isFinite(t) && t >= 0
      ? []
      : [issue("invalid_value", `times[${i}]`, `must be a number of months ≥ 0 (got ${t})`)],
  );
  if (times.length > MAX_RISK_TIMES) {
    issues.push(issue("too_many", "times", `at most ${MAX_RISK_TIMES} times (got ${times.length})`));
  }
  if (issues.length > 0) throw invalid("the survival request is invalid", issues);
  return [...new Set(times)].sort((a, b) => a - b);
}

const GROUP_COLUMN: Readonly<Record<SurvivalGrouping, OutcomeGroupColumn | null>> = {
  state: "state_code",
  primarySite: "primary_site",
  localTherapy: "local_therapy",
  none: null,
};

/** The analysis on time-to-event rows (pure; the rows as the store's OutcomeRow). */
export function survivalFromOutcomes(
  rows: readonly OutcomeRow[],
  request: Omit<CohortSurvivalRequest, "filters">,
): CohortSurvivalResult {
  const os = request.endpoint === "os";
  return survivalFromColumns(
    {
      days: rows.map((r) => (os ? r.osDays : r.pfsDays)),
      event: rows.map((r) => (os ? r.osEvent : r.pfsEvent)),
      group: rows.map((r) => keyOf(request.groupBy, r)),
    },
    request,
  );
}

/**
 * The analysis itself (pure: no store, no audit) on one endpoint's columns, `group` holding the
 * grouping value of each row. Rows without a time for the endpoint are excluded and counted.
 */
export function survivalFromColumns(
  cols: TimeToEventColumns,
  request: Omit<CohortSurvivalRequest, "filters">,
): CohortSurvivalResult {
  const requestedTimes = request.times === undefined ? undefined : checkTimes(request.times);
  const g = grouping(request.groupBy);
  const matched = cols.days.length;
  // one pass into typed arrays, groups coded in order of appearance, then renumbered in the
  // grouping's fixed order (no per-row objects: 100 000-patient cohorts)
  const monthsAll = new Float64Array(matched);
  const statusAll = new Uint8Array(matched);
  const firstCode = new Int32Array(matched);
  const seen = new Map<string, number>();
  let m = 0;
  for (let i = 0; i < matched; i++) {
    const days = cols.days[i];
    if (days === null || days === undefined || !(days >= 0)) continue;
    const key = request.groupBy === "none" ? "all" : (cols.group[i] ?? "");
    let c = seen.get(key);
    if (c === undefined) {
      c = seen.size;
      seen.set(key, c);
    }
    monthsAll[m] = days / DAYS_PER_MONTH;
    statusAll[m] = cols.event[i] === true ? 1 : 0;
    firstCode[m] = c;
    m++;
  }
  const keys = [
    ...g.order.filter((k) => seen.has(k)),
    ...[...seen.keys()].filter((k) => !g.order.includes(k)).sort(),
  ];
  const renumber = new Int32Array(seen.size);
  keys.forEach((k, i) => {
    renumber[seen.get(k)!] = i;
  });
  const warnings: string[] = [];
  const base = {
    endpoint: request.endpoint,
    timeUnit: "months" as const,
    groupBy: request.groupBy,
    matched,
    excluded: matched - m,
  };
  if (m === 0) {
    warnings.push("no patient with follow-up for this endpoint matches the filters");
    return {
      ...base,
      groups: [],
      numberAtRisk: { times: requestedTimes ?? [0], byGroup: {} },
      logRank: null,
      cox: null,
      warnings,
    };
  }
  const time = monthsAll.slice(0, m);
  const status = statusAll.slice(0, m);
  const group = new Int32Array(m);
  for (let j = 0; j < m; j++) group[j] = renumber[firstCode[j]!]!;
  const data = { time, status, group };
  const km = kaplanMeier(data, { groupCount: keys.length, variance: "greenwood" });
  if (!km.ok) throw new Error(`Kaplan–Meier failed: ${km.issues.map((i) => i.message).join("; ")}`);
  const maxMonths = time.reduce((m, t) => Math.max(m, t), 0);
  const riskTimes = requestedTimes ?? defaultRiskTimes(maxMonths);

  const groups: SurvivalGroupJson[] = [];
  const byGroup: Record<string, number[]> = {};
  keys.forEach((key, gi) => {
    const curve = km.value.curves.find((c) => c.group === gi)!;
    const band = kmAtTimes(curve, curve.time, "log");
    const median = kmQuantiles(curve, "log", { probs: [0.5] });
    groups.push({
      key,
      label: g.label(key),
      n: curve.n,
      events: curve.events,
      curve: {
        time: Array.from(curve.time),
        survival: Array.from(curve.surv),
        lower: Array.from(band.lower, (v) => finiteOrNull(v)),
        upper: Array.from(band.upper, (v) => finiteOrNull(v)),
        nRisk: Array.from(curve.nRisk),
        nEvent: Array.from(curve.nEvent),
        nCensor: Array.from(curve.nCensor),
      },
      median: {
        value: finiteOrNull(median.time[0]),
        lower: finiteOrNull(median.lower[0]),
        upper: finiteOrNull(median.upper[0]),
      },
    });
    byGroup[key] = Array.from(kmAtTimes(curve, riskTimes, "log").nRisk);
  });

  let logRankOut: CohortSurvivalResult["logRank"] = null;
  let coxOut: CohortSurvivalResult["cox"] = null;
  if (keys.length < 2) {
    if (request.groupBy !== "none") warnings.push("one group only: no log-rank test or Cox model");
  } else {
    const lr = logRank(data, { groupCount: keys.length });
    if (lr.ok) logRankOut = { chisq: lr.value.chisq, df: lr.value.df, p: lr.value.p };
    else warnings.push(`log-rank test not computed: ${lr.issues.map((i) => i.message).join("; ")}`);
    const reference = keys[0]!;
    // treatment contrasts as R's coxph(Surv(t, e) ~ factor(group)): one 0/1 column per group
    // but the first (reference), column-major
    const p = keys.length - 1;
    const x = new Float64Array(m * p);
    for (let j = 0; j < m; j++) {
      const k = group[j]!;
      if (k > 0) x[(k - 1) * m + j] = 1;
    }
    const names = keys.slice(1).map((k) => `group${k}`);
    // concordance is not reported: skipping it saves a third of the fit on large cohorts
    const fit = fitCox({ time, status, x, names }, { concordance: false });
    if (fit.ok) {
      const others = keys.slice(1);
      coxOut = {
        reference: g.label(reference),
        terms: others.map((k, i) => ({
          name: `${g.label(k)} vs ${g.label(reference)}`,
          hr: fit.value.hr[i]!,
          lower: fit.value.hrLower[i]!,
          upper: fit.value.hrUpper[i]!,
          p: fit.value.p[i]!,
        })),
        n: fit.value.n,
        events: fit.value.nEvents,
      };
    } else {
      warnings.push(
        `Cox model not computed (e.g. a group without events): ${fit.issues.map((i) => i.message).join("; ")}`,
      );
    }
  }
  return {
    ...base,
    groups,
    numberAtRisk: { times: riskTimes, byGroup },
    logRank: logRankOut,
    cox: coxOut,
    warnings,
  };
}

export async function cohortSurvival(
  ctx: AppContext,
  caller: Caller,
  request: CohortSurvivalRequest,
): Promise<CohortSurvivalResult> {
  authorize(caller.actor, "cohort.analytics");
  const filters = request.filters ?? {};
  const cols = await selectTimeToEvent(
    ctx.store.db,
    toPatientFilter(caller.actor, filters, true),
    request.endpoint,
    GROUP_COLUMN[request.groupBy],
  );
  const result = survivalFromColumns(cols, request);
  await ctx.store.transaction((trx) =>
    recordAudit(ctx, trx, caller, "cohort.survival", null, {
      endpoint: request.endpoint,
      groupBy: request.groupBy,
      filters: filtersForAudit(filters),
      n: result.matched - result.excluded,
    }),
  );
  return result;
}
