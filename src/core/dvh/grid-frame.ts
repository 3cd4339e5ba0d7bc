// The dose grid seen from the DVH engine: an orthonormal frame (u along rows, v along columns,
// w along the frame normal, all in mm from the first voxel centre), frames sorted by w, and the
// grid's extent (voxel centres ± half a voxel). Works for any orientation and for ascending or
// descending GridFrameOffsetVector.
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import type { DoseGrid, Vec3 } from "./types.ts";

export type GridFrame = {
  readonly grid: DoseGrid;
  readonly columns: number;
  readonly rows: number;
  /** spacing between columns (mm), along u = rowDirection (PixelSpacing[1]) */
  readonly du: number;
  /** spacing between rows (mm), along v = columnDirection (PixelSpacing[0]) */
  readonly dv: number;
  readonly origin: Vec3;
  readonly uAxis: Vec3;
  readonly vAxis: Vec3;
  readonly wAxis: Vec3;
  /** frame positions along w (mm), ascending */
  readonly frameW: Float64Array;
  /** for each ascending position, the frame's index in the file (and in doseGy) */
  readonly frameIndex: Int32Array;
  /** extent along w: first/last frame ± half the adjacent frame gap */
  readonly wLow: number;
  readonly wHigh: number;
  /** largest dose value in the grid (Gy) */
  readonly maxDoseGy: number;
  readonly minDoseGy: number;
};

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/**
 * Lowest and highest value; NaN when any value is NaN (Math.min/max propagate it). Branch-free
 * Math.min/max on two interleaved lanes: ≈ 4× faster than compare-and-branch on a large grid.
 */
function doseRange(d: Float32Array): [number, number] {
  let lo0 = Number.POSITIVE_INFINITY;
  let hi0 = Number.NEGATIVE_INFINITY;
  let lo1 = Number.POSITIVE_INFINITY;
  let hi1 = Number.NEGATIVE_INFINITY;
  const n = d.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const x = d[i]!;
    const y = d[i + 1]!;
    lo0 = Math.min(lo0, x);
    hi0 = Math.max(hi0, x);
    lo1 = Math.min(lo1, y);
    hi1 = Math.max(hi1, y);
  }
  if (i < n) {
    lo0 = Math.min(lo0, d[i]!);
    hi0 = Math.max(hi0, d[i]!);
  }
  return [Math.min(lo0, lo1), Math.max(hi0, hi1)];
}

/** Checks the grid and builds its frame. Every problem is reported, not only the first. */
export function gridFrame(grid: DoseGrid): Result<GridFrame> {
  const issues: Issue[] = [];
  const p = "doseGrid";
  const { columns, rows, frames } = grid;
  for (const [name, n] of [
    ["columns", columns],
    ["rows", rows],
    ["frames", frames],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) {
      issues.push(issue("dvh_grid_invalid", `${p}.${name}`, `${name} must be a whole number ≥ 1, got ${n}`));
    }
  }
  const [dv, du] = grid.pixelSpacingMm;
  if (!(du > 0) || !(dv > 0) || !Number.isFinite(du) || !Number.isFinite(dv)) {
    issues.push(
      issue(
        "dvh_grid_invalid",
        `${p}.pixelSpacingMm`,
        `pixel spacing must be two positive numbers (mm), got [${grid.pixelSpacingMm.join(", ")}]`,
      ),
    );
  }
  const r = grid.rowDirection;
  const c = grid.columnDirection;
  const unit = (a: Vec3) => Math.abs(Math.hypot(a[0], a[1], a[2]) - 1) < 1e-3;
  if (!unit(r) || !unit(c) || Math.abs(dot(r, c)) > 1e-3) {
    issues.push(
      issue(
        "dvh_grid_invalid",
        `${p}.rowDirection`,
        `ImageOrientationPatient must hold two orthogonal unit vectors, got [${r.join(", ")}] and [${c.join(", ")}]`,
      ),
    );
  }
  if (grid.frameOffsetsMm.length !== frames) {
    issues.push(
      issue(
        "dvh_grid_invalid",
        `${p}.frameOffsetsMm`,
        `${grid.frameOffsetsMm.length} frame offsets for ${frames} frames`,
      ),
    );
  }
  if (grid.doseGy.length !== columns * rows * frames) {
    issues.push(
      issue(
        "dvh_grid_invalid",
        `${p}.doseGy`,
        `${grid.doseGy.length} dose values for ${columns} × ${rows} × ${frames} voxels`,
      ),
    );
  }
  if (issues.length > 0) return fail(issues);

  const order = Array.from({ length: frames }, (_, i) => i).sort(
    (a, b) => grid.frameOffsetsMm[a]! - grid.frameOffsetsMm[b]!,
  );
  const frameW = new Float64Array(frames);
  const frameIndex = new Int32Array(frames);
  for (let k = 0; k < frames; k++) {
    frameIndex[k] = order[k]!;
    frameW[k] = grid.frameOffsetsMm[order[k]!]!;
    if (!Number.isFinite(frameW[k]!)) {
      issues.push(
        issue("dvh_grid_invalid", `${p}.frameOffsetsMm[${order[k]}]`, "frame offset is not a number"),
      );
    } else if (k > 0 && frameW[k]! - frameW[k - 1]! < 1e-6) {
      issues.push(
        issue(
          "dvh_grid_invalid",
          `${p}.frameOffsetsMm[${order[k]}]`,
          `two frames at the same position ${frameW[k]} mm`,
        ),
      );
    }
  }
  if (issues.length > 0) return fail(issues);

  const [minDoseGy, maxDoseGy] = doseRange(grid.doseGy);
  if (!Number.isFinite(maxDoseGy) || !Number.isFinite(minDoseGy)) {
    return fail([issue("dvh_grid_invalid", `${p}.doseGy`, "dose values must be finite numbers")]);
  }

  // A single frame has no thickness of its own: it counts as a slab one in-plane voxel thick.
  const firstGap = frames > 1 ? frameW[1]! - frameW[0]! : Math.min(du, dv);
  const lastGap = frames > 1 ? frameW[frames - 1]! - frameW[frames - 2]! : Math.min(du, dv);
  return ok({
    grid,
    columns,
    rows,
    du,
    dv,
    origin: grid.originMm,
    uAxis: r,
    vAxis: c,
    wAxis: cross(r, c),
    frameW,
    frameIndex,
    wLow: frameW[0]! - firstGap / 2,
    wHigh: frameW[frames - 1]! + lastGap / 2,
    maxDoseGy,
    minDoseGy,
  });
}

