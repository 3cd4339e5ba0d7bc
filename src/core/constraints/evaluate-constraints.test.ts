import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { uniformDoseDvh } from "../../../test/support/uniform-dvh.ts";
import { AAPM_TG101, UK_SABR_V61_TEMPLATE } from "./builtin-sets.ts";
import { type ConstraintSet, parseConstraintSet } from "./constraint-set.ts";
import {
  type ConstraintEvaluation,
  type ConstraintResult,
  evaluateConstraints,
} from "./evaluate-constraints.ts";

// DVHs are analytic (test/support/uniform-dvh.ts): dose uniform between a and b Gy over V cc, so
// D(v cc) = b − (v/V)(b − a) and V(≥x) = V (b − x)/(b − a). Expected values are derived by hand below.
const EXACT = 1e-9;

function run(
  set: ConstraintSet,
  fractions: number,
  rois: Parameters<typeof evaluateConstraints>[2],
  options?: Parameters<typeof evaluateConstraints>[3],
): ConstraintEvaluation {
  const r = evaluateConstraints(set, fractions, rois, options);
  if (!r.ok) assert.fail(JSON.stringify(r.issues, null, 2));
  return r.value;
}

function result(e: ConstraintEvaluation, id: string, roi?: string): ConstraintResult {
  const r = e.results.find((x) => x.constraintId === id && (roi === undefined || x.roi === roi));
  assert.ok(r, `no result for ${id}${roi ? ` on ${roi}` : ""}`);
  return r;
}

function near(actual: number | undefined, expected: number, what: string): void {
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= EXACT,
    `${what}: got ${actual}, expected ${expected}`,
  );
}

