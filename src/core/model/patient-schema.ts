// The clinical model: one patient's longitudinal record, validated at runtime (Zod 4).
// Field list follows clinical-reference 1.5 (characterisation factors) and 8.1 (registry items).
// Objects are strict: an unknown field (often a typo such as "sizemm") is an error, not ignored.
// Schemas are built once at module load; parsePatient (parse-patient.ts) adds cross-field checks.
import { z } from "zod";
import {
  BIOMARKER_NAMES,
  BIOMARKER_RESULTS,
  BIOPSY_RESULTS,
  DIAGNOSIS_DATE_BASES,
  DIFFUSE_FINDINGS,
  IMAGING_REGIONS,
  LAB_NAMES,
  LESION_LOCATIONS,
  LESION_STATUSES,
  LOCAL_THERAPY_TYPES,
  MODALITIES,
  ORGANS,
  PRIMARY_SITES,
  PRIMARY_STATUSES,
  SEXES,
  SYSTEMIC_CLASSES,
  TREATMENT_INTENTS,
} from "./vocabularies.ts";

/** Calendar date without time zone, `YYYY-MM-DD`, a real date (leap years checked), years 1900–2100. */
export const isoDateSchema = z.iso
  .date({ error: "must be a calendar date YYYY-MM-DD (a real date, e.g. 2024-02-29 only in leap years)" })
  .refine((s) => s.length !== 10 || (s >= "1900-01-01" && s <= "2100-12-31"), {
    error: "year must be between 1900 and 2100",
    params: { code: "invalid_date" },
  })
  .meta({ description: "Calendar date YYYY-MM-DD (no time, no time zone)" });

const id = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(128, { error: "must be at most 128 characters" });
const text = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });

export const performanceStatusSchema = z.strictObject({
  /** ECOG / WHO performance status 0–4 */
  ecog: z.number().int().min(0).max(4).optional(),
  /** Karnofsky performance status 0–100 in steps of 10 */
  kps: z.number().int().min(0).max(100).multipleOf(10).optional(),
  date: isoDateSchema.optional(),
});

export const tnmSchema = z.strictObject({
  t: text(16).optional(),
  n: text(16).optional(),
  m: text(16).optional(),
  /** UICC/AJCC edition, e.g. 8 */
  edition: z.number().int().min(1).max(20),
  /** prefix: clinical (c) or pathological (p) */
  basis: z.enum(["clinical", "pathological"]).optional(),
  stage: text(16).optional(),
});

export const biomarkerSchema = z.strictObject({
  name: z.enum(BIOMARKER_NAMES),
  /** required when name is "other" */
  label: text(64).optional(),
  result: z.enum(BIOMARKER_RESULTS).optional(),
  /** e.g. "exon 19 deletion", "G12C" */
  variant: text(128).optional(),
  /** numeric value, e.g. PD-L1 tumour proportion score */
  value: z.number().finite().optional(),
  unit: text(32).optional(),
  date: isoDateSchema.optional(),
});

export const primarySchema = z.strictObject({
  site: z.enum(PRIMARY_SITES),
  /** ICD-O-3 topography, e.g. "C34.1" */
  icdO3Topography: text(16).optional(),
  /** histology in words, e.g. "adenocarcinoma" */
  histology: text(200).optional(),
  /** ICD-O-3 morphology, e.g. "8140/3" */
  icdO3Morphology: text(16).optional(),
  grade: text(32).optional(),
  /** date of histological/cytological confirmation; else first diagnostic imaging (1.4.2) */
  diagnosisDate: isoDateSchema.optional(),
  diagnosisDateBasis: z.enum(DIAGNOSIS_DATE_BASES).optional(),
  laterality: z.enum(["left", "right", "bilateral", "midline", "not_applicable"]).optional(),
  tnm: tnmSchema.optional(),
  biomarkers: z.array(biomarkerSchema).default([]),
  status: z.enum(PRIMARY_STATUSES).optional(),
  /** date of the definitive treatment of the primary (surgery, radical RT), for "controlled primary" */
  definitiveTreatmentDate: isoDateSchema.optional(),
});

