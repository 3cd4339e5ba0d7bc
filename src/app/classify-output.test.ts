import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../../test/support/shared-data.ts";
import { type ClassifyOptions, classifyPatient, generateDemoCohort, parsePatient } from "../core/index.ts";
import { classificationJson, compactClassification, compactClassificationJson } from "./classify-output.ts";

const scenarioDir = join(repoRoot, "test", "fixtures", "scenarios");
const records: unknown[] = [
  ...readdirSync(scenarioDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => (JSON.parse(readFileSync(join(scenarioDir, f), "utf8")) as { patient: unknown }).patient),
  ...generateDemoCohort({ seed: 3, asOf: "2026-11-23", count: 400 }),
];
const patients = records.map((r) => {
  const p = parsePatient(r);
  assert.ok(p.ok);
  return p.value;
});

test("compact JSON written part by part is JSON.stringify of the compact view, byte for byte", () => {
  const optionSets: ClassifyOptions[] = [
    { asOf: "2026-11-23", detail: "compact" },
    { asOf: "2026-11-23", gate: "le3", classifyAtFirstOmdDiagnosis: true, detail: "compact" },
    { asOf: "2026-11-23", definitions: ["uk-cte", "generic-3"], detail: "compact" },
    { asOf: "2026-11-23", definitions: [], detail: "compact" },
    // no imaging yet: INSUFFICIENT_DATA with its missing fields
    { asOf: "2015-01-01", detail: "compact" },
    { asOf: "2026-11-23", indexDate: "2023-06-05" },
  ];
  let insufficient = 0;
  for (const o of optionSets) {
    for (const p of patients) {
      const c = classifyPatient(p, o);
      if (c.estroEortc.missing !== undefined) insufficient++;
      const want = JSON.stringify(compactClassification(c));
      assert.equal(compactClassificationJson(c), want, `${p.id} ${JSON.stringify(o)}`);
      assert.equal(classificationJson(c, true), want);
      assert.equal(classificationJson(c, false), JSON.stringify(c));
    }
  }
  assert.ok(insufficient > 0, "INSUFFICIENT_DATA results with missing fields were compared");
});
