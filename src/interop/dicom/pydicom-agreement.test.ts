// Agreement with an independent reader. Reference numbers were produced once with pydicom 3.0.2 and
// numpy 2.4.6 on 2026-11-23 (pixel_array x DoseGridScaling in float64; ContourData as floats):
//   ds = pydicom.dcmread(f, force=True); a = ds.pixel_array * float(ds.DoseGridScaling)
//   max, sum, a[F//2, R//2, C//2], unravel_index(argmax)          (RTDOSE)
//   len(StructureSetROISequence), contours, points, sum of all ContourData values   (RTSTRUCT)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { needsSharedData, sharedDataPath } from "../../../test/support/shared-data.ts";
import { readRtDose } from "./read-rt-dose.ts";
import { readRtStruct } from "./read-rt-struct.ts";

const bytes = (path: string) =>
  new Uint8Array(readFileSync(sharedDataPath("dicom-rt", ...path.split("/")) as string));

/** Doses are held in Float32 (relative rounding 6e-8); sums are accumulated here in float64. */
const REL_TOL = 2e-7;
const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-12);

const doses: {
  file: string;
  shape: [number, number, number];
  max: number;
  sum: number;
  mid: number;
  argmax: [number, number, number];
}[] = [
  {
    file: "eclipse-prostate-slicerrt/derived/RD.reconstructed-from-nrrd.dcm",
    shape: [92, 86, 136],
    max: 47.07564926,
    sum: 10696598.47,
    mid: 45.15568701,
    argmax: [40, 30, 48],
  },
  {
    file: "gammaplan-tiny-pps/RTDOSE0000000000.dcm",
    shape: [12, 13, 13],
    max: 33.84002025,
    sum: 10871.86156,
    mid: 33.84002025,
    argmax: [6, 6, 6],
  },
  {
    file: "nelms-analytical-pps/dose-grids/Linear_AntPost_1mm_Aligned.dcm",
    shape: [51, 51, 51],
    max: 36.00000812,
    sum: 1732266.391,
    mid: 11.00000248,
    argmax: [0, 0, 0],
  },
  {
    file: "nelms-analytical-pps/dose-grids/Linear_AntPost_2mm_Aligned.dcm",
    shape: [25, 25, 25],
    max: 33.99999203,
    sum: 191249.9552,
    mid: 9.999997657,
    argmax: [0, 0, 0],
  },
  {
    file: "nelms-analytical-pps/dose-grids/Linear_AntPost_3mm_Aligned.dcm",
    shape: [19, 19, 19],
    max: 39.99999739,
    sum: 103606.9932,
    mid: 12.99999915,
    argmax: [0, 0, 0],
  },
  {
    file: "nelms-analytical-pps/dose-grids/Linear_SupInf_1mm_Aligned.dcm",
    shape: [51, 51, 51],
    max: 33.99999203,
    sum: 1547594.637,
    mid: 8.999997891,
    argmax: [50, 0, 0],
  },
  {
    file: "nelms-analytical-pps/dose-grids/Linear_SupInf_2mm_Aligned.dcm",
    shape: [25, 25, 25],
    max: 33.99999203,
    sum: 191249.9552,
    mid: 9.999997657,
    argmax: [24, 0, 0],
  },
  {
    file: "nelms-analytical-pps/dose-grids/Linear_SupInf_3mm_Aligned.dcm",
    shape: [19, 19, 19],
    max: 33.99999203,
    sum: 75809.98224,
    mid: 6.99999836,
    argmax: [18, 0, 0],
  },
  {
    file: "pydicom-testfiles/rtdose.dcm",
    shape: [15, 10, 10],
    max: 1.254,
    sum: 1519.91,
    mid: 0.975,
    argmax: [0, 0, 7],
  },
  {
    file: "pydicom-testfiles/rtdose_1frame.dcm",
    shape: [1, 10, 10],
    max: 1.254,
    sum: 101.378,
    mid: 0.978,
    argmax: [0, 0, 7],
  },
  {
    file: "pydicom-testfiles/rtdose_expb.dcm",
    shape: [15, 10, 10],
    max: 1.254,
    sum: 1519.91,
    mid: 0.975,
    argmax: [0, 0, 7],
  },
  {
    file: "pydicom-testfiles/rtdose_rle.dcm",
    shape: [15, 10, 10],
    max: 1.254,
    sum: 1519.91,
    mid: 0.975,
    argmax: [0, 0, 7],
  },
  {
    file: "raystation-srs-brain-pps/BrainSRSRaystationIMRT/RD1.2.752.243.1.1.20180405114728128.4000.85245.dcm",
    shape: [79, 78, 63],
    max: 61.97075451,
    sum: 501664.8982,
    mid: 0.7271764739,
    argmax: [52, 38, 49],
  },
  {
    file: "raystation-srs-brain-pps/BrainSRSRaystationVMAT/RD1.2.752.243.1.1.20180405120828294.3200.66183.dcm",
    shape: [79, 78, 63],
    max: 52.49501609,
    sum: 510816.2181,
    mid: 0.5999659274,
    argmax: [52, 38, 49],
  },
];

