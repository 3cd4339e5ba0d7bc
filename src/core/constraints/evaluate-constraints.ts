// Evaluates a constraint set on the DVHs of a plan (clinical-reference §4.1, §4.4).
//   evaluateConstraints(set, fractions, rois, options) → per constraint and ROI: organ, ROI used,
//   metric, value, limits, margin, status pass | optimal_missed | mandatory_failed | not_evaluated
//   (with the reason), confirmation status and source row.
// Semantics: limits are "<" (a value exactly at the limit fails); a critical volume passes when the
// volume below the limit dose is ≥ C cc; Dmax is D0.035cc unless configured as the voxel maximum;
// a set without limits for the plan's fraction count is never interpolated — only an LQ conversion
// the caller asks for, labelled with its α/β.
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import type { DvhQuery } from "../dvh/types.ts";
import type { ConfirmationStatus } from "../radiobiology/alpha-beta.ts";
import { checkFractions, checkPositive } from "../radiobiology/fractionation.ts";
import type { Constraint, ConstraintLimit, ConstraintSet } from "./constraint-set.ts";
import { type ConvertedLimit, convertConstraint } from "./convert-constraint.ts";
import { type ConstraintMetric, limitUnit, metricName, valueUnit } from "./metric.ts";
import { findOrganByKey, normaliseName, organAlphaBetaGy } from "./organs.ts";
import { mappingMatches, mapRois, organRefName, type RoiMapping } from "./roi-mapping.ts";
import { verificationIssues } from "./verification.ts";

/** TG-101 defines a "point" for Dmax as a volume ≤ 0.035 cc [K] (clinical-reference §4.1). */
export const DMAX_POINT_VOLUME_CC = 0.035;

export type RoiDvhQuery = { readonly name: string; readonly dvh: DvhQuery };

export type DmaxDefinition =
  | { readonly kind: "point_volume"; readonly volumeCc: number }
  | { readonly kind: "voxel_max" };

export type ConstraintEvaluationOptions = {
  /** explicit ROI mapping, ROI name → organ ("SpinalCord", "BrachialPlex_L", "none" to leave out) */
  readonly roiMap?: Readonly<Record<string, string>>;
  /** Dmax as D{v}cc (default D0.035cc) or the true voxel maximum */
  readonly dmax?: DmaxDefinition;
  /**
   * Convert rows that lack limits for the plan's fraction count with the LQ model (off by default).
   * α/β per organ from the §3.2 table unless given here (organ → Gy); `fromFractions` forces the source count.
   */
  readonly lqConversion?: {
    readonly fromFractions?: number;
    readonly alphaBetaGy?: Readonly<Record<string, number>>;
  };
};

export type ConstraintStatus = "pass" | "optimal_missed" | "mandatory_failed" | "not_evaluated";

export type LevelResult = {
  readonly level: "optimal" | "mandatory";
  /** limit in limitUnit (Gy for dose metrics and critical volumes, cc or % for volume metrics) */
  readonly limit: number;
  /** evaluated value in valueUnit (a critical volume: the volume below the limit dose, cc) */
  readonly value: number;
  /** room left (positive) or excess (negative), in valueUnit: limit − value, or for a critical volume value − C */
  readonly margin: number;
  readonly met: boolean;
};

export type LqConversionLabel = {
  readonly fromFractions: number;
  readonly toFractions: number;
  readonly alphaBetaGy: number;
  readonly alphaBetaSource: string;
  readonly original: ConstraintLimit;
  readonly label: string;
};

export type ConstraintResult = {
  readonly constraintId: string;
  readonly structure: string;
  /** the organ the ROI stands for (or the organs looked for, when no ROI was found) */
  readonly organ: string;
  readonly roi?: string;
  /** as the set writes it (Dmax, D0.5cc, CV1500cc …) */
  readonly metric: string;
  /** how it was evaluated (Dmax → "D0.035cc" or "voxel maximum") */
  readonly evaluatedAs?: string;
  readonly valueUnit?: "Gy" | "cc" | "%";
  readonly limitUnit?: "Gy" | "cc" | "%";
  /** for a critical volume: C, the volume that must stay below the limit dose */
  readonly requiredVolumeCc?: number;
  /** the value at the deciding level (dose and volume metrics give one value for both levels) */
  readonly value?: number;
  readonly limits: { readonly optimal?: number; readonly mandatory?: number };
  readonly levels: readonly LevelResult[];
  /** margin at the deciding level: mandatory when failed, optimal when missed, else the tightest */
  readonly margin?: number;
  readonly status: ConstraintStatus;
  /** why not evaluated, or why it passes without a value */
  readonly reason?: string;
  readonly warnings: readonly string[];
  readonly endpoint: string;
  readonly confirmation: ConfirmationStatus;
  readonly sourceRow: string;
  readonly notes?: string;
  readonly conversion?: LqConversionLabel;
};

