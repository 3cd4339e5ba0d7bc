// From a validated patient to what the store keeps: the canonical document, its hash, the
// classification (as of a date) and the denormalised cohort columns (state, index date,
// OS/PFS, treatment flags). Recomputed on every write, so the columns always match the document.
import { createHash } from "node:crypto";
import {
  classifyPatient,
  deriveOutcomes,
  type Patient,
  type PatientClassification,
  prepareClassifyOptions,
  type ResolvedOptions,
  treatmentSummary,
} from "../core/index.ts";
import { canonicalJson, type PatientDerived } from "../store/index.ts";

/**
 * Bump when the derivation itself changes (columns, outcome rules). Changes of the classifier are
 * detected separately by the fingerprint in derivation-fingerprint.ts.
 */
export const DERIVATION_SCHEMA = "1";

export type DerivedPatient = {
  readonly document: string;
  readonly documentHash: string;
  readonly classification: PatientClassification;
  readonly derived: PatientDerived;
};

const optionsCache = new Map<string, ResolvedOptions>();

/** Default classification options as of a date (validated once per date). */
export function defaultClassifyOptions(asOf: string): ResolvedOptions {
  let o = optionsCache.get(asOf);
  if (!o) {
    const r = prepareClassifyOptions({ asOf });
    if (!r.ok) throw new Error(`invalid default classification options for ${asOf}`);
    o = r.value;
    if (optionsCache.size > 16) optionsCache.clear();
    optionsCache.set(asOf, o);
  }
  return o;
}

export const documentHashOf = (document: string): string =>
  createHash("sha256").update(document).digest("hex");

/** Derives everything stored with a patient. `asOf` = today (YYYY-MM-DD), `nowIso` = the instant. */
export function derivePatient(
  patient: Patient,
  asOf: string,
  nowIso: string,
  derivedVersion: string,
): DerivedPatient {
  const document = canonicalJson(patient);
  const classification = classifyPatient(patient, defaultClassifyOptions(asOf));
  const main = classification.estroEortc;
  const indexDate = main.indexDate;
  const outcomes = indexDate === null ? null : deriveOutcomes(patient, indexDate, asOf);
  const treatments = treatmentSummary(patient, indexDate);
  return {
    document,
    documentHash: documentHashOf(document),
    classification,
    derived: {
      name: patient.name ?? null,
      searchText: [patient.id, patient.name, patient.mrn]
        .filter((s) => s !== undefined)
        .join(" ")
        .toLowerCase(),
      birthYear: patient.birthYear ?? null,
      sex: patient.sex ?? null,
      primarySite: patient.primary.site,
      indexDate,
      stateCode: main.code,
      stateLabel: main.label,
      firstOmdDate: classification.firstOmd?.indexDate ?? null,
      firstOmdCode: classification.firstOmd?.code ?? null,
      classification: JSON.stringify(classification),
      classifiedAt: nowIso,
      derivedVersion,
      osDays: outcomes?.os?.days ?? null,
      osEvent: outcomes?.os?.event ?? false,
      pfsDays: outcomes?.pfs?.days ?? null,
      pfsEvent: outcomes?.pfs?.event ?? false,
      localTherapy: treatments.localTherapy,
      hasSbrt: treatments.hasSbrt,
      hasSurgery: treatments.hasSurgery,
      hasAblation: treatments.hasAblation,
      hasSystemic: treatments.hasSystemic,
    },
  };
}
