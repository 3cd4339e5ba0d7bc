// The 17 characterisation factors of the ESTRO/EORTC consensus, known or missing per patient.
// The list is a RECONSTRUCTION (clinical-reference 1.5, A11): to be verified against Guckenberger 2020, Table 2.
import { daysBetween } from "../dates/calendar.ts";
import type { Patient } from "../model/patient-schema.ts";
import { MODALITY_LABELS, PRIMARY_SITE_LABELS } from "../model/vocabularies.ts";
import type { TimePointAssessment } from "./assessment.ts";

export const FACTORS_NOTE =
  "Reconstructed list: to be verified against Guckenberger 2020, Table 2 (clinical-reference 1.5)";

export type CharacterisationFactor = {
  /** 1–17 as in clinical-reference 1.5; 18–19 are the supplementary rows ("+") */
  readonly number: number;
  readonly domain: string;
  readonly name: string;
  readonly known: boolean;
  readonly value?: string;
  /** the platform field(s) it comes from, or "derived" */
  readonly field: string;
  readonly supplementary: boolean;
};

function factor(
  number: number,
  domain: string,
  name: string,
  field: string,
  value: string | undefined,
): CharacterisationFactor {
  return value === undefined
    ? { number, domain, name, field, supplementary: number > 17, known: false }
    : { number, domain, name, field, supplementary: number > 17, known: true, value };
}

