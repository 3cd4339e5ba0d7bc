// What the patient endpoints return: the stored document and classification as JSON text (sent
// as-is, no re-serialisation), with the row's version for optimistic concurrency. The patient
// page's read hands over the texts' UTF-8 bytes (getPatientPage): the same bytes, never decoded.
import type { PatientPageRow, PatientRecord } from "../store/index.ts";

export type PatientView = {
  readonly id: string;
  readonly siteId: string;
  readonly version: number;
  readonly updatedAt: string;
  /** the patient model JSON: text, or its UTF-8 bytes */
  readonly patientJson: string | Uint8Array;
  /** classifyPatient output JSON as of the last write: text, or its UTF-8 bytes */
  readonly classificationJson: string | Uint8Array;
};

export const patientView = (r: PatientRecord): PatientView => ({
  id: r.id,
  siteId: r.siteId,
  version: r.version,
  updatedAt: r.updatedAt,
  patientJson: r.document,
  classificationJson: r.derived.classification,
});

export const patientPageView = (r: PatientPageRow): PatientView => ({
  id: r.id,
  siteId: r.siteId,
  version: r.version,
  updatedAt: r.updatedAt,
  patientJson: r.document,
  classificationJson: r.classification,
});
