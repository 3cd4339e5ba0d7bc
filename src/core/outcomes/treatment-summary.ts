// Treatment flags of one patient for cohort filters and the "local therapy" survival grouping.
// Pure. Definitions [D, docs/api.md "Outcomes"]:
// - localTherapy = the type of the first local therapy of metastases that starts on or after the
//   index date and within LOCAL_THERAPY_WINDOW_DAYS of it (the treatment of the index OMD);
//   SBRT and SRS form one group "sbrt"; conventional RT and other local therapies are "other";
//   none in the window = "none".
// - hasSbrt / hasSurgery / hasAblation: any such course anywhere in the record.
// - hasSystemic: any anticancer systemic therapy (bone-protective agents and supportive care do
//   not count unless marked countAsAnticancer, clinical-reference 1.4.5).
import { addDays, type IsoDate } from "../dates/calendar.ts";
import type { LocalTherapy, Patient, SystemicTherapy } from "../model/patient-schema.ts";

/** Local therapy of the index OMD must start within ~6 months of the index date [D]. */
export const LOCAL_THERAPY_WINDOW_DAYS = 183;

export const LOCAL_THERAPY_GROUPS = ["sbrt", "surgery", "ablation", "other", "none"] as const;
export type LocalTherapyGroup = (typeof LOCAL_THERAPY_GROUPS)[number];

export const LOCAL_THERAPY_GROUP_LABELS: Readonly<Record<LocalTherapyGroup, string>> = {
  sbrt: "SBRT / SRS",
  surgery: "Surgery",
  ablation: "Thermal ablation",
  other: "Other local therapy",
  none: "No local therapy",
};

export type TreatmentSummary = {
  readonly localTherapy: LocalTherapyGroup;
  readonly hasSbrt: boolean;
  readonly hasSurgery: boolean;
  readonly hasAblation: boolean;
  readonly hasSystemic: boolean;
};

export function localTherapyGroup(t: LocalTherapy): LocalTherapyGroup {
  switch (t.type) {
    case "sbrt":
    case "srs":
      return "sbrt";
    case "surgery":
      return "surgery";
    case "thermal_ablation":
      return "ablation";
    default:
      return "other";
  }
}

/** clinical-reference 1.4.5: bone-protective agents and supportive care are not anticancer therapy unless marked. */
export const isAnticancer = (t: SystemicTherapy): boolean =>
  t.countAsAnticancer === true || (t.class !== "bone_protective" && t.class !== "supportive");

export function treatmentSummary(p: Patient, indexDate: IsoDate | null): TreatmentSummary {
  let localTherapy: LocalTherapyGroup = "none";
  if (indexDate !== null) {
    const windowEnd = addDays(indexDate, LOCAL_THERAPY_WINDOW_DAYS);
    const first = p.localTherapies
      .filter((t) => t.start >= indexDate && t.start <= windowEnd)
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))[0];
    if (first) localTherapy = localTherapyGroup(first);
  }
  const groups = new Set(p.localTherapies.map(localTherapyGroup));
  return {
    localTherapy,
    hasSbrt: groups.has("sbrt"),
    hasSurgery: groups.has("surgery"),
    hasAblation: groups.has("ablation"),
    hasSystemic: p.systemicTherapies.some(isAnticancer),
  };
}
