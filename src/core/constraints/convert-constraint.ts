// LQ conversion of a constraint to another number of fractions (clinical-reference §3.1, §4.4):
// never implicit; used only when the user asks for it, and always labelled with the α/β used.
// Each Gy quantity of the limit (the dose limit of D metrics and critical volumes, the dose x of a
// V{x}Gy metric) is replaced by the total dose in n fractions with the same BED:
//   BED = L·(1 + (L/m)/(α/β)),  L_n = n·d_n with d_n = iso-effective dose per fraction (lq.ts).
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import { checkFractions, checkPositive } from "../radiobiology/fractionation.ts";
import { bedGy, eqd2Gy, isoeffectiveDosePerFractionGy } from "../radiobiology/lq.ts";
import type { Constraint, ConstraintLimit } from "./constraint-set.ts";
import type { ConstraintMetric } from "./metric.ts";

/** One Gy quantity before and after conversion, with its BED and EQD2 (for the label and the report). */
export type ConvertedDose = {
  readonly fromGy: number;
  readonly toGy: number;
  readonly bedGy: number;
  readonly eqd2Gy: number;
};

export type ConvertedLimit = {
  readonly fromFractions: number;
  readonly toFractions: number;
  readonly alphaBetaGy: number;
  /** the converted limit, usable like a limit of the set */
  readonly limit: ConstraintLimit;
  readonly original: ConstraintLimit;
  readonly optimal?: ConvertedDose;
  readonly mandatory?: ConvertedDose;
  /** dose x of a converted V{x}Gy metric */
  readonly metricDose?: ConvertedDose;
};

/** Total dose in n fractions with the BED of `doseGy` given in m fractions. */
export function isoeffectiveTotalDoseGy(
  doseGy: number,
  fromFractions: number,
  toFractions: number,
  alphaBetaGy: number,
): number {
  const bed = bedGy(doseGy, fromFractions, alphaBetaGy);
  return toFractions * isoeffectiveDosePerFractionGy(bed, toFractions, alphaBetaGy);
}

function convertDose(doseGy: number, m: number, n: number, ab: number): ConvertedDose {
  return {
    fromGy: doseGy,
    toGy: isoeffectiveTotalDoseGy(doseGy, m, n, ab),
    bedGy: bedGy(doseGy, m, ab),
    eqd2Gy: eqd2Gy(doseGy, m, ab),
  };
}

/** Converts a complete limit (metric and levels present) of m fractions to n fractions. Unchecked inputs. */
export function convertConstraintLimit(
  limit: ConstraintLimit,
  toFractions: number,
  alphaBetaGy: number,
): ConvertedLimit {
  const m = limit.fractions;
  const n = toFractions;
  const ab = alphaBetaGy;
  let metric: ConstraintMetric | null = limit.metric;
  let metricDose: ConvertedDose | undefined;
  let optimal: ConvertedDose | undefined;
  let mandatory: ConvertedDose | undefined;
  const volumeMetric = metric?.kind === "volume_cc_at_dose" || metric?.kind === "volume_percent_at_dose";
  if (metric !== null && (metric.kind === "volume_cc_at_dose" || metric.kind === "volume_percent_at_dose")) {
    // the volume limit stays; the dose x moves
    metricDose = convertDose(metric.doseGy, m, n, ab);
    metric = { ...metric, doseGy: metricDose.toGy };
  } else {
    if (limit.optimal !== null) optimal = convertDose(limit.optimal, m, n, ab);
    if (limit.mandatory !== null) mandatory = convertDose(limit.mandatory, m, n, ab);
  }
  return {
    fromFractions: m,
    toFractions: n,
    alphaBetaGy: ab,
    original: limit,
    limit: {
      ...limit,
      fractions: n,
      metric,
      optimal: volumeMetric ? limit.optimal : (optimal?.toGy ?? null),
      mandatory: volumeMetric ? limit.mandatory : (mandatory?.toGy ?? null),
    },
    ...(optimal !== undefined ? { optimal } : {}),
    ...(mandatory !== undefined ? { mandatory } : {}),
    ...(metricDose !== undefined ? { metricDose } : {}),
  };
}

/** The Gy value that decides how strict a converted limit is (lower is stricter). */
function strictness(c: ConvertedLimit): number {
  if (c.metricDose !== undefined) return c.metricDose.toGy;
  return c.limit.mandatory ?? c.limit.optimal ?? Number.POSITIVE_INFINITY;
}

/**
 * Chooses the source fraction count and converts a constraint to n fractions. With `fromFractions`
 * that count is used (it must exist in the row); otherwise the nearest count of the row, and on a
 * tie (e.g. 4 between 3 and 5) the one giving the stricter converted limit.
 */
export function convertConstraint(
  constraint: Constraint,
  toFractions: number,
  alphaBetaGy: number,
  fromFractions?: number,
): Result<ConvertedLimit> {
  const issues: Issue[] = [];
  const n = checkFractions(toFractions, "toFractions", issues);
  const ab = checkPositive(alphaBetaGy, "alphaBetaGy", "α/β (Gy)", issues);
  if (fromFractions !== undefined) checkFractions(fromFractions, "fromFractions", issues);
  if (n === undefined || ab === undefined || issues.length > 0) return fail(issues);
  const complete = constraint.limits.filter(
    (l) => l.metric !== null && (l.optimal !== null || l.mandatory !== null),
  );
  if (fromFractions !== undefined) {
    const source = complete.find((l) => l.fractions === fromFractions);
    if (source === undefined) {
      return fail([
        issue(
          "no_constraint_for_fractions",
          "fromFractions",
          `${constraint.id} has no limit for ${fromFractions} fractions to convert from (it has ${complete.map((l) => l.fractions).join(", ") || "none"})`,
        ),
      ]);
    }
    return ok(convertConstraintLimit(source, n, ab));
  }
  if (complete.length === 0) {
    return fail([
      issue(
        "no_constraint_for_fractions",
        "fromFractions",
        `${constraint.id} has no complete limit to convert`,
      ),
    ]);
  }
  const distance = Math.min(...complete.map((l) => Math.abs(l.fractions - n)));
  const candidates = complete
    .filter((l) => Math.abs(l.fractions - n) === distance)
    .map((l) => convertConstraintLimit(l, n, ab));
  candidates.sort((a, b) => strictness(a) - strictness(b));
  return ok(candidates[0] as ConvertedLimit);
}