export type ConstraintEvaluation = {
  readonly set: {
    readonly id: string;
    readonly name: string;
    readonly version: string;
    readonly source: ConstraintSet["source"];
  };
  readonly fractions: number;
  /** "D0.035cc" or "voxel maximum" */
  readonly dmax: string;
  readonly rois: readonly RoiMapping[];
  readonly unmappedRois: readonly string[];
  readonly results: readonly ConstraintResult[];
  readonly counts: Readonly<Record<ConstraintStatus, number>>;
  readonly warnings: readonly Issue[];
};

const NUMERIC_GUARD = 1e-12;

function dmaxLabel(d: DmaxDefinition): string {
  return d.kind === "voxel_max" ? "voxel maximum" : `D${d.volumeCc}cc`;
}

type Measured =
  | { readonly kind: "value"; readonly value: number; readonly note?: string }
  | { readonly kind: "trivial_pass"; readonly reason: string }
  | { readonly kind: "unknown"; readonly reason: string };

/** The value of a dose or volume metric on a DVH (critical volumes are measured per level). */
function measure(metric: ConstraintMetric, q: DvhQuery, dmax: DmaxDefinition): Measured {
  const outside = q.volumeOutsideGridCc > NUMERIC_GUARD;
  const unknown = (what: string): Measured => ({
    kind: "unknown",
    reason: outside
      ? `${what} cannot be known: ${q.volumeOutsideGridCc.toPrecision(3)} cc of the structure lie outside the dose grid`
      : `${what} cannot be computed from this DVH`,
  });
  if (!(q.volumeCc > 0) || Number.isNaN(q.maxGy)) {
    return {
      kind: "unknown",
      reason: "no dose known for this structure (empty, or entirely outside the dose grid)",
    };
  }
  switch (metric.kind) {
    case "dose_max": {
      if (dmax.kind === "voxel_max") return { kind: "value", value: q.maxGy };
      if (q.volumeCc - q.volumeOutsideGridCc < dmax.volumeCc) {
        return {
          kind: "value",
          value: q.maxGy,
          note: `structure smaller than ${dmax.volumeCc} cc inside the grid: Dmax is its maximum dose`,
        };
      }
      const v = q.doseAtVolumeCc(dmax.volumeCc);
      return Number.isNaN(v) ? unknown(`D${dmax.volumeCc}cc`) : { kind: "value", value: v };
    }
    case "dose_at_volume_cc": {
      if (metric.volumeCc > q.volumeCc) {
        return {
          kind: "trivial_pass",
          reason: `the structure (${q.volumeCc.toPrecision(3)} cc) is smaller than ${metric.volumeCc} cc: no ${metric.volumeCc} cc can reach any dose`,
        };
      }
      const v = q.doseAtVolumeCc(metric.volumeCc);
      return Number.isNaN(v) ? unknown(metricName(metric)) : { kind: "value", value: v };
    }
    case "dose_at_volume_percent": {
      const v = q.doseAtVolumePercent(metric.percent);
      return Number.isNaN(v) ? unknown(metricName(metric)) : { kind: "value", value: v };
    }
    case "dose_mean":
      return Number.isNaN(q.meanGy) ? unknown("Dmean") : { kind: "value", value: q.meanGy };
    case "volume_cc_at_dose": {
      const v = q.volumeAtDoseCc(metric.doseGy);
      return Number.isNaN(v) ? unknown(metricName(metric)) : { kind: "value", value: v };
    }
    case "volume_percent_at_dose": {
      const v = q.volumeAtDosePercent(metric.doseGy);
      return Number.isNaN(v) ? unknown(metricName(metric)) : { kind: "value", value: v };
    }
    case "critical_volume":
      return { kind: "unknown", reason: "critical volumes are measured per level" };
  }
}

type Level = { readonly level: "optimal" | "mandatory"; readonly limit: number };

