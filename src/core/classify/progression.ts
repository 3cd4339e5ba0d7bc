// Q5: progression of any metastatic lesion on current imaging (clinical-reference 1.4.7, A8),
// and the trial-style progression pattern (clinical-reference 6.3). assessProgression decides
// (numbers only); lesionFact / progressionReason write the sentences when they are shown.
import type { Lesion } from "../model/patient-schema.ts";
import { isViable, type TimePointLesion } from "./time-points.ts";

export type LesionProgressKind = "new" | "grown" | "reported" | "regrowth" | "none" | "not_imaged";

/** One lesion compared with earlier imaging, as shown in a result. */
export type LesionProgress = {
  readonly lesionId: string;
  readonly organ: string;
  readonly kind: LesionProgressKind;
  readonly progressing: boolean;
  /** short fact, e.g. "B1 bone 12 → 19 mm, +58.3 % and +7 mm" */
  readonly fact: string;
};

/** The comparison as numbers (no text): what assessProgression returns for every lesion. */
export type LesionComparison = {
  readonly lesionId: string;
  readonly organ: string;
  readonly kind: LesionProgressKind;
  readonly progressing: boolean;
  /** measure (mm) on the most recent earlier record and now; nodes by short axis */
  readonly beforeMm: number | undefined;
  readonly nowMm: number | undefined;
  /** status as reported on the current study */
  readonly status: string | undefined;
  /** date of the record compared with (earlier appearance; for not_imaged: last seen) */
  readonly comparedWith: string | undefined;
};

export type ProgressionThresholds = {
  readonly minIncreasePercent: number;
  readonly minIncreaseMm: number;
};

export type ProgressionFinding = {
  readonly progression: boolean;
  readonly lesions: readonly LesionComparison[];
  readonly progressingCount: number;
  readonly clinicianProgression: boolean;
  readonly thresholds: ProgressionThresholds;
  readonly warnings: readonly string[];
};

/** Measure followed for growth: nodes by short axis (RECIST 1.1), other lesions by longest diameter. */
export function lesionMeasureMm(l: Lesion): number | undefined {
  if (l.organ === "distant_lymph_node" || l.location === "regional_node") return l.shortAxisMm ?? l.sizeMm;
  return l.sizeMm;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function progress(
  l: Lesion,
  kind: LesionProgressKind,
  progressing: boolean,
  beforeMm: number | undefined,
  nowMm: number | undefined,
  comparedWith: string | undefined,
): LesionComparison {
  return {
    lesionId: l.id,
    organ: l.organ ?? l.location,
    kind,
    progressing,
    beforeMm,
    nowMm,
    status: l.status,
    comparedWith,
  };
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
  const lesions: LesionComparison[] = [];
  const warnings: string[] = [];
  let count = 0;
  for (const t of countable) {
    const l = t.lesion;
    if (t.carried) {
      lesions.push(progress(l, "not_imaged", false, undefined, undefined, t.date));
      continue;
    }
    const prev = lastSeen.get(l.id);
    if (prev === undefined) {
      if (l.status === "stable" || l.status === "responding") {
        warnings.push(
          `lesion ${l.id} is reported "${l.status}" but is not recorded on any earlier imaging: counted as new (1.4.7); record it on the earlier study if it was seen there`,
        );
      }
      lesions.push(progress(l, "new", true, undefined, lesionMeasureMm(l), undefined));
      count++;
      continue;
    }
    const before = lesionMeasureMm(prev.lesion);
    const now = lesionMeasureMm(l);
    if (l.status === "new" || l.status === "progressing") {
      lesions.push(progress(l, "reported", true, before, now, prev.date));
      count++;
      continue;
    }
    if (!isViable(prev.lesion)) {
      lesions.push(progress(l, "regrowth", true, before, now, prev.date));
      count++;
      continue;
    }
    if (before !== undefined && now !== undefined) {
      const incMm = now - before;
      const incPct = before > 0 ? (100 * incMm) / before : Number.POSITIVE_INFINITY;
      if (incMm >= thresholds.minIncreaseMm && incPct >= thresholds.minIncreasePercent) {
        if (l.status === "stable" || l.status === "responding") {
          warnings.push(
            `lesion ${l.id} is reported "${l.status}" but grew ${before} → ${now} mm: counted as progressing (1.4.7)`,
          );
        }
        lesions.push(progress(l, "grown", true, before, now, prev.date));
        count++;
        continue;
      }
    }
    lesions.push(progress(l, "none", false, before, now, prev.date));
  }
  return {
    progression: count > 0 || clinicianProgression,
    lesions,
    progressingCount: count,
    clinicianProgression,
    thresholds,
    warnings,
  };
}

/** One lesion's comparison as text, e.g. "B1 bone 12 → 19 mm, +58.3 % and +7 mm". */
export function lesionFact(x: LesionComparison): string {
  const name = `${x.lesionId} ${x.organ}`;
  const sizes =
    x.beforeMm !== undefined && x.nowMm !== undefined ? `${x.beforeMm} → ${x.nowMm} mm` : undefined;
  switch (x.kind) {
    case "not_imaged":
      return `${name} not imaged (last seen ${x.comparedWith ?? ""})`;
    case "new":
      return `${name} new`;
    case "reported":
      return `${name} reported ${x.status ?? "progressing"}${sizes !== undefined ? ` (${sizes})` : ""}`;
    case "regrowth":
      return `${name} viable again after ablation (ablated on ${x.comparedWith ?? ""})`;
    case "grown": {
      const b = x.beforeMm ?? 0;
      const n = x.nowMm ?? 0;
      const pct = b > 0 ? (100 * (n - b)) / b : Number.POSITIVE_INFINITY;
      return `${name} ${sizes ?? ""}, +${round1(pct)} % and +${round1(n - b)} mm`;
    }
    case "none":
      return sizes !== undefined ? `${name} ${sizes}` : `${name} ${x.status ?? "present"}`;
  }
}

/** The comparison as shown in a result (the fact as text). */
export function lesionProgress(x: LesionComparison): LesionProgress {
  return {
    lesionId: x.lesionId,
    organ: x.organ,
    kind: x.kind,
    progressing: x.progressing,
    fact: lesionFact(x),
  };
}

/** The fact that answered Q5, as one line (without "yes"/"no"). */
export function progressionReason(f: ProgressionFinding): string {
  const progressing = f.lesions.filter((x) => x.progressing);
  if (progressing.length > 0) {
    const rule = `≥${f.thresholds.minIncreasePercent} % and ≥${f.thresholds.minIncreaseMm} mm`;
    let reason = `${progressing.map(lesionFact).join("; ")}; lesion rule 1.4.7: new, or growth ${rule}`;
    if (f.clinicianProgression) reason += "; clinician records unequivocal progression";
    return reason;
  }
  if (f.clinicianProgression) return "clinician records unequivocal progression";
  return `no new or growing metastasis: ${f.lesions.map(lesionFact).join("; ")}`;
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
