// Q4: is anticancer systemic therapy active at the index date? (clinical-reference 1.4.5, A4, A5)
// systemicActivityAt decides (numbers only); systemicReason writes the sentence when it is shown.
import { daysBetween } from "../dates/calendar.ts";
import type { SystemicTherapy } from "../model/patient-schema.ts";

export type ActiveCourse = {
  readonly therapy: SystemicTherapy;
  /** ongoing (no stop, or stop after the index); within the day window; within the depot interval */
  readonly basis: "ongoing" | "window" | "depot";
  /** days from the last administration to the index date (window, depot) */
  readonly days: number;
};

export type SystemicActivity = {
  readonly active: boolean;
  /** courses active at the index date */
  readonly activeCourses: readonly ActiveCourse[];
  /** the most recently stopped anticancer course when none is active */
  readonly lastStopped: SystemicTherapy | undefined;
  /** days from the last anticancer administration to the index date when not active (factor 8) */
  readonly daysSinceLastAnticancer: number | undefined;
  /** bone-protective / supportive courses running at the work-up (shown as "not counted") */
  readonly excluded: readonly SystemicTherapy[];
  readonly workupStartDate: string;
  readonly indexDate: string;
  readonly windowDays: number;
  readonly warnings: readonly string[];
};

/** 1.4.5: bone-protective agents and supportive care do not count unless marked as anticancer. */
export function countsAsAnticancer(t: SystemicTherapy): boolean {
  return t.countAsAnticancer ?? (t.class !== "bone_protective" && t.class !== "supportive");
}

export function describeCourse(t: SystemicTherapy): string {
  let flags: string = t.class;
  if (t.adjuvant === true) flags += ", adjuvant";
  if (t.maintenance === true) flags += ", maintenance";
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
  const active: ActiveCourse[] = [];
  const excluded: SystemicTherapy[] = [];
  const warnings: string[] = [];
  let lastStop: SystemicTherapy | undefined;
  for (const t of therapies) {
    if (t.start > indexDate) continue;
    if (!countsAsAnticancer(t)) {
      if (t.start < workupStartDate && (t.stop === undefined || t.stop >= workupStartDate)) {
        excluded.push(t);
      }
      continue;
    }
    if (t.start >= workupStartDate) {
      warnings.push(
        `${describeCourse(t)} started ${t.start}, during the work-up (${workupStartDate} to ${indexDate}): not counted as active at the index date (1.4.5)`,
      );
      continue;
    }
    if (t.stop === undefined || t.stop >= indexDate) {
      active.push({ therapy: t, basis: "ongoing", days: 0 });
      continue;
    }
    const days = daysBetween(t.stop, indexDate);
    if (days <= windowDays) active.push({ therapy: t, basis: "window", days });
    else if (t.depotIntervalDays !== undefined && days <= t.depotIntervalDays) {
      active.push({ therapy: t, basis: "depot", days });
    } else if (lastStop === undefined || (lastStop.stop ?? "") < t.stop) lastStop = t;
  }
  const isActive = active.length > 0;
  return {
    active: isActive,
    activeCourses: active,
    lastStopped: isActive ? undefined : lastStop,
    daysSinceLastAnticancer:
      !isActive && lastStop?.stop !== undefined ? daysBetween(lastStop.stop, indexDate) : undefined,
    excluded,
    workupStartDate,
    indexDate,
    windowDays,
    warnings,
  };
}

/** The fact that answered Q4, as one line (without "yes"/"no"). */
export function systemicReason(a: SystemicActivity): string {
  if (a.active) {
    return a.activeCourses
      .map((c) => {
        const t = c.therapy;
        if (c.basis === "ongoing") return `${describeCourse(t)} ongoing since ${t.start}`;
        if (c.basis === "window") {
          return `${describeCourse(t)} last administration ${t.stop}, ${c.days} days before the index date (≤ ${a.windowDays}-day window)`;
        }
        return `${describeCourse(t)} depot last given ${t.stop}, ${c.days} days before the index date (within its ${t.depotIntervalDays}-day dosing interval)`;
      })
      .join("; ");
  }
  const notCounted =
    a.excluded.length > 0 ? `; not counted (1.4.5): ${a.excluded.map(describeCourse).join(", ")}` : "";
  const last = a.lastStopped;
  if (last?.stop !== undefined && a.daysSinceLastAnticancer !== undefined) {
    const depot = last.depotIntervalDays;
    const limit =
      depot !== undefined
        ? `> ${a.windowDays}-day window and > ${depot}-day depot interval`
        : `> ${a.windowDays}-day window`;
    return `last anticancer therapy ${describeCourse(last)} stopped ${last.stop}, ${a.daysSinceLastAnticancer} days before the index date (${limit})${notCounted}`;
  }
  return `no anticancer systemic therapy started before ${a.workupStartDate}${notCounted}`;
}
