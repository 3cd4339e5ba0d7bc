// Use case: a Cox proportional hazards model on a CSV table — columns picked by name, rows with a
// missing used value dropped (R's na.omit), categorical covariates with a reference level, then
// the fit (stats/cox), optionally the proportional-hazards test and predicted survival for a
// covariate profile. Text in (the adapters read files or uploads), a report of plain values out.
import { fail, type Issue, issue, ok, type Result } from "../core/index.ts";
import { type SurvivalCsvSpec, survivalColumns } from "../interop/index.ts";
import {
  buildDesign,
  type CoxConfType,
  type CoxData,
  type CoxFit,
  type CoxIterationProgress,
  type CoxOptions,
  type CoxSurvivalCurve,
  type CoxTies,
  type CoxZph,
  coxSurvivalFromState,
  coxZph,
  type DesignInputColumn,
  type DesignTerm,
  fitCoxState,
} from "../stats/index.ts";
import { parseSurvivalCsv, prettyTimes, type SurvivalCsvSource } from "./survival-data.ts";

export type CoxAnalysisRequest = SurvivalCsvSource &
  Pick<SurvivalCsvSpec, "time" | "event" | "eventValues" | "strata" | "cluster" | "weights"> & {
    readonly covariates: readonly string[];
    readonly categorical?: readonly string[];
    /** reference level per categorical covariate */
    readonly reference?: Readonly<Record<string, string>>;
    /** full level order per categorical covariate (first = reference) */
    readonly levels?: Readonly<Record<string, readonly string[]>>;
    readonly ties?: CoxTies;
    readonly robust?: boolean;
    readonly confLevel?: number;
    readonly maxIterations?: number;
    readonly eps?: number;
    readonly allowInfinite?: boolean;
    /** run the proportional-hazards test (cox.zph) */
    readonly zph?: boolean;
    /** predicted survival for this profile: covariate name → value (number or level label) */
    readonly profile?: Readonly<Record<string, string>>;
    /** times at which to report the predicted survival (default: a pretty grid) */
    readonly times?: readonly number[];
    readonly confType?: CoxConfType;
    readonly onIteration?: (progress: CoxIterationProgress) => void;
  };

export type CoxCoefficientRow = {
  readonly term: string;
  readonly meaning: string;
  readonly coef: number;
  readonly hr: number;
  readonly hrLower: number;
  readonly hrUpper: number;
  readonly se: number;
  /** model-based SE when the variance is robust */
  readonly naiveSe?: number;
  readonly z: number;
  readonly p: number;
};

export type CoxSurvivalAtTime = {
  readonly time: number;
  readonly nRisk: number;
  readonly surv: number;
  readonly stdErr: number;
  readonly lower: number;
  readonly upper: number;
};

export type CoxPrediction = {
  /** covariate values as given (labels for categorical ones) */
  readonly profile: Readonly<Record<string, string>>;
  /** relative risk of the profile against the centring values (exp((x − x̄)ᵀβ)) */
  readonly risk: number;
  readonly confType: CoxConfType;
  readonly curves: readonly {
    readonly stratum?: string;
    readonly atTimes: readonly CoxSurvivalAtTime[];
    readonly curve: CoxSurvivalCurve;
  }[];
};

export type CoxAnalysisReport = {
  readonly source?: string;
  readonly n: number;
  readonly nDropped: number;
  readonly droppedLines: readonly number[];
  readonly eventCoding: string;
  readonly strata?: { readonly column: string; readonly labels: readonly string[] };
  readonly cluster?: { readonly column: string; readonly count: number };
  readonly weights?: string;
  readonly terms: readonly DesignTerm[];
  readonly coefficients: readonly CoxCoefficientRow[];
  readonly fit: CoxFit;
  readonly zph?: CoxZph;
  readonly prediction?: CoxPrediction;
};

function survivalAt(curve: CoxSurvivalCurve, t: number): CoxSurvivalAtTime {
  const m = curve.time.length;
  let last = -1;
  while (last + 1 < m && curve.time[last + 1]! <= t) last++;
  let next = last;
  while (next >= 0 && next < m && curve.time[next]! < t) next++;
  if (next < 0) next = 0;
  const nRisk = next < m ? curve.nRisk[next]! : 0;
  if (last < 0) return { time: t, nRisk, surv: 1, stdErr: 0, lower: 1, upper: 1 };
  return {
    time: t,
    nRisk,
    surv: curve.surv[last]!,
    stdErr: curve.stdErr[last]!,
    lower: curve.lower[last]!,
    upper: curve.upper[last]!,
  };
}

