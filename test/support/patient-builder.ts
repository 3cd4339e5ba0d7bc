// Small builders for test patients. Every built record goes through parsePatient, so a test can
// never classify an invalid patient by accident.
import { formatIssues, type Patient, parsePatient } from "../../src/core/index.ts";

type Json = Record<string, unknown>;

/** A distant metastasis. */
export function met(id: string, organ: string, sizeMm?: number, extra: Json = {}): Json {
  return { id, organ, location: "distant", ...(sizeMm !== undefined ? { sizeMm } : {}), ...extra };
}

/** A study (FDG-PET-CT, whole body unless overridden). */
export function study(id: string, date: string, lesions: Json[], extra: Json = {}): Json {
  return { id, date, modality: "fdg_pet_ct", region: "whole_body", lesions, ...extra };
}

/** `n` distant metastases named prefix1..prefixN in one organ. */
export function mets(prefix: string, organ: string, n: number, sizeMm = 10): Json[] {
  return Array.from({ length: n }, (_, i) => met(`${prefix}${i + 1}`, organ, sizeMm));
}

/** Validates and returns a patient; throws with every issue when the record is invalid. */
export function patient(record: Json): Patient {
  const full = { id: "T", primary: { site: "nsclc", diagnosisDate: "2024-01-10" }, ...record };
  const r = parsePatient(full);
  if (!r.ok) throw new Error(`test patient is invalid:\n${formatIssues(r.issues)}`);
  return r.value;
}
