import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  analyticGrid,
  circlePoints,
  closed,
  cylinderRoi,
  rectPoints,
  sphereRoi,
  structureSet,
} from "../../../test/support/dvh-phantoms.ts";
import { computeDvhs } from "./compute-dvhs.ts";
import { openSharedDvhPlan, releaseDvhPlan, roiWorkEstimate, shareDvhPlan } from "./dvh-plan-share.ts";
import type { Roi } from "./types.ts";

const grid = analyticGrid({
  columns: 21,
  rows: 21,
  frames: 21,
  spacingMm: [1, 1, 1],
  originMm: [-10, -10, -5],
  dose: (x, y, z) => 10 + 0.5 * x + 0.2 * y + 0.1 * z,
});

const rois: Roi[] = [
  sphereRoi(3, "sphere", [0, 0, 5], 4, 1),
  {
    number: 7,
    name: "point",
    interpretedType: "MARKER",
    contours: [{ geometry: "POINT", pointsMm: Float64Array.of(1, 2, 3) }],
  },
  { ...cylinderRoi(9, "cyl", { x: 2, y: -1 }, 3, 0, 8, 2), color: [255, 0, 0] as const },
  { number: 11, name: "empty", contours: [] },
];
const ss = { ...structureSet(rois, "1.2.3"), label: "phantom" };

describe("shareDvhPlan / openSharedDvhPlan", () => {
  const shared = shareDvhPlan(grid, ss);

  it("puts the dose and every contour point in shared memory", () => {
    assert.ok(shared.grid.doseGy.buffer instanceof SharedArrayBuffer);
    assert.ok(shared.points.buffer instanceof SharedArrayBuffer);
    assert.ok(shared.contourStart.buffer instanceof SharedArrayBuffer);
  });

  it("opens to the same grid and structure set, value for value (after a structured clone, as a worker receives it)", () => {
    const opened = openSharedDvhPlan(structuredClone(shared));
    assert.deepEqual(opened.structureSet, ss);
    assert.deepEqual(Array.from(opened.grid.doseGy), Array.from(grid.doseGy));
    assert.deepEqual({ ...opened.grid, doseGy: null }, { ...grid, doseGy: null });
  });

  it("a clone shares the memory instead of copying it", () => {
    const clone = structuredClone(shared);
    shared.points[0] = shared.points[0]! + 1;
    assert.equal(clone.points[0], shared.points[0]);
    shared.points[0] = shared.points[0]! - 1;
  });

  it("gives the DVHs of the original plan, identical", () => {
    const opened = openSharedDvhPlan(structuredClone(shared));
    const a = computeDvhs({ grid, structureSet: ss });
    const b = computeDvhs(opened);
    assert.ok(a.ok && b.ok);
    assert.deepEqual(b.value.dvhs, a.value.dvhs);
  });
});

describe("the shared dose and points buffers", () => {
  it("is reused after release, never shared by two packings alive at once", () => {
    const a = shareDvhPlan(grid, ss);
    const b = shareDvhPlan(grid, ss);
    assert.notEqual(a.grid.doseGy.buffer, b.grid.doseGy.buffer, "two calls at once: two buffers");
    const bufferA = a.grid.doseGy.buffer;
    releaseDvhPlan(a);
    const c = shareDvhPlan(grid, ss);
    assert.equal(c.grid.doseGy.buffer, bufferA, "the released buffer is taken again");
    assert.deepEqual(Array.from(c.grid.doseGy), Array.from(grid.doseGy), "and holds this call's dose");
    releaseDvhPlan(b);
    releaseDvhPlan(c);
  });

  it("the points buffer too is reused after release and holds this call's contour points", () => {
    const a = shareDvhPlan(grid, ss);
    const pointsA = a.points.buffer;
    releaseDvhPlan(a);
    const b = shareDvhPlan(grid, ss);
    const c = shareDvhPlan(grid, ss);
    const taken = [b, c].flatMap((p) => [p.points.buffer, p.grid.doseGy.buffer]);
    assert.ok(taken.includes(pointsA), "the released points buffer is taken again");
    assert.notEqual(b.points.buffer, c.points.buffer, "two packings alive at once: two buffers");
    for (const p of [b, c]) {
      const opened = openSharedDvhPlan(p).structureSet;
      opened.rois.forEach((roi, i) => {
        roi.contours.forEach((contour, j) => {
          assert.deepEqual(Array.from(contour.pointsMm), Array.from(ss.rois[i]!.contours[j]!.pointsMm));
        });
      });
    }
    releaseDvhPlan(b);
    releaseDvhPlan(c);
  });

  it("a dose already in shared memory is used as it is, and never handed to another call", () => {
    const sharedGrid = shareDvhPlan(grid, ss).grid;
    const p = shareDvhPlan(sharedGrid, ss);
    assert.equal(p.ownsDose, false);
    assert.equal(p.grid.doseGy, sharedGrid.doseGy);
    releaseDvhPlan(p);
    const q = shareDvhPlan(grid, ss);
    assert.notEqual(q.grid.doseGy.buffer, sharedGrid.doseGy.buffer);
    releaseDvhPlan(q);
  });
});

describe("roiWorkEstimate", () => {
  // a 20 × 10 mm rectangle on a 2 mm grid: 50 voxels; half-width 2·200/60 = 6.67 mm, so
  // k = ceil(8·2/6.67) = 3 sub-voxels per side: 50 · 9 = 450 cells, + 2 · 4 points + 2000 per ROI
  it("counts covered cells at the sub-voxel factor, points and a fixed cost", () => {
    const rect: Roi = { number: 1, name: "rect", contours: [closed(rectPoints(0, 0, 20, 10, 0))] };
    assert.ok(Math.abs(roiWorkEstimate(rect, 2) - (450 + 8 + 2000)) < 1e-9);
  });
  it("is 0 for an ROI without closed contours, and grows with the ROI", () => {
    assert.equal(roiWorkEstimate(rois[1]!, 1), 0);
    const small: Roi = { number: 1, name: "s", contours: [closed(circlePoints(0, 0, 0, 20))] };
    const big: Roi = { number: 2, name: "b", contours: [closed(circlePoints(0, 0, 0, 80))] };
    assert.ok(roiWorkEstimate(big, 3) > roiWorkEstimate(small, 3));
  });
});
