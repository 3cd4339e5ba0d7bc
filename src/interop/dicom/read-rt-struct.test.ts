import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { type SyntheticRoi, syntheticRtDose, syntheticRtStruct } from "../../../test/support/dicom-writer.ts";
import { needsSharedData, sharedDataPath } from "../../../test/support/shared-data.ts";
import type { Issue, Roi } from "../../core/index.ts";
import { readRtStruct } from "./read-rt-struct.ts";

const codes = (issues: readonly Issue[]) => issues.map((i) => i.code);

function readOk(bytes: Uint8Array) {
  const r = readRtStruct(bytes);
  if (!r.ok) assert.fail(`expected ok, got ${JSON.stringify(r.issues, null, 1)}`);
  return r.value;
}

// A 10 mm square on two planes (z = 0 and z = 2) and a point.
const square = (z: number) => [0, 0, z, 10, 0, z, 10, 10, z, 0, 10, z];
const rois: SyntheticRoi[] = [
  {
    number: 3,
    name: "PTV_45",
    interpretedType: "PTV",
    color: [255, 0, 0],
    contours: [{ points: square(0) }, { points: square(2) }],
  },
  {
    number: 7,
    name: "Iso",
    interpretedType: "ISOCENTER",
    contours: [{ geometry: "POINT", points: [5, 5, 1] }],
  },
  { number: 9, name: "Empty", contours: [] },
];

