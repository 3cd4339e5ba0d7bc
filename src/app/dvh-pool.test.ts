import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  analyticGrid,
  closed,
  cylinderRoi,
  rectPoints,
  sphereRoi,
  structureSet,
} from "../../test/support/dvh-phantoms.ts";
import { needsSharedData, sharedDataPath } from "../../test/support/shared-data.ts";
import { computeDvhs, type Roi } from "../core/index.ts";
import { checkPlan, checkPlanAsync } from "./check-plan.ts";
import { computeDvh, computeDvhAsync } from "./compute-dvh.ts";
import { computeDvhsWithThreads, dvhWorkerThreads, splitWork, stopDvhWorkers } from "./dvh-pool.ts";

after(() => stopDvhWorkers());

describe("splitWork (how ROIs are grouped for the threads; never changes a result)", () => {
  // by hand, first row: largest first, each to the lightest group (ties: the earlier group):
  // 9 (pos 1) → A, 7 (pos 3) → B, 4 (pos 4) → B (7 < 9), 3 (pos 0) → A (9 < 11), 1 (pos 2) → B
  // (11 < 12); loads 12 and 12, heaviest first (ties keep order), positions ascending
  const table: [string, number[], number, number[][]][] = [
    [
      "two groups",
      [3, 9, 1, 7, 4],
      2,
      [
        [0, 1],
        [2, 3, 4],
      ],
    ],
    ["one group takes everything", [5, 1, 2], 1, [[0, 1, 2]]],
    ["more groups than work: empty groups dropped", [2, 1], 4, [[0], [1]]],
  ];
  for (const [name, work, count, want] of table) {
    it(name, () => assert.deepEqual(splitWork(work, count), want));
  }
});

// A 1 mm grid with a dose gradient along every axis, and ROIs of every kind the engine handles:
// spheres and cylinders of several sizes (different sub-voxel factors), a point, an empty ROI,
// and one that fails (contours on a plane oblique to the dose planes).
const grid = analyticGrid({
  columns: 41,
  rows: 41,
  frames: 31,
  spacingMm: [1, 1, 1],
  originMm: [-20, -20, -5],
  dose: (x, y, z) => Math.max(0, 40 - Math.hypot(x - 3, y + 2, z - 10) * 1.5),
});
const oblique: Roi = {
  number: 40,
  name: "oblique",
  contours: [{ geometry: "CLOSED_PLANAR", pointsMm: Float64Array.of(0, 0, 0, 5, 0, 5, 5, 5, 5, 0, 5, 0) }],
};
const rois: Roi[] = [
  sphereRoi(1, "big sphere", [0, 0, 10], 12, 1),
  sphereRoi(2, "small sphere", [5, 5, 8], 1.5, 1),
  cylinderRoi(3, "cylinder", { x: -6, y: 4 }, 5, 2, 20, 2),
  { number: 4, name: "point", contours: [{ geometry: "POINT", pointsMm: Float64Array.of(1, 1, 10) }] },
  { number: 5, name: "empty", contours: [] },
  oblique,
  { number: 6, name: "slab", contours: [2, 4, 6].map((z) => closed(rectPoints(-15, -15, 15, 15, z))) },
];
const ss = structureSet(rois);

describe("DVHs on worker threads equal the single-thread DVHs", () => {
  it("every ROI, every field (DVHs, failures, warnings), with 2 and 3 threads", async () => {
    const single = computeDvhs({ grid, structureSet: ss });
    assert.ok(single.ok);
    assert.equal(single.value.failed.length, 1, "the oblique ROI fails in both paths");
    for (const threads of [2, 3]) {
      const pooled = await computeDvhsWithThreads({ grid, structureSet: ss }, threads);
      assert.ok(pooled.ok);
      assert.equal(dvhWorkerThreads(), threads);
      assert.deepEqual(pooled.value, single.value);
    }
  });

  it("a selection of ROIs and options, progress once per ROI", async () => {
    const input = { grid, structureSet: ss, roiNumbers: [6, 2, 1], options: { endCap: "tapered" as const } };
    const single = computeDvhs(input);
    const seen: string[] = [];
    const pooled = await computeDvhsWithThreads(
      { ...input, onProgress: (_d, _t, name) => seen.push(name) },
      2,
    );
    assert.ok(single.ok && pooled.ok);
    assert.deepEqual(pooled.value, single.value);
    assert.deepEqual(seen.sort(), ["big sphere", "slab", "small sphere"]);
  });

  it("refuses a bad thread count with the field, and bad options as the single-thread path does", async () => {
    const bad = await computeDvhsWithThreads({ grid, structureSet: ss }, 0);
    assert.ok(!bad.ok);
    assert.equal(bad.issues[0]!.code, "dvh_option_invalid");
    assert.equal(bad.issues[0]!.path, "threads");
    const opt = await computeDvhsWithThreads({ grid, structureSet: ss, options: { samplesAcross: -1 } }, 2);
    assert.deepEqual(opt, computeDvhs({ grid, structureSet: ss, options: { samplesAcross: -1 } }));
  });

  it('"auto" keeps a small plan in the calling thread and gives the same set', async () => {
    const r = await computeDvhsWithThreads({ grid, structureSet: ss });
    assert.deepEqual(r, computeDvhs({ grid, structureSet: ss }));
  });
});

const skip = needsSharedData("dicom-rt", "raystation-srs-brain-pps");
const dir = sharedDataPath("dicom-rt", "raystation-srs-brain-pps", "BrainSRSRaystationIMRT");

describe(
  "brain SRS plan (28 ROIs): reports on 2 worker threads equal the single-thread reports",
  skip,
  () => {
    const file = (prefix: string) => {
      const f = readdirSync(dir!).find((x) => x.startsWith(prefix))!;
      return new Uint8Array(readFileSync(join(dir!, f)));
    };
    it("computeDvh and checkPlan, every value", async () => {
      const req = { rtdose: file("RD"), rtstruct: file("RS"), rtplan: file("RP") };
      const single = computeDvh(req);
      const pooled = await computeDvhAsync({ ...req, threads: 2 });
      assert.ok(single.ok && pooled.ok);
      assert.equal(pooled.value.rois.length, 28);
      assert.deepEqual(pooled.value, single.value);
      const check = await checkPlanAsync({ ...req, threads: 2 });
      assert.deepEqual(check, checkPlan(req));
    });
  },
);
