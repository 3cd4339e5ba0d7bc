import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { met, mets, patient, study } from "../../../test/support/patient-builder.ts";
import { GATE_PRESETS, type GateDefinition } from "./gates.ts";
import { buildTimePoints } from "./time-points.ts";

const le5: GateDefinition = GATE_PRESETS.le5;

function tps(
  studies: Record<string, unknown>[],
  gate: GateDefinition = le5,
  windowDays = 30,
  asOf = "2026-11-23",
) {
  return buildTimePoints(patient({ imagingStudies: studies }).imagingStudies, asOf, windowDays, gate);
}

describe("counting rules (clinical-reference 2.5, 1.4.6)", () => {
  // Expected states follow 2.5 directly: distant + viable lesions count; regional nodes and the primary never.
  const cases: {
    name: string;
    lesions: Record<string, unknown>[];
    diffuse?: string[];
    gate?: keyof typeof GATE_PRESETS;
    kind: string;
    count: number;
    organs: number;
  }[] = [
    {
      name: "5 lesions pass the ≤5 gate",
      lesions: mets("B", "bone", 5),
      kind: "oligometastatic",
      count: 5,
      organs: 1,
    },
    {
      name: "6 lesions fail the ≤5 gate",
      lesions: mets("B", "bone", 6),
      kind: "polymetastatic",
      count: 6,
      organs: 1,
    },
    {
      name: "3 lesions pass ≤3",
      lesions: mets("L", "lung", 3),
      gate: "le3",
      kind: "oligometastatic",
      count: 3,
      organs: 1,
    },
    {
      name: "4 lesions fail ≤3",
      lesions: mets("L", "lung", 4),
      gate: "le3",
      kind: "polymetastatic",
      count: 4,
      organs: 1,
    },
    {
      name: "3 organs pass ≤5 in ≤3 organs",
      lesions: [met("a", "bone"), met("b", "liver"), met("c", "adrenal")],
      gate: "le5-3organs",
      kind: "oligometastatic",
      count: 3,
      organs: 3,
    },
    {
      name: "4 organs fail ≤5 in ≤3 organs",
      lesions: [met("a", "bone"), met("b", "liver"), met("c", "adrenal"), met("d", "brain")],
      gate: "le5-3organs",
      kind: "polymetastatic",
      count: 4,
      organs: 4,
    },
    {
      name: "4 organs pass the default gate (no organ limit)",
      lesions: [met("a", "bone"), met("b", "liver"), met("c", "adrenal"), met("d", "brain")],
      kind: "oligometastatic",
      count: 4,
      organs: 4,
    },
    {
      name: "regional nodes and the primary are not counted",
      lesions: [
        { id: "P", location: "primary", sizeMm: 40 },
        { id: "N1", location: "regional_node", shortAxisMm: 15 },
        { id: "N2", location: "regional_node", shortAxisMm: 12 },
      ],
      kind: "no_distant",
      count: 0,
      organs: 0,
    },
    {
      name: "non-regional nodes are metastases (distant_lymph_node)",
      lesions: [met("PA1", "distant_lymph_node"), { id: "N1", location: "regional_node" }],
      kind: "oligometastatic",
      count: 1,
      organs: 1,
    },
    {
      name: "ablated lesions without viable tumour are not counted (A9)",
      lesions: [
        ...mets("B", "bone", 5),
        met("X", "lung", 8, { status: "ablated" }),
        met("Y", "liver", 8, { viable: false }),
      ],
      kind: "oligometastatic",
      count: 5,
      organs: 1,
    },
    {
      name: "diffuse disease beats any count",
      lesions: [met("a", "bone")],
      diffuse: ["malignant_pleural_effusion"],
      kind: "diffuse",
      count: 1,
      organs: 1,
    },
    {
      name: "diffuse disease without countable lesions",
      lesions: [],
      diffuse: ["leptomeningeal"],
      kind: "diffuse",
      count: 0,
      organs: 0,
    },
    {
      name: "both lungs are one organ; two liver lesions count twice",
      lesions: [
        met("a", "lung", 5, { laterality: "left" }),
        met("b", "lung", 5, { laterality: "right" }),
        met("c", "liver"),
        met("d", "liver"),
      ],
      kind: "oligometastatic",
      count: 4,
      organs: 2,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const [tp] = tps(
        [study("S1", "2024-03-01", c.lesions, { diffuseFindings: c.diffuse ?? [] })],
        GATE_PRESETS[c.gate ?? "le5"],
      );
      assert.equal(tp?.state.kind, c.kind);
      assert.equal(tp?.state.countable.length, c.count);
      assert.equal(tp?.state.organs.length, c.organs);
    });
  }
});

