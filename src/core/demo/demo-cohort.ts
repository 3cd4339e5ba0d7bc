// The demo registry: `count` patients generated independently from (seed, index), so any slice
// can be generated without the others (batches for the 100 000-patient benchmark).
import type { PatientInput } from "../model/patient-schema.ts";
import { type DemoCohortOptions, generateDemoCase } from "./demo-patient.ts";

export const DEFAULT_DEMO_SEED = 20201;
export const DEFAULT_DEMO_SIZE = 600;

export function* generateDemoCohort(
  options: DemoCohortOptions & { readonly count: number; readonly from?: number },
): Generator<PatientInput> {
  const from = options.from ?? 0;
  for (let i = from; i < from + options.count; i += 1) yield generateDemoCase(i, options).patient;
}
