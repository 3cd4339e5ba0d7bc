// OMD gate presets (clinical-reference 1.4.6): is a metastatic state oligometastatic at all?
// The ESTRO/EORTC consensus sets no maximum itself [K]; the gate decides OMD vs polymetastatic for
// the current state AND for the history questions Q1/Q2 (A6), so the gate used is always reported.

export type GateDefinition = {
  readonly id: string;
  readonly label: string;
  /** maximum countable distant metastases (inclusive) */
  readonly maxLesions: number;
  /** maximum involved organs (inclusive); absent = no organ limit */
  readonly maxOrgans?: number;
  /** where the limit comes from (presets always have one) */
  readonly source?: string;
};

export const GATE_PRESETS = {
  // Default: ESTRO-ASTRO working definition 1–5 metastatic lesions (Lievens 2020, clinical-reference 2.2)
  le5: {
    id: "le5",
    label: "1–5 distant metastases, no diffuse disease",
    maxLesions: 5,
    source:
      "Lievens Y, et al. ESTRO-ASTRO consensus, Radiother Oncol 2020;148:157–166 (clinical-reference 1.4.6, 2.2)",
  },
  // Alternative: ≤3 lesions, common trial convention (Gomez 2016/2019; UK CtE) (clinical-reference 2.3)
  le3: {
    id: "le3",
    label: "1–3 distant metastases, no diffuse disease",
    maxLesions: 3,
    source:
      "common trial convention, e.g. Gomez DR, et al. JCO 2019; NHS England CtE (clinical-reference 1.4.6, 2.3)",
  },
  // Alternative: ≤5 lesions in ≤3 organs, EORTC Lung Cancer Group (Dingemans 2019, clinical-reference 2.1)
  "le5-3organs": {
    id: "le5-3organs",
    label: "1–5 distant metastases in at most 3 organs, no diffuse disease",
    maxLesions: 5,
    maxOrgans: 3,
    source: "Dingemans A-MC, et al. J Thorac Oncol 2019;14:2109–2119 (clinical-reference 1.4.6, 2.1)",
  },
} as const satisfies Record<string, GateDefinition>;

export type GateId = keyof typeof GATE_PRESETS;
export const DEFAULT_GATE_ID: GateId = "le5";
export const GATE_IDS = Object.keys(GATE_PRESETS) as GateId[];

export function isGateId(s: string): s is GateId {
  return Object.hasOwn(GATE_PRESETS, s);
}

// the last text made (a run uses one gate: the text is written several times per patient)
let lastMaxLesions = Number.NaN;
let lastMaxOrgans: number | undefined = Number.NaN;
let lastText = "";

/** Short text of the gate for reason lines, e.g. "≤5 lesions" or "≤5 lesions in ≤3 organs". */
export function gateShortText(g: GateDefinition): string {
  if (g.maxLesions === lastMaxLesions && g.maxOrgans === lastMaxOrgans) return lastText;
  lastText =
    g.maxOrgans === undefined
      ? `≤${g.maxLesions} lesions`
      : `≤${g.maxLesions} lesions in ≤${g.maxOrgans} organs`;
  lastMaxLesions = g.maxLesions;
  lastMaxOrgans = g.maxOrgans;
  return lastText;
}
