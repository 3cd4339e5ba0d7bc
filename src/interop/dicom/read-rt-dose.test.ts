import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import {
  rleFrame,
  storedDoseValues,
  syntheticRtDose,
  syntheticRtStruct,
  writeDicom,
} from "../../../test/support/dicom-writer.ts";
import { needsSharedData, sharedDataPath } from "../../../test/support/shared-data.ts";
import type { DoseGrid, Issue } from "../../core/index.ts";
import { readRtDose } from "./read-rt-dose.ts";

const codes = (issues: readonly Issue[]) => issues.map((i) => i.code);

function readOk(bytes: Uint8Array, options = {}) {
  const r = readRtDose(bytes, options);
  if (!r.ok) assert.fail(`expected ok, got ${JSON.stringify(r.issues, null, 1)}`);
  return r.value;
}

function readFail(bytes: Uint8Array, options = {}): readonly Issue[] {
  const r = readRtDose(bytes, options);
  assert.equal(r.ok, false, "expected an error Result");
  return r.ok ? [] : r.issues;
}

/** Dose at voxel (column, row, frame), index as documented on DoseGrid. */
const at = (g: DoseGrid, c: number, r: number, f: number) =>
  g.doseGy[f * g.rows * g.columns + r * g.columns + c] as number;

/** Dose at a patient point that lies exactly on a voxel centre (test helper; fails otherwise). */
function doseAtGridPoint(g: DoseGrid, p: readonly [number, number, number]): number {
  const d = [p[0] - g.originMm[0], p[1] - g.originMm[1], p[2] - g.originMm[2]];
  const dot = (v: readonly number[]) => d[0]! * v[0]! + d[1]! * v[1]! + d[2]! * v[2]!;
  const n = [
    g.rowDirection[1] * g.columnDirection[2] - g.rowDirection[2] * g.columnDirection[1],
    g.rowDirection[2] * g.columnDirection[0] - g.rowDirection[0] * g.columnDirection[2],
    g.rowDirection[0] * g.columnDirection[1] - g.rowDirection[1] * g.columnDirection[0],
  ];
  const c = dot(g.rowDirection) / g.pixelSpacingMm[1];
  const r = dot(g.columnDirection) / g.pixelSpacingMm[0];
  const f = Array.from(g.frameOffsetsMm).findIndex((o) => Math.abs(o - dot(n)) < 1e-6);
  assert.ok(Number.isInteger(Math.round(c)) && Math.abs(c - Math.round(c)) < 1e-6, `column ${c} not on grid`);
  assert.ok(Math.abs(r - Math.round(r)) < 1e-6 && f >= 0, `point ${p} not on a voxel centre`);
  return at(g, Math.round(c), Math.round(r), f);
}

// ---------------------------------------------------------------------------------------------------
// Synthetic files: every value below follows from the written stored values and DoseGridScaling.

