// One synthetic patient of the demo registry, built from a scenario so that every ESTRO/EORTC 2020
// state (clinical-reference 1.3) and the non-classifiable outcomes appear with realistic histories:
// primary diagnosis and treatment, surveillance imaging, synchronous / metachronous presentation,
// induced states after systemic response, SBRT / surgery / ablation courses with published
// schedules, systemic lines, follow-up imaging, progression, death and censoring.
// Pure and deterministic for (seed, index). Every person is fictional.
import type { EstroEortcCode } from "../classify/codes.ts";
import { fromDayNumber, type IsoDate, toDayNumber } from "../dates/calendar.ts";
import type { PatientInput } from "../model/patient-schema.ts";
import type { Organ } from "../model/vocabularies.ts";
import {
  type DemoPrimary,
  FIRST_NAMES,
  LAST_NAMES,
  ORGAN_SITES,
  ORGAN_WEIGHTS,
  OTHER_SABR,
  PRIMARY_WEIGHTS,
  type Regimen,
  SABR_SCHEDULES,
} from "./demo-vocabulary.ts";
import { type Random, seededRandom } from "./seeded-random.ts";

export type DemoSite = { readonly id: string; readonly weight: number };

export type DemoCohortOptions = {
  readonly seed: number;
  /** the registry's "today": nothing is dated after it */
  readonly asOf: IsoDate;
  /** treating centres and their share of patients (default site-a 45 %, site-b 35 %, site-c 20 %) */
  readonly sites?: readonly DemoSite[];
  /** patient ids are `${idPrefix}${index}` zero-padded to 6 digits (default "demo-") */
  readonly idPrefix?: string;
};

export const DEFAULT_DEMO_SITES: readonly DemoSite[] = [
  { id: "site-a", weight: 45 },
  { id: "site-b", weight: 35 },
  { id: "site-c", weight: 20 },
];

/** Scenario mix (percent): all nine categories and the four non-classifiable outcomes appear. */
export const SCENARIO_WEIGHTS: Readonly<Record<EstroEortcCode, number>> = {
  DE_NOVO_SYNCHRONOUS: 17,
  DE_NOVO_METACHRONOUS_OLIGORECURRENCE: 20,
  DE_NOVO_METACHRONOUS_OLIGOPROGRESSION: 7,
  REPEAT_OLIGORECURRENCE: 10,
  REPEAT_OLIGOPROGRESSION: 7,
  REPEAT_OLIGOPERSISTENCE: 8,
  INDUCED_OLIGORECURRENCE: 5,
  INDUCED_OLIGOPROGRESSION: 7,
  INDUCED_OLIGOPERSISTENCE: 7,
  NOT_OMD_POLYMETASTATIC: 6,
  NOT_OMD_DIFFUSE_DISEASE: 2,
  NOT_OMD_NO_DISTANT_METASTASES: 3,
  INSUFFICIENT_DATA: 1,
};

/**
 * Median OS in months after an OMD diagnosis by primary [D: synthetic, order of magnitude from
 * SABR-COMET (median OS 41–50 months with SABR, clinical-reference 7) and CtE (2-year OS 79 %)].
 */
const MEDIAN_OS_MONTHS: Readonly<Record<DemoPrimary | "unknown_primary", number>> = {
  prostate: 90,
  breast: 66,
  kidney: 60,
  colorectal: 48,
  nsclc: 34,
  melanoma: 40,
  head_neck: 30,
  oesophagogastric: 24,
  unknown_primary: 20,
};

/** Synthetic hazard ratios by state [D: plausible ordering, genuine < induced, recurrence < progression]. */
const STATE_HR: Readonly<Record<EstroEortcCode, number>> = {
  DE_NOVO_SYNCHRONOUS: 1.1,
  DE_NOVO_METACHRONOUS_OLIGORECURRENCE: 0.75,
  DE_NOVO_METACHRONOUS_OLIGOPROGRESSION: 1.2,
  REPEAT_OLIGORECURRENCE: 0.85,
  REPEAT_OLIGOPROGRESSION: 1.5,
  REPEAT_OLIGOPERSISTENCE: 1.15,
  INDUCED_OLIGORECURRENCE: 1.35,
  INDUCED_OLIGOPROGRESSION: 1.9,
  INDUCED_OLIGOPERSISTENCE: 1.6,
  NOT_OMD_POLYMETASTATIC: 2.6,
  NOT_OMD_DIFFUSE_DISEASE: 3.5,
  NOT_OMD_NO_DISTANT_METASTASES: 0.5,
  INSUFFICIENT_DATA: 1.5,
};

/** Local ablative therapy of all lesions: HR 0.57 (SABR-COMET OS, clinical-reference 7). */
const LOCAL_THERAPY_HR = 0.57;
/** PFS median as a share of OS median (SABR-COMET: 12 vs 41 months, clinical-reference 7). */
const PFS_SHARE_OF_OS = 0.3;
const DAYS_PER_MONTH = 30.4375;