export const labSchema = z.strictObject({
  name: z.enum(LAB_NAMES),
  label: text(64).optional(),
  value: z.number().finite(),
  unit: text(32),
  date: isoDateSchema,
});

export const lesionSchema = z.strictObject({
  /**
   * Identity of the lesion across studies: use the same id for the same lesion on follow-up
   * imaging. Unique within one study.
   */
  id,
  /** organ category for organ counts (2.5); required for distant lesions */
  organ: z.enum(ORGANS).optional(),
  location: z.enum(LESION_LOCATIONS),
  /** free-text anatomical site, e.g. "L3 vertebral body", "segment VII" */
  site: text(200).optional(),
  laterality: z.enum(["left", "right", "midline", "not_applicable"]).optional(),
  /** longest diameter in mm */
  sizeMm: z.number().finite().positive().max(1000).optional(),
  /** short axis in mm (lymph nodes are followed by short axis, RECIST 1.1) */
  shortAxisMm: z.number().finite().positive().max(1000).optional(),
  /** viable tumour visible; absent = true unless status is "ablated" (A9) */
  viable: z.boolean().optional(),
  /** as read on this study; absent = derived from earlier studies (1.4.7) */
  status: z.enum(LESION_STATUSES).optional(),
  biopsy: z.enum(BIOPSY_RESULTS).optional(),
  /** tracer uptake judged malignant (PET), e.g. new PSMA uptake */
  avid: z.boolean().optional(),
  note: text(500).optional(),
});

export const imagingStudySchema = z.strictObject({
  id,
  date: isoDateSchema,
  modality: z.enum(MODALITIES),
  region: z.enum(IMAGING_REGIONS).optional(),
  /** contrast-enhanced (CT/MRI) */
  contrast: z.boolean().optional(),
  /** PET tracer, e.g. "68Ga-PSMA-11", "18F-DCFPyL" */
  tracer: text(64).optional(),
  /**
   * Studies with the same workup label form one staging work-up (e.g. FDG-PET-CT then brain
   * MRI); without labels, studies within the work-up window (default 28 days) are grouped.
   */
  workup: text(64).optional(),
  lesions: z.array(lesionSchema).default([]),
  diffuseFindings: z.array(z.enum(DIFFUSE_FINDINGS)).default([]),
  note: text(1000).optional(),
});

export const systemicTherapySchema = z.strictObject({
  id,
  /** agent(s), e.g. "osimertinib", "carboplatin + pemetrexed" */
  agent: text(200).min(1, { error: "must not be empty" }),
  class: z.enum(SYSTEMIC_CLASSES),
  start: isoDateSchema,
  /** date of the last administration; absent = ongoing */
  stop: isoDateSchema.optional(),
  adjuvant: z.boolean().optional(),
  maintenance: z.boolean().optional(),
  /** depot formulation dosing interval, e.g. 84 for a 3-monthly LHRH analogue (1.4.5) */
  depotIntervalDays: z.number().int().min(1).max(366).optional(),
  /** line of therapy for metastatic disease (1 = first line) */
  line: z.number().int().min(1).max(20).optional(),
  /** explicitly count a bone-protective/supportive agent as anticancer therapy (1.4.5) */
  countAsAnticancer: z.boolean().optional(),
  bestResponse: z.enum(["CR", "PR", "SD", "PD", "NE"]).optional(),
});

export const localTherapySchema = z.strictObject({
  id,
  type: z.enum(LOCAL_THERAPY_TYPES),
  /** lesion ids (as in imagingStudies[].lesions[].id) treated by this course */
  targetLesionIds: z.array(id).default([]),
  start: isoDateSchema,
  end: isoDateSchema.optional(),
  intent: z.enum(TREATMENT_INTENTS).optional(),
  /** total prescribed dose in Gy (radiotherapy) */
  doseGy: z.number().finite().positive().max(200).optional(),
  fractions: z.number().int().min(1).max(60).optional(),
  technique: text(64).optional(),
});

