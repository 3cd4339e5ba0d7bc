// The swimmer timeline of one patient as plain data: lanes (primary, imaging, each lesion,
// each systemic and local therapy, outcomes) with dated marks and spans. Built from the core
// Patient model only, so the figure and its table alternative show exactly the same events.
import {
  DIFFUSE_FINDING_LABELS,
  type IsoDate,
  MODALITY_LABELS,
  type Patient,
  PRIMARY_SITE_LABELS,
  toDayNumber,
} from "../../core/index.ts";

export type MarkKind =
  | "diagnosis"
  | "primary_treatment"
  | "imaging"
  | "lesion_new"
  | "lesion_progressing"
  | "lesion_stable"
  | "lesion_responding"
  | "lesion_ablated"
  | "lesion_seen"
  | "local_therapy"
  | "progression"
  | "last_follow_up"
  | "death";

export type Mark = {
  readonly kind: MarkKind;
  readonly date: IsoDate;
  /** one-line description for the tooltip and the table */
  readonly text: string;
};

export type Span = {
  readonly kind: "lesion" | "systemic" | "local" | "systemic_ongoing";
  readonly start: IsoDate;
  /** inclusive end; for an ongoing therapy the timeline end */
  readonly end: IsoDate;
  readonly text: string;
};

export type Lane = {
  readonly id: string;
  readonly group: "primary" | "imaging" | "lesions" | "systemic" | "local" | "outcomes";
  readonly label: string;
  readonly marks: readonly Mark[];
  readonly spans: readonly Span[];
};

export type SwimmerModel = {
  readonly lanes: readonly Lane[];
  /** first and last date shown (day numbers from core/dates) */
  readonly startDay: number;
  readonly endDay: number;
  readonly asOf: IsoDate;
};

const statusKind: Readonly<Record<string, MarkKind>> = {
  new: "lesion_new",
  progressing: "lesion_progressing",
  stable: "lesion_stable",
  responding: "lesion_responding",
  ablated: "lesion_ablated",
};