type Study = NonNullable<PatientInput["imagingStudies"]>[number];
type LesionIn = NonNullable<Study["lesions"]>[number];
type SystemicIn = NonNullable<PatientInput["systemicTherapies"]>[number];
type LocalIn = NonNullable<PatientInput["localTherapies"]>[number];

type Lesion = LesionIn & { organ?: Organ };

export type DemoCase = {
  readonly patient: PatientInput;
  /** the state the scenario was built to produce at its index date */
  readonly intended: EstroEortcCode;
};

const d = (day: number): IsoDate => fromDayNumber(Math.round(day));

class Chart {
  readonly studies: Study[] = [];
  readonly systemic: SystemicIn[] = [];
  readonly local: LocalIn[] = [];
  readonly labs: NonNullable<PatientInput["labs"]> = [];
  private lesionSeq = 0;
  private studySeq = 0;
  private therapySeq = 0;
  constructor(
    readonly r: Random,
    readonly primary: DemoPrimary | "unknown_primary",
  ) {}

  organ(): Organ {
    const weights = this.primary === "unknown_primary" ? ORGAN_WEIGHTS.nsclc : ORGAN_WEIGHTS[this.primary];
    return this.r.weighted(weights as Record<Organ, number>);
  }

  lesion(status: "new" | "progressing" | "stable" | "responding", organ = this.organ()): Lesion {
    this.lesionSeq += 1;
    const size = Math.round(Math.min(45, Math.max(5, Math.exp(this.r.normal(Math.log(14), 0.45)))));
    const site = ORGAN_SITES[organ];
    return {
      id: `L${this.lesionSeq}`,
      location: "distant",
      organ,
      ...(site ? { site: this.r.pick(site) } : {}),
      sizeMm: size,
      ...(organ === "distant_lymph_node" ? { shortAxisMm: Math.max(5, Math.round(size * 0.7)) } : {}),
      status,
      ...(this.r.chance(0.5) ? { avid: true } : {}),
    };
  }

  lesions(n: number, status: "new" = "new"): Lesion[] {
    return Array.from({ length: n }, () => this.lesion(status));
  }

  /** the same lesion on a later study, resized by `factor` (response < 1 < growth) */
  again(l: Lesion, status: "stable" | "responding" | "progressing" | "ablated", factor = 1): Lesion {
    const { status: _old, avid: _a, viable: _v, ...rest } = l;
    const size = l.sizeMm === undefined ? undefined : Math.max(3, Math.round(l.sizeMm * factor));
    return {
      ...rest,
      ...(size !== undefined ? { sizeMm: size } : {}),
      ...(l.shortAxisMm !== undefined && size !== undefined
        ? { shortAxisMm: Math.max(3, Math.round(size * 0.7)) }
        : {}),
      status,
      ...(status === "ablated" ? { viable: false } : {}),
    };
  }

  study(day: number, lesions: Lesion[], extra: Partial<Study> = {}): Study {
    this.studySeq += 1;
    const hasBrain = lesions.some((l) => l.organ === "brain");
    const modality =
      extra.modality ??
      (this.primary === "prostate"
        ? "psma_pet"
        : this.primary === "colorectal"
          ? this.r.pick(["ct", "fdg_pet_ct"] as const)
          : this.r.pick(["fdg_pet_ct", "ct"] as const));
    const s: Study = {
      id: `S${this.studySeq}`,
      date: d(day),
      modality,
      region: modality === "ct" ? "thorax_abdomen_pelvis" : "whole_body",
      ...(modality === "psma_pet"
        ? { tracer: "68Ga-PSMA-11" }
        : modality === "fdg_pet_ct"
          ? { tracer: "18F-FDG" }
          : {}),
      ...extra,
      lesions: hasBrain && modality !== "mri" ? lesions.filter((l) => l.organ !== "brain") : lesions,
    };
    this.studies.push(s);
    // brain metastases are seen on a brain MRI of the same work-up, two to ten days earlier
    if (hasBrain && modality !== "mri") {
      this.studySeq += 1;
      const workup = extra.workup ?? `workup-${s.id}`;
      s.workup = workup;
      this.studies.push({
        id: `S${this.studySeq}`,
        date: d(day - this.r.int(2, 10)),
        modality: "mri",
        region: "brain",
        contrast: true,
        workup,
        lesions: lesions.filter((l) => l.organ === "brain"),
      });
    }
    return s;
  }

  therapy(
    regimen: Regimen,
    startDay: number,
    stopDay: number | undefined,
    extra: Partial<SystemicIn> = {},
  ): SystemicIn {
    this.therapySeq += 1;
    const t: SystemicIn = {
      id: `T${this.therapySeq}`,
      agent: regimen.agent,
      class: regimen.class,
      start: d(startDay),
      ...(stopDay !== undefined ? { stop: d(stopDay) } : {}),
      ...(regimen.depotIntervalDays !== undefined ? { depotIntervalDays: regimen.depotIntervalDays } : {}),
      ...extra,
    };
    this.systemic.push(t);
    return t;
  }

