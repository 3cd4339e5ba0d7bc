// Checked LQ calculations (clinical-reference §3.1): BED, EQD2 and EQDx of a schedule, and the
// iso-effective schedule in m fractions for a given BED or a given schedule. Every input issue is
// returned with its field path; results keep full precision (adapters round for display).
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import { type AlphaBetaChoice, type AlphaBetaInput, resolveAlphaBeta } from "./alpha-beta.ts";
import {
  checkFractions,
  checkPositive,
  type Fractionation,
  type FractionationInput,
  parseFractionation,
} from "./fractionation.ts";
import { bedGy, eqd2Gy, eqdxFromBedGy, isoeffectiveDosePerFractionGy } from "./lq.ts";

/** BED and EQD2 of one schedule for one α/β. */
export type LqDoses = {
  readonly fractionation: Fractionation;
  readonly alphaBeta: AlphaBetaChoice;
  readonly bedGy: number;
  readonly eqd2Gy: number;
};

/** BED and EQD2 of a schedule (total dose or dose per fraction, fractions) with α/β or a tissue key. */
export function computeLqDoses(input: FractionationInput & AlphaBetaInput): Result<LqDoses> {
  const schedule = parseFractionation(input);
  const alphaBeta = resolveAlphaBeta(input);
  const issues = [...(schedule.ok ? [] : schedule.issues), ...(alphaBeta.ok ? [] : alphaBeta.issues)];
  if (!schedule.ok || !alphaBeta.ok) return fail(issues);
  const { totalDoseGy, fractions } = schedule.value;
  const ab = alphaBeta.value.alphaBetaGy;
  return ok({
    fractionation: schedule.value,
    alphaBeta: alphaBeta.value,
    bedGy: bedGy(totalDoseGy, fractions, ab),
    eqd2Gy: eqd2Gy(totalDoseGy, fractions, ab),
  });
}

/** Total dose in fractions of x Gy with the same BED; `fractions` = EQDx / x (usually not whole). */
export type EqdxDose = {
  readonly referenceDosePerFractionGy: number;
  readonly totalDoseGy: number;
  readonly fractions: number;
};

export type IsoeffectiveInput = AlphaBetaInput & {
  /** the BED (Gy, for this α/β) to match, or … */
  readonly bedGy?: number | undefined;
  /** … a schedule whose BED is matched */
  readonly from?: FractionationInput | undefined;
  /** numbers of fractions m for the iso-effective schedules */
  readonly toFractions?: readonly number[] | undefined;
  /** doses per fraction x (Gy) for EQDx */
  readonly eqdxDosesPerFractionGy?: readonly number[] | undefined;
};

export type IsoeffectiveConversion = {
  readonly alphaBeta: AlphaBetaChoice;
  /** the schedule converted from, when one was given */
  readonly from?: Fractionation;
  readonly bedGy: number;
  readonly eqd2Gy: number;
  /** iso-effective schedules, one per requested number of fractions, in the order asked */
  readonly schedules: readonly Fractionation[];
  readonly eqdx: readonly EqdxDose[];
};

/** The iso-effective schedule in `fractions` fractions for a BED (unchecked inputs). */
export function isoeffectiveSchedule(bed: number, fractions: number, alphaBetaGy: number): Fractionation {
  const d = isoeffectiveDosePerFractionGy(bed, fractions, alphaBetaGy);
  return { totalDoseGy: fractions * d, dosePerFractionGy: d, fractions };
}

/**
 * Iso-effective conversion (clinical-reference §3.1): from a BED or from a schedule, the schedules
 * in m fractions with the same BED (d_m = (α/β)/2·(−1 + sqrt(1 + 4·BED/(m·α/β)))) and EQDx doses.
 */
export function convertIsoeffective(input: IsoeffectiveInput): Result<IsoeffectiveConversion> {
  const issues: Issue[] = [];
  const alphaBeta = resolveAlphaBeta(input);
  if (!alphaBeta.ok) issues.push(...alphaBeta.issues);

  let from: Fractionation | undefined;
  let targetBed: number | undefined;
  if (input.bedGy !== undefined && input.from !== undefined) {
    issues.push(
      issue("conflicting_fields", "bedGy", "give either a BED or a schedule to convert from, not both"),
    );
  } else if (input.from !== undefined) {
    const parsed = parseFractionation(input.from, "from.");
    if (parsed.ok) from = parsed.value;
    else issues.push(...parsed.issues);
  } else if (input.bedGy !== undefined) {
    targetBed = checkPositive(input.bedGy, "bedGy", "the BED (Gy)", issues);
  } else {
    issues.push(issue("required", "bedGy", "give a BED (Gy) or a schedule to convert from"));
  }

  const toFractions: number[] = [];
  (input.toFractions ?? []).forEach((m, i) => {
    const checked = checkFractions(m, `toFractions[${i}]`, issues);
    if (checked !== undefined) toFractions.push(checked);
  });
  const eqdxDoses: number[] = [];
  (input.eqdxDosesPerFractionGy ?? []).forEach((x, i) => {
    const checked = checkPositive(
      x,
      `eqdxDosesPerFractionGy[${i}]`,
      "the reference dose per fraction (Gy)",
      issues,
    );
    if (checked !== undefined) eqdxDoses.push(checked);
  });

  if (issues.length > 0 || !alphaBeta.ok) return fail(issues);
  const ab = alphaBeta.value.alphaBetaGy;
  const bed = from !== undefined ? bedGy(from.totalDoseGy, from.fractions, ab) : (targetBed as number);
  return ok({
    alphaBeta: alphaBeta.value,
    ...(from !== undefined ? { from } : {}),
    bedGy: bed,
    eqd2Gy: eqdxFromBedGy(bed, ab, 2),
    schedules: toFractions.map((m) => isoeffectiveSchedule(bed, m, ab)),
    eqdx: eqdxDoses.map((x) => {
      const total = eqdxFromBedGy(bed, ab, x);
      return { referenceDosePerFractionGy: x, totalDoseGy: total, fractions: total / x };
    }),
  });
}