describe("AAPM TG-101, 5 fractions, on analytic DVHs", () => {
  // Spinal cord: 20 cc, 0–40 Gy → D(v) = 40 − 2v.
  //   D0.35cc = 39.3 (limit 23: mandatory_failed, margin −16.3); D1.2cc = 37.6 (limit 14.5)
  //   Dmax = D0.035cc = 39.93 (limit 30: failed, margin −9.93)
  // Oesophagus: 30 cc all at 19.5 Gy → D5cc = 19.5 = limit → fails ("<", §4.1), margin 0.
  // Lungs: 3000 cc, 0–20 Gy → V(≥12.5) = 3000·7.5/20 = 1125, spared 1875 ≥ 1500 (margin 375);
  //   V(≥13.5) = 975, spared 2025 ≥ 1000 (margin 1025).
  // Liver: 1400 cc, 0–28 Gy → V(≥21) = 1400·7/28 = 350, spared 1050 ≥ 700 (margin 350).
  // Brachial plexus L and R: 25 cc, 0–25 Gy → D3cc = 25 − 3 = 22 < 27 (margin 5); D0.035cc = 24.965 < 30.5.
  // Heart: 500 cc, 0–10 Gy → D15cc = 10 − 0.3 = 9.7 < 32.
  const e = run(AAPM_TG101, 5, [
    { name: "Spinal Cord", dvh: uniformDoseDvh(20, 0, 40) },
    { name: "Oesophagus", dvh: uniformDoseDvh(30, 19.5, 19.5) },
    { name: "Lungs-GTV", dvh: uniformDoseDvh(3000, 0, 20) },
    { name: "Liver", dvh: uniformDoseDvh(1400, 0, 28) },
    { name: "BrachialPlex_L", dvh: uniformDoseDvh(25, 0, 25) },
    { name: "Brachial Plexus Rt", dvh: uniformDoseDvh(25, 0, 25) },
    { name: "Heart", dvh: uniformDoseDvh(500, 0, 10) },
    { name: "PTV_55", dvh: uniformDoseDvh(40, 50, 60) },
    { name: "Couch", dvh: uniformDoseDvh(900, 0, 1) },
  ]);

  test("serial organ over its threshold: mandatory_failed with the margin in Gy", () => {
    const r = result(e, "spinal-cord-d0.35cc");
    assert.equal(r.status, "mandatory_failed");
    assert.equal(r.roi, "Spinal Cord");
    assert.equal(r.organ, "SpinalCord");
    near(r.value, 39.3, "D0.35cc");
    near(r.margin, 23 - 39.3, "margin");
    assert.deepEqual(r.limits, { mandatory: 23 });
    assert.equal(r.valueUnit, "Gy");
    assert.equal(r.confirmation, "C");
    assert.match(r.sourceRow, /Table III/);
    near(result(e, "spinal-cord-d1.2cc").value, 37.6, "D1.2cc");
  });

  test("Dmax is evaluated as D0.035cc and says so", () => {
    const r = result(e, "spinal-cord-dmax");
    assert.equal(r.metric, "Dmax");
    assert.equal(r.evaluatedAs, "D0.035cc");
    near(r.value, 40 - 2 * 0.035, "D0.035cc");
    assert.equal(r.status, "mandatory_failed");
    assert.equal(e.dmax, "D0.035cc");
  });

  test("a value exactly at the limit fails a '<' constraint, margin 0", () => {
    const r = result(e, "esophagus-d5cc");
    assert.equal(r.value, 19.5);
    assert.equal(r.status, "mandatory_failed");
    assert.equal(r.margin, 0);
  });

  test("critical volumes: spared volume ≥ C passes, margin in cc", () => {
    const lung1500 = result(e, "lungs-1500cc");
    assert.equal(lung1500.status, "pass");
    assert.equal(lung1500.organ, "Lungs");
    assert.equal(lung1500.roi, "Lungs-GTV");
    assert.equal(lung1500.requiredVolumeCc, 1500);
    near(lung1500.value, 1875, "spared below 12.5 Gy");
    near(lung1500.margin, 375, "margin");
    assert.equal(lung1500.valueUnit, "cc");
    assert.equal(lung1500.limitUnit, "Gy");
    assert.ok(
      lung1500.warnings.some((w) => /minus GTV/.test(w)),
      "the ROI is lungs minus GTV",
    );
    near(result(e, "lungs-1000cc").margin, 1025, "1000 cc margin");
    near(result(e, "liver-700cc").margin, 350, "liver margin");
  });

  test("sided organs: each side is evaluated on its own", () => {
    const left = result(e, "brachial-plexus-d3cc", "BrachialPlex_L");
    const right = result(e, "brachial-plexus-d3cc", "Brachial Plexus Rt");
    assert.equal(left.organ, "BrachialPlex_L");
    assert.equal(right.organ, "BrachialPlex_R");
    for (const r of [left, right]) {
      near(r.value, 22, "D3cc");
      near(r.margin, 5, "margin");
      assert.equal(r.status, "pass");
    }
  });

  test("missing ROIs and rows without a 5-fraction limit are not evaluated, with the reason", () => {
    const cochlea = result(e, "cochlea-dmax");
    assert.equal(cochlea.status, "not_evaluated");
    assert.match(cochlea.reason ?? "", /no ROI mapped to Cochlea/);
    const chestWall = result(e, "chest-wall-d30cc");
    assert.equal(chestWall.status, "not_evaluated");
    assert.match(chestWall.reason ?? "", /no constraint for 5 fractions \(this row has 3\)/);
  });

  test("targets are recognised, other unknown ROIs reported as unmapped", () => {
    assert.equal(e.rois.find((m) => m.roi === "PTV_55")?.how, "target");
    assert.deepEqual(e.unmappedRois, ["Couch"]);
  });

  test("counts add up to the results", () => {
    const total = Object.values(e.counts).reduce((a, b) => a + b, 0);
    assert.equal(total, e.results.length);
    assert.ok(e.counts.pass > 0 && e.counts.mandatory_failed > 0 && e.counts.not_evaluated > 0);
  });
});

