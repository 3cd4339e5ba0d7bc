// core: the clinical domain, pure (no I/O, no node:*). See src/core/README.md.
// Exports are kept in path order (biome organizeImports); the comment before each group says what it holds.

// classification: ESTRO/EORTC 2020, OMD definitions, characterisation factors
export * from "./classify/assessment.ts";
export * from "./classify/classify-patient.ts";
export * from "./classify/codes.ts";
export * from "./classify/definitions/registry.ts";
export type * from "./classify/definitions/types.ts";
export * from "./classify/factors.ts";
export * from "./classify/gates.ts";
export * from "./classify/options.ts";
export type { LesionProgress, ProgressionPattern } from "./classify/progression.ts";
export type { StateKind } from "./classify/time-points.ts";
// errors as values: Result, Issue
export * from "./common/result.ts";
// constraint sets (AAPM TG-101, UK SABR template, user JSON), ROI-to-organ mapping, evaluator
export * from "./constraints/builtin-sets.ts";
export * from "./constraints/constraint-set.ts";
export * from "./constraints/convert-constraint.ts";
export * from "./constraints/evaluate-constraints.ts";
export * from "./constraints/metric.ts";
export * from "./constraints/organs.ts";
export * from "./constraints/roi-mapping.ts";
export * from "./constraints/verification.ts";
// calendar dates (no JS Date arithmetic)
export * from "./dates/calendar.ts";
// demo registry: seeded synthetic OMD patients covering every ESTRO/EORTC state
export * from "./demo/demo-cohort.ts";
export * from "./demo/demo-patient.ts";
// DVH engine and the DICOM-to-DVH contract types (DoseGrid, StructureSet, PlanInfo …)
export * from "./dvh/index.ts";
// clinical model (Zod schemas, types, parsePatient, JSON Schema)
export { PATIENT_SCHEMA_ID, patientJsonSchema } from "./model/json-schema.ts";
export * from "./model/parse-patient.ts";
export * from "./model/patient-schema.ts";
export * from "./model/vocabularies.ts";
export { formatPath } from "./model/zod-issues.ts";
// outcomes: OS / PFS time-to-event from a patient record (origin = classification index date)
export * from "./outcomes/time-to-event.ts";
export * from "./outcomes/treatment-summary.ts";
// radiobiology: LQ formulas (BED, EQD2, EQDx, iso-effective schedules), α/β table, BED10 threshold
export * from "./radiobiology/alpha-beta.ts";
export * from "./radiobiology/bed10-threshold.ts";
export * from "./radiobiology/fractionation.ts";
export * from "./radiobiology/lq.ts";
export * from "./radiobiology/lq-doses.ts";
