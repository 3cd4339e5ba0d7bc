// The built-in sets against their source tables. Expected values: clinical-reference §4.2 (AAPM
// TG-101 Table III as reproduced), typed here a second time, independently of sets/aapm-tg101.json.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AAPM_TG101,
  BUILTIN_CONSTRAINT_SETS,
  findBuiltinConstraintSet,
  UK_SABR_V61_TEMPLATE,
} from "./builtin-sets.ts";
import type { Constraint } from "./constraint-set.ts";
import { metricName } from "./metric.ts";
import { findOrganByKey } from "./organs.ts";
import { verificationIssues } from "./verification.ts";

type Row = readonly [id: string, metric: string, fx1: number | null, fx3: number | null, fx5: number | null];
// §4.2 serial tissues: threshold (D{vol}) and max point dose (Dmax) per 1, 3, 5 fractions; parallel: CV
const TABLE_III: readonly Row[] = [
  ["optic-pathway-d0.2cc", "D0.2cc", 8, 15.3, 23],
  ["optic-pathway-dmax", "Dmax", 10, 17.4, 25],
  ["cochlea-dmax", "Dmax", 9, 17.1, 25],
  ["brainstem-d0.5cc", "D0.5cc", 10, 18, 23],
  ["brainstem-dmax", "Dmax", 15, 23.1, 31],
  ["spinal-cord-d0.35cc", "D0.35cc", 10, 18, 23],
  ["spinal-cord-dmax", "Dmax", 14, 21.9, 30],
  ["spinal-cord-d1.2cc", "D1.2cc", 7, 12.3, 14.5],
  ["spinal-cord-subvolume-d10pct", "D10%", 10, 18, 23],
  ["cauda-equina-d5cc", "D5cc", 14, 21.9, 30],
  ["cauda-equina-dmax", "Dmax", 16, 24, 32],
  ["sacral-plexus-d5cc", "D5cc", 14.4, 22.5, 30],
  ["sacral-plexus-dmax", "Dmax", 16, 24, 32],
  ["esophagus-d5cc", "D5cc", 11.9, 17.7, 19.5],
  ["esophagus-dmax", "Dmax", 15.4, 25.2, 35],
  ["brachial-plexus-d3cc", "D3cc", 14, 20.4, 27],
  ["brachial-plexus-dmax", "Dmax", 17.5, 24, 30.5],
  ["heart-d15cc", "D15cc", 16, 24, 32],
  ["heart-dmax", "Dmax", 22, 30, 38],
  ["great-vessels-d10cc", "D10cc", 31, 39, 47],
  ["great-vessels-dmax", "Dmax", 37, 45, 53],
  ["trachea-large-bronchus-d4cc", "D4cc", 10.5, 15, 16.5],
  ["trachea-large-bronchus-dmax", "Dmax", 20.2, 30, 40],
  ["bronchus-small-d0.5cc", "D0.5cc", 12.4, 18.9, 21],
  ["bronchus-small-dmax", "Dmax", 13.3, 23.1, 33],
  ["rib-d1cc", "D1cc", 22, 28.8, 35],
  ["rib-dmax", "Dmax", 30, 36.9, 43],
  ["chest-wall-d30cc", "D30cc", null, 30, null],
  ["chest-wall-dmax", "Dmax", null, 36.9, null],
  ["skin-d10cc", "D10cc", 23, 30, 36.5],
  ["skin-dmax", "Dmax", 26, 33, 39.5],
  ["stomach-d10cc", "D10cc", 11.2, 16.5, 18],
  ["stomach-dmax", "Dmax", 12.4, 22.2, 32],
  ["duodenum-d5cc", "D5cc", 11.2, 16.5, 18],
  ["duodenum-dmax", "Dmax", 12.4, 22.2, 32],
  ["duodenum-d10cc", "D10cc", 9, 11.4, 12.5],
  ["bowel-small-d5cc", "D5cc", 11.9, 17.7, 19.5],
  ["bowel-small-dmax", "Dmax", 15.4, 25.2, 35],
  ["colon-d20cc", "D20cc", 14.3, 24, 25],
  ["colon-dmax", "Dmax", 18.4, 28.2, 38],
  ["rectum-d20cc", "D20cc", 14.3, 24, 25],
  ["rectum-dmax", "Dmax", 18.4, 28.2, 38],
  ["bladder-wall-d15cc", "D15cc", 11.4, 16.8, 18.3],
  ["bladder-wall-dmax", "Dmax", 18.4, 28.2, 38],
  ["penile-bulb-d3cc", "D3cc", 14, 21.9, 30],
  ["penile-bulb-dmax", "Dmax", 34, 42, 50],
  ["femoral-head-d10cc", "D10cc", 14, 21.9, 30],
  ["renal-hilum-d66.667pct", "D66.667%", 10.6, 18.6, 23],
  ["lungs-1500cc", "CV1500cc", 7, 11.6, 12.5],
  ["lungs-1000cc", "CV1000cc", 7.4, 12.4, 13.5],
  ["liver-700cc", "CV700cc", 9.1, 19.2, 21],
  ["renal-cortex-200cc", "CV200cc", 8.4, 16, 17.5],
];

