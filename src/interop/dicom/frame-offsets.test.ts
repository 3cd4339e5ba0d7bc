import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Issue, Vec3 } from "../../core/index.ts";
import { frameOffsetsMm } from "./frame-offsets.ts";

const run = (gfov: number[] | undefined, frames: number, ippZ = 0, normal: Vec3 = [0, 0, 1]) => {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const offsets = frameOffsetsMm(
    {
      gridFrameOffsetVector: gfov ? Float64Array.from(gfov) : undefined,
      frames,
      imagePositionPatient: [0, 0, ippZ],
      normal,
    },
    errors,
    warnings,
  );
  return {
    offsets: offsets ? Array.from(offsets) : undefined,
    errors: errors.map((e) => e.code),
    warnings: warnings.map((w) => w.code),
  };
};

// PS3.3 C.8.8.3.2 and its Table C.8-39b example: relative form (a) starts at 0, absolute form (b) at IPP z.
describe("GridFrameOffsetVector interpretation (PS3.3 C.8.8.3.2)", () => {
  const cases: {
    name: string;
    got: ReturnType<typeof run>;
    offsets?: number[];
    errors?: string[];
    warnings?: string[];
  }[] = [
    { name: "relative ascending", got: run([0, 2.5, 5], 3), offsets: [0, 2.5, 5] },
    { name: "relative descending (GammaPlan)", got: run([0, -1, -2], 3), offsets: [0, -1, -2] },
    {
      name: "absolute z, first = IPP z (form b)",
      got: run([-100, -97, -94], 3, -100),
      offsets: [0, 3, 6],
      warnings: ["dicom_frame_offsets_absolute"],
    },
    {
      name: "absolute z on a flipped normal",
      got: run([10, 13], 2, 10, [0, 0, -1]),
      offsets: [0, -3],
      warnings: ["dicom_frame_offsets_absolute"],
    },
    {
      name: "absolute form on an oblique grid is refused",
      got: run([10, 13], 2, 10, [0, 0.6, 0.8]),
      errors: ["dicom_frame_offsets_invalid"],
    },
    {
      name: "neither 0 nor IPP z: shifted to frame 0",
      got: run([2, 4, 6], 3, -50),
      offsets: [0, 2, 4],
      warnings: ["dicom_frame_offsets_shifted"],
    },
    { name: "single frame without vector", got: run(undefined, 1), offsets: [0] },
    {
      name: "single frame with extra values",
      got: run([0, 5, 10], 1),
      offsets: [0],
      warnings: ["dicom_frame_offsets_count"],
    },
    { name: "missing for several frames", got: run(undefined, 2), errors: ["dicom_missing_attribute"] },
    { name: "count differs from frames", got: run([0, 1], 3), errors: ["dicom_frame_offsets_invalid"] },
    { name: "not monotonic", got: run([0, 2, 1], 3), errors: ["dicom_frame_offsets_invalid"] },
    { name: "repeated plane", got: run([0, 0], 2), errors: ["dicom_frame_offsets_invalid"] },
    {
      name: "non-uniform spacing is kept, with a warning",
      got: run([0, 2, 5], 3),
      offsets: [0, 2, 5],
      warnings: ["dicom_frame_spacing_nonuniform"],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(c.got.offsets, c.offsets);
      assert.deepEqual(c.got.errors, c.errors ?? []);
      assert.deepEqual(c.got.warnings, c.warnings ?? []);
    });
  }
});
