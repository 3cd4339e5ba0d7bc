// Coded vocabularies of the clinical model. Each list is the single source for the Zod enums,
// the JSON Schema and the labels shown to users. Add a value at the end of a list; never rename.

/** Primary tumour categories (coded site). `unknown_primary` = cancer of unknown primary (1.4.2). */
export const PRIMARY_SITES = [
  "nsclc",
  "sclc",
  "breast",
  "prostate",
  "colorectal",
  "kidney",
  "melanoma",
  "head_neck",
  "oesophagogastric",
  "pancreas",
  "liver",
  "bladder",
  "sarcoma",
  "unknown_primary",
  "other",
] as const;
export type PrimarySite = (typeof PRIMARY_SITES)[number];

export const PRIMARY_SITE_LABELS: Readonly<Record<PrimarySite, string>> = {
  nsclc: "Non-small cell lung cancer",
  sclc: "Small cell lung cancer",
  breast: "Breast cancer",
  prostate: "Prostate cancer",
  colorectal: "Colorectal cancer",
  kidney: "Renal cell cancer",
  melanoma: "Melanoma",
  head_neck: "Head and neck cancer",
  oesophagogastric: "Oesophagogastric cancer",
  pancreas: "Pancreatic cancer",
  liver: "Hepatocellular / biliary cancer",
  bladder: "Bladder / urothelial cancer",
  sarcoma: "Sarcoma",
  unknown_primary: "Cancer of unknown primary",
  other: "Other primary",
};

/** How the primary diagnosis date was established (clinical-reference 1.4.2). */
export const DIAGNOSIS_DATE_BASES = ["histology", "cytology", "imaging", "clinical"] as const;

/** Status of the primary tumour (characterisation factor 6, clinical-reference 1.5). */
export const PRIMARY_STATUSES = [
  "in_situ_untreated",
  "treated_controlled",
  "treated_uncontrolled",
  "resected",
  "under_treatment",
  "unknown",
] as const;

/** Molecular markers and tumour biomarkers (factor 4); `other` requires a label. */
export const BIOMARKER_NAMES = [
  "EGFR",
  "ALK",
  "ROS1",
  "KRAS",
  "NRAS",
  "BRAF",
  "MET",
  "RET",
  "NTRK",
  "HER2",
  "ER",
  "PR",
  "MSI",
  "MMR",
  "PD_L1",
  "BRCA",
  "PSA",
  "other",
] as const;

export const BIOMARKER_RESULTS = ["positive", "negative", "equivocal", "not_assessable"] as const;

/** Serum tumour markers over time (factor 5); `other` requires a label. */
export const LAB_NAMES = ["PSA", "CEA", "CA15_3", "CA19_9", "CA125", "AFP", "LDH", "S100", "other"] as const;

export const SEXES = ["female", "male", "other", "unknown"] as const;

/** Imaging modalities. Brain MRI = modality `mri` with region `brain`. */
export const MODALITIES = [
  "fdg_pet_ct",
  "psma_pet",
  "other_pet",
  "ct",
  "mri",
  "bone_scan",
  "ultrasound",
  "xray",
] as const;
export type Modality = (typeof MODALITIES)[number];

export const MODALITY_LABELS: Readonly<Record<Modality, string>> = {
  fdg_pet_ct: "FDG-PET-CT",
  psma_pet: "PSMA-PET",
  other_pet: "PET (other tracer)",
  ct: "CT",
  mri: "MRI",
  bone_scan: "Bone scan",
  ultrasound: "Ultrasound",
  xray: "X-ray",
};

export const IMAGING_REGIONS = [
  "whole_body",
  "brain",
  "head_neck",
  "thorax",
  "abdomen",
  "pelvis",
  "thorax_abdomen_pelvis",
  "abdomen_pelvis",
  "liver",
  "spine",
  "skeleton",
  "other",
] as const;

/** Organ categories for organ counts (clinical-reference 2.5). */
export const ORGANS = [
  "brain",
  "lung",
  "pleura",
  "liver",
  "adrenal",
  "bone",
  "distant_lymph_node",
  "kidney",
  "spleen",
  "pancreas",
  "peritoneum",
  "soft_tissue",
  "other",
] as const;
export type Organ = (typeof ORGANS)[number];

/** Distant metastasis, regional lymph node (per the primary's TNM N category), or the primary site. */
export const LESION_LOCATIONS = ["distant", "regional_node", "primary"] as const;
export type LesionLocation = (typeof LESION_LOCATIONS)[number];

/** Status of a lesion on this study compared with earlier imaging, as read by the clinician. */
export const LESION_STATUSES = ["new", "progressing", "stable", "responding", "ablated"] as const;
export type LesionStatus = (typeof LESION_STATUSES)[number];

export const BIOPSY_RESULTS = ["malignant", "benign", "non_diagnostic"] as const;

/** Diffuse / uncountable metastatic disease (clinical-reference 1.3 NOT_OMD_DIFFUSE_DISEASE, 2.4). */
export const DIFFUSE_FINDINGS = [
  "malignant_pleural_effusion",
  "pericardial_effusion",
  "peritoneal_carcinomatosis",
  "leptomeningeal",
  "diffuse_bone_marrow",
  "lymphangitic",
] as const;
export type DiffuseFinding = (typeof DIFFUSE_FINDINGS)[number];

export const DIFFUSE_FINDING_LABELS: Readonly<Record<DiffuseFinding, string>> = {
  malignant_pleural_effusion: "malignant pleural effusion",
  pericardial_effusion: "malignant pericardial effusion",
  peritoneal_carcinomatosis: "peritoneal carcinomatosis",
  leptomeningeal: "leptomeningeal disease",
  diffuse_bone_marrow: "diffuse bone-marrow involvement",
  lymphangitic: "lymphangitic carcinomatosis",
};

/** Systemic therapy classes; the last two do not count as anticancer therapy (1.4.5). */
export const SYSTEMIC_CLASSES = [
  "chemotherapy",
  "targeted",
  "immunotherapy",
  "endocrine",
  "adt",
  "antibody_drug_conjugate",
  "other_anticancer",
  "bone_protective",
  "supportive",
] as const;
export type SystemicClass = (typeof SYSTEMIC_CLASSES)[number];

export const LOCAL_THERAPY_TYPES = [
  "sbrt",
  "srs",
  "surgery",
  "thermal_ablation",
  "conventional_rt",
  "other",
] as const;

export const TREATMENT_INTENTS = ["radical", "palliative"] as const;
