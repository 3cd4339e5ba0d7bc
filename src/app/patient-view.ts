// What the patient endpoints return: the stored document and classification as JSON text (sent
// as-is, no re-serialisation), with the row's version for optimistic concurrency.
import type { PatientRecord } from "../store/index.ts";

export type PatientView = {
  readonly id: string;
  readonly siteId: string;
  readonly version: number;
  readonly updatedAt: string;
  /** the patient model JSON */
  readonly patientJson: string;
  /** classifyPatient output JSON as of the last write */
  readonly classificationJson: string;
};

export const patientView = (r: PatientRecord): PatientView => ({
  id: r.id,
  siteId: r.siteId,
  version: r.version,
  updatedAt: r.updatedAt,
  patientJson: r.document,
  classificationJson: r.derived.classification,
});
