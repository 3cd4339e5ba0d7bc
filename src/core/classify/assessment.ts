// Derives, at every imaging time point, the five facts of the ESTRO/EORTC tree (clinical-reference
// 1.4.1–1.4.7) and decides the code: one pass over the time points in date order, numbers only.
// explainAssessment writes the path of reasons and warnings for the time points that are shown
// (the index and the first OMD diagnosis), so a long history costs no strings.
import { addCalendarMonths, daysBetween, wholeMonthsBetween } from "../dates/calendar.ts";
import type { Judgement, Patient } from "../model/patient-schema.ts";
import { DIFFUSE_FINDING_LABELS, MODALITY_LABELS } from "../model/vocabularies.ts";
import { ESTRO_EORTC_LABELS, type EstroEortcCode } from "./codes.ts";
import { decideEstroEortc, estroEortcTree, type Fact, type TreeFacts } from "./estro-eortc-tree.ts";
import { type GateDefinition, gateShortText } from "./gates.ts";
import type { ResolvedOptions } from "./options.ts";
import {
  assessProgression,
  type LesionProgress,
  lesionProgress,
  type ProgressionFinding,
  type ProgressionPattern,
  progressionPattern,
  progressionReason,
} from "./progression.ts";
import { type SystemicActivity, systemicActivityAt, systemicReason } from "./systemic-activity.ts";
import type { TimePoint, TimePointLesion } from "./time-points.ts";

export type EstroEortcResult = {
  readonly code: EstroEortcCode;
  readonly label: string;
  /** one line per question with the fact that answered it */
  readonly path: readonly string[];
  readonly gate: {
    readonly id: string;
    readonly label: string;
    readonly maxLesions: number;
    readonly maxOrgans?: number;
  };
  /** index date = latest study of the work-up (1.4.1); null when there is no imaging */
  readonly indexDate: string | null;
  readonly workupStartDate: string | null;
  readonly studyIds: readonly string[];
  readonly inputsUsed: {
    readonly historyOfPolymetastaticDisease: boolean | null;
    readonly historyOfOmd: boolean | null;
    readonly primaryDiagnosisDate: string | null;
    readonly indexDate: string | null;
    readonly synchronous: boolean | null;
    readonly systemicTherapyActiveAtIndex: boolean | null;
    readonly progressionOnCurrentImaging: boolean | null;
    readonly lesionCount: number;
    readonly organCount: number;
    readonly organs: readonly string[];
    readonly diffuseFindings: readonly string[];
    readonly activeSystemicTherapies: readonly string[];
  };
  /** per-lesion comparison with earlier imaging (1.4.7), with the fact as text */
  readonly lesions: readonly LesionProgress[];
  /** trial-style progression pattern (clinical-reference 6.3) */
  readonly progressionPattern: {
    readonly pattern: ProgressionPattern;
    readonly progressingLesions: number;
    readonly maxLesions: number;
  };
  readonly warnings: readonly string[];
  readonly missing?: readonly string[];
};

/** Everything derived at one time point; definitions and factors read from it. */
export type TimePointAssessment = {
  readonly tp: TimePoint;
  readonly judgement: Judgement | undefined;
  readonly systemic: SystemicActivity;
  readonly progression: ProgressionFinding;
  /** an earlier time point exists */
  readonly priorImaging: boolean;
  /** number of earlier oligometastatic time points (factor 9) */
  readonly earlierOmdTimePoints: number;
  readonly historyOfPolymetastaticDisease: boolean;
  readonly historyOfOmd: boolean;
  readonly synchronous: boolean | null;
  readonly code: EstroEortcCode;
  /** history context for the reasons of Q1/Q2 */
  readonly firstPolyBefore: TimePoint | undefined;
  readonly firstOmdBefore: TimePoint | undefined;
  readonly maxEarlierCount: number;
  readonly earlierMetastatic: boolean;
};