export function buildSwimmerModel(patient: Patient, asOf: IsoDate): SwimmerModel {
  const lanes: Lane[] = [];
  const dates: IsoDate[] = [asOf];

  // primary
  const primaryMarks: Mark[] = [];
  const primary = patient.primary;
  const siteLabel = PRIMARY_SITE_LABELS[primary.site];
  if (primary.diagnosisDate !== undefined) {
    primaryMarks.push({
      kind: "diagnosis",
      date: primary.diagnosisDate,
      text: `Primary diagnosis: ${siteLabel}${primary.histology !== undefined ? `, ${primary.histology}` : ""}${
        primary.diagnosisDateBasis !== undefined ? ` (by ${primary.diagnosisDateBasis})` : ""
      }`,
    });
  }
  if (primary.definitiveTreatmentDate !== undefined) {
    primaryMarks.push({
      kind: "primary_treatment",
      date: primary.definitiveTreatmentDate,
      text: "Definitive treatment of the primary",
    });
  }
  lanes.push({ id: "primary", group: "primary", label: "Primary", marks: primaryMarks, spans: [] });

  // imaging studies, date order
  const studies = [...patient.imagingStudies].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
  lanes.push({
    id: "imaging",
    group: "imaging",
    label: "Imaging",
    spans: [],
    marks: studies.map((s) => {
      const distant = s.lesions.filter((l) => l.location === "distant").length;
      const diffuse = s.diffuseFindings.map((d) => DIFFUSE_FINDING_LABELS[d]);
      return {
        kind: "imaging" as const,
        date: s.date,
        text: `${MODALITY_LABELS[s.modality]}${s.region !== undefined ? ` ${s.region.replaceAll("_", " ")}` : ""}: ${
          s.lesions.length
        } lesion${s.lesions.length === 1 ? "" : "s"} (${distant} distant)${diffuse.length > 0 ? `; ${diffuse.join(", ")}` : ""}`,
      };
    }),
  });

  // lesions: one lane per lesion id, in order of first appearance
  const lesionLanes = new Map<string, { label: string; marks: Mark[]; first: IsoDate; last: IsoDate }>();
  for (const s of studies) {
    for (const l of s.lesions) {
      const where = [l.organ?.replaceAll("_", " "), l.site]
        .filter((x) => x !== undefined && x !== "")
        .join(", ");
      const size =
        l.sizeMm !== undefined
          ? `, ${l.sizeMm} mm`
          : l.shortAxisMm !== undefined
            ? `, ${l.shortAxisMm} mm short axis`
            : "";
      const status = l.status ?? (l.viable === false ? "not viable" : "seen");
      const mark: Mark = {
        kind: statusKind[l.status ?? ""] ?? "lesion_seen",
        date: s.date,
        text: `Lesion ${l.id} on ${MODALITY_LABELS[s.modality]}: ${status}${size}`,
      };
      const lane = lesionLanes.get(l.id);
      if (lane === undefined) {
        const loc = l.location === "distant" ? "" : ` (${l.location.replaceAll("_", " ")})`;
        lesionLanes.set(l.id, {
          label: `${l.id}${where !== "" ? ` · ${where}` : ""}${loc}`,
          marks: [mark],
          first: s.date,
          last: s.date,
        });
      } else {
        lane.marks.push(mark);
        lane.last = s.date;
      }
    }
  }
  for (const t of patient.localTherapies) {
    for (const target of t.targetLesionIds) {
      lesionLanes.get(target)?.marks.push({
        kind: "local_therapy",
        date: t.start,
        text: `Lesion ${target} treated: ${t.type.toUpperCase().replaceAll("_", " ")}${
          t.doseGy !== undefined ? ` ${t.doseGy} Gy` : ""
        }${t.fractions !== undefined ? ` in ${t.fractions} fx` : ""}`,
      });
    }
  }
  for (const [id, lane] of lesionLanes) {
    lanes.push({
      id: `lesion:${id}`,
      group: "lesions",
      label: lane.label,
      marks: lane.marks.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      spans: [
        {
          kind: "lesion",
          start: lane.first,
          end: lane.last,
          text: `Lesion ${id} followed ${lane.first} to ${lane.last}`,
        },
      ],
    });
  }

  // systemic therapies: one lane each
  for (const t of patient.systemicTherapies) {
    const ongoing = t.stop === undefined;
    const end = t.stop ?? (asOf > t.start ? asOf : t.start);
    lanes.push({
      id: `systemic:${t.id}`,
      group: "systemic",
      label: `${t.agent}`,
      marks: [],
      spans: [
        {
          kind: ongoing ? "systemic_ongoing" : "systemic",
          start: t.start,
          end,
          text: `${t.agent} (${t.class.replaceAll("_", " ")}${t.line !== undefined ? `, line ${t.line}` : ""}${
            t.adjuvant === true ? ", adjuvant" : ""
          }${t.maintenance === true ? ", maintenance" : ""}) from ${t.start} ${ongoing ? "ongoing" : `to ${t.stop}`}`,
        },
      ],
    });
  }

  // local therapies: one lane each
  for (const t of patient.localTherapies) {
    const end = t.end ?? t.start;
    const dose =
      t.doseGy !== undefined ? ` ${t.doseGy} Gy${t.fractions !== undefined ? `/${t.fractions} fx` : ""}` : "";
    const targets = t.targetLesionIds.length > 0 ? ` to ${t.targetLesionIds.join(", ")}` : "";
    lanes.push({
      id: `local:${t.id}`,
      group: "local",
      label: `${t.type === "sbrt" || t.type === "srs" ? t.type.toUpperCase() : t.type.replaceAll("_", " ")}${dose}`,
      marks: [],
      spans: [
        {
          kind: "local",
          start: t.start,
          end,
          text: `${t.type.replaceAll("_", " ")}${dose}${targets}${t.intent !== undefined ? ` (${t.intent})` : ""}, ${t.start}${
            t.end !== undefined ? ` to ${t.end}` : ""
          }`,
        },
      ],
    });
  }

  // outcomes
  const outcomeMarks: Mark[] = [];
  const o = patient.outcomes;
  for (const d of o?.progressionDates ?? [])
    outcomeMarks.push({ kind: "progression", date: d, text: "Progression" });
  if (o?.lastFollowUpDate !== undefined) {
    outcomeMarks.push({ kind: "last_follow_up", date: o.lastFollowUpDate, text: "Last follow-up" });
  }
  if (o?.death !== undefined) {
    outcomeMarks.push({
      kind: "death",
      date: o.death.date,
      text: `Death${o.death.cause !== undefined ? `: ${o.death.cause}` : ""}`,
    });
  }
  if (outcomeMarks.length > 0) {
    lanes.push({ id: "outcomes", group: "outcomes", label: "Outcomes", marks: outcomeMarks, spans: [] });
  }

  for (const lane of lanes) {
    for (const m of lane.marks) dates.push(m.date);
    for (const s of lane.spans) dates.push(s.start, s.end);
  }
  const days = dates.map(toDayNumber);
  const min = Math.min(...days);
  const max = Math.max(...days);
  // a little air on both sides (2 % of the span, at least 15 days)
  const pad = Math.max(15, Math.round((max - min) * 0.02));
  return { lanes, startDay: min - pad, endDay: max + pad, asOf };
}

/** Every dated event of the model in date order (the table alternative to the figure). */
export function chronology(model: SwimmerModel): { date: IsoDate; lane: string; text: string }[] {
  const rows: { date: IsoDate; lane: string; text: string }[] = [];
  for (const lane of model.lanes) {
    for (const m of lane.marks) rows.push({ date: m.date, lane: lane.label, text: m.text });
    for (const s of lane.spans)
      if (s.kind !== "lesion") rows.push({ date: s.start, lane: lane.label, text: s.text });
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.lane.localeCompare(b.lane)));
}