describe("evaluation details", () => {
  test("a failing critical volume: 2000 cc lungs, 0–20 Gy → 1250 cc below 12.5 Gy < 1500", () => {
    // V(≥12.5) = 2000·7.5/20 = 750; spared 1250; margin −250
    const e = run(AAPM_TG101, 5, [{ name: "Lung_Total", dvh: uniformDoseDvh(2000, 0, 20) }]);
    const r = result(e, "lungs-1500cc");
    assert.equal(r.status, "mandatory_failed");
    near(r.margin, -250, "margin");
  });

  test("exactly the critical volume spared passes (≥ C)", () => {
    // 3000 cc, 0–25 Gy: V(≥12.5) = 1500, spared exactly 1500
    const r = result(
      run(AAPM_TG101, 5, [{ name: "Lungs", dvh: uniformDoseDvh(3000, 0, 25) }]),
      "lungs-1500cc",
    );
    assert.equal(r.value, 1500);
    assert.equal(r.status, "pass");
    assert.equal(r.margin, 0);
  });

  test("part of a parallel organ outside the dose grid is not counted as spared", () => {
    // 3000 cc of which 400 cc outside; inside 2600 cc, 0–20 Gy: V(≥12.5) = 2600·7.5/20 = 975, spared 1625
    const r = result(
      run(AAPM_TG101, 5, [{ name: "Lungs", dvh: uniformDoseDvh(3000, 0, 20, 400) }]),
      "lungs-1500cc",
    );
    near(r.value, 1625, "spared");
    assert.ok(r.warnings.some((w) => /outside the dose grid/.test(w)));
  });

  test("a structure smaller than the metric volume passes a D{v}cc limit trivially, with the reason", () => {
    // penile bulb of 2 cc: no 3 cc can reach any dose
    const r = result(
      run(AAPM_TG101, 5, [{ name: "PenileBulb", dvh: uniformDoseDvh(2, 0, 60) }]),
      "penile-bulb-d3cc",
    );
    assert.equal(r.status, "pass");
    assert.equal(r.value, undefined);
    assert.match(r.reason ?? "", /smaller than 3 cc/);
  });

  test("the hottest v cc reaching outside the grid: not evaluated", () => {
    // stomach 12 cc, 9 cc outside: D10cc needs 10 cc of known dose
    const r = result(
      run(AAPM_TG101, 5, [{ name: "Stomach", dvh: uniformDoseDvh(12, 0, 10, 9) }]),
      "stomach-d10cc",
    );
    assert.equal(r.status, "not_evaluated");
    assert.match(r.reason ?? "", /outside the dose grid/);
  });

  test("Dmax as voxel maximum when configured; a structure below 0.035 cc uses its maximum", () => {
    const voxel = run(AAPM_TG101, 3, [{ name: "Cochlea_L", dvh: uniformDoseDvh(0.5, 0, 10) }], {
      dmax: { kind: "voxel_max" },
    });
    const r = result(voxel, "cochlea-dmax");
    assert.equal(r.evaluatedAs, "voxel maximum");
    assert.equal(r.value, 10);
    near(r.margin, 7.1, "17.1 − 10");
    const tiny = result(
      run(AAPM_TG101, 3, [{ name: "Cochlea_R", dvh: uniformDoseDvh(0.02, 0, 18) }]),
      "cochlea-dmax",
    );
    assert.equal(tiny.value, 18);
    assert.equal(tiny.status, "mandatory_failed");
    assert.ok(tiny.warnings.some((w) => /smaller than 0.035 cc/.test(w)));
  });

  test("a fraction-specific status is reported (bladder wall 1 fraction: K)", () => {
    const e = run(AAPM_TG101, 1, [{ name: "Bladder_Wall", dvh: uniformDoseDvh(40, 0, 10) }]);
    assert.equal(result(e, "bladder-wall-d15cc").confirmation, "K");
    const e3 = run(AAPM_TG101, 3, [{ name: "Bladder_Wall", dvh: uniformDoseDvh(40, 0, 10) }]);
    assert.equal(result(e3, "bladder-wall-d15cc").confirmation, "C");
  });

  test("explicit mapping: ROI=organ wins, 'none' leaves an ROI out, unused entries warn", () => {
    const e = run(
      AAPM_TG101,
      5,
      [
        { name: "Myelon_Partial", dvh: uniformDoseDvh(5, 0, 20) },
        { name: "Cord", dvh: uniformDoseDvh(20, 0, 10) },
      ],
      { roiMap: { Myelon_Partial: "SpinalCord_Partial", cord: "none", Missing: "Heart" } },
    );
    // sub-volume 5 cc, 0–20 Gy: D10% = D0.5cc = 20 − 0.1·20 = 18 < 23
    const sub = result(e, "spinal-cord-subvolume-d10pct");
    assert.equal(sub.roi, "Myelon_Partial");
    near(sub.value, 18, "D10%");
    assert.equal(e.rois.find((m) => m.roi === "Cord")?.how, "ignored");
    assert.equal(result(e, "spinal-cord-d0.35cc").status, "not_evaluated");
    assert.deepEqual(
      e.warnings.map((w) => w.code),
      ["roi_override_unused"],
    );
  });

  test("an explicit mapping to an unknown organ is an error naming the ROI", () => {
    const r = evaluateConstraints(AAPM_TG101, 5, [{ name: "X", dvh: uniformDoseDvh(1, 0, 1) }], {
      roiMap: { X: "Spleeen" },
    });
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.deepEqual(
        r.issues.map((i) => [i.code, i.path]),
        [["unknown_organ", "roiMap.X"]],
      );
  });
});