/** Patient coordinates (mm) to grid coordinates (u, v, w) in mm from the first voxel centre. */
export function toGridMm(frame: GridFrame, x: number, y: number, z: number): Vec3 {
  const o = frame.origin;
  const dx = x - o[0];
  const dy = y - o[1];
  const dz = z - o[2];
  return [dot([dx, dy, dz], frame.uAxis), dot([dx, dy, dz], frame.vAxis), dot([dx, dy, dz], frame.wAxis)];
}

/**
 * Where a plane at w falls between frames: the two bracketing frames (file indices) and the
 * linear weight of the second; `inside` is false beyond the grid's extent. Within half a gap of
 * the first or last frame the nearest frame's dose is used (no extrapolation).
 */
export type FrameBracket = { inside: boolean; lower: number; upper: number; t: number };

export function frameBracket(frame: GridFrame, w: number): FrameBracket {
  const fw = frame.frameW;
  const n = fw.length;
  if (w < frame.wLow || w > frame.wHigh) return { inside: false, lower: 0, upper: 0, t: 0 };
  if (w <= fw[0]!) return { inside: true, lower: frame.frameIndex[0]!, upper: frame.frameIndex[0]!, t: 0 };
  if (w >= fw[n - 1]!) {
    return { inside: true, lower: frame.frameIndex[n - 1]!, upper: frame.frameIndex[n - 1]!, t: 0 };
  }
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fw[mid]! <= w) lo = mid;
    else hi = mid;
  }
  const t = (w - fw[lo]!) / (fw[hi]! - fw[lo]!);
  return { inside: true, lower: frame.frameIndex[lo]!, upper: frame.frameIndex[hi]!, t };
}

/** Trilinear dose (Gy) at grid coordinates (mm); NaN outside the grid. */
export function doseAtGridMm(frame: GridFrame, u: number, v: number, w: number): number {
  const b = frameBracket(frame, w);
  const fi = u / frame.du;
  const fj = v / frame.dv;
  if (!b.inside || fi < -0.5 || fi > frame.columns - 0.5 || fj < -0.5 || fj > frame.rows - 0.5)
    return Number.NaN;
  const a = bilinear(frame, b.lower, fi, fj);
  if (b.t === 0) return a;
  return a + b.t * (bilinear(frame, b.upper, fi, fj) - a);
}

function bilinear(frame: GridFrame, fileFrame: number, fi: number, fj: number): number {
  const { columns, rows } = frame;
  const ci = Math.min(Math.max(fi, 0), columns - 1);
  const cj = Math.min(Math.max(fj, 0), rows - 1);
  const i0 = Math.min(Math.floor(ci), Math.max(columns - 2, 0));
  const j0 = Math.min(Math.floor(cj), Math.max(rows - 2, 0));
  const i1 = Math.min(i0 + 1, columns - 1);
  const j1 = Math.min(j0 + 1, rows - 1);
  const tx = ci - i0;
  const ty = cj - j0;
  const d = frame.grid.doseGy;
  const base = fileFrame * rows * columns;
  const a = d[base + j0 * columns + i0]!;
  const b = d[base + j0 * columns + i1]!;
  const c = d[base + j1 * columns + i0]!;
  const e = d[base + j1 * columns + i1]!;
  const top = a + tx * (b - a);
  const bottom = c + tx * (e - c);
  return top + ty * (bottom - top);
}