export const judgementSchema = z.strictObject({
  date: isoDateSchema,
  /** every current metastatic site can be treated safely with curative-intent RT (ESTRO-ASTRO 2.2) */
  allSitesSafelyTreatable: z.boolean().optional(),
  /** radical treatment of all sites incl. primary and thoracic nodes is technically feasible (EORTC-LCG 2.1) */
  radicalTreatmentFeasible: z.boolean().optional(),
  /** MDT judged biopsy of a solitary metastasis not worthwhile (EORTC-LCG 2.1) */
  biopsyWaiverByMdt: z.boolean().optional(),
  /** clinician records unequivocal progression on current imaging (1.4.7) */
  clinicianProgression: z.boolean().optional(),
  lifeExpectancyAtLeast6Months: z.boolean().optional(),
  /** thoracoscopy done for a solitary pleural lesion (EORTC-LCG 2.1) */
  thoracoscopyPerformed: z.boolean().optional(),
  note: text(1000).optional(),
});

export const outcomesSchema = z.strictObject({
  death: z.strictObject({ date: isoDateSchema, cause: text(200).optional() }).optional(),
  lastFollowUpDate: isoDateSchema.optional(),
  progressionDates: z.array(isoDateSchema).default([]),
});

export const classificationSettingsSchema = z.strictObject({
  /** report the classification at the first OMD diagnosis as the main result (trial exports, A3) */
  classifyAtFirstOmdDiagnosis: z.boolean().optional(),
  /** classify at this index date (date of an imaging study) instead of the latest work-up (1.4.1) */
  indexDate: isoDateSchema.optional(),
});

export const patientSchema = z
  .strictObject({
    id,
    /** treating centre (site separation) */
    siteId: text(64).min(1).optional(),
    /** identifying: stripped in de-identified exports */
    name: text(200).optional(),
    /** identifying: stripped in de-identified exports */
    mrn: text(64).optional(),
    birthYear: z.number().int().min(1880).max(2100).optional(),
    sex: z.enum(SEXES).optional(),
    performanceStatus: performanceStatusSchema.optional(),
    /** e.g. Charlson comorbidity index */
    comorbidityIndex: z.number().int().min(0).max(40).optional(),
    smoking: z.enum(["never", "former", "current", "unknown"]).optional(),
    primary: primarySchema,
    labs: z.array(labSchema).default([]),
    imagingStudies: z.array(imagingStudySchema).default([]),
    systemicTherapies: z.array(systemicTherapySchema).default([]),
    localTherapies: z.array(localTherapySchema).default([]),
    judgements: z.array(judgementSchema).default([]),
    outcomes: outcomesSchema.optional(),
    classificationSettings: classificationSettingsSchema.optional(),
  })
  .meta({
    title: "Oligoscope patient",
    description:
      "One patient's longitudinal record for oligometastatic disease: primary tumour, imaging studies with lesions, systemic and local therapies, clinician judgements and outcomes.",
  });

/** A validated patient (arrays always present). */
export type Patient = z.output<typeof patientSchema>;
/** What a client may send (arrays optional). */
export type PatientInput = z.input<typeof patientSchema>;
export type Primary = Patient["primary"];
export type Biomarker = Primary["biomarkers"][number];
export type Tnm = NonNullable<Primary["tnm"]>;
export type Lab = Patient["labs"][number];
export type ImagingStudy = Patient["imagingStudies"][number];
export type Lesion = ImagingStudy["lesions"][number];
export type SystemicTherapy = Patient["systemicTherapies"][number];
export type LocalTherapy = Patient["localTherapies"][number];
export type Judgement = Patient["judgements"][number];
export type Outcomes = NonNullable<Patient["outcomes"]>;
export type PerformanceStatus = NonNullable<Patient["performanceStatus"]>;
export type ClassificationSettings = NonNullable<Patient["classificationSettings"]>;