  /** Local therapy of `targets` starting on `startDay`; returns the last treatment day. */
  treat(targets: readonly Lesion[], startDay: number): number {
    let end = startDay;
    const byOrgan = new Map<Organ, Lesion[]>();
    for (const l of targets) {
      const organ = l.organ ?? "other";
      byOrgan.set(organ, [...(byOrgan.get(organ) ?? []), l]);
    }
    let day = startDay;
    for (const [organ, lesions] of byOrgan) {
      this.therapySeq += 1;
      const id = `R${this.therapySeq}`;
      const targetLesionIds = lesions.map((l) => l.id);
      const surgical = (organ === "liver" && this.r.chance(0.45)) || (organ === "lung" && this.r.chance(0.2));
      const ablation = !surgical && organ === "liver" && this.r.chance(0.3);
      if (surgical) {
        this.local.push({
          id,
          type: "surgery",
          targetLesionIds,
          start: d(day),
          intent: "radical",
          technique: organ === "liver" ? "hepatic metastasectomy" : "wedge resection",
        });
        end = Math.max(end, day);
      } else if (ablation) {
        this.local.push({
          id,
          type: "thermal_ablation",
          targetLesionIds,
          start: d(day),
          intent: "radical",
          technique: "microwave ablation",
        });
        end = Math.max(end, day);
      } else {
        const schedule = this.r.pick(SABR_SCHEDULES[organ] ?? OTHER_SABR);
        const last = day + (schedule.fractions - 1) * (schedule.everyOtherDay ? 2 : 1);
        this.local.push({
          id,
          type: organ === "brain" ? "srs" : "sbrt",
          targetLesionIds,
          start: d(day),
          end: d(last),
          intent: "radical",
          doseGy: schedule.doseGy,
          fractions: schedule.fractions,
          technique: "VMAT, CBCT-guided",
        });
        end = Math.max(end, last);
      }
      day += this.r.int(0, 7);
    }
    return end;
  }
}

function firstLine(r: Random, primary: DemoPrimary | "unknown_primary", markers: Markers): Regimen {
  switch (primary) {
    case "prostate":
      return r.pick([
        { agent: "leuprorelin (3-monthly depot) + enzalutamide", class: "adt", depotIntervalDays: 84 },
        { agent: "degarelix", class: "adt" },
        { agent: "goserelin (3-monthly depot) + abiraterone", class: "adt", depotIntervalDays: 84 },
      ] as const);
    case "breast":
      if (markers.her2) return { agent: "trastuzumab + pertuzumab + docetaxel", class: "targeted" };
      if (markers.hr) return { agent: "letrozole + palbociclib", class: "endocrine" };
      return { agent: "paclitaxel", class: "chemotherapy" };
    case "nsclc":
      if (markers.egfr) return { agent: "osimertinib", class: "targeted" };
      if (markers.alk) return { agent: "alectinib", class: "targeted" };
      if (markers.pdl1High) return { agent: "pembrolizumab", class: "immunotherapy" };
      return { agent: "carboplatin + pemetrexed + pembrolizumab", class: "chemotherapy" };
    case "colorectal":
      return markers.rasWild
        ? { agent: "FOLFIRI + cetuximab", class: "chemotherapy" }
        : { agent: "FOLFOX + bevacizumab", class: "chemotherapy" };
    case "kidney":
      return r.pick([
        { agent: "pembrolizumab + axitinib", class: "immunotherapy" },
        { agent: "nivolumab + ipilimumab", class: "immunotherapy" },
        { agent: "sunitinib", class: "targeted" },
      ] as const);
    case "melanoma":
      return markers.braf
        ? { agent: "dabrafenib + trametinib", class: "targeted" }
        : { agent: "nivolumab + ipilimumab", class: "immunotherapy" };
    default:
      return { agent: "carboplatin + paclitaxel", class: "chemotherapy" };
  }
}

const SECOND_LINE: Readonly<Record<DemoPrimary | "unknown_primary", Regimen>> = {
  prostate: { agent: "docetaxel", class: "chemotherapy" },
  breast: { agent: "trastuzumab deruxtecan", class: "antibody_drug_conjugate" },
  nsclc: { agent: "docetaxel", class: "chemotherapy" },
  colorectal: { agent: "trifluridine/tipiracil + bevacizumab", class: "chemotherapy" },
  kidney: { agent: "cabozantinib", class: "targeted" },
  melanoma: { agent: "ipilimumab", class: "immunotherapy" },
  head_neck: { agent: "nivolumab", class: "immunotherapy" },
  oesophagogastric: { agent: "ramucirumab + paclitaxel", class: "chemotherapy" },
  unknown_primary: { agent: "gemcitabine", class: "chemotherapy" },
};