/** Factors at the index time point `a` (undefined when there is no imaging). */
export function characterisationFactors(
  p: Patient,
  a: TimePointAssessment | undefined,
  history: readonly TimePointAssessment[],
): CharacterisationFactor[] {
  const pr = p.primary;
  const index = a?.tp.date;
  const site =
    pr.site === "unknown_primary"
      ? undefined
      : `${PRIMARY_SITE_LABELS[pr.site]}${pr.icdO3Topography !== undefined ? ` (${pr.icdO3Topography})` : ""}`;
  const histology =
    pr.histology !== undefined || pr.icdO3Morphology !== undefined
      ? [pr.histology, pr.icdO3Morphology].filter((x) => x !== undefined).join(" ")
      : undefined;
  const tnm =
    pr.tnm !== undefined
      ? `${[
          pr.tnm.t !== undefined ? `T${pr.tnm.t}` : "",
          pr.tnm.n !== undefined ? `N${pr.tnm.n}` : "",
          pr.tnm.m !== undefined ? `M${pr.tnm.m}` : "",
        ]
          .filter((x) => x !== "")
          .join(" ")} (edition ${pr.tnm.edition})`
      : undefined;
  const molecular = pr.biomarkers.filter((b) => b.name !== "PSA");
  const molecularText =
    molecular.length > 0
      ? molecular
          .map((b) =>
            [
              b.name === "other" ? b.label : b.name,
              b.result,
              b.variant,
              b.value !== undefined ? `${b.value}${b.unit !== undefined ? ` ${b.unit}` : ""}` : undefined,
            ]
              .filter((x) => x !== undefined)
              .join(" "),
          )
          .join("; ")
      : undefined;
  // factor 5: latest value of each tumour marker up to the index date
  const latest = new Map<string, { value: number; unit: string; date: string }>();
  for (const l of p.labs) {
    if (index !== undefined && l.date > index) continue;
    const key = l.name === "other" ? (l.label ?? "other") : l.name;
    const prev = latest.get(key);
    if (prev === undefined || l.date >= prev.date)
      latest.set(key, { value: l.value, unit: l.unit, date: l.date });
  }
  for (const b of pr.biomarkers) {
    if (b.name === "PSA" && b.value !== undefined && !latest.has("PSA"))
      latest.set("PSA", { value: b.value, unit: b.unit ?? "", date: b.date ?? "" });
  }
  const markers =
    latest.size > 0
      ? [...latest]
          .map(([k, v]) => `${k} ${v.value} ${v.unit}${v.date !== "" ? ` (${v.date})` : ""}`.trim())
          .join("; ")
      : undefined;

  // factor 7 describes the de-novo diagnosis: measured to the first OMD time point (else the index)
  let interval: string | undefined;
  const firstOmd = history.find((h) => h.tp.state.kind === "oligometastatic") ?? a;
  if (firstOmd !== undefined && pr.diagnosisDate !== undefined && firstOmd.synchronous !== null) {
    interval = `${daysBetween(pr.diagnosisDate, firstOmd.tp.date)} days to the first OMD diagnosis ${firstOmd.tp.date} (${firstOmd.synchronous ? "synchronous, ≤6 months" : "metachronous, >6 months"})`;
  }
  let dfi: string | undefined;
  if (a !== undefined) {
    const parts: string[] = [];
    const firstMet = history.find((h) => h.tp.state.kind !== "no_distant");
    const treated = pr.definitiveTreatmentDate;
    if (treated !== undefined && firstMet !== undefined && firstMet.tp.date >= treated) {
      parts.push(
        `disease-free interval ${daysBetween(treated, firstMet.tp.date)} days (primary treatment ${treated} to first distant metastases ${firstMet.tp.date})`,
      );
    }
    if (a.systemic.active) parts.push("on systemic therapy at the index date");
    else if (a.systemic.daysSinceLastAnticancer !== undefined)
      parts.push(`treatment-free interval ${a.systemic.daysSinceLastAnticancer} days`);
    else parts.push("no prior anticancer systemic therapy");
    dfi = parts.join("; ");
  }
  const localBefore =
    index === undefined ? [] : p.localTherapies.filter((t) => t.start < (a?.tp.startDate ?? index));
  const systemicBefore = index === undefined ? [] : p.systemicTherapies.filter((t) => t.start <= index);
  const ps = p.performanceStatus;
  const patientBits = [
    ps?.ecog !== undefined ? `ECOG ${ps.ecog}` : undefined,
    ps?.kps !== undefined ? `KPS ${ps.kps}` : undefined,
    p.birthYear !== undefined && index !== undefined
      ? `age ${Number(index.slice(0, 4)) - p.birthYear}`
      : undefined,
    p.sex !== undefined ? p.sex : undefined,
    p.comorbidityIndex !== undefined ? `comorbidity index ${p.comorbidityIndex}` : undefined,
  ].filter((x) => x !== undefined);
  const countable = a?.tp.state.countable ?? [];
  const sizes = countable.filter((t) => t.lesion.sizeMm !== undefined);
  const lesionBits =
    countable.length > 0 && sizes.length === countable.length
      ? countable
          .map(
            (t) =>
              `${t.lesion.id} ${t.lesion.sizeMm} mm${t.lesion.biopsy !== undefined ? ` (biopsy ${t.lesion.biopsy})` : ""}`,
          )
          .join("; ")
      : undefined;

  return [
    factor(1, "Primary", "Primary tumour site / type", "primary.site", site),
    factor(2, "Primary", "Histology", "primary.histology", histology),
    factor(3, "Primary", "TNM stage at diagnosis", "primary.tnm", tnm),
    factor(4, "Primary", "Molecular / genetic profile", "primary.biomarkers[]", molecularText),
    factor(5, "Primary", "Tumour markers", "labs[]", markers),
    factor(
      6,
      "Primary",
      "Status of the primary tumour",
      "primary.status",
      pr.status !== undefined && pr.status !== "unknown" ? pr.status : undefined,
    ),
    factor(7, "Time", "Interval primary diagnosis to OMD (synchronous / metachronous)", "derived", interval),
    factor(8, "Time", "Disease-free / treatment-free interval", "derived", dfi),
    factor(
      9,
      "History",
      "History of OMD (number of previous OMD time points)",
      "derived",
      a === undefined ? undefined : a.historyOfOmd ? `yes (${a.earlierOmdTimePoints})` : "no",
    ),
    factor(
      10,
      "History",
      "History of polymetastatic disease",
      "derived",
      a === undefined ? undefined : a.historyOfPolymetastaticDisease ? "yes" : "no",
    ),
    factor(
      11,
      "Treatment",
      "Previous local treatments of metastases",
      "localTherapies[]",
      a === undefined
        ? undefined
        : localBefore.length === 0
          ? "none recorded"
          : localBefore.map((t) => `${t.type} ${t.start}`).join("; "),
    ),
    factor(
      12,
      "Treatment",
      "Previous systemic therapy (lines, agents)",
      "systemicTherapies[]",
      a === undefined
        ? undefined
        : systemicBefore.length === 0
          ? "none recorded"
          : systemicBefore
              .map(
                (t) =>
                  `${t.agent} (${t.class}${t.line !== undefined ? `, line ${t.line}` : ""}) from ${t.start}`,
              )
              .join("; "),
    ),
    factor(
      13,
      "Treatment",
      "Systemic therapy at the time of OMD diagnosis",
      "derived",
      a === undefined
        ? undefined
        : a.systemic.active
          ? `yes: ${a.systemic.activeCourses.map((c) => c.therapy.agent).join(", ")}`
          : "no",
    ),
    factor(
      14,
      "Imaging",
      "Imaging modality used to diagnose OMD",
      "imagingStudies[]",
      a === undefined
        ? undefined
        : [
            ...new Set(
              a.tp.studies.map(
                (s) => `${MODALITY_LABELS[s.modality]}${s.region === "brain" ? " brain" : ""}`,
              ),
            ),
          ].join(", "),
    ),
    factor(
      15,
      "Metastases",
      "Number of metastases",
      "derived",
      a === undefined ? undefined : String(countable.length),
    ),
    factor(
      16,
      "Metastases",
      "Number of organs involved and their location",
      "derived",
      a === undefined
        ? undefined
        : `${a.tp.state.organs.length}${a.tp.state.organs.length > 0 ? ` (${a.tp.state.organs.join(", ")})` : ""}`,
    ),
    factor(
      17,
      "Metastases",
      "Progression / persistence status of each lesion on current imaging",
      "lesions[].status",
      a === undefined || countable.length === 0
        ? undefined
        : a.progression.lesions
            .map(
              (l) =>
                `${l.lesionId} ${l.progressing ? "progressing" : l.kind === "not_imaged" ? "not imaged" : "not progressing"}`,
            )
            .join("; "),
    ),
    factor(
      18,
      "Patient",
      "Performance status, comorbidity, age, sex",
      "performanceStatus, comorbidityIndex, birthYear, sex",
      patientBits.length > 0 ? patientBits.join(", ") : undefined,
    ),
    factor(
      19,
      "Metastases",
      "Size of each metastasis; histological confirmation",
      "lesions[].sizeMm, lesions[].biopsy",
      lesionBits,
    ),
  ];
}