describe("readRtDose on synthetic files", () => {
  // Stored value v at voxel i = i (so each voxel is distinguishable); dose = v x scaling.
  const base = {
    rows: 3,
    columns: 4,
    frames: 2,
    storedValues: Array.from({ length: 24 }, (_, i) => i * 1000),
  };

  const encodings = [
    { name: "explicit VR little endian, 16-bit", opts: { bitsAllocated: 16 as const } },
    { name: "explicit VR little endian, 32-bit", opts: { bitsAllocated: 32 as const } },
    {
      name: "implicit VR little endian, 32-bit",
      opts: { bitsAllocated: 32 as const, transferSyntax: "implicit-le" as const },
    },
    {
      name: "explicit VR big endian, 16-bit",
      opts: { bitsAllocated: 16 as const, transferSyntax: "explicit-be" as const },
    },
    {
      name: "explicit VR big endian, 32-bit",
      opts: { bitsAllocated: 32 as const, transferSyntax: "explicit-be" as const },
    },
    {
      name: "deflated explicit VR little endian",
      opts: { bitsAllocated: 16 as const, transferSyntax: "deflated" as const },
    },
    { name: "RLE lossless, 16-bit", opts: { bitsAllocated: 16 as const, transferSyntax: "rle" as const } },
    { name: "RLE lossless, 32-bit", opts: { bitsAllocated: 32 as const, transferSyntax: "rle" as const } },
    {
      name: "raw data set without Part-10 header",
      opts: { transferSyntax: "implicit-le" as const, part10: false },
    },
    {
      name: "undefined-length sequences",
      opts: { undefinedLengthSequences: true, dvhs: [{ roiNumber: 1, widths: [1], volumes: [2] }] },
    },
  ];
  for (const { name, opts } of encodings) {
    test(`${name}: dose = stored value x DoseGridScaling, file order kept`, () => {
      const { grid } = readOk(syntheticRtDose({ ...base, doseGridScaling: 0.0025, ...opts }));
      assert.equal(grid.columns, 4);
      assert.equal(grid.rows, 3);
      assert.equal(grid.frames, 2);
      for (let i = 0; i < 24; i++) {
        // Float32 holds i*1000*0.0025 = 2.5 i exactly (multiples of 0.5 below 2^24)
        assert.equal(grid.doseGy[i], i * 2.5, `voxel ${i}`);
      }
    });
  }

  test("signed 16- and 32-bit values (PixelRepresentation 1) keep their sign", () => {
    for (const bitsAllocated of [16, 32] as const) {
      for (const transferSyntax of ["explicit-le", "explicit-be", "rle"] as const) {
        const { grid } = readOk(
          syntheticRtDose({
            rows: 1,
            columns: 4,
            frames: 1,
            bitsAllocated,
            signed: true,
            transferSyntax,
            doseGridScaling: 0.5,
            doseType: "ERROR",
            storedValues: [-3, -1, 0, 7],
          }),
        );
        assert.deepEqual(
          Array.from(grid.doseGy),
          [-1.5, -0.5, 0, 3.5],
          `${bitsAllocated}-bit ${transferSyntax}`,
        );
      }
    }
  });

  test("32-bit unsigned values above 2^31 are not read as negative", () => {
    const { grid } = readOk(
      syntheticRtDose({
        rows: 1,
        columns: 2,
        frames: 1,
        bitsAllocated: 32,
        doseGridScaling: 1e-9,
        storedValues: [0xffffffff, 0x80000000],
      }),
    );
    // 4294967295 x 1e-9 = 4.294967295 Gy; Float32 relative precision 6e-8
    assert.ok(Math.abs((grid.doseGy[0] as number) - 4.294967295) < 1e-6);
    assert.ok(Math.abs((grid.doseGy[1] as number) - 2.147483648) < 1e-6);
  });

  test("BitsStored < BitsAllocated masks the unused high bits", () => {
    // 12 stored bits: 0xF00A has high garbage bits; value = 0x00A = 10
    const { grid } = readOk(
      syntheticRtDose({
        rows: 1,
        columns: 2,
        frames: 1,
        bitsStored: 12,
        doseGridScaling: 1,
        storedValues: [0xf00a, 0x0fff],
      }),
    );
    assert.deepEqual(Array.from(grid.doseGy), [10, 4095]);
  });

  test("geometry: origin, orientation, pixel spacing [row, column] and frame of reference as written", () => {
    const { grid } = readOk(
      syntheticRtDose({
        rows: 2,
        columns: 2,
        frames: 3,
        originMm: [-10.5, 20, -30.25],
        pixelSpacingMm: [2.5, 3],
        sliceSpacingMm: 4,
        frameOfReferenceUid: "1.2.3.4",
      }),
    );
    assert.deepEqual(grid.originMm, [-10.5, 20, -30.25]);
    assert.deepEqual(grid.rowDirection, [1, 0, 0]);
    assert.deepEqual(grid.columnDirection, [0, 1, 0]);
    assert.deepEqual(grid.pixelSpacingMm, [2.5, 3]);
    assert.deepEqual(Array.from(grid.frameOffsetsMm), [0, 4, 8]);
    assert.equal(grid.frameOfReferenceUid, "1.2.3.4");
    assert.equal(grid.summationType, "PLAN");
    assert.equal(grid.doseType, "PHYSICAL");
    assert.equal(grid.doseUnits, "GY");
  });

  test("descending and absolute GridFrameOffsetVector become offsets from frame 0", () => {
    const descending = readOk(
      syntheticRtDose({ rows: 1, columns: 1, frames: 3, gridFrameOffsetVector: [0, -2, -4] }),
    );
    assert.deepEqual(Array.from(descending.grid.frameOffsetsMm), [0, -2, -4]);
    // PS3.3 C.8.8.3.2 form (b): first value = IPP z = -100 -> absolute z values
    const absolute = readOk(
      syntheticRtDose({
        rows: 1,
        columns: 1,
        frames: 3,
        originMm: [0, 0, -100],
        gridFrameOffsetVector: [-100, -97, -94],
      }),
    );
    assert.deepEqual(Array.from(absolute.grid.frameOffsetsMm), [0, 3, 6]);
    assert.ok(codes(absolute.warnings).includes("dicom_frame_offsets_absolute"));
  });

  test("feet-first/prone orientation is kept and the normal follows row x column", () => {
    // IOP (-1,0,0,0,-1,0): normal = (0,0,1); absolute offsets stay ascending in z
    const r = readOk(
      syntheticRtDose({
        rows: 1,
        columns: 1,
        frames: 2,
        orientation: [-1, 0, 0, 0, -1, 0],
        originMm: [0, 0, 5],
        gridFrameOffsetVector: [5, 8],
      }),
    );
    assert.deepEqual(r.grid.rowDirection, [-1, 0, 0]);
    assert.deepEqual(Array.from(r.grid.frameOffsetsMm), [0, 3]);
    // IOP (1,0,0,0,-1,0): normal = (0,0,-1); absolute z rising by 3 mm is an offset of -3 mm along the normal
    const flipped = readOk(
      syntheticRtDose({
        rows: 1,
        columns: 1,
        frames: 2,
        orientation: [1, 0, 0, 0, -1, 0],
        originMm: [0, 0, 5],
        gridFrameOffsetVector: [5, 8],
      }),
    );
    assert.deepEqual(Array.from(flipped.grid.frameOffsetsMm), [0, -3]);
  });

  test("DVH Sequence: bin widths become cumulative upper edges in Gy", () => {
    const { storedDvhs } = readOk(
      syntheticRtDose({
        rows: 1,
        columns: 1,
        frames: 1,
        dvhs: [
          {
            roiNumber: 7,
            type: "CUMULATIVE",
            doseScaling: 0.01,
            widths: [100, 100, 50],
            volumes: [10, 6, 1],
          },
          { roiNumber: 9, type: "DIFFERENTIAL", volumeUnits: "PERCENT", widths: [2, 2], volumes: [60, 40] },
        ],
      }),
    );
    assert.equal(storedDvhs.length, 2);
    const [a, b] = storedDvhs;
    assert.equal(a?.roiNumber, 7);
    assert.equal(a?.type, "CUMULATIVE");
    assert.equal(a?.doseUnits, "GY");
    assert.equal(a?.volumeUnits, "CM3");
    // edges: 100 x 0.01 = 1, 200 x 0.01 = 2, 250 x 0.01 = 2.5 Gy
    assert.deepEqual(Array.from(a?.doseGy ?? []), [1, 2, 2.5]);
    assert.deepEqual(Array.from(a?.volume ?? []), [10, 6, 1]);
    assert.equal(b?.type, "DIFFERENTIAL");
    assert.equal(b?.volumeUnits, "PERCENT");
    assert.deepEqual(Array.from(b?.doseGy ?? []), [2, 4]);
  });

  test("a malformed DVH item is skipped with a warning, the grid is still read", () => {
    const r = readOk(
      syntheticRtDose({
        rows: 1,
        columns: 1,
        frames: 1,
        dvhs: [{ roiNumber: 1, widths: [1, 2], volumes: [1] }],
      }),
    );
    // the writer writes 2 bins but DVHNumberOfBins 2 and data 4 values are consistent; corrupt it: one volume missing -> 0
    assert.equal(r.storedDvhs.length, 1);
    const bad = readOk(
      syntheticRtDose({
        rows: 1,
        columns: 1,
        frames: 1,
        dvhs: [{ roiNumber: 1, widths: [1], volumes: [1] }],
        extra: [
          {
            tag: 0x30040050,
            vr: "SQ",
            items: [
              [
                { tag: 0x30040001, vr: "CS", value: "CUMULATIVE" },
                { tag: 0x30040058, vr: "DS", value: [1, 2, 3] },
              ],
            ],
          },
        ],
      }),
    );
    assert.equal(bad.storedDvhs.length, 0);
    assert.ok(codes(bad.warnings).includes("dicom_stored_dvh_skipped"));
  });

  test("non-plan summation, effective dose and missing frame of reference are reported as warnings", () => {
    const r = readOk(
      syntheticRtDose({
        rows: 1,
        columns: 1,
        frames: 1,
        summationType: "FRACTION",
        doseType: "EFFECTIVE",
        omit: [0x00200052],
      }),
    );
    const w = codes(r.warnings);
    assert.ok(w.includes("dicom_dose_not_plan_sum"));
    assert.ok(w.includes("dicom_dose_type"));
    assert.ok(w.includes("dicom_missing_attribute"));
    assert.equal(r.grid.frameOfReferenceUid, undefined);
  });

  test("a dose without NumberOfFrames: frames taken when PixelData and GridFrameOffsetVector agree", () => {
    const r = readOk(
      syntheticRtDose({
        rows: 2,
        columns: 2,
        frames: 3,
        doseGridScaling: 1,
        storedValues: Array.from({ length: 12 }, (_, i) => i),
        omit: [0x00280008],
      }),
    );
    assert.equal(r.grid.frames, 3);
    assert.equal(r.grid.doseGy[11], 11);
    assert.ok(codes(r.warnings).includes("dicom_frames_inferred"));
  });

  test("PixelData with whole frames beyond NumberOfFrames is refused (planes would be lost)", () => {
    const issues = readFail(
      syntheticRtDose({
        rows: 2,
        columns: 2,
        frames: 3,
        gridFrameOffsetVector: [0],
        extra: [{ tag: 0x00280008, vr: "IS", value: "1" }],
      }),
    );
    assert.deepEqual(codes(issues), ["dicom_frame_count_mismatch"]);
  });

  test("RELATIVE dose is refused unless the caller accepts it", () => {
    const bytes = syntheticRtDose({ rows: 1, columns: 1, frames: 1, doseUnits: "RELATIVE" });
    assert.deepEqual(codes(readFail(bytes)), ["dicom_dose_units_relative"]);
    const accepted = readOk(bytes, { acceptRelativeDose: true });
    assert.equal(accepted.grid.doseUnits, "RELATIVE");
    assert.ok(codes(accepted.warnings).includes("dicom_dose_units_relative"));
  });
});

