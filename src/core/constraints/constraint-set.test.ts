import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConstraintSet } from "./constraint-set.ts";

const valid = () => ({
  format: "oligoscope.constraint-set/1",
  id: "my-centre-lung-2026",
  name: "My centre lung SABR",
  version: "2026-01",
  source: { citation: "Local protocol LP-12", table: "Table 2", page: "4" },
  verification: { required: false, verifiedBy: ["A", "B"] },
  fractions: [3, 5],
  constraints: [
    {
      id: "cord-d0.1cc",
      structure: "Spinal cord",
      organs: ["SpinalCord"],
      metric: "D0.1cc",
      endpoint: "myelopathy",
      status: "C",
      sourceRow: "Table 2 row 1",
      limits: { "3": { optimal: 18, mandatory: 20 }, "5": { mandatory: 25 } },
    },
    {
      id: "lungs-v20",
      structure: "Lungs",
      organs: ["Lungs"],
      metric: "V20Gy%",
      endpoint: "pneumonitis",
      status: "K",
      sourceRow: "Table 2 row 7",
      limits: { "5": { optimal: 5, mandatory: 10, status: "C" } },
    },
  ],
});

test("a valid user set parses; limits are sorted, statuses per fraction count kept", () => {
  const r = parseConstraintSet(valid());
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  if (!r.ok) return;
  assert.deepEqual(
    r.value.constraints[0]?.limits.map((l) => [l.fractions, l.optimal, l.mandatory]),
    [
      [3, 18, 20],
      [5, null, 25],
    ],
  );
  assert.equal(r.value.constraints[1]?.limits[0]?.status, "C");
  assert.equal(r.value.constraints[1]?.status, "K");
});

test("every issue of a bad set, each with its JSON path", () => {
  const bad = valid() as Record<string, unknown> & { constraints: Record<string, unknown>[] };
  bad["fractions"] = [3, 5, 5];
  const [c0, c1] = bad.constraints as [Record<string, unknown>, Record<string, unknown>];
  c0["metric"] = "D0.1";
  c0["limits"] = { "3": { optimal: 22, mandatory: 20 }, "4": { mandatory: 24 }, x: { mandatory: 1 } };
  c1["id"] = "cord-d0.1cc";
  c1["limits"] = { "5": { mandatory: 120 }, "3": {} };
  c1["organ"] = "Lungs";
  const r = parseConstraintSet(bad);
  assert.equal(r.ok, false);
  if (r.ok) return;
  // Zod structure errors come first (and alone): the unknown field
  assert.deepEqual(
    r.issues.map((i) => [i.code, i.path]),
    [["unknown_field", "constraints[1].organ"]],
  );
  delete c1["organ"];
  const r2 = parseConstraintSet(bad);
  assert.equal(r2.ok, false);
  if (r2.ok) return;
  assert.deepEqual(
    r2.issues.map((i) => [i.code, i.path]),
    [
      ["duplicate_id", "fractions"],
      ["metric_invalid", "constraints[0].metric"],
      ["inconsistent_value", "constraints[0].limits.3.optimal"],
      ["inconsistent_value", "constraints[0].limits.4"],
      ["invalid_value", "constraints[0].limits.x"],
      ["duplicate_id", "constraints[1].id"],
      ["required", "constraints[1].limits.3"],
      ["out_of_range", "constraints[1].limits.5.mandatory"],
    ],
  );
});

test("Zod errors: wrong types, missing fields, a negative limit, an unknown format", () => {
  const bad = valid() as Record<string, unknown> & { constraints: Record<string, unknown>[] };
  bad["format"] = "something/2";
  delete bad["version"];
  (bad.constraints[0] as Record<string, unknown>)["limits"] = { "3": { mandatory: -1 } };
  (bad.constraints[1] as Record<string, unknown>)["status"] = "X";
  const r = parseConstraintSet(bad);
  assert.equal(r.ok, false);
  if (r.ok) return;
  const paths = r.issues.map((i) => i.path);
  for (const p of ["format", "version", "constraints[0].limits.3.mandatory", "constraints[1].status"]) {
    assert.ok(paths.includes(p), `${p} in ${paths.join(", ")}`);
  }
  assert.equal(r.issues.find((i) => i.path === "version")?.code, "required");
});

test("null values are allowed only in a set that requires verification (a template)", () => {
  const template = valid() as Record<string, unknown> & { constraints: Record<string, unknown>[] };
  (template.constraints[0] as Record<string, unknown>)["metric"] = null;
  (template.constraints[0] as Record<string, unknown>)["limits"] = {
    "3": { optimal: null, mandatory: null },
  };
  const notTemplate = parseConstraintSet(template);
  assert.equal(notTemplate.ok, false);
  if (!notTemplate.ok) {
    assert.deepEqual(
      notTemplate.issues.map((i) => [i.code, i.path]),
      [
        ["required", "constraints[0].metric"],
        ["required", "constraints[0].limits.3"],
      ],
    );
  }
  template["verification"] = { required: true, verifiedBy: [] };
  assert.equal(parseConstraintSet(template).ok, true);
});
