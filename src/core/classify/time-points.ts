// Imaging time points (staging work-ups) and the metastatic state at each one.
// 1.4.1: the index date of a work-up is the date of its latest examination.
// 2.5: counting rules (distant, viable lesions only; organ categories; diffuse disease).
import { daysBetween } from "../dates/calendar.ts";
import type { ImagingStudy, Lesion } from "../model/patient-schema.ts";
import { type DiffuseFinding, ORGANS, type Organ } from "../model/vocabularies.ts";
import type { GateDefinition } from "./gates.ts";

/** A lesion as known at a time point; `carried` = not imaged at this time point (region not covered). */
export type TimePointLesion = {
  readonly lesion: Lesion;
  readonly studyId: string;
  readonly date: string;
  readonly carried: boolean;
};

export type StateKind = "oligometastatic" | "polymetastatic" | "diffuse" | "no_distant";

export type TimePointState = {
  readonly kind: StateKind;
  /** countable distant metastases: distant, viable (2.5, A9) */
  readonly countable: readonly TimePointLesion[];
  /** organ categories of the countable lesions, in the order of ORGANS */
  readonly organs: readonly Organ[];
  readonly diffuseFindings: readonly DiffuseFinding[];
};

export type TimePoint = {
  /** 0-based position in date order */
  readonly seq: number;
  /** index date of this work-up: its latest study (1.4.1) */
  readonly date: string;
  /** first study of the work-up */
  readonly startDate: string;
  readonly studies: readonly ImagingStudy[];
  readonly lesions: readonly TimePointLesion[];
  readonly diffuseFindings: readonly DiffuseFinding[];
  /** false when every study covers one region only (brain, liver, spine, skeleton, bone scan) */
  readonly complete: boolean;
  /** when incomplete: the date of the time point whose other lesions were carried forward */
  readonly carriedFrom: string | undefined;
  readonly state: TimePointState;
};

/** Viable tumour: explicit flag, else not "ablated" (A9). */
export function isViable(l: Lesion): boolean {
  return l.viable ?? l.status !== "ablated";
}

/** Organs imaged by a single-region study; undefined = a whole-body / multi-region study. [D] */
function partialCoverage(s: ImagingStudy): readonly Organ[] | undefined {
  if (s.modality === "bone_scan") return ["bone"];
  switch (s.region) {
    case "brain":
      return ["brain"];
    case "liver":
      return ["liver"];
    case "spine":
    case "skeleton":
      return ["bone"];
    default:
      return undefined;
  }
}

const organOrder: ReadonlyMap<Organ, number> = new Map(ORGANS.map((o, i) => [o, i]));
const byOrganOrder = (a: Organ, b: Organ): number => (organOrder.get(a) ?? 0) - (organOrder.get(b) ?? 0);

/** Metastatic state under a gate (1.4.6): diffuse first, then none, then count/organ limits. */
export function stateOf(
  lesions: readonly TimePointLesion[],
  diffuseFindings: readonly DiffuseFinding[],
  gate: GateDefinition,
): TimePointState {
  const countable: TimePointLesion[] = [];
  // distinct organs in order of first appearance, then in the order of ORGANS (stable sort)
  const organList: Organ[] = [];
  for (const t of lesions) {
    if (t.lesion.location === "distant" && isViable(t.lesion)) {
      countable.push(t);
      const organ = t.lesion.organ;
      if (organ !== undefined && !organList.includes(organ)) organList.push(organ);
    }
  }
  if (organList.length > 1) organList.sort(byOrganOrder);
  let kind: StateKind;
  if (diffuseFindings.length > 0) kind = "diffuse";
  else if (countable.length === 0) kind = "no_distant";
  else if (
    countable.length > gate.maxLesions ||
    (gate.maxOrgans !== undefined && organList.length > gate.maxOrgans)
  )
    kind = "polymetastatic";
  else kind = "oligometastatic";
  return { kind, countable, organs: organList, diffuseFindings };
}

type Group = { studies: ImagingStudy[]; startDate: string; date: string };

/**
 * Groups the studies dated up to asOf into work-ups: studies sharing a `workup` label form one;
 * unlabelled studies within `windowDays` of a work-up's first study join it. Returns the time
 * points in date order with merged lesions (the latest study's record of a lesion id wins) and the
 * state under the gate. A single-region work-up carries forward the other lesions of the previous
 * time point.
 */
export function buildTimePoints(
  studies: readonly ImagingStudy[],
  asOf: string,
  windowDays: number,
  gate: GateDefinition,
): TimePoint[] {
  // studies up to asOf in date order, equal dates in input order (records are usually in order
  // already: then no sort is needed; Array.prototype.sort is stable, so input order is kept)
  const sorted: ImagingStudy[] = [];
  let inOrder = true;
  for (const s of studies) {
    if (s.date > asOf) continue;
    const last = sorted[sorted.length - 1];
    if (last !== undefined && s.date < last.date) inOrder = false;
    sorted.push(s);
  }
  if (!inOrder) sorted.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const groups: Group[] = [];
  const labelled = new Map<string, Group>();
  let open: Group | undefined;
  for (const s of sorted) {
    if (s.workup !== undefined) {
      const g = labelled.get(s.workup);
      if (g === undefined) {
        const ng = { studies: [s], startDate: s.date, date: s.date };
        labelled.set(s.workup, ng);
        groups.push(ng);
      } else {
        g.studies.push(s);
        g.date = s.date;
      }
      continue;
    }
    if (open !== undefined && daysBetween(open.startDate, s.date) <= windowDays) {
      open.studies.push(s);
      open.date = s.date;
    } else {
      open = { studies: [s], startDate: s.date, date: s.date };
      groups.push(open);
    }
  }
  if (labelled.size > 0) {
    // only labelled work-ups can end out of order (unlabelled groups are built in date order)
    groups.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.startDate < b.startDate ? -1 : 0));
  }

  const out: TimePoint[] = [];
  let prev: TimePoint | undefined;
  for (const g of groups) {
    const byId = new Map<string, TimePointLesion>();
    const diffuse = new Set<DiffuseFinding>();
    let complete = false;
    const covered = new Set<Organ>();
    for (const s of g.studies) {
      const cov = partialCoverage(s);
      if (cov === undefined) complete = true;
      else for (const o of cov) covered.add(o);
      for (const l of s.lesions) byId.set(l.id, { lesion: l, studyId: s.id, date: s.date, carried: false });
      for (const d of s.diffuseFindings) diffuse.add(d);
    }
    let carriedFrom: string | undefined;
    if (!complete && prev !== undefined) {
      carriedFrom = prev.date;
      for (const t of prev.lesions) {
        const organ = t.lesion.organ;
        if (byId.has(t.lesion.id) || (organ !== undefined && covered.has(organ))) continue;
        byId.set(t.lesion.id, t.carried ? t : { ...t, carried: true });
      }
      for (const d of prev.diffuseFindings) {
        if (d === "leptomeningeal" && covered.has("brain")) continue;
        diffuse.add(d);
      }
    }
    const lesions = [...byId.values()];
    const diffuseFindings = [...diffuse];
    const tp: TimePoint = {
      seq: out.length,
      date: g.date,
      startDate: g.startDate,
      studies: g.studies,
      lesions,
      diffuseFindings,
      complete,
      carriedFrom,
      state: stateOf(lesions, diffuseFindings, gate),
    };
    out.push(tp);
    prev = tp;
  }
  return out;
}