describe("fraction counts the set lacks", () => {
  const cord = [{ name: "SpinalCord", dvh: uniformDoseDvh(20, 0, 40) }];

  test("no constraint for 4 fractions: nothing interpolated, a warning names the counts", () => {
    const e = run(AAPM_TG101, 4, cord);
    assert.ok(e.results.every((r) => r.status === "not_evaluated"));
    assert.match(result(e, "spinal-cord-d0.35cc").reason ?? "", /no constraint for 4 fractions/);
    assert.equal(e.warnings[0]?.code, "no_constraint_for_fractions");
  });

  test("LQ conversion on request: 4 fractions from the stricter of 3 and 5, labelled with α/β 2 (cord)", () => {
    // 18 Gy/3, α/β 2: BED = 18(1 + 6/2) = 72; d4 = −1 + sqrt(1 + 4·72/(4·2)) = −1 + √37; D4 = 4(√37 − 1) = 20.3311…
    // 23 Gy/5: BED = 23(1 + 4.6/2) = 75.9; D4 = 4(√38.95 − 1) = 20.9640… → the 3-fraction source is stricter
    const e = run(AAPM_TG101, 4, cord, { lqConversion: {} });
    const r = result(e, "spinal-cord-d0.35cc");
    near(r.limits.mandatory, 4 * (Math.sqrt(37) - 1), "converted limit");
    assert.equal(r.conversion?.fromFractions, 3);
    assert.equal(r.conversion?.alphaBetaGy, 2);
    assert.match(
      r.conversion?.label ?? "",
      /LQ-converted from 3 to 4 fractions with α\/β = 2 Gy for SpinalCord/,
    );
    assert.equal(r.status, "mandatory_failed");
  });

  test("LQ conversion with a user α/β and a forced source count", () => {
    // 23 Gy/5 with α/β 3: BED = 23(1 + 4.6/3) = 58.2667; d4 = 1.5(−1 + sqrt(1 + 4·58.2667/12)); D4 = 4·d4
    const e = run(AAPM_TG101, 4, cord, {
      lqConversion: { fromFractions: 5, alphaBetaGy: { SpinalCord: 3 } },
    });
    const r = result(e, "spinal-cord-d0.35cc");
    const bed = 23 * (1 + 4.6 / 3);
    near(r.limits.mandatory, 4 * 1.5 * (-1 + Math.sqrt(1 + (4 * bed) / 12)), "converted limit");
    assert.equal(r.conversion?.alphaBetaSource, "α/β given by the user");
  });

  test("invalid conversion options are named", () => {
    const r = evaluateConstraints(AAPM_TG101, 4, cord, {
      lqConversion: { fromFractions: 0, alphaBetaGy: { Spleen: -1 } },
    });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(
        r.issues.map((i) => [i.code, i.path]),
        [
          ["out_of_range", "lqConversion.fromFractions"],
          ["unknown_organ", "lqConversion.alphaBetaGy.Spleen"],
          ["out_of_range", "lqConversion.alphaBetaGy.Spleen"],
        ],
      );
    }
  });
});