function levelsOf(limit: ConstraintLimit): Level[] {
  const out: Level[] = [];
  if (limit.optimal !== null) out.push({ level: "optimal", limit: limit.optimal });
  if (limit.mandatory !== null) out.push({ level: "mandatory", limit: limit.mandatory });
  return out;
}

function decide(levels: readonly LevelResult[]): { status: ConstraintStatus; deciding: LevelResult } {
  const mandatory = levels.find((l) => l.level === "mandatory");
  const optimal = levels.find((l) => l.level === "optimal");
  if (mandatory && !mandatory.met) return { status: "mandatory_failed", deciding: mandatory };
  if (optimal && !optimal.met) return { status: "optimal_missed", deciding: optimal };
  const tightest = [...levels].sort((a, b) => a.margin - b.margin)[0] as LevelResult;
  return { status: "pass", deciding: tightest };
}

type RowContext = {
  readonly constraint: Constraint;
  readonly organ: string;
  readonly roi?: string;
};

function base(
  ctx: RowContext,
  metric: string,
): Omit<ConstraintResult, "status" | "levels" | "limits" | "warnings"> {
  const c = ctx.constraint;
  return {
    constraintId: c.id,
    structure: c.structure,
    organ: ctx.organ,
    ...(ctx.roi !== undefined ? { roi: ctx.roi } : {}),
    metric,
    endpoint: c.endpoint,
    confirmation: c.status,
    sourceRow: c.sourceRow,
    ...(c.notes !== undefined ? { notes: c.notes } : {}),
  };
}

function notEvaluated(
  ctx: RowContext,
  metric: string,
  reason: string,
  extra: Partial<ConstraintResult> = {},
): ConstraintResult {
  return {
    ...base(ctx, metric),
    limits: {},
    levels: [],
    status: "not_evaluated",
    reason,
    warnings: [],
    ...extra,
  };
}

function limitsRecord(limit: ConstraintLimit): ConstraintResult["limits"] {
  return {
    ...(limit.optimal !== null ? { optimal: limit.optimal } : {}),
    ...(limit.mandatory !== null ? { mandatory: limit.mandatory } : {}),
  };
}

/** Evaluates one limit on one ROI's DVH. */
function evaluateLimit(
  ctx: RowContext,
  limit: ConstraintLimit,
  q: DvhQuery,
  dmax: DmaxDefinition,
  conversion: LqConversionLabel | undefined,
): ConstraintResult {
  const metric = limit.metric as ConstraintMetric;
  const name = metricName(metric);
  const warnings: string[] = [];
  const outside = q.volumeOutsideGridCc > NUMERIC_GUARD;
  const shared = {
    ...base(ctx, name),
    ...(metric.kind === "dose_max" ? { evaluatedAs: dmaxLabel(dmax) } : {}),
    valueUnit: valueUnit(metric),
    limitUnit: limitUnit(metric),
    limits: limitsRecord(limit),
    ...(conversion !== undefined ? { conversion } : {}),
    ...(limit.status !== ctx.constraint.status ? { confirmation: limit.status } : {}),
    ...(limit.note !== undefined
      ? { notes: [ctx.constraint.notes, limit.note].filter(Boolean).join(" ") }
      : {}),
  };
  const levels = levelsOf(limit);

  if (metric.kind === "critical_volume") {
    if (!(q.volumeCc > 0)) {
      return {
        ...shared,
        levels: [],
        status: "not_evaluated",
        reason: "the structure has no volume",
        warnings,
      };
    }
    if (outside) {
      warnings.push(
        `${q.volumeOutsideGridCc.toPrecision(3)} cc lie outside the dose grid and are not counted as spared (conservative)`,
      );
    }
    const insideCc = q.volumeCc - q.volumeOutsideGridCc;
    const results: LevelResult[] = [];
    for (const l of levels) {
      const above = q.volumeAtDoseCc(l.limit);
      if (Number.isNaN(above)) {
        return {
          ...shared,
          levels: [],
          status: "not_evaluated",
          reason: `V${l.limit}Gy cannot be computed`,
          warnings,
        };
      }
      const spared = insideCc - above;
      results.push({
        level: l.level,
        limit: l.limit,
        value: spared,
        margin: spared - metric.volumeCc,
        met: spared >= metric.volumeCc,
      });
    }
    const { status, deciding } = decide(results);
    return {
      ...shared,
      requiredVolumeCc: metric.volumeCc,
      value: deciding.value,
      levels: results,
      margin: deciding.margin,
      status,
      warnings,
    };
  }

  const measured = measure(metric, q, dmax);
  if (measured.kind === "unknown") {
    return { ...shared, levels: [], status: "not_evaluated", reason: measured.reason, warnings };
  }
  if (measured.kind === "trivial_pass") {
    return { ...shared, levels: [], status: "pass", reason: measured.reason, warnings };
  }
  if (measured.note !== undefined) warnings.push(measured.note);
  if (outside) {
    const cc = q.volumeOutsideGridCc.toPrecision(3);
    warnings.push(
      metric.kind === "volume_percent_at_dose"
        ? `${cc} cc lie outside the dose grid (no dose known there): ${name} counts them as receiving less than ${metric.doseGy} Gy`
        : `${cc} cc lie outside the dose grid (no dose known there): ${name} is computed from the part inside the grid`,
    );
  }
  const value = measured.value;
  const results: LevelResult[] = levels.map((l) => ({
    level: l.level,
    limit: l.limit,
    value,
    margin: l.limit - value,
    // "<": a value exactly at the limit fails (clinical-reference §4.1)
    met: value < l.limit,
  }));
  const { status, deciding } = decide(results);
  return { ...shared, value, levels: results, margin: deciding.margin, status, warnings };
}

