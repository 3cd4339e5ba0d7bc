// JSON Schema (draft 2020-12) of the patient record, generated from the Zod schema so there is one
// definition of the model. `npm run schema` writes it to docs/schema/patient.schema.json; a test
// fails when the committed file is out of date. Cross-field rules (unique ids, date order,
// references) are listed in the description: JSON Schema cannot express them.
import * as z from "zod";
import { patientSchema } from "./patient-schema.ts";

export const PATIENT_SCHEMA_ID = "https://oligoscope.org/schema/patient.schema.json";

const CROSS_FIELD_RULES =
  "Checked by parsePatient beyond this schema: ids unique (imaging studies, systemic and local therapies; lesions within a study); " +
  "distant lesions need an organ; targetLesionIds must name a recorded lesion; stop/end not before start; death not before diagnosis, " +
  "no study or follow-up after death; diagnosis not before the birth year; classificationSettings.indexDate must be the date of a study; " +
  'label required when a biomarker or lab name is "other"; status "ablated" contradicts viable true.';

/** The JSON Schema of what a client sends (fields with defaults are optional). */
export function patientJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(patientSchema, { io: "input", target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
  const description = typeof schema["description"] === "string" ? schema["description"] : "";
  return { ...schema, $id: PATIENT_SCHEMA_ID, description: `${description} ${CROSS_FIELD_RULES}` };
}
