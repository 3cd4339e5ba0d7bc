// core: the clinical domain, pure (no I/O, no node:*). See src/core/README.md.
export * from "./common/result.ts";
// calendar dates (no JS Date arithmetic)
export * from "./dates/calendar.ts";
// DICOM-to-DVH contract types (DoseGrid, StructureSet, PlanInfo …), produced by src/interop/dicom
export type * from "./dvh/types.ts";
// clinical model (Zod schemas, types, parsePatient)
export * from "./model/parse-patient.ts";
export * from "./model/patient-schema.ts";
export * from "./model/vocabularies.ts";
export { formatPath } from "./model/zod-issues.ts";