describe("work-ups (clinical-reference 1.4.1)", () => {
  test("PET-CT then brain MRI 13 days later form one work-up dated by the MRI", () => {
    const out = tps([
      study("PET", "2024-01-05", [met("B1", "bone")]),
      study("MRI", "2024-01-18", [met("BR1", "brain")], { modality: "mri", region: "brain" }),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.date, "2024-01-18");
    assert.equal(out[0]?.startDate, "2024-01-05");
    assert.equal(out[0]?.state.countable.length, 2);
  });
  test("the window is measured from the first study: 30 days joins, 31 days starts a new time point", () => {
    const joined = tps([
      study("A", "2024-01-01", [met("B1", "bone")]),
      study("B", "2024-01-31", [met("B1", "bone")]),
    ]);
    assert.equal(joined.length, 1);
    const split = tps([
      study("A", "2024-01-01", [met("B1", "bone")]),
      study("B", "2024-02-01", [met("B1", "bone")]),
    ]);
    assert.equal(split.length, 2);
  });
  test("a workup label groups studies regardless of the window", () => {
    const out = tps([
      study("A", "2024-01-01", [met("B1", "bone")], { workup: "baseline" }),
      study("B", "2024-03-01", [met("BR1", "brain")], {
        modality: "mri",
        region: "brain",
        workup: "baseline",
      }),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.date, "2024-03-01");
  });
  test("the latest record of a lesion in a work-up wins", () => {
    const out = tps([
      study("CT", "2024-01-01", [met("L1", "liver", 20)], { modality: "ct" }),
      study("MRI", "2024-01-10", [met("L1", "liver", 24)], { modality: "mri", region: "liver" }),
    ]);
    assert.equal(out[0]?.lesions.find((t) => t.lesion.id === "L1")?.lesion.sizeMm, 24);
  });
  test("a single-region study carries forward the other lesions of the previous time point", () => {
    const out = tps([
      study("PET", "2024-01-05", [met("B1", "bone"), met("L1", "liver")], { diffuseFindings: [] }),
      study("MRI", "2024-04-10", [met("BR1", "brain")], { modality: "mri", region: "brain" }),
    ]);
    assert.equal(out.length, 2);
    const second = out[1];
    assert.equal(second?.complete, false);
    assert.equal(second?.carriedFrom, "2024-01-05");
    assert.deepEqual(second?.state.countable.map((t) => [t.lesion.id, t.carried]).sort(), [
      ["B1", true],
      ["BR1", false],
      ["L1", true],
    ]);
  });
  test("a bone scan replaces bone lesions only", () => {
    const out = tps([
      study("PET", "2024-01-05", [met("B1", "bone"), met("L1", "liver")]),
      study("BS", "2024-04-10", [], { modality: "bone_scan", region: "skeleton" }),
    ]);
    assert.deepEqual(
      out[1]?.state.countable.map((t) => t.lesion.id),
      ["L1"],
    );
  });
  test("studies after asOf are ignored", () => {
    const out = tps(
      [study("A", "2024-01-01", [met("B1", "bone")]), study("B", "2025-01-01", mets("X", "lung", 9))],
      le5,
      30,
      "2024-12-31",
    );
    assert.equal(out.length, 1);
  });
  test("studies are ordered by date whatever their order in the record", () => {
    const out = tps([
      study("late", "2024-06-01", [met("B1", "bone")]),
      study("early", "2024-01-01", [met("B1", "bone")]),
    ]);
    assert.deepEqual(
      out.map((t) => t.date),
      ["2024-01-01", "2024-06-01"],
    );
  });
});