export function gateOutput(g: GateDefinition): EstroEortcResult["gate"] {
  return g.maxOrgans === undefined
    ? { id: g.id, label: g.label, maxLesions: g.maxLesions }
    : { id: g.id, label: g.label, maxLesions: g.maxLesions, maxOrgans: g.maxOrgans };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function gateLine(tp: TimePoint, gate: GateDefinition): string {
  const s = tp.state;
  const head = `Gate (${gateShortText(gate)}, no diffuse disease) on ${tp.date}`;
  const organs = s.organs.length > 0 ? ` (${s.organs.join(", ")})` : "";
  const lesions = `${plural(s.countable.length, "distant metastasis", "distant metastases")} in ${plural(s.organs.length, "organ", "organs")}${organs}`;
  switch (s.kind) {
    case "diffuse":
      return `${head}: diffuse disease (${s.diffuseFindings.map((d) => DIFFUSE_FINDING_LABELS[d]).join(", ")}): not OMD`;
    case "no_distant": {
      const other = tp.lesions.filter((t) => t.lesion.location !== "distant").length;
      const ablated = tp.lesions.filter((t) => t.lesion.location === "distant").length;
      const notes: string[] = [];
      if (other > 0)
        notes.push(
          `${plural(other, "primary/regional-node lesion", "primary/regional-node lesions")} not counted`,
        );
      if (ablated > 0)
        notes.push(
          `${plural(ablated, "ablated lesion", "ablated lesions")} without viable tumour not counted (A9)`,
        );
      return `${head}: no viable distant metastasis${notes.length > 0 ? ` (${notes.join("; ")})` : ""}: not OMD`;
    }
    case "polymetastatic": {
      const over =
        s.countable.length > gate.maxLesions
          ? `${s.countable.length} > ${gate.maxLesions}`
          : `${s.organs.length} organs > ${gate.maxOrgans ?? ""}`;
      return `${head}: ${lesions}, ${over}: polymetastatic, not OMD`;
    }
    case "oligometastatic":
      return `${head}: ${lesions}: OMD`;
  }
}

function describeState(tp: TimePoint): string {
  const s = tp.state;
  if (s.kind === "diffuse")
    return `diffuse disease on ${tp.date} (${s.diffuseFindings.map((d) => DIFFUSE_FINDING_LABELS[d]).join(", ")})`;
  return `${plural(s.countable.length, "distant metastasis", "distant metastases")} on ${tp.date}`;
}

function intervalFact(p: Patient, indexDate: string): TreeFacts["interval"] {
  if (p.primary.site === "unknown_primary") {
    return {
      missing: ["primary.diagnosisDate"],
      reason: "cancer of unknown primary: no primary diagnosis to measure from (1.4.2)",
    };
  }
  const dx = p.primary.diagnosisDate;
  if (dx === undefined)
    return { missing: ["primary.diagnosisDate"], reason: "primary.diagnosisDate is missing" };
  const limit = addCalendarMonths(dx, 6); // 1.4.3: calendar months, inclusive, clamped
  const days = daysBetween(dx, indexDate);
  const synchronous = indexDate <= limit;
  const span =
    days < 0
      ? `OMD imaging ${indexDate} is ${-days} days before the primary diagnosis ${dx}`
      : `primary diagnosis ${dx}, OMD diagnosis ${indexDate}: ${days} days = ${wholeMonthsBetween(dx, indexDate)} whole months`;
  return { value: synchronous, reason: `${span}; 6-month limit ${limit}` };
}

/** Judgement recorded for a time point: the latest one dated from its first study to the next work-up. */
function judgementFor(
  judgements: readonly Judgement[],
  tp: TimePoint,
  next: TimePoint | undefined,
  asOf: string,
): Judgement | undefined {
  let best: Judgement | undefined;
  for (const j of judgements) {
    if (j.date < tp.startDate || j.date > asOf) continue;
    if (next !== undefined && j.date >= next.startDate) continue;
    if (best === undefined || j.date >= best.date) best = j;
  }
  return best;
}

function studySummary(tp: TimePoint): string {
  return tp.studies
    .map(
      (s) =>
        `${MODALITY_LABELS[s.modality]}${s.region !== undefined && s.region !== "whole_body" ? ` ${s.region}` : ""} ${s.date}`,
    )
    .join(", ");
}

/** Assesses every time point in date order (cheap: no reason strings). */
export function assessTimePoints(
  p: Patient,
  timePoints: readonly TimePoint[],
  o: ResolvedOptions,
): TimePointAssessment[] {
  const out: TimePointAssessment[] = [];
  const lastSeen = new Map<string, TimePointLesion>();
  let firstPoly: TimePoint | undefined;
  let firstOmd: TimePoint | undefined;
  let omdCount = 0;
  let maxEarlierCount = 0;
  let earlierMetastatic = false;
  const thresholds = {
    minIncreasePercent: o.progressionMinIncreasePercent,
    minIncreaseMm: o.progressionMinIncreaseMm,
  };
  // 1.4.3: the 6-month limit depends on the primary only; null when Q3 cannot be answered (1.4.2)
  const dx = p.primary.diagnosisDate;
  const limit =
    p.primary.site === "unknown_primary" || dx === undefined ? undefined : addCalendarMonths(dx, 6);
  for (let k = 0; k < timePoints.length; k++) {
    const tp = timePoints[k] as TimePoint;
    const judgement = judgementFor(p.judgements, tp, timePoints[k + 1], o.asOf);
    const systemic = systemicActivityAt(p.systemicTherapies, tp.startDate, tp.date, o.systemicWindowDays);
    const progression = assessProgression(
      tp.state.countable,
      lastSeen,
      thresholds,
      judgement?.clinicianProgression === true,
    );
    const synchronous = limit === undefined ? null : tp.date <= limit;
    // 1.4.4 decision-point reading: earlier time points only; Q1 is asked first (A6: same gate)
    const decision = decideEstroEortc({
      state: tp.state.kind,
      historyOfPolymetastaticDisease: firstPoly !== undefined,
      historyOfOmd: firstOmd !== undefined,
      synchronous,
      systemicTherapyActive: systemic.active,
      progression: progression.progression,
    });
    out.push({
      tp,
      judgement,
      systemic,
      progression,
      priorImaging: k > 0,
      earlierOmdTimePoints: omdCount,
      historyOfPolymetastaticDisease: firstPoly !== undefined,
      historyOfOmd: firstOmd !== undefined,
      synchronous,
      code: decision.code,
      firstPolyBefore: firstPoly,
      firstOmdBefore: firstOmd,
      maxEarlierCount,
      earlierMetastatic,
    });

    // update history and lesion memory for the following time points
    const kind = tp.state.kind;
    if ((kind === "polymetastatic" || kind === "diffuse") && firstPoly === undefined) firstPoly = tp;
    if (kind === "oligometastatic") {
      if (firstOmd === undefined) firstOmd = tp;
      omdCount++;
    }
    if (kind !== "no_distant") earlierMetastatic = true;
    if (tp.state.countable.length > maxEarlierCount) maxEarlierCount = tp.state.countable.length;
    for (const t of tp.lesions) if (!t.carried) lastSeen.set(t.lesion.id, t);
  }
  return out;
}

/** The full result at one assessed time point: path of reasons, inputs, lesions, warnings. */
export function explainAssessment(p: Patient, a: TimePointAssessment, o: ResolvedOptions): EstroEortcResult {
  const { tp, systemic, progression } = a;
  const gate = o.gate;
  const first = !a.priorImaging;
  const before = `before ${tp.startDate}`;
  const firstPoly = a.firstPolyBefore;
  const firstOmd = a.firstOmdBefore;
  const q1: Fact<boolean> =
    firstPoly !== undefined
      ? {
          value: true,
          reason: `${describeState(firstPoly)}${firstPoly.state.kind === "polymetastatic" ? ` > ${gateShortText(gate)}` : ""}`,
        }
      : {
          value: false,
          reason: first
            ? "no earlier imaging"
            : `max ${plural(a.maxEarlierCount, "distant metastasis", "distant metastases")} at earlier time points ${before}, within ${gateShortText(gate)}`,
        };
  const q2: Fact<boolean> =
    firstOmd !== undefined
      ? {
          value: true,
          reason: `oligometastatic on ${firstOmd.date} with ${plural(firstOmd.state.countable.length, "distant metastasis", "distant metastases")}${a.earlierOmdTimePoints > 1 ? `; ${a.earlierOmdTimePoints} earlier OMD time points` : ""}`,
        }
      : {
          value: false,
          reason: first
            ? "no earlier imaging"
            : a.earlierMetastatic
              ? `no earlier oligometastatic time point ${before}`
              : `no distant metastases documented ${before}`,
        };
  const treeFacts: TreeFacts = {
    state: tp.state.kind,
    gateLine: gateLine(tp, gate),
    historyOfPolymetastaticDisease: q1,
    historyOfOmd: q2,
    interval: intervalFact(p, tp.date),
    systemicTherapyActive: { value: systemic.active, reason: systemicReason(systemic) },
    progression: {
      value: progression.progression,
      reason:
        first && progression.progression
          ? "no earlier imaging of metastases: all lesions new (1.4.7)"
          : progressionReason(progression),
    },
  };
  const outcome = estroEortcTree(treeFacts);
  // detail "compact": the path of reasons only (its output carries neither lesions nor warnings)
  const full = o.detail === "full";
  const warnings: string[] = [];
  if (full) {
    warnings.push(...systemic.warnings, ...progression.warnings);
    if (!tp.complete) {
      const carried =
        tp.carriedFrom !== undefined ? `; lesions elsewhere carried forward from ${tp.carriedFrom}` : "";
      warnings.push(`the work-up of ${tp.date} covers single regions only (${studySummary(tp)})${carried}`);
    }
    if (tp.state.organs.includes("adrenal")) {
      warnings.push("both adrenal glands count as one organ (assumption, clinical-reference 2.5)");
    }
    for (const t of tp.state.countable) {
      if (t.lesion.viable !== undefined || t.carried) continue;
      const treated = p.localTherapies.find(
        (lt) => lt.start < tp.startDate && lt.targetLesionIds.includes(t.lesion.id),
      );
      if (treated !== undefined) {
        warnings.push(
          `lesion ${t.lesion.id} was treated (${treated.type} ${treated.start}) and is counted as viable on ${t.date}; set viable false if only post-treatment change remains (A9)`,
        );
      }
    }
  }
  const pattern = progressionPattern(
    progression.progressingCount,
    systemic.active,
    a.priorImaging,
    o.oligoprogressionMaxLesions,
  );
  return {
    code: outcome.code,
    label: ESTRO_EORTC_LABELS[outcome.code],
    path: outcome.path,
    gate: gateOutput(gate),
    indexDate: tp.date,
    workupStartDate: tp.startDate,
    studyIds: tp.studies.map((s) => s.id),
    inputsUsed: {
      historyOfPolymetastaticDisease: q1.value,
      historyOfOmd: q2.value,
      primaryDiagnosisDate: p.primary.diagnosisDate ?? null,
      indexDate: tp.date,
      synchronous: a.synchronous,
      systemicTherapyActiveAtIndex: systemic.active,
      progressionOnCurrentImaging: progression.progression,
      lesionCount: tp.state.countable.length,
      organCount: tp.state.organs.length,
      organs: tp.state.organs,
      diffuseFindings: tp.state.diffuseFindings,
      activeSystemicTherapies: systemic.activeCourses.map((c) => c.therapy.agent),
    },
    lesions: full ? progression.lesions.map(lesionProgress) : [],
    progressionPattern: {
      pattern,
      progressingLesions: progression.progressingCount,
      maxLesions: o.oligoprogressionMaxLesions,
    },
    warnings,
    ...(outcome.missing !== undefined ? { missing: outcome.missing } : {}),
  };
}

/** Result when there is nothing to classify (no imaging up to asOf, or no work-up at the chosen index date). */
export function insufficientResult(
  o: ResolvedOptions,
  pathLine: string,
  missing: readonly string[],
  warnings: readonly string[],
): EstroEortcResult {
  const gate = o.gate;
  return {
    code: "INSUFFICIENT_DATA",
    label: ESTRO_EORTC_LABELS.INSUFFICIENT_DATA,
    path: [pathLine],
    gate: gateOutput(gate),
    indexDate: null,
    workupStartDate: null,
    studyIds: [],
    inputsUsed: {
      historyOfPolymetastaticDisease: null,
      historyOfOmd: null,
      primaryDiagnosisDate: null,
      indexDate: null,
      synchronous: null,
      systemicTherapyActiveAtIndex: null,
      progressionOnCurrentImaging: null,
      lesionCount: 0,
      organCount: 0,
      organs: [],
      diffuseFindings: [],
      activeSystemicTherapies: [],
    },
    lesions: [],
    progressionPattern: {
      pattern: "not_applicable",
      progressingLesions: 0,
      maxLesions: o.oligoprogressionMaxLesions,
    },
    warnings,
    missing,
  };
}