describe("readRtStruct on synthetic files", () => {
  for (const transferSyntax of ["explicit-le", "implicit-le", "explicit-be", "deflated"] as const) {
    test(`${transferSyntax}: ROIs, names, types, colours, contours and frame of reference as written`, () => {
      const s = readOk(
        syntheticRtStruct({ rois, transferSyntax, label: "Plan A", frameOfReferenceUid: "1.2.3" }),
      );
      assert.equal(s.kind, "structure_set");
      assert.equal(s.label, "Plan A");
      assert.equal(s.frameOfReferenceUid, "1.2.3");
      assert.deepEqual(
        s.rois.map((r) => [r.number, r.name, r.interpretedType, r.contours.length]),
        [
          [3, "PTV_45", "PTV", 2],
          [7, "Iso", "ISOCENTER", 1],
          [9, "Empty", "ORGAN", 0],
        ],
      );
      const ptv = s.rois[0] as Roi;
      assert.deepEqual(ptv.color, [255, 0, 0]);
      assert.equal(ptv.frameOfReferenceUid, "1.2.3");
      assert.equal(ptv.contours[0]?.geometry, "CLOSED_PLANAR");
      assert.deepEqual(Array.from(ptv.contours[1]?.pointsMm ?? []), square(2));
      assert.equal(s.rois[1]?.contours[0]?.geometry, "POINT");
      assert.deepEqual(s.warnings, []);
    });
  }

  test("raw data set without Part-10 header and undefined-length sequences", () => {
    const s = readOk(
      syntheticRtStruct({
        rois,
        transferSyntax: "implicit-le",
        part10: false,
        undefinedLengthSequences: true,
      }),
    );
    assert.equal(s.rois.length, 3);
    assert.deepEqual(codes(s.warnings), ["dicom_no_part10_header"]);
  });

  test("a JPEG transfer syntax does not matter for a structure set (no pixel data)", () => {
    const s = readOk(syntheticRtStruct({ rois, transferSyntaxUid: "1.2.840.10008.1.2.4.50" }));
    assert.equal(s.rois.length, 3);
  });

  test("UTF-8 names (Specific Character Set ISO_IR 192) and latin1 names (ISO_IR 100) decode correctly", () => {
    const utf8 = readOk(
      syntheticRtStruct({
        rois: [{ number: 1, name: "Rückenmark", contours: [] }],
        specificCharacterSet: "ISO_IR 192",
      }),
    );
    assert.equal(utf8.rois[0]?.name, "Rückenmark");
    // the writer encodes UTF-8 bytes; as ISO_IR 100 they must be read one byte per character (latin1)
    const latin = readOk(
      syntheticRtStruct({
        rois: [{ number: 1, name: "Rückenmark", contours: [] }],
        specificCharacterSet: "ISO_IR 100",
      }),
    );
    assert.equal(latin.rois[0]?.name, "RÃ¼ckenmark");
  });

  test("DS values with exponents, signs and padding are read exactly", () => {
    const s = readOk(
      syntheticRtStruct({
        rois: [{ number: 1, name: "A", contours: [{ points: [] }] }],
        extra: [
          {
            tag: 0x30060039,
            vr: "SQ",
            items: [
              [
                {
                  tag: 0x30060040,
                  vr: "SQ",
                  items: [
                    [
                      { tag: 0x30060042, vr: "CS", value: "CLOSED_PLANAR" },
                      {
                        tag: 0x30060050,
                        vr: "DS",
                        value: " 1.5E+01\\-2.25e-1 \\+3\\.5\\-0\\7.\\1.0000000000000002\\2\\3",
                      },
                    ],
                  ],
                },
                { tag: 0x30060084, vr: "IS", value: " 1 " },
              ],
            ],
          },
        ],
      }),
    );
    assert.deepEqual(
      Array.from(s.rois[0]?.contours[0]?.pointsMm ?? []),
      [15, -0.225, 3, 0.5, 0, 7, 1.0000000000000002, 2, 3],
    );
  });

  test("an ROI with broken contour data is left out with a warning naming it; the others are read", () => {
    const s = readOk(
      syntheticRtStruct({
        rois: [
          { number: 1, name: "Good", contours: [{ points: square(0) }] },
          { number: 2, name: "Bad", contours: [{ points: [1, 2, 3, 4] }] },
          { number: 3, name: "Ugly", contours: [{ points: square(0) }] },
        ],
      }),
    );
    assert.deepEqual(
      s.rois.map((r) => r.name),
      ["Good", "Ugly"],
    );
    const w = s.warnings.find((i) => i.code === "dicom_roi_invalid");
    assert.ok(
      w && /ROI 2 \("Bad"\)/.test(w.message) && /multiple of 3/.test(w.message),
      JSON.stringify(s.warnings),
    );
  });

  test("closed contours with fewer than 3 points are dropped; point-count mismatches are reported", () => {
    const s = readOk(
      syntheticRtStruct({
        rois: [{ number: 1, name: "A", contours: [{ points: square(0) }, { points: [1, 1, 0, 2, 2, 0] }] }],
        extra: [],
      }),
    );
    assert.equal(s.rois[0]?.contours.length, 1);
    assert.ok(codes(s.warnings).includes("dicom_contour_degenerate"));
  });

  test("contours referring to an undefined ROI are ignored with a warning", () => {
    const s = readOk(
      syntheticRtStruct({
        rois: [{ number: 1, name: "A", contours: [{ points: square(0) }] }],
        extra: [
          {
            tag: 0x30060039,
            vr: "SQ",
            items: [
              [
                {
                  tag: 0x30060040,
                  vr: "SQ",
                  items: [
                    [
                      { tag: 0x30060042, vr: "CS", value: "CLOSED_PLANAR" },
                      { tag: 0x30060050, vr: "DS", value: square(0) },
                    ],
                  ],
                },
                { tag: 0x30060084, vr: "IS", value: "42" },
              ],
            ],
          },
        ],
      }),
    );
    assert.equal(s.rois[0]?.contours.length, 0);
    assert.ok(codes(s.warnings).includes("dicom_roi_contour_unknown_roi"));
  });

  test("duplicate ROI numbers are an error naming both items", () => {
    const r = readRtStruct(
      syntheticRtStruct({
        rois: [
          { number: 4, name: "A", contours: [] },
          { number: 4, name: "B", contours: [] },
        ],
      }),
    );
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(codes(r.issues), ["dicom_duplicate_roi_number"]);
      assert.equal(r.issues[0]?.path, "StructureSetROISequence[1].ROINumber");
      assert.match(r.issues[0]?.message ?? "", /StructureSetROISequence\[0\]/);
    }
  });

  test("a structure set without StructureSetROISequence and a dose file are refused", () => {
    const noRois = readRtStruct(syntheticRtStruct({ rois, omit: [0x30060020] }));
    assert.equal(noRois.ok, false);
    if (!noRois.ok)
      assert.deepEqual(
        noRois.issues.map((i) => [i.code, i.path]),
        [["dicom_missing_attribute", "StructureSetROISequence"]],
      );
    const dose = readRtStruct(syntheticRtDose({ rows: 1, columns: 1, frames: 1 }));
    assert.equal(dose.ok, false);
    if (!dose.ok) {
      assert.equal(dose.issues[0]?.code, "dicom_not_rtstruct");
      assert.match(dose.issues[0]?.message ?? "", /RT Dose Storage/);
    }
  });
});

const shared = (...p: string[]) => new Uint8Array(readFileSync(sharedDataPath("dicom-rt", ...p) as string));
const points = (roi: Roi | undefined) => (roi?.contours ?? []).reduce((n, c) => n + c.pointsMm.length / 3, 0);

