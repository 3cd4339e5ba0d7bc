import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { syntheticRtPlan, syntheticRtStruct } from "../../../test/support/dicom-writer.ts";
import { needsSharedData, sharedDataPath } from "../../../test/support/shared-data.ts";
import type { Issue } from "../../core/index.ts";
import { readRtPlan } from "./read-rt-plan.ts";

const codes = (issues: readonly Issue[]) => issues.map((i) => i.code);

function readOk(bytes: Uint8Array) {
  const r = readRtPlan(bytes);
  if (!r.ok) assert.fail(`expected ok, got ${JSON.stringify(r.issues, null, 1)}`);
  return r.value;
}

describe("readRtPlan on synthetic files", () => {
  test("label, fractions, prescription and target ROI as written", () => {
    const p = readOk(
      syntheticRtPlan({
        label: "SABR lung",
        fractions: [8],
        targets: [{ doseGy: 60, roiNumber: 12, description: "PTV" }],
      }),
    );
    assert.equal(p.kind, "plan");
    assert.equal(p.label, "SABR lung");
    assert.equal(p.fractions, 8);
    assert.equal(p.prescriptionDoseGy, 60);
    assert.deepEqual(p.targets, [
      { roiNumber: 12, prescriptionDoseGy: 60, structureType: "VOLUME", description: "PTV" },
    ]);
    assert.deepEqual(p.warnings, []);
  });

  test("organ-at-risk dose references are not targets", () => {
    const p = readOk(syntheticRtPlan({ targets: [{ doseGy: 30, type: "ORGAN_AT_RISK" }, { doseGy: 45 }] }));
    assert.deepEqual(
      p.targets.map((t) => t.prescriptionDoseGy),
      [45],
    );
    assert.equal(p.prescriptionDoseGy, 45);
  });

  test("volume targets win over point targets; several volume doses give the highest with a warning", () => {
    const volumeOverPoint = readOk(
      syntheticRtPlan({
        targets: [
          { doseGy: 11.3, structureType: "COORDINATES" },
          { doseGy: 14, structureType: "SITE" },
        ],
      }),
    );
    assert.equal(volumeOverPoint.prescriptionDoseGy, 14);
    const sib = readOk(
      syntheticRtPlan({
        targets: [
          { doseGy: 50, roiNumber: 1 },
          { doseGy: 60, roiNumber: 2 },
        ],
      }),
    );
    assert.equal(sib.prescriptionDoseGy, 60);
    assert.deepEqual(codes(sib.warnings), ["dicom_multiple_prescriptions"]);
  });

  test("no prescription, several fraction groups, empty fractions: values absent, warnings say why", () => {
    const none = readOk(syntheticRtPlan({ targets: [] }));
    assert.equal(none.prescriptionDoseGy, undefined);
    assert.deepEqual(codes(none.warnings), ["dicom_no_prescription"]);
    const groups = readOk(syntheticRtPlan({ fractions: [25, 5], targets: [{ doseGy: 50 }] }));
    assert.equal(groups.fractions, 25);
    assert.deepEqual(codes(groups.warnings), ["dicom_multiple_fraction_groups"]);
    const empty = readOk(syntheticRtPlan({ fractions: [undefined], targets: [{ doseGy: 50 }] }));
    assert.equal(empty.fractions, undefined);
    assert.deepEqual(codes(empty.warnings), ["dicom_missing_attribute"]);
  });

  test("invalid fractions or prescription are errors naming the field", () => {
    const zero = readRtPlan(syntheticRtPlan({ fractions: [0] }));
    assert.equal(zero.ok, false);
    if (!zero.ok)
      assert.deepEqual(
        zero.issues.map((i) => i.path),
        ["FractionGroupSequence[0].NumberOfFractionsPlanned"],
      );
    const negative = readRtPlan(syntheticRtPlan({ targets: [{ doseGy: -5 }] }));
    assert.equal(negative.ok, false);
    if (!negative.ok)
      assert.deepEqual(
        negative.issues.map((i) => i.path),
        ["DoseReferenceSequence[0].TargetPrescriptionDose"],
      );
  });

  test("a structure set is not a plan", () => {
    const r = readRtPlan(syntheticRtStruct({ rois: [] }));
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(codes(r.issues), ["dicom_not_rtplan"]);
  });
});

const shared = (...p: string[]) => new Uint8Array(readFileSync(sharedDataPath("dicom-rt", ...p) as string));

describe("readRtPlan on the shared DICOM RT files", needsSharedData("dicom-rt"), () => {
  // Expected values: each file's NumberOfFractionsPlanned (300A,0078) and TargetPrescriptionDose (300A,0026)
  const cases = [
    {
      file: [
        "raystation-srs-brain-pps",
        "BrainSRSRaystationIMRT",
        "RP1.2.752.243.1.1.20180405114728127.3000.13138.dcm",
      ],
      label: "imrt 4",
      fractions: 5,
      rx: undefined,
    },
    {
      file: [
        "raystation-srs-brain-pps",
        "BrainSRSRaystationVMAT",
        "RP1.2.752.243.1.1.20180405120828292.3000.83684.dcm",
      ],
      label: "VMAT",
      fractions: 5,
      rx: undefined,
    },
    {
      file: ["eclipse-prostate-slicerrt", "RP.1.2.246.352.71.5.2088656855.377401.20110920153647.dcm"],
      label: "PROS",
      fractions: 23,
      rx: 46,
    },
    { file: ["gammaplan-tiny-pps", "RTPLAN.dcm"], label: "Plan1", fractions: 1, rx: undefined },
    { file: ["pydicom-testfiles", "rtplan.dcm"], label: "Plan1", fractions: 30, rx: 30.826203 },
    { file: ["dicompyler-core-example", "rtplan.dcm"], label: "B1", fractions: 7, rx: 14 },
  ];
  for (const c of cases) {
    test(`${c.file.join("/")}: ${c.fractions} fractions, prescription ${c.rx ?? "not stated"}`, () => {
      const p = readOk(shared(...c.file));
      assert.equal(p.label, c.label);
      assert.equal(p.fractions, c.fractions);
      assert.equal(p.prescriptionDoseGy, c.rx);
      assert.deepEqual(codes(p.warnings), c.rx === undefined ? ["dicom_no_prescription"] : []);
    });
  }

  test("dicompyler-core plan keeps both targets: the breast site (14 Gy) and the calculation point", () => {
    const p = readOk(shared("dicompyler-core-example", "rtplan.dcm"));
    assert.deepEqual(
      p.targets.map((t) => [t.structureType, t.description, t.prescriptionDoseGy]),
      [
        ["SITE", "Breast", 14],
        ["COORDINATES", "CALC POINT", 11.3113869239676],
      ],
    );
  });
});