const structs: { file: string; rois: number; contours: number; points: number; coordSum: number }[] = [
  {
    file: "raystation-srs-brain-pps/BrainSRSRaystationIMRT/RS1.2.752.243.1.1.20180405120828292.2900.76357.dcm",
    rois: 28,
    contours: 1162,
    points: 158454,
    coordSum: 8258985.24,
  },
  {
    file: "eclipse-prostate-slicerrt/RS.1.2.246.352.71.4.2088656855.2404649.20110920153449.dcm",
    rois: 16,
    contours: 210,
    points: 55720,
    coordSum: -516851.9415,
  },
  { file: "gammaplan-tiny-pps/RTSS.dcm", rois: 1, contours: 225, points: 29697, coordSum: 1024763.508 },
  { file: "pydicom-testfiles/rtstruct.dcm", rois: 3, contours: 5, points: 19, coordSum: -2470 },
  {
    file: "dicompyler-core-example/rtss.dcm",
    rois: 10,
    contours: 441,
    points: 88158,
    coordSum: -20438366.98,
  },
  {
    file: "nelms-analytical-pps/structures/RtCone_20_X10Z10.dcm",
    rois: 2,
    contours: 13,
    points: 2633,
    coordSum: -20154.05641,
  },
];

describe("agreement with pydicom 3.0.2 on the shared files", needsSharedData("dicom-rt"), () => {
  for (const d of doses) {
    test(`RTDOSE ${d.file}`, () => {
      const r = readRtDose(bytes(d.file), { acceptRelativeDose: true });
      if (!r.ok) assert.fail(JSON.stringify(r.issues));
      const g = r.value.grid;
      assert.deepEqual([g.frames, g.rows, g.columns], d.shape);
      let max = -Infinity;
      let sum = 0;
      let argmax = 0;
      for (let i = 0; i < g.doseGy.length; i++) {
        const v = g.doseGy[i] as number;
        sum += v;
        if (v > max) {
          max = v;
          argmax = i;
        }
      }
      const plane = g.rows * g.columns;
      const mid = g.doseGy[
        Math.floor(g.frames / 2) * plane + Math.floor(g.rows / 2) * g.columns + Math.floor(g.columns / 2)
      ] as number;
      assert.ok(close(max, d.max, REL_TOL), `max ${max} vs ${d.max}`);
      assert.ok(close(mid, d.mid, REL_TOL), `mid ${mid} vs ${d.mid}`);
      // pydicom's figures are printed with 10 significant digits
      assert.ok(close(sum, d.sum, 1e-6), `sum ${sum} vs ${d.sum}`);
      assert.deepEqual(
        [Math.floor(argmax / plane), Math.floor((argmax % plane) / g.columns), argmax % g.columns],
        d.argmax,
      );
    });
  }
  for (const s of structs) {
    test(`RTSTRUCT ${s.file}`, () => {
      const r = readRtStruct(bytes(s.file));
      if (!r.ok) assert.fail(JSON.stringify(r.issues));
      let contours = 0;
      let points = 0;
      let coordSum = 0;
      for (const roi of r.value.rois) {
        for (const c of roi.contours) {
          contours++;
          points += c.pointsMm.length / 3;
          for (const v of c.pointsMm) coordSum += v;
        }
      }
      assert.equal(r.value.rois.length, s.rois);
      assert.equal(contours, s.contours);
      assert.equal(points, s.points);
      assert.ok(close(coordSum, s.coordSum, 1e-9), `coordinate sum ${coordSum} vs ${s.coordSum}`);
    });
  }
});