describe("UK SABR v6.1 template", () => {
  test("loads, and refuses to run: constraint_set_unverified", () => {
    assert.equal(UK_SABR_V61_TEMPLATE.id, "uk-sabr-v6.1");
    assert.deepEqual(UK_SABR_V61_TEMPLATE.fractions, [1, 3, 5, 8]);
    const r = evaluateConstraints(UK_SABR_V61_TEMPLATE, 5, [
      { name: "SpinalCanal_PRV", dvh: uniformDoseDvh(10, 0, 20) },
    ]);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.issues[0]?.code, "constraint_set_unverified");
    assert.equal(r.issues[0]?.path, "verification");
    assert.match(r.issues[0]?.message ?? "", /15 of 15 rows lack values; verifiedBy holds 0 of the 2 names/);
    assert.ok(r.issues.every((i) => i.code === "constraint_set_unverified"));
  });

  // A filled copy: made-up numbers for the mechanism only — NOT UK values.
  function filled(verifiedBy: string[]): unknown {
    const json = JSON.parse(JSON.stringify(UK_SABR_V61_TEMPLATE)) as Record<string, unknown>;
    json["constraints"] = [
      {
        id: "spinal-canal-prv",
        structure: "Spinal canal PRV",
        organs: ["SpinalCanal_PRV"],
        metric: "D0.1cc",
        endpoint: "myelopathy",
        status: "C",
        sourceRow: "test only",
        limits: { "5": { optimal: 20, mandatory: 25 } },
      },
    ];
    json["verification"] = { required: true, verifiedBy };
    return json;
  }

  test("with values but one verifier it still refuses; with two it runs", () => {
    const one = parseConstraintSet(filled(["A. Physicist"]));
    assert.ok(one.ok);
    if (!one.ok) return;
    const refused = evaluateConstraints(one.value, 5, []);
    assert.ok(!refused.ok && /1 of the 2 names/.test(refused.issues[0]?.message ?? ""));
    const two = parseConstraintSet(filled(["A. Physicist", "B. Oncologist"]));
    assert.ok(two.ok);
    if (!two.ok) return;
    // canal PRV 10 cc, 0–25 Gy: D0.1cc = 25 − 0.01·25 = 24.75 → optimal (20) missed, mandatory (25) met
    const e = run(two.value, 5, [{ name: "SpinalCanal_PRV03", dvh: uniformDoseDvh(10, 0, 25) }]);
    const r = result(e, "spinal-canal-prv");
    assert.equal(r.status, "optimal_missed");
    near(r.margin, 20 - 24.75, "margin to optimal");
    assert.deepEqual(
      r.levels.map((l) => [l.level, l.met]),
      [
        ["optimal", false],
        ["mandatory", true],
      ],
    );
  });
});

describe("options and invariants", () => {
  test("invalid fractions and Dmax point volume are named", () => {
    const r = evaluateConstraints(AAPM_TG101, 2.5, [], { dmax: { kind: "point_volume", volumeCc: 0 } });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(
        r.issues.map((i) => [i.code, i.path]),
        [
          ["invalid_type", "fractions"],
          ["out_of_range", "dmax.volumeCc"],
        ],
      );
    }
  });

  test("property: the status follows value < limit, and the margin is limit − value", () => {
    const set = parseConstraintSet({
      format: "oligoscope.constraint-set/1",
      id: "prop",
      name: "property",
      version: "1",
      source: { citation: "test", table: null, page: null },
      verification: { required: false, verifiedBy: [] },
      fractions: [5],
      constraints: [
        {
          id: "d1cc",
          structure: "Heart",
          organs: ["Heart"],
          metric: "D1cc",
          endpoint: "test",
          status: "D",
          sourceRow: "test",
          limits: { "5": { optimal: 20, mandatory: 30 } },
        },
      ],
    });
    assert.ok(set.ok);
    if (!set.ok) return;
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (volumeCc, a, span) => {
          const e = run(set.value, 5, [{ name: "Heart", dvh: uniformDoseDvh(volumeCc, a, a + span) }]);
          const r = result(e, "d1cc");
          const value = r.value as number;
          const expected = value >= 30 ? "mandatory_failed" : value >= 20 ? "optimal_missed" : "pass";
          assert.equal(r.status, expected);
          const deciding = expected === "mandatory_failed" ? 30 : expected === "optimal_missed" ? 20 : 20;
          assert.ok(Math.abs((r.margin as number) - (deciding - value)) < 1e-9);
        },
      ),
    );
  });
});
