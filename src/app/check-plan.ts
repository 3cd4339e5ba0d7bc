// Use case: plan check. DVHs of a plan (compute-dvh.ts) evaluated against a constraint set
// (core/constraints: TG-101 by default) for the plan's number of fractions, with ROIs mapped to
// organs by TG-263 names and explicit overrides; plus the markers to draw the limits on a DVH plot.
import {
  type ConstraintEvaluation,
  type ConstraintResult,
  type ConstraintSet,
  type DmaxDefinition,
  dvhQuery,
  evaluateConstraints,
  fail,
  findBuiltinConstraintSet,
  type Issue,
  issue,
  ok,
  parseConstraintSet,
  parseMetric,
  type Result,
  type RoiDvhQuery,
} from "../core/index.ts";
import {
  type ComputeDvhRequest,
  computeDvhDetailed,
  computeDvhDetailedAsync,
  type DvhReport,
} from "./compute-dvh.ts";
import type { DvhPlotMarker } from "./dvh-plot.ts";
import type { DvhThreads } from "./dvh-pool.ts";

/** Short names accepted for the built-in sets. */
const SET_ALIASES: Readonly<Record<string, string>> = { tg101: "aapm-tg101", "tg-101": "aapm-tg101" };

export type CheckPlanRequest = Omit<ComputeDvhRequest, "roiNames"> & {
  /** a built-in set id ("tg101", "aapm-tg101", "uk-sabr-v6.1") or a user set as parsed JSON; default "tg101" */
  readonly constraintSet?: string | { readonly json: unknown; readonly name: string };
  /** number of fractions; default: the RTPLAN's */
  readonly fractions?: number;
  /** explicit ROI → organ mapping ("none" leaves an ROI out) */
  readonly roiMap?: Readonly<Record<string, string>>;
  /** Dmax as D0.035cc (default) or the voxel maximum */
  readonly dmax?: DmaxDefinition;
  /** convert rows without limits for this fraction count by LQ (labelled); off by default */
  readonly lqConversion?: {
    readonly fromFractions?: number;
    readonly alphaBetaGy?: Readonly<Record<string, number>>;
  };
};

export type PlanCheckReport = DvhReport & {
  readonly fractions: number;
  readonly fractionsFrom: "request" | "rtplan";
  readonly constraintSet: ConstraintEvaluation["set"];
  readonly dmax: string;
  readonly constraints: readonly ConstraintResult[];
  readonly counts: ConstraintEvaluation["counts"];
  readonly roiMapping: ConstraintEvaluation["rois"];
  readonly unmappedRois: readonly string[];
};

/** Resolves a constraint set: built-in by id (with aliases) or a user set from parsed JSON. */
export function resolveConstraintSet(spec: CheckPlanRequest["constraintSet"]): Result<ConstraintSet> {
  if (spec === undefined || typeof spec === "string") {
    const id = (spec ?? "tg101").trim().toLowerCase();
    const set = findBuiltinConstraintSet(SET_ALIASES[id] ?? id);
    if (set !== undefined) return ok(set);
    return fail([
      issue(
        "constraint_set_unknown",
        "constraintSet",
        `no built-in constraint set "${spec}"; use tg101 (AAPM TG-101), uk-sabr-v6.1 (template) or a JSON file of your own set`,
      ),
    ]);
  }
  const r = parseConstraintSet(spec.json);
  if (r.ok) return r;
  return fail(r.issues.map((i) => ({ ...i, path: i.path === "" ? spec.name : `${spec.name}: ${i.path}` })));
}

export function checkPlan(req: CheckPlanRequest): Result<PlanCheckReport> {
  const set = checkRequest(req);
  return evaluatePlan(req, set.set, set.issues, computeDvhDetailed(req));
}

/**
 * checkPlan with the DVHs computed by the warm worker pool when `threads` asks for it (or, by
 * default, when the plan is big enough to pay): the same report, value for value.
 */
export async function checkPlanAsync(
  req: CheckPlanRequest & { readonly threads?: DvhThreads },
): Promise<Result<PlanCheckReport>> {
  const set = checkRequest(req);
  return evaluatePlan(req, set.set, set.issues, await computeDvhDetailedAsync(req));
}

function checkRequest(req: CheckPlanRequest): { set: Result<ConstraintSet>; issues: Issue[] } {
  const issues: Issue[] = [];
  const set = resolveConstraintSet(req.constraintSet);
  if (!set.ok) issues.push(...set.issues);
  if (req.fractions !== undefined && !(Number.isInteger(req.fractions) && req.fractions >= 1)) {
    issues.push(
      issue(
        "fractions_invalid",
        "fractions",
        `the number of fractions must be a whole number ≥ 1, got ${req.fractions}`,
      ),
    );
  }
  return { set, issues };
}

