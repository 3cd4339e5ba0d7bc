// SABR-COMET eligibility, evaluated at the index date (clinical-reference 2.3).
// Source: Palma DA, et al. Lancet 2019;393:2051–2058 [C]; protocol BMC Cancer 2012;12:305 (Table 1);
// "controlled primary" = treated ≥3 months before, no progression at the primary [K].
import { addCalendarMonths } from "../../dates/calendar.ts";
import type { Patient } from "../../model/patient-schema.ts";
import type { TimePoint } from "../time-points.ts";
import { Criteria, compact, diffuseText, incompleteWarning, lesionsText, noImaging } from "./common.ts";
import type { DefinitionPreset } from "./types.ts";

/** Controlled primary: treated (controlled or resected) ≥3 months before the index, not progressing at the index. */
export function controlledPrimary(
  p: Patient,
  tp: TimePoint,
): { ok: boolean; fact: string; warning?: string } {
  const status = p.primary.status;
  if (status === undefined || status === "unknown") {
    return { ok: false, fact: "primary status not recorded (primary.status)" };
  }
  if (status !== "treated_controlled" && status !== "resected") {
    return { ok: false, fact: `primary status ${status}` };
  }
  const growing = tp.lesions.find(
    (t) =>
      !t.carried &&
      t.lesion.location === "primary" &&
      (t.lesion.status === "new" || t.lesion.status === "progressing"),
  );
  if (growing !== undefined) {
    return {
      ok: false,
      fact: `primary site lesion ${growing.lesion.id} ${growing.lesion.status} on ${growing.date}`,
    };
  }
  const treated = p.primary.definitiveTreatmentDate;
  if (treated === undefined) {
    return {
      ok: true,
      fact: `primary status ${status}`,
      warning:
        "primary.definitiveTreatmentDate not recorded: treatment ≥3 months before the index not checked",
    };
  }
  const limit = addCalendarMonths(tp.date, -3); // [K] treated ≥3 months before
  return treated <= limit
    ? { ok: true, fact: `primary ${status}, treated ${treated} (≥3 months before ${tp.date})` }
    : { ok: false, fact: `primary treated ${treated}, less than 3 months before ${tp.date}` };
}

export const SABR_COMET: DefinitionPreset = {
  id: "sabr-comet",
  name: "SABR-COMET eligibility",
  version: "2019.1",
  source:
    "Palma DA, et al. Lancet 2019;393:2051–2058; protocol Palma DA, et al. BMC Cancer 2012;12:305, Table 1 (clinical-reference 2.3)",
  summary:
    "At the index date: 1–5 metastases, controlled primary (treated ≥3 months before, not progressing), ECOG 0–1, life expectancy ≥6 months, all lesions amenable to SABR",
  evaluatedAt: "index",
  evaluate: (ctx) => {
    const a = ctx.index;
    if (a === undefined) return noImaging(ctx.options.asOf);
    const tp = a.tp;
    const p = ctx.patient;
    const criteria = new Criteria();
    const reasons = criteria.reasons;
    const warnings = compact([incompleteWarning(tp)]);
    criteria.check(
      tp.state.kind !== "diffuse",
      tp.state.kind === "diffuse" ? `diffuse disease (${diffuseText(tp)})` : "no diffuse disease",
    );
    const n = tp.state.countable.length;
    criteria.check(n >= 1 && n <= 5, `${lesionsText(n)} on ${tp.date}, 1–5 required`);
    const cp = controlledPrimary(p, tp);
    criteria.check(cp.ok, `controlled primary: ${cp.fact}`);
    if (cp.warning !== undefined) warnings.push(cp.warning);
    const ecog = p.performanceStatus?.ecog;
    criteria.check(
      ecog !== undefined && ecog <= 1,
      `ECOG 0–1: ${ecog === undefined ? "not recorded (performanceStatus.ecog)" : `ECOG ${ecog}`}`,
    );
    const j = a.judgement;
    const le = j?.lifeExpectancyAtLeast6Months;
    criteria.check(
      le === true,
      `life expectancy ≥6 months: ${le === undefined ? "not recorded (judgements[].lifeExpectancyAtLeast6Months)" : le ? "yes" : "no"}`,
    );
    const st = j?.allSitesSafelyTreatable;
    criteria.check(
      st === true,
      `all lesions amenable to SABR: ${st === undefined ? "not recorded (judgements[].allSitesSafelyTreatable)" : st ? "yes" : "no"}`,
    );
    return { result: criteria.met ? "met" : "not_met", reasons, warnings, at: tp.date };
  },
};