function conversionLabel(c: ConvertedLimit, organ: string, source: string): LqConversionLabel {
  return {
    fromFractions: c.fromFractions,
    toFractions: c.toFractions,
    alphaBetaGy: c.alphaBetaGy,
    alphaBetaSource: source,
    original: c.original,
    label: `LQ-converted from ${c.fromFractions} to ${c.toFractions} fractions with α/β = ${c.alphaBetaGy} Gy for ${organ} (${source})`,
  };
}

function validateOptions(
  options: ConstraintEvaluationOptions,
  fractions: number,
  set: ConstraintSet,
): Issue[] {
  const issues: Issue[] = [];
  checkFractions(fractions, "fractions", issues);
  if (options.dmax?.kind === "point_volume") {
    checkPositive(options.dmax.volumeCc, "dmax.volumeCc", "the Dmax point volume (cc)", issues);
  }
  const lq = options.lqConversion;
  if (lq?.fromFractions !== undefined) checkFractions(lq.fromFractions, "lqConversion.fromFractions", issues);
  const setOrgans = new Set(set.constraints.flatMap((c) => c.organs.map((o) => normaliseName(o.organ))));
  for (const [organ, ab] of Object.entries(lq?.alphaBetaGy ?? {})) {
    const path = `lqConversion.alphaBetaGy.${organ}`;
    if (findOrganByKey(organ) === undefined && !setOrgans.has(normaliseName(organ))) {
      issues.push(issue("unknown_organ", path, `"${organ}" is not an organ of the catalogue or of the set`));
    }
    checkPositive(ab, path, "α/β (Gy)", issues);
  }
  return issues;
}

/**
 * Evaluates `set` for a plan of `fractions` fractions on the given ROI DVHs. Fails (issues) on
 * invalid options or an unverified set (constraint_set_unverified); otherwise returns one result
 * per constraint and matching ROI, and one not_evaluated result per constraint without an ROI.
 */