function evaluatePlan(
  req: CheckPlanRequest,
  set: Result<ConstraintSet>,
  issues: Issue[],
  dvh: ReturnType<typeof computeDvhDetailed>,
): Result<PlanCheckReport> {
  if (!dvh.ok) issues.push(...dvh.issues);
  if (!set.ok || !dvh.ok || issues.length > 0) return fail(issues);

  const { report, set: dvhs } = dvh.value;
  const fractions = req.fractions ?? report.plan?.fractions;
  if (fractions === undefined) {
    return fail([
      issue(
        "plan_fractions_unknown",
        "fractions",
        req.rtplan === undefined
          ? "the number of fractions is needed: give it, or an RTPLAN file"
          : "the RTPLAN states no number of fractions (FractionGroupSequence): give it",
      ),
    ]);
  }
  const rois: RoiDvhQuery[] = dvhs.dvhs
    .filter((d) => d.volumeCc > 0 && d.curveDoseGy.length > 0)
    .map((d) => ({ name: d.roiName, dvh: dvhQuery(d) }));
  const evaluation = evaluateConstraints(set.value, fractions, rois, {
    ...(req.roiMap !== undefined ? { roiMap: req.roiMap } : {}),
    ...(req.dmax !== undefined ? { dmax: req.dmax } : {}),
    ...(req.lqConversion !== undefined ? { lqConversion: req.lqConversion } : {}),
  });
  if (!evaluation.ok) return evaluation;
  const e = evaluation.value;
  const warnings: Issue[] = [...report.warnings, ...e.warnings];
  if (
    req.fractions !== undefined &&
    report.plan?.fractions !== undefined &&
    report.plan.fractions !== req.fractions
  ) {
    warnings.push(
      issue(
        "plan_fractions_differ",
        "fractions",
        `checked for ${req.fractions} fractions as asked, but the RTPLAN states ${report.plan.fractions}`,
      ),
    );
  }
  return ok({
    ...report,
    warnings,
    fractions,
    fractionsFrom: req.fractions !== undefined ? "request" : "rtplan",
    constraintSet: e.set,
    dmax: e.dmax,
    constraints: e.results,
    counts: e.counts,
    roiMapping: e.rois,
    unmappedRois: e.unmappedRois,
  });
}

/**
 * Limits to draw on a DVH plot (volume in % of each ROI): D{v}cc/Dmax at (limit, v), D{p}% at
 * (limit, p), V{x}Gy at (x, limit), critical volumes at (limit, volume − C). Dmean has no point.
 */
export function constraintMarkers(report: PlanCheckReport): DvhPlotMarker[] {
  const out: DvhPlotMarker[] = [];
  const dmaxCc = /^D(\d+(?:\.\d+)?)cc$/.exec(report.dmax);
  for (const c of report.constraints) {
    if (c.roi === undefined || c.status === "not_evaluated") continue;
    const roi = report.rois.find((r) => r.name === c.roi);
    if (roi === undefined || !(roi.volumeCc > 0)) continue;
    const parsed = parseMetric(c.metric);
    if (!parsed.ok) continue;
    const m = parsed.value;
    const toPercent = (cc: number) => (100 * cc) / roi.volumeCc;
    for (const level of c.levels) {
      const met = level.met;
      const label = `${c.organ} ${c.metric} ${level.level === "optimal" ? "opt <" : "<"} ${level.limit}`;
      let point: { doseGy: number; volume: number } | undefined;
      switch (m.kind) {
        case "dose_max":
          if (dmaxCc !== null) point = { doseGy: level.limit, volume: toPercent(Number(dmaxCc[1])) };
          break;
        case "dose_at_volume_cc":
          point = { doseGy: level.limit, volume: toPercent(m.volumeCc) };
          break;
        case "dose_at_volume_percent":
          point = { doseGy: level.limit, volume: m.percent };
          break;
        case "volume_cc_at_dose":
          point = { doseGy: m.doseGy, volume: toPercent(level.limit) };
          break;
        case "volume_percent_at_dose":
          point = { doseGy: m.doseGy, volume: level.limit };
          break;
        case "critical_volume":
          point = { doseGy: level.limit, volume: toPercent(roi.volumeCc - m.volumeCc) };
          break;
        case "dose_mean":
          break;
      }
      if (point !== undefined && point.volume >= 0 && point.volume <= 100) {
        out.push({ roi: roi.name, ...point, label, met });
      }
    }
  }
  return out;
}