describe("readRtStruct on the shared DICOM RT files", needsSharedData("dicom-rt"), () => {
  test("RayStation brain SRS: 28 ROIs (24 closed-planar with volume, 4 isocentre points), 5 PTVs", () => {
    const s = readOk(
      shared(
        "raystation-srs-brain-pps",
        "BrainSRSRaystationIMRT",
        "RS1.2.752.243.1.1.20180405120828292.2900.76357.dcm",
      ),
    );
    assert.equal(s.rois.length, 28);
    const closed = s.rois.filter((r) => r.contours.some((c) => c.geometry === "CLOSED_PLANAR"));
    const pointRois = s.rois.filter(
      (r) => r.contours.every((c) => c.geometry === "POINT") && r.contours.length > 0,
    );
    assert.equal(closed.length, 24);
    assert.equal(pointRois.length, 4);
    assert.deepEqual(
      s.rois.filter((r) => r.interpretedType === "PTV").map((r) => r.name),
      ["PTV_1", "PTV_2", "PTV_3", "PTV_4", "PTV_5", "PTV_ALL"],
    );
    for (const name of ["BODY", "BRAIN - PTV", "BRAIN STEM", "OPTIC STRUCTURES", "PTV1_WALL", "GTV_ALL"]) {
      assert.ok(
        s.rois.some((r) => r.name === name),
        name,
      );
    }
    assert.equal(s.frameOfReferenceUid, "1.2.840.113704.1.111.5908.1515481810.4");
    // counts from the file's NumberOfContourPoints: BODY 256 contours / 67872 points; PTV_1 9 / 240
    const body = s.rois.find((r) => r.name === "BODY");
    assert.equal(body?.contours.length, 256);
    assert.equal(points(body), 67872);
    assert.equal(points(s.rois.find((r) => r.name === "PTV_1")), 240);
    assert.deepEqual(s.warnings, []);
  });

  test("Eclipse prostate: 16 ROIs, 6 with contours (README)", () => {
    const s = readOk(
      shared("eclipse-prostate-slicerrt", "RS.1.2.246.352.71.4.2088656855.2404649.20110920153449.dcm"),
    );
    assert.equal(s.rois.length, 16);
    assert.deepEqual(
      s.rois
        .filter((r) => r.contours.length > 0)
        .map((r) => r.name)
        .sort(),
      ["BODY", "Bladder", "Femoral Head Lt", "Femoral Head RT", "PTV", "Rectum"],
    );
    assert.equal(s.frameOfReferenceUid, "1.2.840.113619.2.55.3.671756986.106.1316467036.462.11505.1");
    assert.deepEqual(s.warnings, []);
  });

  test("GammaPlan: one UTF-8 named skull contour of 225 planes", () => {
    const s = readOk(shared("gammaplan-tiny-pps", "RTSS.dcm"));
    assert.deepEqual(
      s.rois.map((r) => r.name),
      ["*Skull"],
    );
    assert.equal(s.rois[0]?.contours.length, 225);
    assert.equal(points(s.rois[0]), 29697);
  });

  test("pydicom rtstruct.dcm without Part-10 header: read as a raw data set with a warning", () => {
    const s = readOk(shared("pydicom-testfiles", "rtstruct.dcm"));
    assert.deepEqual(
      s.rois.map((r) => [r.name, r.interpretedType]),
      [
        ["patient", "EXTERNAL"],
        ["Isocenter 1", "ISOCENTER"],
        ["Isocenter 2", "ISOCENTER"],
      ],
    );
    assert.equal(s.rois[1]?.contours[0]?.geometry, "POINT");
    assert.deepEqual(codes(s.warnings), ["dicom_no_part10_header"]);
  });

  test("dicompyler-core breast: 10 ROIs, Areola without contours", () => {
    const s = readOk(shared("dicompyler-core-example", "rtss.dcm"));
    assert.equal(s.rois.length, 10);
    assert.deepEqual(s.rois.find((r) => r.name === "Areola")?.contours, []);
    assert.equal(s.rois.find((r) => r.name === "BODY")?.contours.length, 141);
  });

  test("Nelms phantoms: every structure file has POI_1 and one closed ROI named after the file", () => {
    const dir = sharedDataPath("dicom-rt", "nelms-analytical-pps", "structures") as string;
    const files = readdirSync(dir).filter((f) => f.endsWith(".dcm"));
    // README table says 60 files; the snapshot holds 50 (5 shapes x 10 spacing/shift variants)
    assert.ok(files.length >= 50, `${files.length} structure files`);
    for (const f of files) {
      const s = readOk(shared("nelms-analytical-pps", "structures", f));
      assert.equal(s.rois.length, 2, f);
      assert.equal(s.rois[0]?.name, "POI_1");
      const roi = s.rois[1] as Roi;
      // names differ from file names in underscores and case (RtCone_10_X05 -> RtCone_10X05, Sphere10x05Z05)
      const key = (n: string) => n.replace(/_/g, "").toLowerCase();
      assert.equal(key(roi.name), key(f.replace(/\.dcm$/, "")), f);
      assert.ok(roi.contours.length > 0 && roi.contours.every((c) => c.geometry === "CLOSED_PLANAR"), f);
    }
  });

  test("Nelms Sphere_10_0: centred at (0, -6, 6) mm with radius 12 mm (analytical volume 7.238 cc)", () => {
    const s = readOk(shared("nelms-analytical-pps", "structures", "Sphere_10_0.dcm"));
    const roi = s.rois[1] as Roi;
    let min = [Infinity, Infinity, Infinity];
    let max = [-Infinity, -Infinity, -Infinity];
    for (const c of roi.contours) {
      for (let i = 0; i < c.pointsMm.length; i += 3) {
        const p = [c.pointsMm[i]!, c.pointsMm[i + 1]!, c.pointsMm[i + 2]!];
        min = min.map((m, k) => Math.min(m, p[k]!));
        max = max.map((m, k) => Math.max(m, p[k]!));
      }
    }
    // radius from volume: (3 x 7.2382 cc / 4 pi)^(1/3) = 1.2 cm
    assert.deepEqual(min, [-12, -18, -6]);
    assert.deepEqual(max, [12, 6, 18]);
  });
});
