// The patient records of the end-to-end scenario fixtures (test/fixtures/scenarios/*.json, each
// `{ patient, expected }`), in file-name order, and the same with demo-registry patients after
// them, validated: the shared input of the classification output tests.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generateDemoCohort, type Patient, parsePatient } from "../../src/core/index.ts";
import { repoRoot } from "./shared-data.ts";

const scenarioDir = join(repoRoot, "test", "fixtures", "scenarios");

/** Each scenario's `patient` record as stored (not validated). */
export function scenarioRecords(): unknown[] {
  return readdirSync(scenarioDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => (JSON.parse(readFileSync(join(scenarioDir, f), "utf8")) as { patient: unknown }).patient);
}

/** The scenarios' patients and `count` demo-registry patients (seed `seed`), validated. */
export function scenarioAndDemoPatients(seed: number, count: number): Patient[] {
  return [...scenarioRecords(), ...generateDemoCohort({ seed, asOf: "2026-11-23", count })].map((r) => {
    const p = parsePatient(r);
    assert.ok(p.ok, JSON.stringify(!p.ok && p.issues));
    return p.value;
  });
}