describe("readRtDose refuses what it cannot read, naming the field", () => {
  const ok1 = { rows: 2, columns: 2, frames: 2 };
  const cases: { name: string; bytes: () => Uint8Array; code: string; path?: string }[] = [
    {
      name: "an RTSTRUCT",
      bytes: () => syntheticRtStruct({ rois: [] }),
      code: "dicom_not_rtdose",
      path: "SOPClassUID",
    },
    {
      name: "missing Rows",
      bytes: () => syntheticRtDose({ ...ok1, omit: [0x00280010] }),
      code: "dicom_missing_attribute",
      path: "Rows",
    },
    {
      name: "missing DoseGridScaling",
      bytes: () => syntheticRtDose({ ...ok1, omit: [0x3004000e] }),
      code: "dicom_missing_attribute",
      path: "DoseGridScaling",
    },
    {
      name: "zero DoseGridScaling",
      bytes: () => syntheticRtDose({ ...ok1, doseGridScaling: 0 }),
      code: "dicom_invalid_attribute",
      path: "DoseGridScaling",
    },
    {
      name: "8-bit pixels",
      bytes: () => syntheticRtDose({ ...ok1, extra: [{ tag: 0x00280100, vr: "US", value: [8] }] }),
      code: "dicom_invalid_attribute",
      path: "BitsAllocated",
    },
    {
      name: "3 samples per pixel",
      bytes: () => syntheticRtDose({ ...ok1, extra: [{ tag: 0x00280002, vr: "US", value: [3] }] }),
      code: "dicom_invalid_attribute",
      path: "SamplesPerPixel",
    },
    {
      name: "GridFrameOffsetVector missing for 2 frames",
      bytes: () => syntheticRtDose({ ...ok1, omit: [0x3004000c] }),
      code: "dicom_missing_attribute",
      path: "GridFrameOffsetVector",
    },
    {
      name: "GridFrameOffsetVector count != frames",
      bytes: () => syntheticRtDose({ ...ok1, gridFrameOffsetVector: [0, 2, 4] }),
      code: "dicom_frame_offsets_invalid",
      path: "GridFrameOffsetVector",
    },
    {
      name: "GridFrameOffsetVector not monotonic",
      bytes: () => syntheticRtDose({ rows: 1, columns: 1, frames: 3, gridFrameOffsetVector: [0, 2, 1] }),
      code: "dicom_frame_offsets_invalid",
    },
    {
      name: "GridFrameOffsetVector with a repeated plane",
      bytes: () => syntheticRtDose({ ...ok1, gridFrameOffsetVector: [0, 0] }),
      code: "dicom_frame_offsets_invalid",
    },
    {
      name: "non-numeric ImagePositionPatient",
      bytes: () => syntheticRtDose({ ...ok1, extra: [{ tag: 0x00200032, vr: "DS", value: "1\\abc\\3" }] }),
      code: "dicom_invalid_attribute",
      path: "ImagePositionPatient",
    },
    {
      name: "non-unit orientation",
      bytes: () => syntheticRtDose({ ...ok1, orientation: [2, 0, 0, 0, 1, 0] }),
      code: "dicom_orientation_invalid",
      path: "ImageOrientationPatient",
    },
    {
      name: "non-orthogonal orientation",
      bytes: () => syntheticRtDose({ ...ok1, orientation: [1, 0, 0, 0.6, 0.8, 0] }),
      code: "dicom_orientation_invalid",
    },
    {
      name: "negative pixel spacing",
      bytes: () => syntheticRtDose({ ...ok1, pixelSpacingMm: [-2, 2] }),
      code: "dicom_invalid_attribute",
      path: "PixelSpacing",
    },
    {
      name: "unknown DoseUnits",
      bytes: () => syntheticRtDose({ ...ok1, doseUnits: "CGY" }),
      code: "dicom_invalid_attribute",
      path: "DoseUnits",
    },
    {
      name: "no PixelData",
      bytes: () => syntheticRtDose({ ...ok1, omit: [0x7fe00010] }),
      code: "dicom_no_dose_grid",
      path: "PixelData",
    },
    {
      name: "PixelData shorter than the grid",
      bytes: () =>
        syntheticRtDose({ ...ok1, extra: [{ tag: 0x7fe00010, vr: "OW", value: new Uint8Array(10) }] }),
      code: "dicom_pixel_data_truncated",
      path: "PixelData",
    },
    {
      name: "JPEG 2000 compressed pixels",
      bytes: () =>
        syntheticRtDose({ ...ok1, transferSyntax: "rle", transferSyntaxUid: "1.2.840.10008.1.2.4.90" }),
      code: "dicom_transfer_syntax_unsupported",
    },
    {
      name: "RLE with a fragment missing",
      bytes: () =>
        syntheticRtDose({
          ...ok1,
          transferSyntax: "rle",
          extra: [{ tag: 0x7fe00010, vr: "OB", fragments: [rleFrame(new Uint16Array(4), 2)] }],
        }),
      code: "dicom_rle_corrupt",
    },
    {
      name: "RLE with 16-bit segments declared for 32-bit pixels",
      bytes: () =>
        syntheticRtDose({
          ...ok1,
          bitsAllocated: 32,
          transferSyntax: "rle",
          extra: [
            {
              tag: 0x7fe00010,
              vr: "OB",
              fragments: [rleFrame(new Uint16Array(4), 2), rleFrame(new Uint16Array(4), 2)],
            },
          ],
        }),
      code: "dicom_rle_corrupt",
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const issues = readFail(c.bytes());
      assert.ok(codes(issues).includes(c.code), `expected ${c.code}, got ${JSON.stringify(issues)}`);
      if (c.path)
        assert.ok(
          issues.some((i) => i.path === c.path),
          `expected path ${c.path}, got ${JSON.stringify(issues)}`,
        );
      for (const i of issues) assert.ok(i.message.length > 10, "message explains the problem");
    });
  }

  test("every problem of a broken file is reported, not only the first", () => {
    const issues = readFail(
      syntheticRtDose({ ...ok1, omit: [0x00280010, 0x3004000e], pixelSpacingMm: [0, 1] }),
    );
    const paths = issues.map((i) => i.path);
    assert.ok(
      paths.includes("Rows") && paths.includes("DoseGridScaling") && paths.includes("PixelSpacing"),
      JSON.stringify(issues),
    );
  });

  test("non-DICOM input, empty input and a bare header are errors, not exceptions", () => {
    assert.deepEqual(codes(readFail(new Uint8Array(0))), ["dicom_empty"]);
    assert.deepEqual(
      codes(readFail(new TextEncoder().encode("this is a text file, not DICOM at all ...."))),
      ["dicom_not_dicom"],
    );
    const headerOnly = writeDicom([], { sopClassUid: "1.2.840.10008.5.1.4.1.1.481.2" });
    assert.equal(readRtDose(headerOnly).ok, false);
  });
});

