import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../../../test/support/shared-data.ts";
import { patientJsonSchema } from "./json-schema.ts";

test("docs/schema/patient.schema.json is up to date with the Zod model (run `npm run schema`)", () => {
  const committed = JSON.parse(readFileSync(join(repoRoot, "docs", "schema", "patient.schema.json"), "utf8"));
  assert.deepEqual(committed, patientJsonSchema());
});

test("the JSON Schema carries the model's constraints", () => {
  const s = patientJsonSchema() as {
    required: string[];
    additionalProperties: boolean;
    properties: Record<string, unknown>;
  };
  assert.deepEqual(s.required, ["id", "primary"]);
  assert.equal(s.additionalProperties, false);
  const text = JSON.stringify(s);
  assert.match(text, /"format":"date"/);
  assert.match(text, /"malignant_pleural_effusion"/);
  assert.match(text, /"distant_lymph_node"/);
});
