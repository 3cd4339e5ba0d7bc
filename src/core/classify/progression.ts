// Q5: progression of any metastatic lesion on current imaging (clinical-reference 1.4.7, A8),
// and the trial-style progression pattern (clinical-reference 6.3).
import type { Lesion } from "../model/patient-schema.ts";
import { isViable, type TimePointLesion } from "./time-points.ts";

export type LesionProgressKind = "new" | "grown" | "reported" | "regrowth" | "none" | "not_imaged";

export type LesionProgress = {
  readonly lesionId: string;
  readonly organ: string;
  readonly kind: LesionProgressKind;
  readonly progressing: boolean;
  /** short fact, e.g. "B1 bone 12 → 19 mm (+58 %, +7 mm)" */
  readonly fact: string;
};

export type ProgressionThresholds = {
  readonly minIncreasePercent: number;
  readonly minIncreaseMm: number;
};

export type ProgressionFinding = {
  readonly progression: boolean;
  readonly lesions: readonly LesionProgress[];
  readonly progressingCount: number;
  readonly clinicianProgression: boolean;
  /** one-line reason for the path, without "yes"/"no" */
  readonly reason: string;
  readonly warnings: readonly string[];
};

/** Measure followed for growth: nodes by short axis (RECIST 1.1), other lesions by longest diameter. */
export function lesionMeasureMm(l: Lesion): number | undefined {
  if (l.organ === "distant_lymph_node" || l.location === "regional_node") return l.shortAxisMm ?? l.sizeMm;
  return l.sizeMm;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function lesionName(l: Lesion): string {
  return `${l.id} ${l.organ ?? l.location}`;
}

/**
 * Compares each countable lesion at the index time point with its most recent earlier record
 * (`lastSeen`, by lesion id): new (no earlier record), reported new/progressing, regrowth after
 * ablation, or growth ≥ minIncreasePercent and ≥ minIncreaseMm. A clinician's record of
 * unequivocal progression also counts.
 */
export function assessProgression(
  countable: readonly TimePointLesion[],
  lastSeen: ReadonlyMap<string, TimePointLesion>,
  thresholds: ProgressionThresholds,
  clinicianProgression: boolean,
): ProgressionFinding {
  const lesions: LesionProgress[] = [];
  const warnings: string[] = [];
  let count = 0;
  for (const t of countable) {
    const l = t.lesion;
    const name = lesionName(l);
    const organ = l.organ ?? l.location;
    const push = (kind: LesionProgressKind, progressing: boolean, fact: string) => {
      lesions.push({ lesionId: l.id, organ, kind, progressing, fact });
      if (progressing) count++;
    };
    if (t.carried) {
      push("not_imaged", false, `${name} not imaged (last seen ${t.date})`);
      continue;
    }
    const prev = lastSeen.get(l.id);
    if (prev === undefined) {
      if (l.status === "stable" || l.status === "responding") {
        warnings.push(
          `lesion ${l.id} is reported "${l.status}" but is not recorded on any earlier imaging: counted as new (1.4.7); record it on the earlier study if it was seen there`,
        );
      }
      push("new", true, `${name} new`);
      continue;
    }
    if (l.status === "new" || l.status === "progressing") {
      const b = lesionMeasureMm(prev.lesion);
      const a = lesionMeasureMm(l);
      push("reported", true, `${name} reported ${l.status}${b !== undefined && a !== undefined ? ` (${b} → ${a} mm)` : ""}`);
      continue;
    }
    if (!isViable(prev.lesion)) {
      push("regrowth", true, `${name} viable again after ablation (ablated on ${prev.date})`);
      continue;
    }
    const before = lesionMeasureMm(prev.lesion);
    const now = lesionMeasureMm(l);
    if (before !== undefined && now !== undefined) {
      const incMm = now - before;
      const incPct = before > 0 ? (100 * incMm) / before : Number.POSITIVE_INFINITY;
      if (incMm >= thresholds.minIncreaseMm && incPct >= thresholds.minIncreasePercent) {
        if (l.status === "stable" || l.status === "responding") {
          warnings.push(
            `lesion ${l.id} is reported "${l.status}" but grew ${before} → ${now} mm: counted as progressing (1.4.7)`,
          );
        }
        push("grown", true, `${name} ${before} → ${now} mm, +${round1(incPct)} % and +${round1(incMm)} mm`);
        continue;
      }
      push("none", false, `${name} ${before} → ${now} mm`);
      continue;
    }
    push("none", false, `${name} ${l.status ?? "present"}`);
  }
  const progressing = lesions.filter((x) => x.progressing);
  const progression = progressing.length > 0 || clinicianProgression;
  let reason: string;
  if (progressing.length > 0) {
    const rule = `≥${thresholds.minIncreasePercent} % and ≥${thresholds.minIncreaseMm} mm`;
    reason = `${progressing.map((x) => x.fact).join("; ")}; lesion rule 1.4.7: new, or growth ${rule}`;
    if (clinicianProgression) reason += "; clinician records unequivocal progression";
  } else if (clinicianProgression) {
    reason = "clinician records unequivocal progression";
  } else {
    reason = `no new or growing metastasis: ${lesions.map((x) => x.fact).join("; ")}`;
  }
  return { progression, lesions, progressingCount: count, clinicianProgression, reason, warnings };
}

export type ProgressionPattern = "none" | "oligoprogression" | "polyprogression" | "not_applicable";

/** 6.3: pattern of progressing lesions, only on active systemic therapy with prior imaging. */
export function progressionPattern(
  progressingCount: number,
  systemicActive: boolean,
  priorImaging: boolean,
  maxLesions: number,
): ProgressionPattern {
  if (!systemicActive || !priorImaging) return "not_applicable";
  if (progressingCount === 0) return "none";
  return progressingCount <= maxLesions ? "oligoprogression" : "polyprogression";
}