// ---------------------------------------------------------------------------------------------------
// Real files in ../shared/data/dicom-rt (facts from its README and the files' own attributes).

const shared = (...p: string[]) => new Uint8Array(readFileSync(sharedDataPath("dicom-rt", ...p) as string));

describe("readRtDose on the shared DICOM RT files", needsSharedData("dicom-rt"), () => {
  test("Eclipse prostate (rebuilt): 136x86x92 at 2.5 mm, 16-bit, equals the source NRRD within quantisation", () => {
    const { grid, warnings } = readOk(
      shared("eclipse-prostate-slicerrt", "derived", "RD.reconstructed-from-nrrd.dcm"),
    );
    assert.deepEqual([grid.columns, grid.rows, grid.frames], [136, 86, 92]);
    assert.deepEqual(grid.pixelSpacingMm, [2.5, 2.5]);
    assert.equal(grid.frameOffsetsMm[91], 91 * 2.5);
    assert.equal(warnings.length, 0);
    // The NRRD (float Gy, LPS, x fastest, origin = first voxel centre) is the dose this RTDOSE was built
    // from; README: max quantisation error 0.37 mGy (half of DoseGridScaling 0.000724 Gy).
    const nrrd = gunzipSync(
      readNrrdData(
        sharedDataPath("dicom-rt", "eclipse-prostate-slicerrt", "EclipseProstate_Dose.nrrd") as string,
      ),
    );
    const ref = new Float32Array(nrrd.buffer, nrrd.byteOffset, nrrd.length / 4);
    assert.equal(ref.length, grid.doseGy.length);
    let maxError = 0;
    for (let i = 0; i < ref.length; i++)
      maxError = Math.max(maxError, Math.abs((ref[i] as number) - (grid.doseGy[i] as number)));
    assert.ok(maxError <= 0.00037 + 1e-6, `max |RTDOSE - NRRD| = ${maxError} Gy`);
    assert.deepEqual(grid.originMm, [-162.826, -105.0169, -122.5]);
  });

  test("GammaPlan: 13x13x12 at 1 mm with a descending GridFrameOffsetVector 0, -1 … -11", () => {
    const { grid, warnings } = readOk(shared("gammaplan-tiny-pps", "RTDOSE0000000000.dcm"));
    assert.deepEqual([grid.columns, grid.rows, grid.frames], [13, 13, 12]);
    assert.deepEqual(Array.from(grid.frameOffsetsMm), [0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11]);
    assert.deepEqual(grid.originMm, [49.3140625, 57.8140625, 1.8]);
    assert.equal(warnings.length, 0);
  });

  test("RayStation brain SRS (IMRT and VMAT): 63x78x79 at 3 mm, 16-bit, plan dose in Gy", () => {
    for (const [dir, file, scaling] of [
      ["BrainSRSRaystationIMRT", "RD1.2.752.243.1.1.20180405114728128.4000.85245.dcm", 0.0009456131],
      ["BrainSRSRaystationVMAT", "RD1.2.752.243.1.1.20180405120828294.3200.66183.dcm", 0.0008010226],
    ] as const) {
      const { grid } = readOk(shared("raystation-srs-brain-pps", dir, file));
      assert.deepEqual([grid.columns, grid.rows, grid.frames], [63, 78, 79]);
      assert.deepEqual(grid.pixelSpacingMm, [3, 3]);
      assert.equal(grid.frameOffsetsMm[78], 234);
      assert.equal(grid.summationType, "PLAN");
      assert.equal(grid.frameOfReferenceUid, "1.2.840.113704.1.111.5908.1515481810.4");
      // every dose is a multiple of DoseGridScaling (16-bit stored values) and within 0..65535 x scaling
      let max = 0;
      for (const d of grid.doseGy) max = Math.max(max, d);
      assert.ok(max > 35 && max <= 65535 * scaling, `${dir}: max ${max} Gy`);
      const steps = (grid.doseGy[Math.floor(grid.doseGy.length / 2)] as number) / scaling;
      assert.ok(Math.abs(steps - Math.round(steps)) < 1e-3);
    }
  });

  // Nelms et al. 2015 analytical phantom: linear gradients of 1 Gy/mm. The analytical table
  // (analytical-points.csv, cGy) gives, for Sphere_10_0 (centre (0,-6,6) mm, radius 12 mm):
  // Dmean 1600 cGy (the dose at the centre of a linear gradient), AntPost Dmin 400 / Dmax 2800 cGy
  // at the posterior / anterior poles y = +6 / -18 mm.
  const nelms = [
    { file: "Linear_AntPost_1mm_Aligned.dcm", size: 51, mm: 1, bits: 32 },
    { file: "Linear_AntPost_2mm_Aligned.dcm", size: 25, mm: 2, bits: 32 },
    { file: "Linear_AntPost_3mm_Aligned.dcm", size: 19, mm: 3, bits: 32 },
    { file: "Linear_SupInf_1mm_Aligned.dcm", size: 51, mm: 1, bits: 32 },
    { file: "Linear_SupInf_2mm_Aligned.dcm", size: 25, mm: 2, bits: 32 },
    { file: "Linear_SupInf_3mm_Aligned.dcm", size: 19, mm: 3, bits: 32 },
  ];
  for (const n of nelms) {
    test(`Nelms ${n.file}: ${n.size}^3 at ${n.mm} mm, analytical doses at the sphere centre and poles`, () => {
      const { grid, warnings } = readOk(shared("nelms-analytical-pps", "dose-grids", n.file));
      assert.deepEqual([grid.columns, grid.rows, grid.frames], [n.size, n.size, n.size]);
      assert.deepEqual(grid.pixelSpacingMm, [n.mm, n.mm]);
      assert.equal(grid.frameOffsetsMm[1], n.mm);
      assert.equal(grid.summationType, "FRACTION");
      assert.deepEqual(codes(warnings), ["dicom_dose_not_plan_sum"]);
      const tolGy = 1e-4; // 32-bit stored values x DoseGridScaling ~1.6e-8 Gy, held in Float32
      assert.ok(Math.abs(doseAtGridPoint(grid, [0, -6, 6]) - 16) < tolGy, "Dmean 1600 cGy at the centre");
      if (n.file.includes("AntPost")) {
        assert.ok(Math.abs(doseAtGridPoint(grid, [0, 6, 6]) - 4) < tolGy, "Dmin 400 cGy at y = +6 mm");
        assert.ok(Math.abs(doseAtGridPoint(grid, [0, -18, 6]) - 28) < tolGy, "Dmax 2800 cGy at y = -18 mm");
        assert.ok(Math.abs(doseAtGridPoint(grid, [0, -6, 18]) - 16) < tolGy, "no gradient along z");
      } else {
        // SupInf: 1 Gy/mm along z ((2850-350) cGy over the 24 mm sphere plus 1 mm of end caps)
        assert.ok(
          Math.abs(doseAtGridPoint(grid, [0, -6, 18]) - doseAtGridPoint(grid, [0, -6, -6]) - 24) < tolGy,
        );
        assert.ok(Math.abs(doseAtGridPoint(grid, [0, 6, 6]) - 16) < tolGy, "no gradient along y");
      }
    });
  }

  test("pydicom: little endian, big endian and RLE versions of one dose give identical grids", () => {
    const options = { acceptRelativeDose: true };
    const le = readOk(shared("pydicom-testfiles", "rtdose.dcm"), options).grid;
    const be = readOk(shared("pydicom-testfiles", "rtdose_expb.dcm"), options).grid;
    const rle = readOk(shared("pydicom-testfiles", "rtdose_rle.dcm"), options).grid;
    assert.deepEqual([le.columns, le.rows, le.frames], [10, 10, 15]);
    assert.deepEqual(
      Array.from(le.frameOffsetsMm),
      Array.from({ length: 15 }, (_, k) => 5 * k),
    );
    assert.equal(le.doseUnits, "RELATIVE");
    assert.deepEqual(be.doseGy, le.doseGy);
    assert.deepEqual(rle.doseGy, le.doseGy);
    assert.ok(le.doseGy.some((d) => d > 0));
  });

  test("pydicom single-frame dose: one plane at ImagePositionPatient, extra offsets reported", () => {
    const r = readOk(shared("pydicom-testfiles", "rtdose_1frame.dcm"), { acceptRelativeDose: true });
    assert.equal(r.grid.frames, 1);
    assert.deepEqual(Array.from(r.grid.frameOffsetsMm), [0]);
    assert.ok(codes(r.warnings).includes("dicom_frame_offsets_count"));
    const multi = readOk(shared("pydicom-testfiles", "rtdose.dcm"), { acceptRelativeDose: true });
    assert.deepEqual(r.grid.doseGy, multi.grid.doseGy.subarray(0, 100));
  });

  test("pydicom dose is refused by default: DoseUnits RELATIVE", () => {
    assert.deepEqual(codes(readFail(shared("pydicom-testfiles", "rtdose.dcm"))), [
      "dicom_dose_units_relative",
    ]);
  });

  test("no shared RTDOSE carries a DVH Sequence (README)", () => {
    const files = [
      ["gammaplan-tiny-pps", "RTDOSE0000000000.dcm"],
      ["eclipse-prostate-slicerrt", "derived", "RD.reconstructed-from-nrrd.dcm"],
      [
        "raystation-srs-brain-pps",
        "BrainSRSRaystationIMRT",
        "RD1.2.752.243.1.1.20180405114728128.4000.85245.dcm",
      ],
      [
        "raystation-srs-brain-pps",
        "BrainSRSRaystationVMAT",
        "RD1.2.752.243.1.1.20180405120828294.3200.66183.dcm",
      ],
      ["pydicom-testfiles", "rtdose.dcm"],
      ["pydicom-testfiles", "rtdose_1frame.dcm"],
      ["pydicom-testfiles", "rtdose_expb.dcm"],
      ["pydicom-testfiles", "rtdose_rle.dcm"],
      ...readdirSync(join(sharedDataPath("dicom-rt", "nelms-analytical-pps", "dose-grids") as string)).map(
        (f) => ["nelms-analytical-pps", "dose-grids", f],
      ),
    ];
    for (const f of files) {
      assert.equal(readOk(shared(...f), { acceptRelativeDose: true }).storedDvhs.length, 0, f.join("/"));
    }
  });

  test("the other kinds of shared files are refused as not RTDOSE", () => {
    assert.deepEqual(codes(readFail(shared("gammaplan-tiny-pps", "RTPLAN.dcm"))), ["dicom_not_rtdose"]);
    assert.deepEqual(codes(readFail(shared("pydicom-testfiles", "rtstruct.dcm"))), ["dicom_not_rtdose"]);
  });
});

/** The data section of an NRRD file (after the blank line that ends the header). */
function readNrrdData(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path));
  for (let i = 0; i + 1 < bytes.length; i++)
    if (bytes[i] === 10 && bytes[i + 1] === 10) return bytes.subarray(i + 2);
  throw new Error("NRRD header end not found");
}

test("storedDoseValues rounds dose / scaling (writer self-check)", () => {
  const v = storedDoseValues({
    rows: 1,
    columns: 2,
    frames: 1,
    doseGridScaling: 0.5,
    doseGy: (c) => c * 1.2,
  });
  assert.deepEqual(Array.from(v), [0, 2]);
});
