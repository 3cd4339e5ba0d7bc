// Dose of one dose frame at the centres of an ROI's raster cells (bilinear in-plane), with the
// dose change across one cell along u and v (for the histogram spread).
import type { CellRaster } from "./coverage.ts";
import type { GridFrame } from "./grid-frame.ts";
import type { DvhScratch } from "./scratch.ts";

/** Per raster column (or row): voxel indices, interpolation weight, gradient scale and inside flag. */
export type AxisTable = {
  readonly i0: Int32Array;
  readonly i1: Int32Array;
  readonly t: Float64Array;
  /** cell size / voxel spacing, 0 where the dose is held constant (beyond the outer voxel centres) */
  readonly gScale: Float64Array;
  /** 1 when the cell centre lies within the grid (voxel centres ± half a voxel) */
  readonly inside: Uint8Array;
  /** first and last voxel whose dose bounds the interpolated dose over the cell's extent */
  readonly boundLo: Int32Array;
  readonly boundHi: Int32Array;
};

export function axisTable(origin: number, h: number, n: number, spacing: number, voxels: number): AxisTable {
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const t = new Float64Array(n);
  const gScale = new Float64Array(n);
  const inside = new Uint8Array(n);
  const boundLo = new Int32Array(n);
  const boundHi = new Int32Array(n);
  const clampIndex = (x: number) => Math.min(Math.max(x, 0), voxels - 1);
  for (let a = 0; a < n; a++) {
    const f = (origin + (a + 0.5) * h) / spacing;
    inside[a] = f >= -0.5 && f <= voxels - 0.5 ? 1 : 0;
    const clamped = Math.min(Math.max(f, 0), voxels - 1);
    const lo = Math.min(Math.floor(clamped), Math.max(voxels - 2, 0));
    i0[a] = lo;
    i1[a] = Math.min(lo + 1, voxels - 1);
    t[a] = clamped - lo;
    gScale[a] = clamped === f && voxels > 1 ? h / spacing : 0;
    const half = h / spacing / 2;
    boundLo[a] = clampIndex(Math.floor(f - half));
    boundHi[a] = clampIndex(Math.ceil(f + half));
  }
  return { i0, i1, t, gScale, inside, boundLo, boundHi };
}

/**
 * Dose of one frame at raster cell centres, filled lazily cell by cell (most cells of a large,
 * sparse raster are never needed). Arrays are reused when the map is bound to another frame.
 */
export class FrameMap {
  /** dose (Gy) at each cell centre, index b·nu + a (NaN until computed) */
  readonly d: Float32Array;
  /** dose change (Gy) across one cell along u and along v */
  readonly gu: Float32Array;
  readonly gv: Float32Array;
  /** lowest and highest dose of the voxels around the cell's extent (bounds of the bilinear dose there) */
  readonly lo: Float32Array;
  readonly hi: Float32Array;
  private base = 0;
  // the voxel window of the last bounds computed, and its lowest / highest dose
  private lastJl = -1;
  private lastJh = -1;
  private lastIl = -1;
  private lastIh = -1;
  private lastLo = 0;
  private lastHi = 0;
  // per voxel column: lowest / highest dose over the voxel rows keyJl … keyJh, valid where
  // colStamp equals stamp (a new row window or a new frame bumps the stamp)
  private readonly colLo: Float64Array;
  private readonly colHi: Float64Array;
  private readonly colStamp: Int32Array;
  private stamp = 1;
  private keyJl = -1;
  private keyJh = -1;
  private readonly frame: GridFrame;
  private readonly nu: number;
  private readonly cells: number;
  private readonly col: AxisTable;
  private readonly row: AxisTable;