/** Adjuvant therapy after treatment of the primary, with its usual duration in days (undefined = long-term). */
function adjuvant(
  primary: DemoPrimary | "unknown_primary",
  markers: Markers,
): { regimen: Regimen; days: number | undefined } | undefined {
  switch (primary) {
    case "breast":
      return markers.hr
        ? { regimen: { agent: "letrozole", class: "endocrine" }, days: undefined }
        : undefined;
    case "prostate":
      return {
        regimen: { agent: "leuprorelin (3-monthly depot)", class: "adt", depotIntervalDays: 84 },
        days: 730,
      };
    case "colorectal":
      return { regimen: { agent: "CAPOX", class: "chemotherapy" }, days: 180 };
    case "nsclc":
      return markers.egfr ? { regimen: { agent: "osimertinib", class: "targeted" }, days: 1095 } : undefined;
    case "melanoma":
      return { regimen: { agent: "nivolumab", class: "immunotherapy" }, days: 365 };
    case "kidney":
      return { regimen: { agent: "pembrolizumab", class: "immunotherapy" }, days: 365 };
    case "oesophagogastric":
      return { regimen: { agent: "nivolumab", class: "immunotherapy" }, days: 365 };
    default:
      return undefined;
  }
}

type Markers = {
  egfr: boolean;
  alk: boolean;
  pdl1High: boolean;
  hr: boolean;
  her2: boolean;
  rasWild: boolean;
  braf: boolean;
};

function primaryRecord(
  r: Random,
  primary: DemoPrimary | "unknown_primary",
  dxDay: number | undefined,
  synchronous: boolean,
) {
  const markers: Markers = {
    egfr: false,
    alk: false,
    pdl1High: false,
    hr: false,
    her2: false,
    rasWild: false,
    braf: false,
  };
  const biomarkers: NonNullable<PatientInput["primary"]["biomarkers"]> = [];
  const date = dxDay === undefined ? undefined : d(dxDay);
  const marker = (name: string, result: "positive" | "negative", extra: Record<string, unknown> = {}) =>
    biomarkers.push({ name, result, ...(date ? { date } : {}), ...extra } as (typeof biomarkers)[number]);
  let histology = "adenocarcinoma";
  let topography = "C80.9";
  let tnm = { t: "T2", n: "N1", m: synchronous ? "M1b" : "M0", stage: synchronous ? "IV" : "III" };
  switch (primary) {
    case "nsclc": {
      topography = r.pick(["C34.1", "C34.3", "C34.2"]);
      histology = r.chance(0.7) ? "adenocarcinoma" : "squamous cell carcinoma";
      const adeno = histology === "adenocarcinoma";
      markers.egfr = adeno && r.chance(0.18);
      markers.alk = adeno && !markers.egfr && r.chance(0.06);
      marker(
        "EGFR",
        markers.egfr ? "positive" : "negative",
        markers.egfr ? { variant: r.pick(["exon 19 deletion", "L858R"]) } : {},
      );
      marker("ALK", markers.alk ? "positive" : "negative");
      if (!markers.egfr && !markers.alk && r.chance(0.3)) marker("KRAS", "positive", { variant: "G12C" });
      const tps = markers.egfr || markers.alk ? r.int(0, 30) : r.pick([0, 1, 5, 10, 30, 50, 60, 80, 90]);
      markers.pdl1High = tps >= 50;
      marker("PD_L1", tps >= 1 ? "positive" : "negative", { value: tps, unit: "% TPS" });
      break;
    }
    case "breast": {
      topography = "C50.4";
      histology = r.chance(0.8) ? "invasive carcinoma of no special type" : "invasive lobular carcinoma";
      markers.hr = r.chance(0.75);
      markers.her2 = r.chance(0.18);
      marker(
        "ER",
        markers.hr ? "positive" : "negative",
        markers.hr ? { value: r.int(50, 100), unit: "%" } : {},
      );
      marker("PR", markers.hr && r.chance(0.8) ? "positive" : "negative");
      marker("HER2", markers.her2 ? "positive" : "negative");
      tnm = { t: "T2", n: "N1", m: synchronous ? "M1" : "M0", stage: synchronous ? "IV" : "IIB" };
      break;
    }
    case "prostate":
      topography = "C61.9";
      histology = "acinar adenocarcinoma";
      tnm = { t: "T3a", n: "N0", m: synchronous ? "M1b" : "M0", stage: synchronous ? "IVB" : "IIIB" };
      break;
    case "colorectal": {
      topography = r.pick(["C18.7", "C18.2", "C20.9"]);
      markers.rasWild = r.chance(0.5);
      marker(
        "KRAS",
        markers.rasWild ? "negative" : "positive",
        markers.rasWild ? {} : { variant: r.pick(["G12D", "G12V", "G13D"]) },
      );
      marker("NRAS", "negative");
      if (r.chance(0.08)) marker("BRAF", "positive", { variant: "V600E" });
      marker("MSI", r.chance(0.05) ? "positive" : "negative");
      tnm = { t: "T3", n: "N1", m: synchronous ? "M1a" : "M0", stage: synchronous ? "IVA" : "IIIB" };
      break;
    }
    case "kidney":
      topography = "C64.9";
      histology = "clear cell renal cell carcinoma";
      tnm = { t: "T2", n: "N0", m: synchronous ? "M1" : "M0", stage: synchronous ? "IV" : "II" };
      break;
    case "melanoma":
      topography = "C44.5";
      histology = "superficial spreading melanoma";
      markers.braf = r.chance(0.45);
      marker("BRAF", markers.braf ? "positive" : "negative", markers.braf ? { variant: "V600E" } : {});
      tnm = { t: "T3b", n: "N1a", m: synchronous ? "M1b" : "M0", stage: synchronous ? "IV" : "IIIB" };
      break;
    case "head_neck":
      topography = "C32.0";
      histology = "squamous cell carcinoma";
      break;
    case "oesophagogastric":
      topography = "C15.5";
      break;
    case "unknown_primary":
      histology = "adenocarcinoma, primary unknown";
      break;
  }
  return {
    markers,
    record: {
      site: primary,
      icdO3Topography: topography,
      histology,
      ...(date ? { diagnosisDate: date, diagnosisDateBasis: "histology" as const } : {}),
      ...(primary !== "unknown_primary" ? { tnm: { ...tnm, edition: 8, basis: "clinical" as const } } : {}),
      biomarkers,
      status: synchronous ? ("in_situ_untreated" as const) : ("treated_controlled" as const),
    },
  };
}

