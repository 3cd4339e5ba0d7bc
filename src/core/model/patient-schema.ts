// The clinical model: one patient's longitudinal record, validated at runtime (Zod 4).
// Field list follows clinical-reference 1.5 (characterisation factors) and 8.1 (registry items).
// Objects are strict: an unknown field (often a typo such as "sizemm") is an error, not ignored.
// Schemas are built once at module load; parsePatient (parse-patient.ts) adds cross-field checks.
import * as z from "zod";
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
  ecog: z.number().int().min(0).max(4).optional().describe("ECOG / WHO performance status 0–4"),
  kps: z
    .number()
    .int()
    .min(0)
    .max(100)
    .multipleOf(10)
    .optional()
    .describe("Karnofsky performance status 0–100 in steps of 10"),
  date: isoDateSchema.optional(),
});

export const tnmSchema = z.strictObject({
  t: text(16).optional(),
  n: text(16).optional(),
  m: text(16).optional(),
  edition: z.number().int().min(1).max(20).describe("UICC/AJCC edition, e.g. 8"),
  basis: z.enum(["clinical", "pathological"]).optional().describe("prefix: clinical (c) or pathological (p)"),
  stage: text(16).optional(),
});

export const biomarkerSchema = z.strictObject({
  name: z.enum(BIOMARKER_NAMES),
  label: text(64).optional().describe('required when name is "other"'),
  result: z.enum(BIOMARKER_RESULTS).optional(),
  variant: text(128).optional().describe('e.g. "exon 19 deletion", "G12C"'),
  value: z.number().finite().optional().describe("numeric value, e.g. PD-L1 tumour proportion score"),
  unit: text(32).optional(),
  date: isoDateSchema.optional(),
});

export const primarySchema = z.strictObject({
  site: z.enum(PRIMARY_SITES),
  icdO3Topography: text(16).optional().describe('ICD-O-3 topography, e.g. "C34.1"'),
  histology: text(200).optional().describe('histology in words, e.g. "adenocarcinoma"'),
  icdO3Morphology: text(16).optional().describe('ICD-O-3 morphology, e.g. "8140/3"'),
  grade: text(32).optional(),
  diagnosisDate: isoDateSchema
    .optional()
    .describe("date of histological/cytological confirmation; else first diagnostic imaging (1.4.2)"),
  diagnosisDateBasis: z.enum(DIAGNOSIS_DATE_BASES).optional(),
  laterality: z.enum(["left", "right", "bilateral", "midline", "not_applicable"]).optional(),
  tnm: tnmSchema.optional(),
  biomarkers: z.array(biomarkerSchema).default([]),
  status: z.enum(PRIMARY_STATUSES).optional(),
  definitiveTreatmentDate: isoDateSchema
    .optional()
    .describe(
      'date of the definitive treatment of the primary (surgery, radical RT), for "controlled primary"',
    ),
});

export const labSchema = z.strictObject({
  name: z.enum(LAB_NAMES),
  label: text(64).optional(),
  value: z.number().finite(),
  unit: text(32),
  date: isoDateSchema,
});

export const lesionSchema = z.strictObject({
  id: id.describe(
    "identity of the lesion across studies: use the same id for the same lesion on follow-up imaging; unique within one study",
  ),
  organ: z
    .enum(ORGANS)
    .optional()
    .describe("organ category for organ counts (2.5); required for distant lesions"),
  location: z
    .enum(LESION_LOCATIONS)
    .describe(
      "distant metastasis, regional lymph node (per the primary's TNM N category; never counted) or the primary site",
    ),
  site: text(200).optional().describe('free-text anatomical site, e.g. "L3 vertebral body", "segment VII"'),
  laterality: z.enum(["left", "right", "midline", "not_applicable"]).optional(),
  sizeMm: z.number().finite().positive().max(1000).optional().describe("longest diameter in mm"),
  shortAxisMm: z
    .number()
    .finite()
    .positive()
    .max(1000)
    .optional()
    .describe("short axis in mm (lymph nodes are followed by short axis, RECIST 1.1)"),
  viable: z
    .boolean()
    .optional()
    .describe('viable tumour visible; absent = true unless status is "ablated" (A9)'),
  status: z
    .enum(LESION_STATUSES)
    .optional()
    .describe("as read on this study; absent = derived from earlier studies (1.4.7)"),
  biopsy: z.enum(BIOPSY_RESULTS).optional(),
  avid: z.boolean().optional().describe("tracer uptake judged malignant (PET), e.g. new PSMA uptake"),
  note: text(500).optional(),
});

