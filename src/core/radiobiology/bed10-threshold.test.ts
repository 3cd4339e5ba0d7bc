import assert from "node:assert/strict";
import { test } from "node:test";
import { assessBed10Threshold } from "./bed10-threshold.ts";

// BED10 by hand (BED = D·(1 + d/10)): 55/5 → 115.5; 50/5 → 100 exactly; 35/5 → 59.5;
// 41.79/3 → 41.79·(1 + 1.393) = 100.0045…; 41.7/3 → 41.7·2.39 = 99.663 (clinical-reference §3.3).
const cases: readonly {
  name: string;
  input: Parameters<typeof assessBed10Threshold>[0];
  kind: "exempt" | "below_threshold" | "meets_threshold";
  bed10: readonly number[];
}[] = [
  {
    name: "lung 55 Gy/5, radical: meets",
    input: { prescription: { totalDoseGy: 55, fractions: 5 }, site: "lung", intent: "radical" },
    kind: "meets_threshold",
    bed10: [115.5],
  },
  {
    name: "lung 50 Gy/5: exactly 100 Gy meets (≥ 100)",
    input: { prescription: { totalDoseGy: 50, fractions: 5 }, site: "Lung", intent: "radical" },
    kind: "meets_threshold",
    bed10: [100],
  },
  {
    name: "lung 41.7 Gy/3: just below",
    input: { prescription: { totalDoseGy: 41.7, fractions: 3 }, site: "lung", intent: "radical" },
    kind: "below_threshold",
    bed10: [99.663],
  },
  {
    name: "lung 35 Gy/5 at the prescription point, 43.75 Gy at the isocentre (80 % isodose): flagged, both reported",
    input: {
      prescription: { totalDoseGy: 35, fractions: 5 },
      isocentre: { totalDoseGy: 43.75 },
      site: "lung",
      intent: "radical",
    },
    kind: "below_threshold",
    // isocentre: d = 8.75, BED10 = 43.75·1.875 = 82.03125
    bed10: [59.5, 82.03125],
  },
  {
    name: "bone 35 Gy/5: exempt (not lung)",
    input: { prescription: { totalDoseGy: 35, fractions: 5 }, site: "bone", intent: "radical" },
    kind: "exempt",
    bed10: [59.5],
  },
  {
    name: "lung 20 Gy/5 palliative: exempt",
    input: { prescription: { totalDoseGy: 20, fractions: 5 }, site: "lung", intent: "palliative" },
    kind: "exempt",
    bed10: [28],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const r = assessBed10Threshold(c.input);
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.value.kind, c.kind);
    assert.equal(r.value.points.length, c.bed10.length);
    r.value.points.forEach((p, i) => {
      assert.ok(Math.abs(p.bed10Gy - c.bed10[i]!) < 1e-9, `${p.point}: ${p.bed10Gy}`);
    });
    if (r.value.kind !== "exempt") assert.match(r.value.message, /Onishi 2004/);
  });
}

test("the isocentre must have the prescription's fractions; bad doses are named", () => {
  const r = assessBed10Threshold({
    prescription: { totalDoseGy: -55, fractions: 5 },
    isocentre: { totalDoseGy: 60, fractions: 3 },
    site: "lung",
    intent: "radical",
  });
  assert.equal(r.ok, false);
  if (!r.ok)
    assert.deepEqual(
      r.issues.map((i) => i.path),
      ["prescription.totalDoseGy"],
    );
  const r2 = assessBed10Threshold({
    prescription: { totalDoseGy: 55, fractions: 5 },
    isocentre: { totalDoseGy: 60, fractions: 3 },
    site: "lung",
    intent: "radical",
  });
  assert.equal(r2.ok, false);
  if (!r2.ok)
    assert.deepEqual(
      r2.issues.map((i) => [i.code, i.path]),
      [["conflicting_fields", "isocentre.fractions"]],
    );
});
