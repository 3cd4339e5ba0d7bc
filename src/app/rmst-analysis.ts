// Use case: restricted mean survival time at τ per group (area under the Kaplan–Meier curve),
// and each group's difference from the first (reference) group, on a CSV table.
import { issue, ok, type Result } from "../core/index.ts";
import { kaplanMeier, type RmstDifference, rmst, rmstDifference, zForLevel } from "../stats/index.ts";
import {
  curveCounts,
  curveIdentity,
  DEFAULT_CONF_LEVEL,
  inputSummary,
  loadSurvivalColumns,
  type SurvivalCsvRequest,
  type SurvivalInputSummary,
  statsFailure,
  survivalData,
} from "./survival-data.ts";

export type RmstRequest = SurvivalCsvRequest & {
  /** horizon; default: the smallest of the curves' last follow-up times (survRM2's default) */
  readonly tau?: number;
  readonly confLevel?: number;
};

export type RmstCurveReport = {
  readonly label: string;
  readonly group?: string;
  readonly stratum?: string;
  readonly n: number;
  readonly events: number;
  readonly rmst: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  /** last follow-up time of the curve */
  readonly maxTime: number;
};

/** A group's RMST minus the reference group's (the stats layer's difference, τ given once in the report). */
export type RmstDifferenceReport = { readonly contrast: string } & Omit<RmstDifference, "tau">;

export type RmstReport = SurvivalInputSummary & {
  readonly tau: number;
  readonly tauDefaulted: boolean;
  readonly confLevel: number;
  readonly curves: readonly RmstCurveReport[];
  /** each group minus the first group (within each stratum), when grouped */
  readonly differences: readonly RmstDifferenceReport[];
  /** curves whose follow-up ends before τ: their last survival value is carried on to τ */
  readonly extrapolated: readonly string[];
};

export function rmstAnalysis(request: RmstRequest): Result<RmstReport> {
  if (request.tau !== undefined && !(request.tau > 0 && Number.isFinite(request.tau)))
    return {
      ok: false,
      issues: [issue("out_of_range", "tau", `tau must be a time > 0 (got ${request.tau})`)],
    };
  const cols = loadSurvivalColumns(request);
  if (!cols.ok) return cols;
  const c = cols.value;
  const fit = kaplanMeier(survivalData(c), curveCounts(c));
  if (!fit.ok) return statsFailure(fit.issues);
  const curves = fit.value.curves;
  const lastTime = (k: (typeof curves)[number]) => k.time[k.time.length - 1] ?? 0;
  const tau = request.tau ?? Math.min(...curves.map(lastTime));
  const confLevel = request.confLevel ?? DEFAULT_CONF_LEVEL;
  const z = zForLevel(confLevel);
  const areas = curves.map((k) => rmst(k, tau));
  const reports: RmstCurveReport[] = curves.map((k, i) => ({
    ...curveIdentity(c, k.group, k.stratum),
    n: k.n,
    events: k.events,
    rmst: areas[i]!.rmst,
    se: areas[i]!.se,
    lower: areas[i]!.rmst - z * areas[i]!.se,
    upper: areas[i]!.rmst + z * areas[i]!.se,
    maxTime: lastTime(k),
  }));
  const differences: RmstDifferenceReport[] = [];
  if (c.group !== undefined) {
    for (let s = 0; s < (c.strata?.labels.length ?? 1); s++) {
      const inStratum = curves.map((k, i) => ({ k, i })).filter(({ k }) => k.stratum === s);
      const ref = inStratum[0];
      if (ref === undefined) continue;
      for (const { i } of inStratum.slice(1)) {
        const d = rmstDifference(areas[ref.i]!, areas[i]!, confLevel);
        differences.push({
          contrast: `${reports[i]!.label} minus ${reports[ref.i]!.label}`,
          diff: d.diff,
          se: d.se,
          lower: d.lower,
          upper: d.upper,
          z: d.z,
          p: d.p,
        });
      }
    }
  }
  return ok({
    ...inputSummary(request, c),
    tau,
    tauDefaulted: request.tau === undefined,
    confLevel,
    curves: reports,
    differences,
    extrapolated: reports.filter((r) => r.maxTime < tau).map((r) => r.label),
  });
}
