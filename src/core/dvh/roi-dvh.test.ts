import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cumulativeKnots, doseAtVolume, dvhQuery, type RoiDvh, volumeAtDose } from "./roi-dvh.ts";

// A structure of 10 cc whose dose is uniform over [20, 30] Gy: V(≥d) = 10·(30 − d)/10 cc.
const bw = 0.01;
const diff = new Float64Array(3001);
for (let i = 2000; i < 3000; i++) diff[i] = 10 / 1000;
const knots = cumulativeKnots(diff, bw, 20, 30);
const dvh: RoiDvh = {
  kind: "roi_dvh",
  roiNumber: 1,
  roiName: "uniform",
  volumeCc: 12, // 2 cc outside the dose grid
  volumeOutsideGridCc: 2,
  minGy: 20,
  meanGy: 25,
  maxGy: 30,
  binWidthGy: bw,
  differentialCc: diff,
  curveDoseGy: knots.doseGy,
  curveVolumeCc: knots.volumeCc,
  warnings: [],
};

describe("cumulative DVH look-ups (interpolated, never nearest bin)", () => {
  const table: [string, number, number][] = [
    ["V(≥20 Gy)", volumeAtDose(dvh, 20), 10],
    ["V(≥25.005 Gy) between bin edges", volumeAtDose(dvh, 25.005), 4.995],
    ["V(≥30 Gy)", volumeAtDose(dvh, 30), 0],
    ["V(≥0 Gy)", volumeAtDose(dvh, 0), 10],
    ["D5cc", doseAtVolume(dvh, 5), 25],
    ["D2.5cc", doseAtVolume(dvh, 2.5), 27.5],
    ["D0cc = Dmax", doseAtVolume(dvh, 0), 30],
    ["D10cc = Dmin", doseAtVolume(dvh, 10), 20],
  ];
  for (const [name, got, want] of table) {
    it(name, () => assert.ok(Math.abs(got - want) < 1e-9, `${got} vs ${want}`));
  }

  it("percentages are of the total volume, outside part included; beyond the inside part D is NaN", () => {
    const q = dvhQuery(dvh);
    // 50 % of 12 cc = 6 cc → 30 − 6 = 24 Gy
    assert.ok(Math.abs(q.doseAtVolumePercent(50) - 24) < 1e-9);
    assert.ok(Math.abs(q.volumeAtDosePercent(25) - (100 * 5) / 12) < 1e-9);
    // 90 % of 12 cc = 10.8 cc > 10 cc inside the grid: unknown
    assert.ok(Number.isNaN(q.doseAtVolumePercent(90)));
    assert.ok(Number.isNaN(q.doseAtVolumeCc(10.5)));
  });
});
