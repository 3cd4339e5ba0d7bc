import assert from "node:assert/strict";
import { test } from "node:test";
import { scenarioAndDemoPatients } from "../../test/support/scenario-records.ts";
import { type ClassifyOptions, classifyPatient } from "../core/index.ts";
import { classificationJson, compactClassification, compactClassificationJson } from "./classify-output.ts";

const patients = scenarioAndDemoPatients(3, 400);

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
