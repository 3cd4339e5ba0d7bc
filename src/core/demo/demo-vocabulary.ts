// Realistic ingredients of the synthetic demo registry. Frequencies are plausible orders of
// magnitude for an SBRT-centred OMD registry, not estimates: primary mix after OligoCare (prostate
// 42 %, colorectal 23 %, NSCLC 18 %, breast 17 %; clinical-reference 1.7) and CtE (renal 10 %; 7),
// widened to kidney and melanoma so every primary of the issue appears. Every patient is fictional.
import type { Organ, PrimarySite } from "../model/vocabularies.ts";

export type DemoPrimary = Extract<
  PrimarySite,
  "prostate" | "colorectal" | "nsclc" | "breast" | "kidney" | "melanoma" | "head_neck" | "oesophagogastric"
>;

export const PRIMARY_WEIGHTS: Readonly<Record<DemoPrimary, number>> = {
  prostate: 26,
  colorectal: 20,
  nsclc: 20,
  breast: 15,
  kidney: 9,
  melanoma: 6,
  head_neck: 2,
  oesophagogastric: 2,
};

/** Where metastases of each primary appear (relative weights; typical patterns of spread). */
export const ORGAN_WEIGHTS: Readonly<Record<DemoPrimary, Partial<Record<Organ, number>>>> = {
  prostate: { bone: 55, distant_lymph_node: 35, lung: 6, liver: 4 },
  colorectal: { liver: 55, lung: 33, distant_lymph_node: 6, adrenal: 3, bone: 3 },
  nsclc: { bone: 28, brain: 22, adrenal: 15, lung: 15, liver: 10, distant_lymph_node: 10 },
  breast: { bone: 45, liver: 20, lung: 15, distant_lymph_node: 15, brain: 5 },
  kidney: { lung: 45, bone: 25, adrenal: 10, liver: 8, pancreas: 6, brain: 6 },
  melanoma: { lung: 30, distant_lymph_node: 20, brain: 18, liver: 15, soft_tissue: 17 },
  head_neck: { lung: 70, bone: 20, liver: 10 },
  oesophagogastric: { liver: 45, distant_lymph_node: 30, lung: 15, adrenal: 10 },
};

export const ORGAN_SITES: Readonly<Partial<Record<Organ, readonly string[]>>> = {
  bone: [
    "T8 vertebral body",
    "L2 vertebral body",
    "right ilium",
    "left acetabulum",
    "sacrum S1",
    "left 6th rib",
    "right femoral neck",
    "T11 vertebral body",
    "sternum",
  ],
  distant_lymph_node: [
    "left para-aortic node",
    "right common iliac node",
    "retrocrural node",
    "left supraclavicular node",
    "aortocaval node",
  ],
  lung: ["right upper lobe", "right lower lobe", "left upper lobe", "left lower lobe", "middle lobe"],
  liver: ["segment II", "segment IV", "segment VI", "segment VII", "segment VIII"],
  brain: [
    "left frontal lobe",
    "right parietal lobe",
    "cerebellum",
    "left occipital lobe",
    "right temporal lobe",
  ],
  adrenal: ["left adrenal gland", "right adrenal gland"],
  pancreas: ["pancreatic tail", "pancreatic head"],
  soft_tissue: ["subcutaneous, back", "right thigh muscle", "left axillary soft tissue"],
};

export type SabrSchedule = {
  readonly doseGy: number;
  readonly fractions: number;
  readonly everyOtherDay: boolean;
};

// SABR-COMET protocol schedules (Palma 2012, clinical-reference 3.5) and SABR-COMET-10 (20/1, 30/3, 35/5)
export const SABR_SCHEDULES: Readonly<Partial<Record<Organ, readonly SabrSchedule[]>>> = {
  lung: [
    { doseGy: 54, fractions: 3, everyOtherDay: true },
    { doseGy: 55, fractions: 5, everyOtherDay: true },
    { doseGy: 60, fractions: 8, everyOtherDay: true },
  ],
  bone: [
    { doseGy: 35, fractions: 5, everyOtherDay: false },
    { doseGy: 30, fractions: 3, everyOtherDay: true },
    { doseGy: 20, fractions: 1, everyOtherDay: false },
  ],
  brain: [
    { doseGy: 20, fractions: 1, everyOtherDay: false },
    { doseGy: 40, fractions: 5, everyOtherDay: false },
  ],
  adrenal: [
    { doseGy: 60, fractions: 8, everyOtherDay: true },
    { doseGy: 35, fractions: 5, everyOtherDay: true },
  ],
  liver: [
    { doseGy: 45, fractions: 3, everyOtherDay: true },
    { doseGy: 50, fractions: 5, everyOtherDay: true },
  ],
  distant_lymph_node: [
    { doseGy: 35, fractions: 5, everyOtherDay: false },
    { doseGy: 30, fractions: 3, everyOtherDay: true },
  ],
};
// "Other" sites: 45–60 Gy in 3–8 fractions (SABR-COMET protocol, clinical-reference 3.5)
export const OTHER_SABR: readonly SabrSchedule[] = [
  { doseGy: 45, fractions: 3, everyOtherDay: true },
  { doseGy: 60, fractions: 8, everyOtherDay: true },
];

export type Regimen = {
  readonly agent: string;
  readonly class:
    | "chemotherapy"
    | "targeted"
    | "immunotherapy"
    | "endocrine"
    | "adt"
    | "antibody_drug_conjugate";
  readonly depotIntervalDays?: number;
};

export const FIRST_NAMES = [
  "Anna",
  "Ben",
  "Clara",
  "David",
  "Elena",
  "Farid",
  "Greta",
  "Hugo",
  "Ines",
  "Jonas",
  "Karin",
  "Luca",
  "Mara",
  "Nils",
  "Olga",
  "Pieter",
  "Rosa",
  "Sami",
  "Tessa",
  "Umberto",
  "Vera",
  "Willem",
  "Yara",
  "Zeno",
];
export const LAST_NAMES = [
  "Demo",
  "Example",
  "Sample",
  "Testa",
  "Muster",
  "Voorbeeld",
  "Exemplo",
  "Probe",
  "Fictus",
  "Placeholder",
];
