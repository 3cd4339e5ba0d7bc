// Volume enclosed by an isodose surface of the trilinear dose, for the conformity and gradient
// indices. Only the connected part(s) of the region dose ≥ threshold that reach into a seed box
// (the target's extent) count, so that in a plan with several targets each target's index uses
// its own isodose cloud.
//
// The grid is cut into cells between voxel centres (corners = 8 voxels, trilinear inside). A cell
// whose 8 corners are all ≥ threshold counts whole, one whose corners are all below counts
// nothing, and a boundary cell counts the fraction of sub × sub × sub sample points ≥ threshold.
// Cells are connected through faces. The half-voxel shell between the outer voxel centres and the
// grid's edge is not counted; `reachesGridEdge` tells when the region touches it.
import type { GridFrame } from "./grid-frame.ts";

export type SeedBoxMm = {
  readonly uMin: number;
  readonly uMax: number;
  readonly vMin: number;
  readonly vMax: number;
  readonly wMin: number;
  readonly wMax: number;
};

export type IsodoseVolume = {
  readonly volumeCc: number;
  /** true when the counted region reaches the outermost cells: the isodose may extend beyond the grid */
  readonly reachesGridEdge: boolean;
};

export function isodoseVolume(
  frame: GridFrame,
  thresholdGy: number,
  seed: SeedBoxMm,
  sub = 6,
): IsodoseVolume {
  const nc = frame.columns - 1;
  const nr = frame.rows - 1;
  const nf = frame.frameW.length - 1;
  if (nc < 1 || nr < 1 || nf < 1) return { volumeCc: Number.NaN, reachesGridEdge: true };
  const cols = frame.columns;
  const plane = frame.rows * cols;
  const dose = frame.grid.doseGy;
  const fw = frame.frameW;
  const base = new Int32Array(fw.length);
  for (let k = 0; k < fw.length; k++) base[k] = frame.frameIndex[k]! * plane;
  const corners = new Float64Array(8);
  const load = (i: number, j: number, k: number): void => {
    const b0 = base[k]! + j * cols + i;
    const b1 = base[k + 1]! + j * cols + i;
    corners[0] = dose[b0]!;
    corners[1] = dose[b0 + 1]!;
    corners[2] = dose[b0 + cols]!;
    corners[3] = dose[b0 + cols + 1]!;
    corners[4] = dose[b1]!;
    corners[5] = dose[b1 + 1]!;
    corners[6] = dose[b1 + cols]!;
    corners[7] = dose[b1 + cols + 1]!;
  };
  /** fraction (0…1) of the cell at or above the threshold; 0 when no corner reaches it */
  const fraction = (i: number, j: number, k: number): number => {
    load(i, j, k);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < 8; c++) {
      if (corners[c]! < lo) lo = corners[c]!;
      if (corners[c]! > hi) hi = corners[c]!;
    }
    if (hi < thresholdGy) return 0;
    if (lo >= thresholdGy) return 1;
    let count = 0;
    for (let a = 0; a < sub; a++) {
      const z = (a + 0.5) / sub;
      for (let b = 0; b < sub; b++) {
        const y = (b + 0.5) / sub;
        for (let c = 0; c < sub; c++) {
          const x = (c + 0.5) / sub;
          const d00 = corners[0]! + x * (corners[1]! - corners[0]!);
          const d01 = corners[2]! + x * (corners[3]! - corners[2]!);
          const d10 = corners[4]! + x * (corners[5]! - corners[4]!);
          const d11 = corners[6]! + x * (corners[7]! - corners[6]!);
          const d0 = d00 + y * (d01 - d00);
          const d1 = d10 + y * (d11 - d10);
          if (d0 + z * (d1 - d0) >= thresholdGy) count++;
        }
      }
    }
    // a cell with a corner at or above the threshold stays connected even if no sample is
    return Math.max(count / (sub * sub * sub), 1e-12);
  };

  const index = (i: number, j: number, k: number): number => (k * nr + j) * nc + i;
  const visited = new Uint8Array(nc * nr * nf);
  const queue: number[] = [];
  // seed: cells overlapping the box (cell i spans voxel centres i … i+1)
  const i0 = clamp(Math.floor(seed.uMin / frame.du), 0, nc - 1);
  const i1 = clamp(Math.floor(seed.uMax / frame.du), 0, nc - 1);
  const j0 = clamp(Math.floor(seed.vMin / frame.dv), 0, nr - 1);
  const j1 = clamp(Math.floor(seed.vMax / frame.dv), 0, nr - 1);
  const k0 = clamp(upperFrame(fw, seed.wMin) - 1, 0, nf - 1);
  const k1 = clamp(upperFrame(fw, seed.wMax) - 1, 0, nf - 1);
  let volumeMm3 = 0;
  let edge = false;
  const visit = (i: number, j: number, k: number): void => {
    const id = index(i, j, k);
    if (visited[id] !== 0) return;
    visited[id] = 1;
    const f = fraction(i, j, k);
    if (f <= 0) return;
    volumeMm3 += f * frame.du * frame.dv * (fw[k + 1]! - fw[k]!);
    if (i === 0 || j === 0 || k === 0 || i === nc - 1 || j === nr - 1 || k === nf - 1) edge = true;
    queue.push(id);
  };
  for (let k = k0; k <= k1; k++) for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) visit(i, j, k);
  while (queue.length > 0) {
    const id = queue.pop()!;
    const i = id % nc;
    const j = Math.floor(id / nc) % nr;
    const k = Math.floor(id / (nc * nr));
    if (i > 0) visit(i - 1, j, k);
    if (i < nc - 1) visit(i + 1, j, k);
    if (j > 0) visit(i, j - 1, k);
    if (j < nr - 1) visit(i, j + 1, k);
    if (k > 0) visit(i, j, k - 1);
    if (k < nf - 1) visit(i, j, k + 1);
  }
  return { volumeCc: volumeMm3 / 1000, reachesGridEdge: edge };
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Index of the first ascending frame position > w (frames.length when none). */
function upperFrame(fw: Float64Array, w: number): number {
  let lo = 0;
  let hi = fw.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fw[mid]! <= w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
