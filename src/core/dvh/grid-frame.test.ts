import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gridFrame } from "./grid-frame.ts";
import type { DoseGrid } from "./types.ts";

// 3 columns × 1 row × frames: an odd voxel count exercises the last, unpaired value of the scan
const grid = (doseGy: number[]): DoseGrid => ({
  kind: "dose_grid",
  columns: 3,
  rows: 1,
  frames: doseGy.length / 3,
  originMm: [0, 0, 0],
  rowDirection: [1, 0, 0],
  columnDirection: [0, 1, 0],
  pixelSpacingMm: [2, 2],
  frameOffsetsMm: Float64Array.from({ length: doseGy.length / 3 }, (_, i) => 3 * i),
  doseGy: Float32Array.from(doseGy),
  summationType: "PLAN",
  doseType: "PHYSICAL",
});

describe("gridFrame: dose range", () => {
  const table: [string, number[], number, number][] = [
    ["highest in the last, unpaired voxel", [1, 2, 9], 1, 9],
    ["lowest in the last voxel of two frames", [4, 7, 5, 6, 8, 0.5], 0.5, 8],
    ["one voxel value everywhere", [3, 3, 3], 3, 3],
  ];
  for (const [name, dose, min, max] of table) {
    it(name, () => {
      const f = gridFrame(grid(dose));
      assert.ok(f.ok);
      assert.equal(f.value.minDoseGy, Math.fround(min));
      assert.equal(f.value.maxDoseGy, Math.fround(max));
    });
  }
  it("refuses a grid with a value that is not a number, wherever it is", () => {
    for (const at of [0, 1, 2]) {
      const dose = [1, 2, 3];
      dose[at] = Number.NaN;
      const f = gridFrame(grid(dose));
      assert.ok(!f.ok);
      assert.equal(f.issues[0]!.code, "dvh_grid_invalid");
      assert.equal(f.issues[0]!.path, "doseGrid.doseGy");
    }
  });
});