export function coxAnalysis(request: CoxAnalysisRequest): Result<CoxAnalysisReport> {
  const table = parseSurvivalCsv(request);
  if (!table.ok) return table;
  const categorical = request.categorical ?? [];
  const issues: Issue[] = [];
  for (const name of [...Object.keys(request.reference ?? {}), ...Object.keys(request.levels ?? {})]) {
    if (!categorical.includes(name)) {
      issues.push(
        issue(
          "cox_not_categorical",
          name,
          `a reference level or level order is given for '${name}', which is not marked categorical (--categorical ${name})`,
        ),
      );
    }
  }
  if (request.covariates.length === 0) {
    issues.push(issue("cox_no_covariates", "covariates", "name at least one covariate (--covariates a,b,c)"));
  }
  if (issues.length > 0) return fail(issues);
  const spec: SurvivalCsvSpec = {
    time: request.time,
    event: request.event,
    ...(request.eventValues ? { eventValues: request.eventValues } : {}),
    covariates: request.covariates,
    categorical,
    ...(request.strata ? { strata: request.strata } : {}),
    ...(request.cluster ? { cluster: request.cluster } : {}),
    ...(request.weights ? { weights: request.weights } : {}),
  };
  const columns = survivalColumns(table.value, spec);
  if (!columns.ok) return columns;
  const cols = columns.value;

  const designColumns: DesignInputColumn[] = cols.covariates.map((c) =>
    c.kind === "numeric"
      ? c
      : {
          kind: "categorical",
          name: c.name,
          values: c.values,
          ...(request.levels?.[c.name] ? { levels: request.levels[c.name]! } : {}),
          ...(request.reference?.[c.name] ? { reference: request.reference[c.name]! } : {}),
        },
  );
  const design = buildDesign(designColumns);
  if (!design.ok) return design;
  const { x, names, meaning, terms } = design.value;

  if (cols.weights !== undefined) {
    const zero = cols.weights.findIndex((w) => !(w > 0));
    if (zero >= 0) {
      return fail([
        issue(
          "cox_invalid_weight",
          `${request.weights} (line ${cols.lines[zero]})`,
          `weight ${cols.weights[zero]} on line ${cols.lines[zero]}: Cox weights must be > 0 (R's coxph)`,
        ),
      ]);
    }
  }
  const data: CoxData = {
    time: cols.time,
    status: cols.status,
    x,
    names,
    ...(cols.strata ? { strata: cols.strata.codes } : {}),
    ...(cols.cluster ? { cluster: cols.cluster.codes } : {}),
    ...(cols.weights ? { weights: cols.weights } : {}),
  };
  const options: CoxOptions = {
    ...(request.ties ? { ties: request.ties } : {}),
    ...(request.robust !== undefined ? { robust: request.robust } : {}),
    ...(request.confLevel !== undefined ? { confLevel: request.confLevel } : {}),
    ...(request.maxIterations !== undefined ? { maxIterations: request.maxIterations } : {}),
    ...(request.eps !== undefined ? { eps: request.eps } : {}),
    ...(request.allowInfinite ? { allowInfinite: true } : {}),
    ...(request.onIteration ? { onIteration: request.onIteration } : {}),
  };
  const state = fitCoxState(data, options);
  if (!state.ok) return fail(state.issues);
  const fit = state.value.fit;

  let zph: CoxZph | undefined;
  if (request.zph === true) {
    const z = coxZph(state.value);
    if (!z.ok) return fail(z.issues);
    zph = z.value;
  }

  let prediction: CoxPrediction | undefined;
  if (request.profile !== undefined) {
    const p = predict(request, state.value, terms, names.length, cols.strata?.labels);
    if (!p.ok) return p;
    prediction = p.value;
  }

  const coefficients: CoxCoefficientRow[] = names.map((term, k) => ({
    term,
    meaning: meaning[k]!,
    coef: fit.coef[k]!,
    hr: fit.hr[k]!,
    hrLower: fit.hrLower[k]!,
    hrUpper: fit.hrUpper[k]!,
    se: fit.se[k]!,
    ...(fit.naiveSe ? { naiveSe: fit.naiveSe[k]! } : {}),
    z: fit.z[k]!,
    p: fit.p[k]!,
  }));
  return ok({
    ...(request.source !== undefined ? { source: request.source } : {}),
    n: cols.n,
    nDropped: cols.nDropped,
    droppedLines: cols.droppedLines,
    eventCoding: cols.eventCoding,
    ...(cols.strata ? { strata: { column: cols.strata.column, labels: cols.strata.labels } } : {}),
    ...(cols.cluster ? { cluster: { column: cols.cluster.column, count: cols.cluster.labels.length } } : {}),
    ...(request.weights ? { weights: request.weights } : {}),
    terms,
    coefficients,
    fit,
    ...(zph ? { zph } : {}),
    ...(prediction ? { prediction } : {}),
  });
}

