// Model matrix: R's treatment contrasts, names (model.matrix(~ celltype) gives
// "celltypesmallcell" …), level order (factor(): numbers numerically, labels by string), and
// every input problem reported.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildDesign, encodeLabels, rLevelOrder } from "./design-matrix.ts";

describe("design matrix", () => {
  test("numeric and categorical columns, R names and meanings, first level as reference", () => {
    const d = buildDesign([
      { kind: "numeric", name: "age", values: Float64Array.of(60, 70, 80) },
      { kind: "categorical", name: "rx", values: ["Obs", "Lev+5FU", "Lev"] },
    ]);
    assert.ok(d.ok);
    assert.deepEqual(d.value.names, ["age", "rxLev+5FU", "rxObs"]);
    assert.deepEqual(d.value.meaning, ["per unit of age", "rx Lev+5FU vs Lev", "rx Obs vs Lev"]);
    // column-major: age | rxLev+5FU | rxObs
    assert.deepEqual([...d.value.x], [60, 70, 80, 0, 1, 0, 1, 0, 0]);
    assert.deepEqual(d.value.terms[1], {
      name: "rx",
      kind: "categorical",
      columns: [1, 2],
      levels: ["Lev", "Lev+5FU", "Obs"],
    });
  });

  test("numeric labels sort numerically (factor(stage) has levels 1 2 … 10)", () => {
    assert.deepEqual(rLevelOrder(["10", "2", "1", "2"]), ["1", "2", "10"]);
    assert.deepEqual(rLevelOrder(["b", "a", "B"]), ["B", "a", "b"]);
    assert.deepEqual(encodeLabels(["m", "f", "m"]), { codes: Int32Array.of(1, 0, 1), labels: ["f", "m"] });
  });

  test("reference level and full level order", () => {
    const values = ["adeno", "large", "squamous", "smallcell"];
    const r = buildDesign([{ kind: "categorical", name: "celltype", values, reference: "squamous" }]);
    assert.ok(r.ok);
    assert.deepEqual(r.value.names, ["celltypeadeno", "celltypelarge", "celltypesmallcell"]);
    const l = buildDesign([
      { kind: "categorical", name: "celltype", values, levels: ["squamous", "smallcell", "adeno", "large"] },
    ]);
    assert.ok(l.ok);
    assert.deepEqual(l.value.names, ["celltypesmallcell", "celltypeadeno", "celltypelarge"]);
  });

  test("every problem is reported", () => {
    const r = buildDesign([
      { kind: "numeric", name: "age", values: Float64Array.of(60, Number.NaN) },
      { kind: "categorical", name: "sex", values: ["f", "f"] },
      { kind: "categorical", name: "rx", values: ["a", "b"], reference: "c" },
      { kind: "categorical", name: "arm", values: ["a", "b"], levels: ["a", "z"] },
    ]);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.path]),
      [
        ["cox_invalid_covariate", "age[1]"],
        ["cox_single_level", "sex"],
        ["cox_unknown_level", "rx"],
        ["cox_unknown_level", "arm"],
        ["cox_unknown_level", "arm"],
      ],
    );
    assert.match(r.issues[2]!.message, /reference level 'c' of 'rx' does not occur.*present: a, b/);
  });

  test("duplicate and mismatched columns", () => {
    const r = buildDesign([
      { kind: "numeric", name: "age", values: Float64Array.of(1, 2) },
      { kind: "numeric", name: "age", values: Float64Array.of(1) },
    ]);
    assert.ok(!r.ok);
    assert.deepEqual(r.issues.map((i) => i.code).sort(), ["cox_bad_name", "cox_length_mismatch"]);
  });
});
