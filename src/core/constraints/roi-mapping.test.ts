import assert from "node:assert/strict";
import { test } from "node:test";
import { mappingMatches, mapRois, parseOrganRef, parseRoiName } from "./roi-mapping.ts";

// [ROI name as contoured, expected how, organ, side, prv, minusTarget]
const CASES: readonly [string, string, (string | undefined)?, (string | undefined)?, boolean?, string?][] = [
  ["SpinalCord", "tg263", "SpinalCord"],
  ["Spinal Cord", "local_variant", "SpinalCord"],
  ["spinal_cord", "local_variant", "SpinalCord"],
  ["CORD", "local_variant", "SpinalCord"],
  ["Myelon", "local_variant", "SpinalCord"],
  ["SpinalCord_PRV05", "tg263", "SpinalCord", undefined, true],
  ["PRV5 Cord", "local_variant", "SpinalCord", undefined, true],
  ["Oesophagus", "local_variant", "Esophagus"],
  ["esophagus", "tg263", "Esophagus"],
  ["Lung_Total", "local_variant", "Lungs"],
  ["Lungs-GTV", "tg263", "Lungs", undefined, false, "GTV"],
  ["Lungs - ITV", "tg263", "Lungs", undefined, false, "ITV"],
  ["Lung_L", "tg263", "Lung", "L"],
  ["Lung Right", "tg263", "Lung", "R"],
  ["BrachialPlex_L", "tg263", "BrachialPlex", "L"],
  ["Brachial Plexus Rt", "local_variant", "BrachialPlex", "R"],
  ["L_Brachial_Plexus", "local_variant", "BrachialPlex", "L"],
  ["Femur_Head_R", "tg263", "Femur_Head", "R"],
  ["FemoralHeadLeft", "local_variant", "Femur_Head", "L"],
  ["Kidney_L", "tg263", "Kidney", "L"],
  ["Kidneys", "tg263", "Kidneys"],
  ["Great Vessels", "local_variant", "GreatVes"],
  ["Chest Wall", "local_variant", "Chestwall"],
  ["Chestwall_R", "tg263", "Chestwall", "R"],
  ["Ribs", "local_variant", "Rib"],
  ["Liver", "tg263", "Liver"],
  ["Bowel_Small", "tg263", "Bowel_Small"],
  ["Small Bowel", "local_variant", "Bowel_Small"],
  ["Cochlea_L", "tg263", "Cochlea", "L"],
  ["Optic Chiasm", "local_variant", "OpticChiasm"],
  ["Bladder_Wall", "tg263", "Bladder_Wall"],
  ["PTV", "target"],
  ["PTV_54Gy", "target"],
  ["zPTV_opt", "target"],
  ["GTVp", "target"],
  ["ITV", "target"],
  ["External", "external"],
  ["BODY", "external"],
  ["Lung", "unmapped"],
  ["Kidney", "unmapped"],
  ["Liver_L", "unmapped"],
  ["Couch Surface", "unmapped"],
];

test("automatic mapping: TG-263 names, local variants, sides, PRV, minus target", () => {
  const r = mapRois(CASES.map((c) => c[0]));
  r.mappings.forEach((m, i) => {
    const [name, how, organ, side, prv, minus] = CASES[i]!;
    assert.equal(m.roi, name);
    assert.equal(m.how, how, `${name}: how`);
    assert.equal(m.organ, organ, `${name}: organ`);
    assert.equal(m.side, side, `${name}: side`);
    if (organ !== undefined) assert.equal(m.prv, prv ?? false, `${name}: prv`);
    assert.equal(m.minusTarget, minus, `${name}: minus`);
  });
  assert.deepEqual(r.unmapped, ["Lung", "Kidney", "Liver_L", "Couch Surface"]);
  assert.match(r.mappings.find((m) => m.roi === "Lung")?.note ?? "", /ambiguous/);
  assert.deepEqual(r.issues, []);
});

test("overrides: exact or case-insensitive ROI name; organ with side or PRV; none; unknown organ; unused", () => {
  const r = mapRois(["Lung", "cord prv", "Marker", "Tube"], {
    LUNG: "Lungs",
    "cord prv": "SpinalCord_PRV",
    Marker: "none",
    Tube: "Spleeen",
    Absent: "Heart",
  });
  assert.deepEqual(
    r.mappings.map((m) => [m.roi, m.how, m.organ, m.prv]),
    [
      ["Lung", "override", "Lungs", false],
      ["cord prv", "override", "SpinalCord", true],
      ["Marker", "ignored", undefined, undefined],
      ["Tube", "unmapped", undefined, undefined],
    ],
  );
  assert.deepEqual(
    r.issues.map((i) => [i.code, i.path]),
    [["unknown_organ", "roiMap.Tube"]],
  );
  assert.deepEqual(
    r.warnings.map((i) => [i.code, i.path]),
    [["roi_override_unused", "roiMap.Absent"]],
  );
});

test("organs of a user set that the catalogue lacks are matched by name", () => {
  const r = mapRois(["Parotid_L", "parotid r", "Spleen"], {}, ["Parotid"]);
  assert.deepEqual(
    r.mappings.map((m) => [m.organ, m.side]),
    [
      ["Parotid", "L"],
      ["Parotid", "R"],
      [undefined, undefined],
    ],
  );
});

test("constraint organ references: any side unless one is named; PRV must match", () => {
  const left = { roi: "BrachialPlex_L", how: "tg263", organ: "BrachialPlex", side: "L", prv: false } as const;
  assert.equal(mappingMatches(left, parseOrganRef("BrachialPlex")), true);
  assert.equal(mappingMatches(left, parseOrganRef("BrachialPlex_L")), true);
  assert.equal(mappingMatches(left, parseOrganRef("BrachialPlex_R")), false);
  assert.equal(mappingMatches(left, parseOrganRef("BrachialPlex_PRV")), false);
  assert.deepEqual(parseOrganRef("SpinalCanal_PRV"), { organ: "SpinalCanal", prv: true });
  assert.deepEqual(parseOrganRef("Bowel_Small"), { organ: "Bowel_Small", prv: false });
  assert.deepEqual(parseRoiName("Lung_Total-ITV"), { base: "Lung_Total", prv: false, minusTarget: "ITV" });
});