// §4.2 status column: "1 fx K; 3/5 fx C" for these rows, C for every other row
const ONE_FRACTION_K = [
  "bladder-wall",
  "penile-bulb",
  "femoral-head",
  "renal-hilum",
  "lungs-1500cc",
  "lungs-1000cc",
];

function byId(id: string): Constraint {
  const c = AAPM_TG101.constraints.find((x) => x.id === id);
  assert.ok(c, `missing ${id}`);
  return c;
}

describe("AAPM TG-101 set = Table III of §4.2", () => {
  test("identity, source and fraction counts", () => {
    assert.equal(AAPM_TG101.id, "aapm-tg101");
    assert.equal(AAPM_TG101.source.table, "Table III");
    assert.equal(AAPM_TG101.source.doi, "10.1118/1.3438081");
    assert.deepEqual(AAPM_TG101.fractions, [1, 3, 5]);
    assert.deepEqual(verificationIssues(AAPM_TG101), []);
    assert.equal(AAPM_TG101.constraints.length, TABLE_III.length);
  });

  for (const [id, metric, ...values] of TABLE_III) {
    test(id, () => {
      const c = byId(id);
      const expected = [1, 3, 5]
        .map((n, i) => [n, values[i]] as const)
        .filter(([, v]) => v !== null)
        .map(([n, v]) => ({ fractions: n, metric, mandatory: v, optimal: null }));
      assert.deepEqual(
        c.limits.map((l) => ({
          fractions: l.fractions,
          metric: l.metric ? metricName(l.metric) : null,
          mandatory: l.mandatory,
          optimal: l.optimal,
        })),
        expected,
      );
      const oneK = ONE_FRACTION_K.some((p) => id.startsWith(p));
      for (const l of c.limits) {
        assert.equal(l.status, l.fractions === 1 && oneK ? "K" : "C", `${id} ${l.fractions} fx status`);
      }
      assert.match(c.sourceRow, /^Table III, (serial|parallel) tissue/);
      assert.ok(c.endpoint.length > 3);
    });
  }

  test("every organ is a TG-263 name of the catalogue (SpinalCord_Partial is the one local name)", () => {
    for (const c of AAPM_TG101.constraints) {
      for (const o of c.organs) {
        const organ = findOrganByKey(o.organ);
        assert.ok(organ, `${c.id}: ${o.organ}`);
        assert.equal(organ.tg263, o.organ !== "SpinalCord_Partial", o.organ);
      }
    }
  });

  test("hollow organs carry the 'avoid circumferential irradiation' note", () => {
    for (const id of [
      "esophagus-d5cc",
      "duodenum-d5cc",
      "bowel-small-d5cc",
      "colon-d20cc",
      "rectum-d20cc",
      "bronchus-small-d0.5cc",
    ]) {
      assert.match(byId(id).notes ?? "", /circumferential/, id);
    }
  });
});

describe("UK SABR v6.1 template", () => {
  test("covers the OARs of §4.3 for 1, 3, 5 and 8 fractions, every value empty, status U", () => {
    assert.equal(UK_SABR_V61_TEMPLATE.verification.required, true);
    assert.deepEqual(UK_SABR_V61_TEMPLATE.verification.verifiedBy, []);
    const organs = UK_SABR_V61_TEMPLATE.constraints.flatMap((c) => c.organNames);
    for (const o of [
      "SpinalCanal_PRV",
      "BrachialPlex",
      "Esophagus",
      "Heart",
      "GreatVes",
      "Trachea",
      "Chestwall",
      "Skin",
      "Stomach",
      "Duodenum",
      "Bowel_Small",
      "Bowel_Large",
      "Liver",
      "Kidneys",
      "Lungs",
    ]) {
      assert.ok(organs.includes(o), o);
    }
    for (const c of UK_SABR_V61_TEMPLATE.constraints) {
      assert.equal(c.status, "U");
      assert.deepEqual(
        c.limits.map((l) => [l.fractions, l.metric, l.optimal, l.mandatory]),
        [1, 3, 5, 8].map((n) => [n, null, null, null]),
      );
    }
    assert.equal(verificationIssues(UK_SABR_V61_TEMPLATE)[0]?.code, "constraint_set_unverified");
  });
});

test("findBuiltinConstraintSet by id, case-insensitive", () => {
  assert.equal(findBuiltinConstraintSet("AAPM-TG101"), AAPM_TG101);
  assert.equal(findBuiltinConstraintSet("uk-sabr-v6.1"), UK_SABR_V61_TEMPLATE);
  assert.equal(findBuiltinConstraintSet("TG101"), AAPM_TG101);
  assert.equal(findBuiltinConstraintSet("uk-sabr"), UK_SABR_V61_TEMPLATE);
  assert.equal(findBuiltinConstraintSet("rtog-0915"), undefined);
  assert.equal(BUILTIN_CONSTRAINT_SETS.length, 2);
});