function predict(
  request: CoxAnalysisRequest,
  state: Parameters<typeof coxSurvivalFromState>[0],
  terms: readonly DesignTerm[],
  p: number,
  strataLabels: readonly string[] | undefined,
): Result<CoxPrediction> {
  const profile = request.profile!;
  const issues: Issue[] = [];
  const known = new Set([...terms.map((t) => t.name), ...(request.strata ? [request.strata] : [])]);
  for (const name of Object.keys(profile)) {
    if (!known.has(name))
      issues.push(
        issue(
          "cox_bad_profile",
          name,
          `'${name}' is not a covariate of the model (covariates: ${terms.map((t) => t.name).join(", ")})`,
        ),
      );
  }
  const values = new Array<number>(p).fill(0);
  for (const term of terms) {
    const raw = profile[term.name];
    if (raw === undefined) {
      issues.push(
        issue(
          "cox_bad_profile",
          term.name,
          `the profile needs a value for '${term.name}'${term.levels ? ` (one of ${term.levels.join(", ")})` : ""}`,
        ),
      );
      continue;
    }
    if (term.kind === "numeric") {
      const v = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(v))
        issues.push(
          issue("cox_bad_profile", term.name, `'${raw}' is not a number (profile value of '${term.name}')`),
        );
      values[term.columns[0]!] = v;
    } else {
      const levels = term.levels!;
      const k = levels.indexOf(raw);
      if (k < 0)
        issues.push(
          issue(
            "cox_bad_profile",
            term.name,
            `'${raw}' is not a level of '${term.name}' (levels: ${levels.join(", ")})`,
          ),
        );
      else if (k > 0) values[term.columns[k - 1]!] = 1;
    }
  }
  let stratumIndex: number | undefined;
  if (request.strata && profile[request.strata] !== undefined) {
    stratumIndex = strataLabels?.indexOf(profile[request.strata]!) ?? -1;
    if (stratumIndex < 0)
      issues.push(
        issue(
          "cox_bad_profile",
          request.strata,
          `'${profile[request.strata]}' is not a stratum (strata: ${strataLabels?.join(", ")})`,
        ),
      );
  }
  const times = request.times ?? [];
  for (const t of times)
    if (!Number.isFinite(t) || t < 0)
      issues.push(issue("cox_bad_times", "times", `time ${t} must be a finite number ≥ 0`));
  if (issues.length > 0) return fail(issues);
  const r = coxSurvivalFromState(state, {
    profile: values,
    ...(request.confType ? { confType: request.confType } : {}),
    ...(request.confLevel !== undefined ? { confLevel: request.confLevel } : {}),
  });
  if (!r.ok) return fail(r.issues);
  const curves = r.value.curves.filter((c) => stratumIndex === undefined || c.stratum === stratumIndex);
  let maxTime = 0;
  for (const c of curves) {
    for (let i = 0; i < c.time.length; i++)
      if (c.nEvent[i]! > 0 && c.time[i]! > maxTime) maxTime = c.time[i]!;
  }
  const grid = times.length > 0 ? [...times].sort((a, b) => a - b) : prettyTimes(maxTime);
  return ok({
    profile: { ...profile },
    risk: r.value.risk,
    confType: r.value.confType,
    curves: curves.map((c) => ({
      ...(strataLabels ? { stratum: strataLabels[c.stratum]! } : {}),
      atTimes: grid.map((t) => survivalAt(c, t)),
      curve: c,
    })),
  });
}