export const imagingStudySchema = z.strictObject({
  id,
  date: isoDateSchema,
  modality: z.enum(MODALITIES),
  region: z
    .enum(IMAGING_REGIONS)
    .optional()
    .describe(
      "region imaged; brain, liver, spine and skeleton studies cover that region only (other lesions carried forward)",
    ),
  contrast: z.boolean().optional().describe("contrast-enhanced (CT/MRI)"),
  tracer: text(64).optional().describe('PET tracer, e.g. "68Ga-PSMA-11", "18F-DCFPyL"'),
  workup: text(64)
    .optional()
    .describe(
      "studies with the same workup label form one staging work-up (e.g. FDG-PET-CT then brain MRI); without labels, studies within the work-up window (default 30 days) of a work-up's first study are grouped",
    ),
  lesions: z.array(lesionSchema).default([]),
  diffuseFindings: z
    .array(z.enum(DIFFUSE_FINDINGS))
    .default([])
    .describe("diffuse / uncountable metastatic disease seen on this study (makes the state not OMD)"),
  note: text(1000).optional(),
});

export const systemicTherapySchema = z.strictObject({
  id,
  agent: text(200)
    .min(1, { error: "must not be empty" })
    .describe('agent(s), e.g. "osimertinib", "carboplatin + pemetrexed"'),
  class: z.enum(SYSTEMIC_CLASSES),
  start: isoDateSchema,
  stop: isoDateSchema.optional().describe("date of the last administration; absent = ongoing"),
  adjuvant: z.boolean().optional(),
  maintenance: z.boolean().optional(),
  depotIntervalDays: z
    .number()
    .int()
    .min(1)
    .max(366)
    .optional()
    .describe("depot formulation dosing interval, e.g. 84 for a 3-monthly LHRH analogue (1.4.5)"),
  line: z
    .number()
    .int()
    .min(1)
    .max(20)
    .optional()
    .describe("line of therapy for metastatic disease (1 = first line)"),
  countAsAnticancer: z
    .boolean()
    .optional()
    .describe("explicitly count a bone-protective/supportive agent as anticancer therapy (1.4.5)"),
  bestResponse: z.enum(["CR", "PR", "SD", "PD", "NE"]).optional(),
});

export const localTherapySchema = z.strictObject({
  id,
  type: z.enum(LOCAL_THERAPY_TYPES),
  targetLesionIds: z
    .array(id)
    .default([])
    .describe("lesion ids (as in imagingStudies[].lesions[].id) treated by this course"),
  start: isoDateSchema,
  end: isoDateSchema.optional(),
  intent: z.enum(TREATMENT_INTENTS).optional(),
  doseGy: z
    .number()
    .finite()
    .positive()
    .max(200)
    .optional()
    .describe("total prescribed dose in Gy (radiotherapy)"),
  fractions: z.number().int().min(1).max(60).optional(),
  technique: text(64).optional(),
});

export const judgementSchema = z.strictObject({
  date: isoDateSchema,
  allSitesSafelyTreatable: z
    .boolean()
    .optional()
    .describe(
      "every current metastatic site can be treated safely with curative-intent RT (ESTRO-ASTRO 2.2)",
    ),
  radicalTreatmentFeasible: z
    .boolean()
    .optional()
    .describe(
      "radical treatment of all sites incl. primary and thoracic nodes is technically feasible (EORTC-LCG 2.1)",
    ),
  biopsyWaiverByMdt: z
    .boolean()
    .optional()
    .describe("MDT judged biopsy of a solitary metastasis not worthwhile (EORTC-LCG 2.1)"),
  clinicianProgression: z
    .boolean()
    .optional()
    .describe("clinician records unequivocal progression on current imaging (1.4.7)"),
  lifeExpectancyAtLeast6Months: z.boolean().optional(),
  thoracoscopyPerformed: z
    .boolean()
    .optional()
    .describe("thoracoscopy done for a solitary pleural lesion (EORTC-LCG 2.1)"),
  note: text(1000).optional(),
});

export const outcomesSchema = z.strictObject({
  death: z.strictObject({ date: isoDateSchema, cause: text(200).optional() }).optional(),
  lastFollowUpDate: isoDateSchema.optional(),
  progressionDates: z.array(isoDateSchema).default([]),
});

export const classificationSettingsSchema = z.strictObject({
  classifyAtFirstOmdDiagnosis: z
    .boolean()
    .optional()
    .describe("report the classification at the first OMD diagnosis as the main result (trial exports, A3)"),
  indexDate: isoDateSchema
    .optional()
    .describe("classify at this index date (date of an imaging study) instead of the latest work-up (1.4.1)"),
});

export const patientSchema = z
  .strictObject({
    id,
    siteId: text(64).min(1).optional().describe("treating centre (site separation)"),
    name: text(200).optional().describe("identifying: stripped in de-identified exports"),
    mrn: text(64).optional().describe("identifying: stripped in de-identified exports"),
    birthYear: z.number().int().min(1880).max(2100).optional(),
    sex: z.enum(SEXES).optional(),
    performanceStatus: performanceStatusSchema.optional(),
    comorbidityIndex: z.number().int().min(0).max(40).optional().describe("e.g. Charlson comorbidity index"),
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