const ONE_TO_FIVE = { "1": 45, "2": 25, "3": 15, "4": 8, "5": 7 } as const;

/** Generates patient `index` of the demo registry for `options`. */
export function generateDemoCase(index: number, options: DemoCohortOptions): DemoCase {
  const r = seededRandom(options.seed, index);
  const asOfDay = toDayNumber(options.asOf);
  let intended = r.weighted(SCENARIO_WEIGHTS);
  const primary: DemoPrimary | "unknown_primary" =
    intended === "INSUFFICIENT_DATA" ? "unknown_primary" : r.weighted(PRIMARY_WEIGHTS);
  // index date: between 7 years and 1 month before the registry's today
  const indexDay = asOfDay - r.int(30, 7 * 365);
  const c = new Chart(r, primary);
  const count = () => Number(r.weighted(ONE_TO_FIVE));

  let dxDay = indexDay;
  let synchronous = false;
  let onTherapyAtIndex: SystemicIn | undefined;
  let indexLesions: Lesion[] = [];
  let indexExtra: Partial<Study> = {};
  let surveillanceFrom: number | undefined;

  const provisional = primaryRecord(
    seededRandom(options.seed ^ 0x5bd1e995, index),
    primary,
    0,
    false,
  ).markers;

  switch (intended) {
    case "DE_NOVO_SYNCHRONOUS": {
      synchronous = true;
      dxDay = indexDay - r.int(5, 150);
      indexLesions = c.lesions(count());
      break;
    }
    case "DE_NOVO_METACHRONOUS_OLIGORECURRENCE":
    case "NOT_OMD_NO_DISTANT_METASTASES":
    case "INSUFFICIENT_DATA": {
      dxDay = indexDay - r.int(240, 2900);
      // a cancer of unknown primary has no primary diagnosis date and no surveillance before
      if (intended !== "INSUFFICIENT_DATA") surveillanceFrom = dxDay + 90;
      const adj = adjuvant(primary, provisional);
      // a finished adjuvant course, over (incl. a depot's dosing interval, 1.4.5) well before the index date
      if (
        adj?.days !== undefined &&
        r.chance(0.4) &&
        dxDay + 45 + adj.days + (adj.regimen.depotIntervalDays ?? 0) < indexDay - 60
      ) {
        c.therapy(adj.regimen, dxDay + 45, dxDay + 45 + adj.days, { adjuvant: true });
      }
      if (intended === "NOT_OMD_NO_DISTANT_METASTASES") {
        indexLesions = [
          {
            id: "N1",
            location: "regional_node",
            sizeMm: r.int(10, 25),
            shortAxisMm: r.int(10, 18),
            status: "new",
            site: "regional lymph node",
          },
        ];
      } else {
        indexLesions = c.lesions(count());
      }
      break;
    }
    case "DE_NOVO_METACHRONOUS_OLIGOPROGRESSION": {
      const adj = adjuvant(primary, provisional);
      if (!adj) {
        intended = "DE_NOVO_METACHRONOUS_OLIGORECURRENCE";
        dxDay = indexDay - r.int(240, 2900);
        surveillanceFrom = dxDay + 90;
        indexLesions = c.lesions(count());
        break;
      }
      const start = r.int(30, 75);
      const maxSpan = adj.days === undefined ? 2800 : Math.min(2800, start + adj.days + 20);
      const minSpan = 200; // beyond 6 months: metachronous
      if (maxSpan <= minSpan) {
        intended = "DE_NOVO_METACHRONOUS_OLIGORECURRENCE";
        dxDay = indexDay - r.int(240, 2900);
        surveillanceFrom = dxDay + 90;
        indexLesions = c.lesions(count());
        break;
      }
      dxDay = indexDay - r.int(minSpan, maxSpan);
      surveillanceFrom = dxDay + 90;
      const plannedStop = adj.days === undefined ? undefined : dxDay + start + adj.days;
      // the adjuvant course is running at the index date: stopped 2 weeks after it (switch to first line)
      onTherapyAtIndex = c.therapy(
        adj.regimen,
        dxDay + start,
        Math.min(plannedStop ?? Number.POSITIVE_INFINITY, indexDay + 14),
        { adjuvant: true },
      );
      indexLesions = c.lesions(Math.min(3, count()));
      break;
    }
    case "REPEAT_OLIGORECURRENCE":
    case "REPEAT_OLIGOPROGRESSION": {
      const firstOmd = indexDay - r.int(240, 1500);
      dxDay = firstOmd - r.int(240, 1500);
      surveillanceFrom = dxDay + 90;
      const first = c.lesions(Math.min(3, count()));
      c.study(firstOmd, first);
      const treatedUntil = c.treat(first, firstOmd + r.int(14, 40));
      const followUp = treatedUntil + r.int(70, 110);
      if (followUp < indexDay - 45)
        c.study(
          followUp,
          first.map((l) => c.again(l, "ablated", 0.6)),
        );
      if (intended === "REPEAT_OLIGOPROGRESSION") {
        onTherapyAtIndex = c.therapy(
          firstLine(r, primary, provisional),
          firstOmd + r.int(20, 60),
          undefined,
          { line: 1 },
        );
      }
      indexLesions = [...c.lesions(Math.min(3, count())), ...first.map((l) => c.again(l, "ablated", 0.5))];
      break;
    }
    case "REPEAT_OLIGOPERSISTENCE": {
      const baseline = indexDay - r.int(80, 220);
      dxDay = baseline - r.int(5, 60);
      synchronous = true;
      const first = c.lesions(Math.min(4, count()));
      c.study(baseline, first);
      onTherapyAtIndex = c.therapy(firstLine(r, primary, provisional), baseline + r.int(10, 25), undefined, {
        line: 1,
      });
      indexLesions = first.map((l) => c.again(l, r.chance(0.6) ? "responding" : "stable", r.uniform(0.5, 1)));
      break;
    }
    case "INDUCED_OLIGORECURRENCE":
    case "INDUCED_OLIGOPROGRESSION":
    case "INDUCED_OLIGOPERSISTENCE": {
      const polyDay =
        intended === "INDUCED_OLIGOPERSISTENCE"
          ? indexDay - r.int(90, 240)
          : indexDay - r.int(intended === "INDUCED_OLIGORECURRENCE" ? 420 : 300, 1400);
      synchronous = r.chance(0.5);
      dxDay = synchronous ? polyDay - r.int(5, 60) : polyDay - r.int(240, 2000);
      if (!synchronous) surveillanceFrom = dxDay + 90;
      const poly = c.lesions(r.int(6, 14));
      c.study(polyDay, poly);
      const regimen = firstLine(r, primary, provisional);
      const start = polyDay + r.int(10, 25);
      const residual = poly.slice(0, r.int(1, 3));
      if (intended === "INDUCED_OLIGOPERSISTENCE") {
        onTherapyAtIndex = c.therapy(regimen, start, undefined, { line: 1, bestResponse: "PR" });
        indexLesions = residual.map((l) => c.again(l, "responding", r.uniform(0.3, 0.8)));
      } else {
        const restaging = start + r.int(80, 110);
        const restaged = residual.map((l) => c.again(l, "responding", r.uniform(0.3, 0.7)));
        c.study(restaging, restaged);
        if (intended === "INDUCED_OLIGORECURRENCE") {
          // response, then a treatment break; new lesions at least two months after the last dose
          // (polyDay <= index - 420 leaves room: stop <= polyDay + 335 <= index - 85)
          c.therapy(regimen, start, restaging + r.int(60, 200), { line: 1, bestResponse: "PR" });
          indexLesions = [...c.lesions(r.int(1, 2)), ...restaged.map((l) => c.again(l, "stable"))];
        } else {
          onTherapyAtIndex = c.therapy(regimen, start, undefined, { line: 1, bestResponse: "PR" });
          // one residual lesion regrows by at least 60 % and 6 mm over its restaging size (1.4.7)
          indexLesions = restaged.map((l, i) => {
            const size = l.sizeMm ?? 10;
            return i === 0
              ? c.again(l, "progressing", Math.max(1.6, (size + 6) / size))
              : c.again(l, "stable");
          });
        }
      }
      break;
    }
    case "NOT_OMD_POLYMETASTATIC": {
      synchronous = r.chance(0.5);
      dxDay = synchronous ? indexDay - r.int(5, 150) : indexDay - r.int(240, 2900);
      if (!synchronous) surveillanceFrom = dxDay + 90;
      indexLesions = c.lesions(r.int(6, 15));
      break;
    }
    case "NOT_OMD_DIFFUSE_DISEASE": {
      dxDay = indexDay - r.int(240, 2900);
      surveillanceFrom = dxDay + 90;
      indexLesions = c.lesions(r.int(1, 3));
      const finding =
        primary === "colorectal" || primary === "oesophagogastric"
          ? "peritoneal_carcinomatosis"
          : primary === "melanoma"
            ? "leptomeningeal"
            : primary === "breast"
              ? r.pick(["lymphangitic", "malignant_pleural_effusion"] as const)
              : "malignant_pleural_effusion";
      indexExtra = { diffuseFindings: [finding] };
      break;
    }
  }

  // a synchronous primary is diagnosed on or shortly before the staging work-up
  const { record: primaryRec, markers } = primaryRecord(
    seededRandom(options.seed ^ 0x5bd1e995, index),
    primary,
    intended === "INSUFFICIENT_DATA" ? undefined : dxDay,
    synchronous,
  );
  if (!synchronous && intended !== "INSUFFICIENT_DATA") {
    Object.assign(primaryRec, { definitiveTreatmentDate: d(dxDay + r.int(20, 60)) });
  }

  // negative surveillance imaging between treatment of the primary and the first metastases
  if (surveillanceFrom !== undefined) {
    const firstMetDay = Math.min(indexDay, ...c.studies.map((s) => toDayNumber(s.date)));
    for (let day = surveillanceFrom + r.int(60, 200); day < firstMetDay - 60; day += r.int(180, 400)) {
      c.study(day, [], { modality: "ct", region: "thorax_abdomen_pelvis" });
    }
  }

  const indexStudy = c.study(indexDay, indexLesions, indexExtra);

  // --- outcomes after the index date -------------------------------------------------------------
  const ecog = Number(r.weighted({ "0": 45, "1": 45, "2": 10 }));
  const ageAtIndex = Math.round(Math.min(92, Math.max(28, r.normal(primary === "prostate" ? 71 : 66, 9))));
  const omdState = !intended.startsWith("NOT_OMD") && intended !== "INSUFFICIENT_DATA";
  const localTherapyPlanned = omdState
    ? r.chance(0.8)
    : intended === "NOT_OMD_NO_DISTANT_METASTASES"
      ? r.chance(0.5)
      : false;
  const hr =
    STATE_HR[intended] *
    (localTherapyPlanned ? LOCAL_THERAPY_HR : 1) *
    (ecog === 2 ? 1.8 : ecog === 1 ? 1.2 : 1) *
    (ageAtIndex > 75 ? 1.3 : 1) *
    (markers.egfr || markers.alk ? 0.7 : 1);
  const medianOsDays = (MEDIAN_OS_MONTHS[primary] * DAYS_PER_MONTH) / hr;
  const osDays = Math.max(45, Math.round(r.weibullMedian(medianOsDays, 1.15)));
  // at least 45 days: a progression scan never joins the index work-up (30-day window, 1.4.1)
  const pfsDays = Math.min(
    osDays,
    Math.max(45, Math.round(r.weibullMedian(medianOsDays * PFS_SHARE_OF_OS, 1.2))),
  );
  // censoring: loss to follow-up (~4 % a year) or the last visit before the registry's today
  const lossDay = indexDay + Math.round((-Math.log(1 - r.next()) / 0.04) * 365.25);
  const lastVisitDay = asOfDay - r.int(0, 75);
  const censorDay = Math.max(indexDay, Math.min(lossDay, lastVisitDay));
  const deathDay = indexDay + osDays <= censorDay ? indexDay + osDays : undefined;
  const endDay = deathDay ?? censorDay;
  const progressionDay = indexDay + pfsDays < endDay && pfsDays < osDays ? indexDay + pfsDays : undefined;

  // treatment of the index state
  let treatedUntil: number | undefined;
  const countable = indexLesions.filter((l) => l.location === "distant" && l.status !== "ablated");
  const ltStart = indexDay + r.int(14, 45);
  if (localTherapyPlanned && countable.length > 0 && ltStart < endDay - 10) {
    treatedUntil = c.treat(countable, ltStart);
  } else if (intended === "NOT_OMD_NO_DISTANT_METASTASES" && localTherapyPlanned && ltStart < endDay - 10) {
    c.local.push({
      id: "R-node",
      type: "conventional_rt",
      targetLesionIds: ["N1"],
      start: d(ltStart),
      end: d(ltStart + 34),
      intent: "radical",
      doseGy: 50,
      fractions: 25,
    });
  }
  let current = onTherapyAtIndex;
  if (current?.adjuvant === true) current = undefined; // the adjuvant course ends two weeks after the index date
  if (
    !current &&
    (intended.startsWith("NOT_OMD_POLY") ||
      intended.startsWith("NOT_OMD_DIFFUSE") ||
      r.chance(omdState ? 0.45 : 0.2))
  ) {
    const start = indexDay + r.int(15, 60);
    if (start < endDay - 14)
      current = c.therapy(firstLine(r, primary, markers), start, undefined, { line: 1 });
  }
  if (current && !current.stop) {
    // therapy continues until progression (then second line), death or the last visit
    if (progressionDay !== undefined) {
      current.stop = d(Math.max(toDayNumber(current.start), progressionDay + r.int(7, 21)));
      if (progressionDay + 28 < endDay - 14) {
        c.therapy(
          SECOND_LINE[primary],
          progressionDay + 28,
          deathDay === undefined ? undefined : deathDay - r.int(10, 40),
          { line: (current.line ?? 1) + 1 },
        );
      }
    } else if (deathDay !== undefined) {
      current.stop = d(Math.max(toDayNumber(current.start), deathDay - r.int(10, 40)));
    }
  }
  // keep every course inside the observed window
  for (const t of c.systemic) {
    if (toDayNumber(t.start) > endDay) t.start = d(endDay);
    if (t.stop !== undefined && toDayNumber(t.stop) > endDay) t.stop = d(endDay);
    if (t.stop !== undefined && t.stop < t.start) t.stop = t.start;
  }

  // follow-up imaging: response after local therapy, then progression
  if (treatedUntil !== undefined) {
    const fu = treatedUntil + r.int(70, 110);
    if (fu < (progressionDay ?? endDay) - 35) {
      c.study(
        fu,
        countable.map((l) => c.again(l, "ablated", r.uniform(0.3, 0.7))),
        { modality: indexStudy.modality },
      );
    }
  }
  const progressionDates: string[] = [];
  if (progressionDay !== undefined) {
    progressionDates.push(d(progressionDay));
    c.study(progressionDay, c.lesions(r.int(1, 4)), { modality: indexStudy.modality });
  }

  // tumour markers
  if (primary === "prostate") {
    for (const s of c.studies) {
      if (s.modality !== "psma_pet") continue;
      const n = (s.lesions ?? []).filter((l) => l.status !== "ablated").length;
      c.labs.push({
        name: "PSA",
        value: Math.round((n === 0 ? 0.05 : 0.4 + n * r.uniform(0.3, 2.5)) * 100) / 100,
        unit: "ng/mL",
        date: s.date,
      });
    }
  } else if (primary === "colorectal") {
    c.labs.push({
      name: "CEA",
      value: Math.round(r.uniform(3, 40) * 10) / 10,
      unit: "ng/mL",
      date: indexStudy.date,
    });
  }

  const birthYear = Number(indexStudy.date.slice(0, 4)) - ageAtIndex;
  const sex =
    primary === "prostate"
      ? "male"
      : primary === "breast"
        ? r.chance(0.99)
          ? "female"
          : "male"
        : r.chance(0.58)
          ? "male"
          : "female";
  const site = r.weighted(
    Object.fromEntries((options.sites ?? DEFAULT_DEMO_SITES).map((s) => [s.id, s.weight])) as Record<
      string,
      number
    >,
  );
  const idNumber = String(index).padStart(6, "0");
  const lastFollowUp = deathDay !== undefined ? deathDay - r.int(0, 20) : censorDay;
  const patient: PatientInput = {
    id: `${options.idPrefix ?? "demo-"}${idNumber}`,
    siteId: site,
    name: `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
    mrn: `DEMO${idNumber}`,
    birthYear,
    sex,
    performanceStatus: { ecog, date: indexStudy.date },
    ...(primary === "nsclc" ? { smoking: r.weighted({ never: 20, former: 55, current: 25 }) } : {}),
    primary: primaryRec,
    labs: c.labs,
    imagingStudies: [...c.studies].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    systemicTherapies: c.systemic,
    localTherapies: c.local,
    judgements: [
      {
        date: indexStudy.date,
        allSitesSafelyTreatable: omdState,
        lifeExpectancyAtLeast6Months: ecog < 2 || omdState,
      },
    ],
    outcomes: {
      ...(deathDay !== undefined ? { death: { date: d(deathDay), cause: "cancer" } } : {}),
      lastFollowUpDate: d(Math.max(indexDay, lastFollowUp)),
      progressionDates,
    },
    // the registry entry is about this decision: later follow-up imaging does not move it
    classificationSettings: { indexDate: indexStudy.date },
  };
  return { patient, intended };
}
