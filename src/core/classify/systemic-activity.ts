// Q4: is anticancer systemic therapy active at the index date? (clinical-reference 1.4.5, A4, A5)
import { daysBetween } from "../dates/calendar.ts";
import type { SystemicTherapy } from "../model/patient-schema.ts";

export type SystemicActivity = {
  readonly active: boolean;
  /** courses active at the index date */
  readonly activeCourses: readonly SystemicTherapy[];
  /** one-line reason for the path, without the "yes"/"no" */
  readonly reason: string;
  /** days from the last anticancer administration to the index date when not active (factor 8) */
  readonly daysSinceLastAnticancer: number | undefined;
  readonly warnings: readonly string[];
};

/** 1.4.5: bone-protective agents and supportive care do not count unless marked as anticancer. */
export function countsAsAnticancer(t: SystemicTherapy): boolean {
  return t.countAsAnticancer ?? (t.class !== "bone_protective" && t.class !== "supportive");
}

function describeCourse(t: SystemicTherapy): string {
  const flags = [t.class, t.adjuvant === true ? "adjuvant" : "", t.maintenance === true ? "maintenance" : ""]
    .filter((f) => f !== "")
    .join(", ");
  return `${t.agent} [${flags}]`;
}

/**
 * Active := started before the work-up began, and either no documented stop, or the last
 * administration ≤ windowDays before the index date, or (depot) within its dosing interval.
 */
export function systemicActivityAt(
  therapies: readonly SystemicTherapy[],
  workupStartDate: string,
  indexDate: string,
  windowDays: number,
): SystemicActivity {
  const active: SystemicTherapy[] = [];
  const parts: string[] = [];
  const excluded: string[] = [];
  const warnings: string[] = [];
  let lastStop: SystemicTherapy | undefined;
  for (const t of therapies) {
    if (t.start > indexDate) continue;
    if (!countsAsAnticancer(t)) {
      if (t.start < workupStartDate && (t.stop === undefined || t.stop >= workupStartDate))
        excluded.push(describeCourse(t));
      continue;
    }
    if (t.start >= workupStartDate) {
      warnings.push(
        `${describeCourse(t)} started ${t.start}, during the work-up (${workupStartDate} to ${indexDate}): not counted as active at the index date (1.4.5)`,
      );
      continue;
    }
    if (t.stop === undefined || t.stop >= indexDate) {
      active.push(t);
      parts.push(`${describeCourse(t)} ongoing since ${t.start}`);
      continue;
    }
    const days = daysBetween(t.stop, indexDate);
    const depot = t.depotIntervalDays;
    if (days <= windowDays) {
      active.push(t);
      parts.push(
        `${describeCourse(t)} last administration ${t.stop}, ${days} days before the index date (≤ ${windowDays}-day window)`,
      );
    } else if (depot !== undefined && days <= depot) {
      active.push(t);
      parts.push(
        `${describeCourse(t)} depot last given ${t.stop}, ${days} days before the index date (within its ${depot}-day dosing interval)`,
      );
    } else if (lastStop === undefined || (lastStop.stop ?? "") < t.stop) {
      lastStop = t;
    }
  }
  if (active.length > 0) {
    return {
      active: true,
      activeCourses: active,
      reason: parts.join("; "),
      daysSinceLastAnticancer: undefined,
      warnings,
    };
  }
  const notCounted = excluded.length > 0 ? `; not counted (1.4.5): ${excluded.join(", ")}` : "";
  if (lastStop?.stop !== undefined) {
    const days = daysBetween(lastStop.stop, indexDate);
    const depot = lastStop.depotIntervalDays;
    const limit =
      depot !== undefined
        ? `> ${windowDays}-day window and > ${depot}-day depot interval`
        : `> ${windowDays}-day window`;
    return {
      active: false,
      activeCourses: [],
      reason: `last anticancer therapy ${describeCourse(lastStop)} stopped ${lastStop.stop}, ${days} days before the index date (${limit})${notCounted}`,
      daysSinceLastAnticancer: days,
      warnings,
    };
  }
  return {
    active: false,
    activeCourses: [],
    reason: `no anticancer systemic therapy started before ${workupStartDate}${notCounted}`,
    daysSinceLastAnticancer: undefined,
    warnings,
  };
}