export function evaluateConstraints(
  set: ConstraintSet,
  fractions: number,
  rois: readonly RoiDvhQuery[],
  options: ConstraintEvaluationOptions = {},
): Result<ConstraintEvaluation> {
  const optionIssues = validateOptions(options, fractions, set);
  const unverified = verificationIssues(set);
  const userOrgans = set.constraints
    .flatMap((c) => c.organs.map((o) => o.organ))
    .filter((o) => !findOrganByKey(o));
  const mapping = mapRois(
    rois.map((r) => r.name),
    options.roiMap ?? {},
    userOrgans,
  );
  const issues = [...optionIssues, ...mapping.issues, ...unverified];
  if (issues.length > 0) return fail(issues);

  const dmax = options.dmax ?? { kind: "point_volume", volumeCc: DMAX_POINT_VOLUME_CC };
  const warnings: Issue[] = [...mapping.warnings];
  const names = new Set<string>();
  for (const r of rois) {
    if (names.has(r.name)) {
      warnings.push(
        issue("duplicate_roi_name", `rois.${r.name}`, `two ROIs are named "${r.name}"; both are evaluated`),
      );
    }
    names.add(r.name);
  }
  if (!set.fractions.includes(fractions)) {
    warnings.push(
      issue(
        "no_constraint_for_fractions",
        "fractions",
        `${set.name} has no constraints for ${fractions} fractions (it has ${set.fractions.join(", ")}); nothing is interpolated${options.lqConversion ? ": rows are LQ-converted as asked, each labelled" : "; an LQ conversion can be asked for explicitly"}`,
      ),
    );
  }

  const results: ConstraintResult[] = [];
  for (const constraint of set.constraints) {
    const anyName = constraint.organNames.join(" or ");
    const matches: { mapping: RoiMapping; dvh: DvhQuery }[] = [];
    rois.forEach((r, i) => {
      const m = mapping.mappings[i] as RoiMapping;
      if (constraint.organs.some((ref) => mappingMatches(m, ref))) matches.push({ mapping: m, dvh: r.dvh });
    });
    const limit = constraint.limits.find((l) => l.fractions === fractions);
    const metricText = (limit ?? constraint.limits[0])?.metric;
    const metricLabel = metricText ? metricName(metricText) : "(none)";

    if (limit === undefined && options.lqConversion === undefined) {
      const have = constraint.limits.map((l) => l.fractions).join(", ");
      results.push(
        notEvaluated(
          { constraint, organ: anyName },
          metricLabel,
          `no constraint for ${fractions} fractions (this row has ${have}); not interpolated`,
        ),
      );
      continue;
    }
    if (matches.length === 0) {
      results.push(
        notEvaluated(
          { constraint, organ: anyName },
          metricLabel,
          `no ROI mapped to ${anyName} (map one explicitly with ROI=${constraint.organNames[0]})`,
        ),
      );
      continue;
    }
    for (const { mapping: m, dvh } of matches) {
      const organ = organRefName({
        organ: m.organ as string,
        prv: m.prv ?? false,
        ...(m.side ? { side: m.side } : {}),
      });
      const ctx: RowContext = { constraint, organ, roi: m.roi };
      let useLimit = limit;
      let conversion: LqConversionLabel | undefined;
      if (useLimit === undefined) {
        const lq = options.lqConversion ?? {};
        const userAb = Object.entries(lq.alphaBetaGy ?? {}).find(
          ([k]) => normaliseName(k) === normaliseName(m.organ as string),
        )?.[1];
        const catalogueOrgan = findOrganByKey(m.organ as string);
        if (userAb === undefined && catalogueOrgan === undefined) {
          results.push(
            notEvaluated(
              ctx,
              metricLabel,
              `no α/β known for ${m.organ}: give one to convert (lqConversion.alphaBetaGy)`,
            ),
          );
          continue;
        }
        const ab = userAb ?? organAlphaBetaGy(catalogueOrgan as NonNullable<typeof catalogueOrgan>);
        const source =
          userAb !== undefined
            ? "α/β given by the user"
            : `α/β table "${catalogueOrgan?.alphaBetaTissue}"${catalogueOrgan?.alphaBetaReading === "D" ? " (design reading, docs/constraints.md)" : ""}`;
        const converted = convertConstraint(constraint, fractions, ab, lq.fromFractions);
        if (!converted.ok) {
          results.push(notEvaluated(ctx, metricLabel, converted.issues.map((i) => i.message).join("; ")));
          continue;
        }
        useLimit = converted.value.limit;
        conversion = conversionLabel(converted.value, organ, source);
      }
      if (useLimit.metric === null || (useLimit.optimal === null && useLimit.mandatory === null)) {
        results.push(notEvaluated(ctx, metricLabel, "the set gives no metric or limit for this row"));
        continue;
      }
      const r = evaluateLimit(ctx, useLimit, dvh, dmax, conversion);
      const roiNote = m.note ? [`ROI ${m.roi}: ${m.note}`] : [];
      results.push(roiNote.length > 0 ? { ...r, warnings: [...r.warnings, ...roiNote] } : r);
    }
  }

  const counts: Record<ConstraintStatus, number> = {
    pass: 0,
    optimal_missed: 0,
    mandatory_failed: 0,
    not_evaluated: 0,
  };
  for (const r of results) counts[r.status] += 1;
  return ok({
    set: { id: set.id, name: set.name, version: set.version, source: set.source },
    fractions,
    dmax: dmaxLabel(dmax),
    rois: mapping.mappings,
    unmappedRois: mapping.unmapped,
    results,
    counts,
    warnings,
  });
}
