import assert from "node:assert/strict";
import { test } from "node:test";
import { limitUnit, metricName, parseMetric, valueUnit } from "./metric.ts";

test("the §4.1 grammar: canonical names and units", () => {
  const cases: readonly [string, string, string, string][] = [
    ["Dmax", "Dmax", "Gy", "Gy"],
    ["dmax", "Dmax", "Gy", "Gy"],
    ["D0.035cc", "D0.035cc", "Gy", "Gy"],
    ["d5 cc", "D5cc", "Gy", "Gy"],
    ["D.5cc", "D0.5cc", "Gy", "Gy"],
    ["D10%", "D10%", "Gy", "Gy"],
    ["Dmean", "Dmean", "Gy", "Gy"],
    ["V20Gy", "V20Gy", "cc", "cc"],
    ["V20Gy[cc]", "V20Gy", "cc", "cc"],
    ["v12.5gy%", "V12.5Gy%", "%", "%"],
    ["V5Gy[%]", "V5Gy%", "%", "%"],
    ["CV1500cc", "CV1500cc", "Gy", "cc"],
  ];
  for (const [text, name, limit, value] of cases) {
    const r = parseMetric(text);
    assert.ok(r.ok, text);
    if (!r.ok) continue;
    assert.equal(metricName(r.value), name, text);
    assert.equal(limitUnit(r.value), limit, `${text} limit unit`);
    assert.equal(valueUnit(r.value), value, `${text} value unit`);
  }
});

test("invalid metrics name the field and the grammar", () => {
  for (const text of ["Dmin", "D120%", "D0cc", "V20", "max", "D5ccc", ""]) {
    const r = parseMetric(text, "constraints[3].metric");
    assert.equal(r.ok, false, text);
    if (!r.ok) {
      assert.equal(r.issues[0]?.code, "metric_invalid");
      assert.equal(r.issues[0]?.path, "constraints[3].metric");
    }
  }
});
