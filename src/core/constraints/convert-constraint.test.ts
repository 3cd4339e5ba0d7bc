import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { bedGy } from "../radiobiology/lq.ts";
import { AAPM_TG101 } from "./builtin-sets.ts";
import { convertConstraint, convertConstraintLimit } from "./convert-constraint.ts";
import { parseMetric } from "./metric.ts";

const cord = AAPM_TG101.constraints.find((c) => c.id === "spinal-cord-d0.35cc")!;

test("cord 18 Gy/3 → 8 fractions, α/β 2: BED 72, EQD2 36, limit 8·(−1 + sqrt(1 + 4·72/16)) = 8·(√19 − 1)", () => {
  const r = convertConstraint(cord, 8, 2, 3);
  assert.ok(r.ok);
  if (!r.ok) return;
  const c = r.value;
  assert.equal(c.fromFractions, 3);
  assert.ok(Math.abs((c.mandatory?.bedGy ?? 0) - 72) < 1e-9);
  assert.ok(Math.abs((c.mandatory?.eqd2Gy ?? 0) - 36) < 1e-9);
  assert.ok(Math.abs((c.limit.mandatory ?? 0) - 8 * (Math.sqrt(19) - 1)) < 1e-9);
  assert.equal(c.limit.fractions, 8);
});

test("nearest source count: 8 fractions converts from 5; an absent forced source is an issue", () => {
  const r = convertConstraint(cord, 8, 2);
  assert.ok(r.ok && r.value.fromFractions === 5);
  const bad = convertConstraint(cord, 8, 2, 4);
  assert.ok(!bad.ok && bad.issues[0]?.code === "no_constraint_for_fractions");
  const invalid = convertConstraint(cord, 0, -1);
  assert.ok(!invalid.ok && invalid.issues.map((i) => i.path).join() === "toFractions,alphaBetaGy");
});

test("a V{x}Gy limit keeps its volume and moves the dose x", () => {
  const metric = parseMetric("V20Gy%");
  assert.ok(metric.ok);
  if (!metric.ok) return;
  // 20 Gy in 5 fractions, α/β 3: BED = 20(1 + 4/3) = 46.667; in 3 fractions d = 1.5(−1 + sqrt(1 + 4·46.667/9))
  const c = convertConstraintLimit(
    { fractions: 5, metric: metric.value, optimal: null, mandatory: 10, status: "C" },
    3,
    3,
  );
  assert.equal(c.limit.mandatory, 10);
  const bed = 20 * (1 + 4 / 3);
  const x = 3 * 1.5 * (-1 + Math.sqrt(1 + (4 * bed) / 9));
  assert.ok(c.limit.metric?.kind === "volume_percent_at_dose" && Math.abs(c.limit.metric.doseGy - x) < 1e-9);
});

test("property: the converted limit has the BED of the original", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1, max: 80, noNaN: true }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 10 }),
      fc.double({ min: 0.5, max: 15, noNaN: true }),
      (limitGy, m, n, ab) => {
        const metric = parseMetric("D1cc");
        if (!metric.ok) return;
        const c = convertConstraintLimit(
          { fractions: m, metric: metric.value, optimal: null, mandatory: limitGy, status: "C" },
          n,
          ab,
        );
        const after = bedGy(c.limit.mandatory ?? 0, n, ab);
        assert.ok(Math.abs(after - bedGy(limitGy, m, ab)) <= 1e-9 * after);
      },
    ),
  );
});