  /** With `scratch`, the arrays are slot `slot`'s buffers of the scratch (reused across ROIs). */
  constructor(
    frame: GridFrame,
    raster: CellRaster,
    col: AxisTable,
    row: AxisTable,
    scratch?: DvhScratch,
    slot = 0,
  ) {
    const cells = raster.nu * raster.nv;
    const f32 = (name: string) =>
      scratch !== undefined ? scratch.float32(`frameMap${slot}.${name}`, cells) : new Float32Array(cells);
    this.d = f32("d");
    this.gu = f32("gu");
    this.gv = f32("gv");
    this.lo = f32("lo");
    this.hi = f32("hi");
    this.frame = frame;
    this.nu = raster.nu;
    this.cells = cells;
    this.col = col;
    this.row = row;
    this.colLo = new Float64Array(frame.columns);
    this.colHi = new Float64Array(frame.columns);
    this.colStamp = new Int32Array(frame.columns);
  }

  /** Binds the map to ascending frame position `sorted`; every cell becomes uncomputed. */
  bind(sorted: number): void {
    this.base = this.frame.frameIndex[sorted]! * this.frame.rows * this.frame.columns;
    this.d.fill(Number.NaN, 0, this.cells);
    this.lastJl = -1;
    this.keyJl = -1;
    this.stamp++;
  }

  /** Computes cell c (index b·nu + a) if needed. Cells must lie inside the grid. */
  ensure(c: number): void {
    if (!Number.isNaN(this.d[c]!)) return;
    const b = (c / this.nu) | 0;
    const a = c - b * this.nu;
    const { col, row } = this;
    const cols = this.frame.columns;
    const dose = this.frame.grid.doseGy;
    const tx = col.t[a]!;
    const ty = row.t[b]!;
    const r0 = this.base + row.i0[b]! * cols;
    const r1 = this.base + row.i1[b]! * cols;
    const c0 = col.i0[a]!;
    const c1 = col.i1[a]!;
    const p00 = dose[r0 + c0]!;
    const p01 = dose[r0 + c1]!;
    const p10 = dose[r1 + c0]!;
    const p11 = dose[r1 + c1]!;
    const top = p00 + tx * (p01 - p00);
    const bottom = p10 + tx * (p11 - p10);
    this.d[c] = top + ty * (bottom - top);
    this.gu[c] = ((p01 - p00) * (1 - ty) + (p11 - p10) * ty) * col.gScale[a]!;
    this.gv[c] = (bottom - top) * row.gScale[b]!;
    // bounds: neighbouring sub-voxel cells share their voxel window (cells come row by row)
    const jl = row.boundLo[b]!;
    const jh = row.boundHi[b]!;
    const il = col.boundLo[a]!;
    const ih = col.boundHi[a]!;
    if (jl !== this.lastJl || jh !== this.lastJh || il !== this.lastIl || ih !== this.lastIh) {
      // separable: each voxel column's extremes over the row window once, then across columns
      // (min and max are exact, so the bounds equal those of the full window)
      if (jl !== this.keyJl || jh !== this.keyJh) {
        this.keyJl = jl;
        this.keyJh = jh;
        this.stamp++;
      }
      const stamp = this.stamp;
      const { colLo, colHi, colStamp } = this;
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = il; i <= ih; i++) {
        if (colStamp[i] !== stamp) {
          let cl = Number.POSITIVE_INFINITY;
          let ch = Number.NEGATIVE_INFINITY;
          for (let j = jl, r = this.base + jl * cols + i; j <= jh; j++, r += cols) {
            const x = dose[r]!;
            if (x < cl) cl = x;
            if (x > ch) ch = x;
          }
          colLo[i] = cl;
          colHi[i] = ch;
          colStamp[i] = stamp;
        }
        const cl = colLo[i]!;
        const ch = colHi[i]!;
        if (cl < lo) lo = cl;
        if (ch > hi) hi = ch;
      }
      this.lastJl = jl;
      this.lastJh = jh;
      this.lastIl = il;
      this.lastIh = ih;
      this.lastLo = lo;
      this.lastHi = hi;
    }
    this.lo[c] = this.lastLo;
    this.hi[c] = this.lastHi;
  }
}
