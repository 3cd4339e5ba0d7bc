// Fractional in-plane occupancy of a set of polygons under the even-odd rule (holes and
// disjoint parts on one plane), on a raster of small cells.
import type { DvhScratch } from "./scratch.ts";

/** A raster of cells in plane coordinates (mm): cell (a, b) covers [u0 + a·hu, u0 + (a+1)·hu] × [v0 + b·hv, …]. */
export type CellRaster = {
  readonly u0: number;
  readonly v0: number;
  readonly hu: number;
  readonly hv: number;
  readonly nu: number;
  readonly nv: number;
};

/**
 * Even-odd coverage rasterizer for one raster, reusable across planes (buffers are kept).
 * Coverage along each scanline is exact (span overlap with the cell); across scanlines it is
 * sampled with `subRows` evenly spaced scanlines per cell row, so a polygon's area is exact
 * wherever its span length is linear within a sub-row (everywhere but the rows of its vertices).
 */
export class EvenOddRasterizer {
  private readonly raster: CellRaster;
  private readonly subRows: number;
  private readonly acc: Float64Array;
  private readonly diff: Float64Array;
  private readonly bucketStart: Int32Array;
  // fill cursor per row bucket (a copy of bucketStart made per call; kept, not reallocated)
  private readonly fillAt: Int32Array;
  private vLow = new Float64Array(0);
  private vHigh = new Float64Array(0);
  private uAtLow = new Float64Array(0);
  private slope = new Float64Array(0);
  private order = new Int32Array(0);
  private active = new Int32Array(0);
  private crossings = new Float64Array(64);
  private momentBuf = new Float64Array(0);

  constructor(raster: CellRaster, subRows: number) {
    this.raster = raster;
    this.subRows = subRows;
    this.acc = new Float64Array(raster.nu + 1);
    this.diff = new Float64Array(raster.nu + 2);
    this.bucketStart = new Int32Array(raster.nv + 2);
    this.fillAt = new Int32Array(raster.nv + 1);
  }

  /**
   * Lists the cells the polygons cover under the even-odd rule: cell index (b·nu + a) and
   * coverage fraction (0…1], in row order; returns how many. The arrays need room for every
   * cell of the raster. Polygons hold interleaved (u, v) points in mm.
   */
  rasterize(polygons: readonly Float64Array[], index: Int32Array, value: Float64Array): number {
    const { u0, v0, hu, hv, nu, nv } = this.raster;
    const subRows = this.subRows;
    const count = this.loadEdges(polygons);
    if (count === 0) return 0;
    let listed = 0;
    const { vLow, vHigh, uAtLow, slope, order, bucketStart } = this;
    if (this.active.length < count) this.active = new Int32Array(count);
    const active = this.active;
    const acc = this.acc;
    const diff = this.diff;
    const invHu = 1 / hu;
    const weight = 1 / subRows;
    let activeCount = 0;
    let bStart = nv;
    let bEnd = -1;
    for (let e = 0; e < count; e++) {
      const r0 = rowOf(vLow[e]!, v0, hv, nv);
      const r1 = rowOf(vHigh[e]!, v0, hv, nv);
      if (r0 < bStart) bStart = r0;
      if (r1 > bEnd) bEnd = r1;
    }
    for (let b = bStart; b <= bEnd; b++) {
      // edges whose lower end lies in this row join the active list
      for (let k = bucketStart[b]!; k < bucketStart[b + 1]!; k++) active[activeCount++] = order[k]!;
      let lo = nu;
      let hi = -1;
      for (let s = 0; s < subRows; s++) {
        const y = v0 + (b + (s + 0.5) / subRows) * hv;
        // drop edges ending at or below y (half-open rule)
        let w = 0;
        for (let r = 0; r < activeCount; r++) {
          const e = active[r]!;
          if (vHigh[e]! > y) active[w++] = e;
        }
        activeCount = w;
        if (activeCount < 2) continue;
        if (this.crossings.length < activeCount) this.crossings = new Float64Array(activeCount * 2);
        const crossings = this.crossings;
        let nc = 0;
        for (let r = 0; r < activeCount; r++) {
          const e = active[r]!;
          if (vLow[e]! <= y) crossings[nc++] = uAtLow[e]! + (y - vLow[e]!) * slope[e]!;
        }
        if (nc < 2) continue;
        sortPrefix(crossings, nc);
        for (let c = 0; c + 1 < nc; c += 2) {
          const ca = Math.min(Math.max((crossings[c]! - u0) * invHu, 0), nu);
          const cb = Math.min(Math.max((crossings[c + 1]! - u0) * invHu, 0), nu);
          if (cb <= ca) continue;
          const ia = Math.min(Math.floor(ca), nu - 1);
          const ib = Math.min(Math.floor(cb), nu - 1);
          if (ia === ib) {
            acc[ia] = acc[ia]! + (cb - ca) * weight;
          } else {
            acc[ia] = acc[ia]! + (ia + 1 - ca) * weight;
            acc[ib] = acc[ib]! + (cb - ib) * weight;
            diff[ia + 1] = diff[ia + 1]! + weight;
            diff[ib] = diff[ib]! - weight;
          }
          if (ia < lo) lo = ia;
          if (ib > hi) hi = ib;
        }
      }
      if (hi < 0) continue;
      const row = b * nu;
      let running = 0;
      for (let a = lo; a <= hi; a++) {
        running += diff[a]!;
        const v = acc[a]! + running;
        acc[a] = 0;
        diff[a] = 0;
        if (v > 1e-12) {
          index[listed] = row + a;
          value[listed] = v > 1 ? 1 : v;
          listed++;
        }
      }
      diff[hi + 1] = 0;
    }
    return listed;
  }

  /**
   * Centroid offset and variance (in cell units, from the cell centre) of the covered part of
   * partly covered cells: exact along each of `subRows` scanlines per row, sampled across them.
   * `cells` lists raster cell indices in row order; results go to index i of du, dv, vu, vv.
   * A cell the scanlines miss gets the moments of a full cell (0, 0, 1/12, 1/12).
   */
  partialMoments(
    polygons: readonly Float64Array[],
    cells: Int32Array,
    n: number,
    out: { du: Float64Array; dv: Float64Array; vu: Float64Array; vv: Float64Array },
  ): void {
    if (n === 0) return;
    const { u0, v0, hu, hv, nu } = this.raster;
    const subRows = this.subRows;
    const count = this.loadEdges(polygons);
    const { vLow, vHigh, uAtLow, slope, order, bucketStart } = this;
    if (this.active.length < count) this.active = new Int32Array(Math.max(count, 1));
    const active = this.active;
    let activeCount = 0;
    let admittedRows = 0;
    if (this.momentBuf.length < 5 * n)
      this.momentBuf = new Float64Array(Math.max(5 * n, 2 * this.momentBuf.length));
    const buf = this.momentBuf;
    buf.fill(0, 0, 5 * n);
    const L = buf.subarray(0, n);
    const sx = buf.subarray(n, 2 * n);
    const sxx = buf.subarray(2 * n, 3 * n);
    const sy = buf.subarray(3 * n, 4 * n);
    const syy = buf.subarray(4 * n, 5 * n);
    let i = 0;
    while (i < n) {
      const b = (cells[i]! / nu) | 0;
      let j = i;
      while (j < n && ((cells[j]! / nu) | 0) === b) j++;
      for (; admittedRows <= b; admittedRows++) {
        for (let k = bucketStart[admittedRows]!; k < bucketStart[admittedRows + 1]!; k++)
          active[activeCount++] = order[k]!;
      }
      for (let s = 0; s < subRows; s++) {
        const ys = (s + 0.5) / subRows;
        const y = v0 + (b + ys) * hv;
        // one pass: drop edges that end below the scanline, cross those that began
        if (this.crossings.length < activeCount) this.crossings = new Float64Array(activeCount * 2);
        const crossings = this.crossings;
        let w = 0;
        let nc = 0;
        for (let r = 0; r < activeCount; r++) {
          const e = active[r]!;
          if (vHigh[e]! > y) {
            active[w++] = e;
            const low = vLow[e]!;
            if (low <= y) crossings[nc++] = (uAtLow[e]! + (y - low) * slope[e]! - u0) / hu;
          }
        }
        activeCount = w;
        nc -= nc % 2;
        if (nc < 2) continue;
        sortPrefix(crossings, nc);
        for (let q = i; q < j; q++) {
          const a = cells[q]! - b * nu;
          // first crossing beyond the cell's left edge
          let lo = 0;
          let hi = nc;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (crossings[mid]! <= a) lo = mid + 1;
            else hi = mid;
          }
          for (let k = lo - (lo % 2); k + 1 < nc && crossings[k]! < a + 1; k += 2) {
            const x0 = Math.max(crossings[k]!, a) - a;
            const x1 = Math.min(crossings[k + 1]!, a + 1) - a;
            if (x1 <= x0) continue;
            const len = x1 - x0;
            const idx = q;
            L[idx] = L[idx]! + len;
            sx[idx] = sx[idx]! + (x1 * x1 - x0 * x0) / 2;
            sxx[idx] = sxx[idx]! + (x1 * x1 * x1 - x0 * x0 * x0) / 3;
            sy[idx] = sy[idx]! + len * ys;
            syy[idx] = syy[idx]! + len * ys * ys;
          }
        }
      }
      i = j;
    }
    const strip = 1 / (12 * subRows * subRows);
    for (let q = 0; q < n; q++) {
      const len = L[q]!;
      if (!(len > 0)) {
        out.du[q] = 0;
        out.dv[q] = 0;
        out.vu[q] = 1 / 12;
        out.vv[q] = 1 / 12;
        continue;
      }
      const mx = sx[q]! / len;
      const my = sy[q]! / len;
      out.du[q] = mx - 0.5;
      out.dv[q] = my - 0.5;
      out.vu[q] = Math.max(sxx[q]! / len - mx * mx, 0);
      out.vv[q] = Math.max(syy[q]! / len - my * my, 0) + strip;
    }
  }

  /** Loads the non-horizontal edges and buckets them by the raster row of their lower end. */
  private loadEdges(polygons: readonly Float64Array[]): number {
    let total = 0;
    for (const p of polygons) total += p.length >> 1;
    if (this.vLow.length < total) {
      const size = Math.max(total, this.vLow.length * 2);
      this.vLow = new Float64Array(size);
      this.vHigh = new Float64Array(size);
      this.uAtLow = new Float64Array(size);
      this.slope = new Float64Array(size);
      this.order = new Int32Array(size);
    }
    const { vLow, vHigh, uAtLow, slope, order, bucketStart } = this;
    const { v0, hv, nv } = this.raster;
    let n = 0;
    for (const p of polygons) {
      const m = p.length >> 1;
      for (let i = 0; i < m; i++) {
        const j = i + 1 === m ? 0 : i + 1;
        const ua = p[2 * i]!;
        const va = p[2 * i + 1]!;
        const ub = p[2 * j]!;
        const vb = p[2 * j + 1]!;
        if (va === vb) continue;
        if (va < vb) {
          vLow[n] = va;
          vHigh[n] = vb;
          uAtLow[n] = ua;
        } else {
          vLow[n] = vb;
          vHigh[n] = va;
          uAtLow[n] = ub;
        }
        slope[n] = (ub - ua) / (vb - va);
        n++;
      }
    }
    // counting sort of edges by the row of their lower end
    bucketStart.fill(0);
    for (let e = 0; e < n; e++) {
      const r = rowOf(vLow[e]!, v0, hv, nv);
      bucketStart[r + 1] = bucketStart[r + 1]! + 1;
    }
    for (let r = 0; r <= nv; r++) bucketStart[r + 1] = bucketStart[r + 1]! + bucketStart[r]!;
    const fillAt = this.fillAt;
    fillAt.set(bucketStart.subarray(0, nv + 1));
    for (let e = 0; e < n; e++) {
      const r = rowOf(vLow[e]!, v0, hv, nv);
      order[fillAt[r]!] = e;
      fillAt[r] = fillAt[r]! + 1;
    }
    return n;
  }
}

function rowOf(v: number, v0: number, hv: number, nv: number): number {
  const r = Math.floor((v - v0) / hv);
  return r < 0 ? 0 : r >= nv ? nv - 1 : r;
}

/** One-shot even-odd coverage of the whole raster (index b·nu + a), for tests and small jobs. */
export function rasterizeEvenOdd(
  polygons: readonly Float64Array[],
  raster: CellRaster,
  subRows: number,
): Float32Array {
  const cells = raster.nu * raster.nv;
  const index = new Int32Array(cells);
  const value = new Float64Array(cells);
  const n = new EvenOddRasterizer(raster, subRows).rasterize(polygons, index, value);
  const out = new Float32Array(cells);
  for (let i = 0; i < n; i++) out[index[i]!] = value[i]!;
  return out;
}

/**
 * Exact area coverage: every polygon adds its exact fractional coverage of each cell, with sign
 * +1 (a part) or −1 (a hole) given per polygon. For polygons that do not cross each other, signs
 * from the nesting parity (polygonSigns) give exactly the even-odd coverage, whatever the cell
 * size. Reusable across planes of one raster.
 *
 * Method: signed-area accumulation along rows (as in anti-aliasing font rasterizers). Within one
 * row, an edge piece of height dy running from x = xmin to xmax (cell units) leaves the cells to
 * its right covered by dy; the covered area in cell a is dy·(h(a+1) − h(a)) with h the integral of
 * the ramp from 0 at xmin to 1 at xmax. Adding the second difference of h to a row buffer and
 * summing the row once gives every cell's coverage. An edge going up subtracts.
 */
export class AreaRasterizer {
  private readonly raster: CellRaster;
  private readonly acc: Float64Array;
  private readonly rowMin: Int32Array;
  private readonly rowMax: Int32Array;

  // edge pieces of the last accumulateEdges call: row and first/last touched column
  private pieceRow = new Int32Array(256);
  private pieceA0 = new Int32Array(256);
  private pieceA1 = new Int32Array(256);
  private pieceOrder = new Int32Array(256);
  private sortKeys = new Float64Array(64);
  private readonly rowStart: Int32Array;
  private readonly rowCursor: Int32Array;
  // rows spanned by the pieces of the last accumulateEdges call: [first, last]
  private readonly pieceRows = new Int32Array(2);

  /**
   * With `scratch`, the row buffer is the scratch's "areaRasterizer.acc", which every call leaves
   * all zero (reused across ROIs).
   */
  constructor(raster: CellRaster, scratch?: DvhScratch) {
    this.raster = raster;
    const size = (raster.nu + 2) * raster.nv;
    this.acc = scratch !== undefined ? scratch.float64("areaRasterizer.acc", size) : new Float64Array(size);
    this.rowMin = new Int32Array(raster.nv).fill(raster.nu + 2);
    this.rowMax = new Int32Array(raster.nv).fill(-1);
    this.rowStart = new Int32Array(raster.nv + 1);
    this.rowCursor = new Int32Array(raster.nv);
  }

  /**
   * The same coverage as `rasterize`, but only cells that a contour edge passes through (their
   * row strip) are listed one by one (index, value, in row order); the cells between them, whose
   * coverage is the same constant, come as runs in `runs` (value ≥ 1 − 1e-9 only; a constant
   * fractional coverage, which nesting-parity signs do not produce, is listed cell by cell).
   * Work is proportional to the outline, not the area. Returns the number of cells listed.
   */
  rasterizeRuns(
    polygons: readonly Float64Array[],
    signs: Float64Array,
    index: Int32Array,
    value: Float64Array,
    runs: CoverageRuns,
  ): number {
    runs.count = 0;
    const pieces = this.accumulateEdges(polygons, signs);
    const { nu } = this.raster;
    const acc = this.acc;
    const stride = nu + 2;
    const bLo = this.pieceRows[0]!;
    const bHi = this.pieceRows[1]!;
    if (pieces === 0) return 0;
    // counting sort of the pieces by row, then by first column within a row (few per row)
    const { pieceRow, pieceA0, pieceA1, pieceOrder, rowStart, rowCursor } = this;
    rowStart.fill(0, bLo, bHi + 2);
    for (let k = 0; k < pieces; k++) rowStart[pieceRow[k]! + 1] = rowStart[pieceRow[k]! + 1]! + 1;
    for (let b = bLo; b <= bHi; b++) rowStart[b + 1] = rowStart[b + 1]! + rowStart[b]!;
    for (let b = bLo; b <= bHi; b++) rowCursor[b] = rowStart[b]!;
    for (let k = 0; k < pieces; k++) {
      const b = pieceRow[k]!;
      pieceOrder[rowCursor[b]!] = k;
      rowCursor[b] = rowCursor[b]! + 1;
    }
    // within a row: by first column, ties in piece order (insertion sort for a few pieces; a
    // numeric sort of (column, piece) keys for many, e.g. a descending chain of short edges)
    for (let b = bLo; b <= bHi; b++) {
      const start = rowStart[b]!;
      const end = rowStart[b + 1]!;
      if (end - start <= 16) {
        for (let q = start + 1; q < end; q++) {
          const k = pieceOrder[q]!;
          const key = pieceA0[k]!;
          let at = q;
          while (at > start && pieceA0[pieceOrder[at - 1]!]! > key) {
            pieceOrder[at] = pieceOrder[at - 1]!;
            at--;
          }
          pieceOrder[at] = k;
        }
      } else {
        if (this.sortKeys.length < end - start) this.sortKeys = new Float64Array(2 * (end - start));
        const keys = this.sortKeys;
        // key = column · pieces + piece (columns ≥ 0; exact while below 2^53)
        for (let q = start; q < end; q++)
          keys[q - start] = pieceA0[pieceOrder[q]!]! * pieces + pieceOrder[q]!;
        heapSort(keys, end - start);
        for (let q = start; q < end; q++) pieceOrder[q] = keys[q - start]! % pieces;
      }
    }
    let listed = 0;
    for (let b = bLo; b <= bHi; b++) {
      const begin = rowStart[b]!;
      const end = rowStart[b + 1]!;
      if (end === begin) continue;
      const row = b * stride;
      const cellRow = b * nu;
      let running = 0;
      let next = pieceA0[pieceOrder[begin]!]!;
      for (let q = begin; q < end; q++) {
        const k = pieceOrder[q]!;
        const s = pieceA0[k]!;
        const e = pieceA1[k]!;
        if (e < next) continue;
        if (s > next) {
          // cells next … s − 1: no edge in this row strip, constant coverage
          if (running > 1e-9 && next < nu) {
            const to = s < nu ? s : nu;
            const v = running > 1 ? 1 : running;
            if (v >= 1 - 1e-9) runs.push(b, next, to, v);
            else {
              for (let a = next; a < to; a++) {
                index[listed] = cellRow + a;
                value[listed] = v;
                listed++;
              }
            }
          }
          next = s;
        }
        for (let a = next; a <= e; a++) {
          running += acc[row + a]!;
          acc[row + a] = 0;
          if (a < nu && running > 1e-9) {
            index[listed] = cellRow + a;
            value[listed] = running > 1 ? 1 : running;
            listed++;
          }
        }
        next = e + 1;
      }
    }
    return listed;
  }

  /**
   * Adds every polygon's signed area to the row buffer `acc`, edge by edge, and records the edge
   * pieces (row, first and last touched column); returns their number, with the rows they span in
   * `pieceRows`. Shared by `rasterizeRuns` and `rasterize`.
   */
  private accumulateEdges(polygons: readonly Float64Array[], signs: Float64Array): number {
    const { u0, v0, hu, hv, nu, nv } = this.raster;
    const acc = this.acc;
    const stride = nu + 2;
    let pieces = 0;
    let bLo = nv;
    let bHi = -1;
    for (let pi = 0; pi < polygons.length; pi++) {
      const p = polygons[pi]!;
      // orientation: the accumulated total of a polygon is −(shoelace area), so normalise to +1
      const sign = -Math.sign(signedAreaMm2(p)) * signs[pi]!;
      if (sign === 0) continue;
      const m = p.length >> 1;
      for (let i = 0; i < m; i++) {
        const j = i + 1 === m ? 0 : i + 1;
        let xa = (p[2 * i]! - u0) / hu;
        let ya = (p[2 * i + 1]! - v0) / hv;
        let xb = (p[2 * j]! - u0) / hu;
        let yb = (p[2 * j + 1]! - v0) / hv;
        if (ya === yb) continue;
        let dir = sign;
        if (ya > yb) {
          const tx = xa;
          xa = xb;
          xb = tx;
          const ty = ya;
          ya = yb;
          yb = ty;
          dir = -sign;
        }
        const dxdy = (xb - xa) / (yb - ya);
        const first = Math.max(0, Math.floor(ya));
        const last = Math.min(nv - 1, Math.ceil(yb) - 1);
        for (let b = first; b <= last; b++) {
          const y0 = ya > b ? ya : b;
          const y1 = yb < b + 1 ? yb : b + 1;
          const dy = y1 - y0;
          if (dy <= 0) continue;
          const x0 = clampX(xa + (y0 - ya) * dxdy, nu);
          const x1 = clampX(xa + (y1 - ya) * dxdy, nu);
          const xmin = x0 < x1 ? x0 : x1;
          const xmax = x0 < x1 ? x1 : x0;
          const d = dir * dy;
          const aFirst = Math.floor(xmin);
          const aLast = Math.min(Math.floor(xmax) + 1, nu + 1);
          const row = b * stride;
          const width = xmax - xmin;
          let hPrev = rampIntegral(aFirst - 1, xmin, xmax, width);
          let hCur = rampIntegral(aFirst, xmin, xmax, width);
          for (let a = aFirst; a <= aLast; a++) {
            const hNext = rampIntegral(a + 1, xmin, xmax, width);
            acc[row + a] = acc[row + a]! + d * (hNext - 2 * hCur + hPrev);
            hPrev = hCur;
            hCur = hNext;
          }
          if (pieces === this.pieceRow.length) this.growPieces();
          this.pieceRow[pieces] = b;
          this.pieceA0[pieces] = aFirst;
          this.pieceA1[pieces] = aLast;
          pieces++;
          if (b < bLo) bLo = b;
          if (b > bHi) bHi = b;
        }
      }
    }
    this.pieceRows[0] = bLo;
    this.pieceRows[1] = bHi;
    return pieces;
  }

  private growPieces(): void {
    const size = this.pieceRow.length * 2;
    this.pieceRow = grownInt(this.pieceRow, size);
    this.pieceA0 = grownInt(this.pieceA0, size);
    this.pieceA1 = grownInt(this.pieceA1, size);
    this.pieceOrder = new Int32Array(size);
  }

  /**
   * Lists covered cells (index b·nu + a, coverage in (0, 1]) in row order; returns how many.
   * `signs[i]` multiplies polygon i's coverage (+1 part, −1 hole).
   */
  rasterize(
    polygons: readonly Float64Array[],
    signs: Float64Array,
    index: Int32Array,
    value: Float64Array,
  ): number {
    const pieces = this.accumulateEdges(polygons, signs);
    const { nu } = this.raster;
    const acc = this.acc;
    const stride = nu + 2;
    const rowMin = this.rowMin;
    const rowMax = this.rowMax;
    const bLo = this.pieceRows[0]!;
    const bHi = this.pieceRows[1]!;
    for (let k = 0; k < pieces; k++) {
      const b = this.pieceRow[k]!;
      if (this.pieceA0[k]! < rowMin[b]!) rowMin[b] = this.pieceA0[k]!;
      if (this.pieceA1[k]! > rowMax[b]!) rowMax[b] = this.pieceA1[k]!;
    }
    let listed = 0;
    for (let b = bLo; b <= bHi; b++) {
      const lo = rowMin[b]!;
      const hi = rowMax[b]!;
      if (hi < lo) continue;
      const row = b * stride;
      let running = 0;
      for (let a = lo; a <= hi; a++) {
        running += acc[row + a]!;
        acc[row + a] = 0;
        if (a < nu && running > 1e-9) {
          index[listed] = b * nu + a;
          value[listed] = running > 1 ? 1 : running;
          listed++;
        }
      }
      rowMin[b] = nu + 2;
      rowMax[b] = -1;
    }
    return listed;
  }
}

/**
 * Covered cells of one plane in run-length form: cells whose whole row strip no contour edge
 * crosses are all inside (or all outside), so they come as runs [a0, a1) of one coverage value
 * instead of one entry per cell. Grown as needed; reused across planes.
 */
export class CoverageRuns {
  row = new Int32Array(256);
  a0 = new Int32Array(256);
  a1 = new Int32Array(256);
  value = new Float64Array(256);
  count = 0;

  push(row: number, a0: number, a1: number, value: number): void {
    if (this.count === this.row.length) {
      const size = this.row.length * 2;
      this.row = grownInt(this.row, size);
      this.a0 = grownInt(this.a0, size);
      this.a1 = grownInt(this.a1, size);
      const v = new Float64Array(size);
      v.set(this.value);
      this.value = v;
    }
    const k = this.count++;
    this.row[k] = row;
    this.a0[k] = a0;
    this.a1[k] = a1;
    this.value[k] = value;
  }
}

function grownInt(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size);
  out.set(a);
  return out;
}

function clampX(x: number, nu: number): number {
  return x < 0 ? 0 : x > nu ? nu : x;
}

/** ∫ from −∞ to X of the ramp 0 (≤ xmin) → 1 (≥ xmax). */
function rampIntegral(X: number, xmin: number, xmax: number, width: number): number {
  if (X <= xmin) return 0;
  if (X >= xmax) return X - xmax + width / 2;
  const t = X - xmin;
  return (t * t) / (2 * width);
}

/**
 * Signs (+1 part, −1 hole) of a plane's polygons by nesting parity, and whether any two polygons
 * cross (then parity signs are not the even-odd rule and the scanline rasterizer must be used).
 */
export function polygonSigns(polygons: readonly Float64Array[]): { signs: Float64Array; crossing: boolean } {
  const n = polygons.length;
  const signs = new Float64Array(n).fill(1);
  if (n < 2) return { signs, crossing: false };
  const boxes = polygons.map(boxOf);
  let crossing = false;
  for (let i = 0; i < n; i++) {
    let depth = 0;
    for (let j = 0; j < n; j++) {
      if (i === j || !boxInside(boxes[i]!, boxes[j]!)) continue;
      if (pointInPolygon(polygons[j]!, polygons[i]![0]!, polygons[i]![1]!)) depth++;
    }
    signs[i] = depth % 2 === 0 ? 1 : -1;
    for (let j = i + 1; j < n && !crossing; j++) {
      if (
        boxesOverlap(boxes[i]!, boxes[j]!) &&
        polygonsCross(polygons[i]!, polygons[j]!, boxes[i]!, boxes[j]!)
      )
        crossing = true;
    }
  }
  return { signs, crossing };
}

type Box = { uMin: number; uMax: number; vMin: number; vMax: number };

function boxOf(p: Float64Array): Box {
  const b = {
    uMin: Number.POSITIVE_INFINITY,
    uMax: Number.NEGATIVE_INFINITY,
    vMin: Number.POSITIVE_INFINITY,
    vMax: Number.NEGATIVE_INFINITY,
  };
  for (let k = 0; k < p.length; k += 2) {
    if (p[k]! < b.uMin) b.uMin = p[k]!;
    if (p[k]! > b.uMax) b.uMax = p[k]!;
    if (p[k + 1]! < b.vMin) b.vMin = p[k + 1]!;
    if (p[k + 1]! > b.vMax) b.vMax = p[k + 1]!;
  }
  return b;
}
const boxesOverlap = (a: Box, b: Box) =>
  a.uMin <= b.uMax && b.uMin <= a.uMax && a.vMin <= b.vMax && b.vMin <= a.vMax;
const boxInside = (a: Box, b: Box) =>
  a.uMin >= b.uMin && a.uMax <= b.uMax && a.vMin >= b.vMin && a.vMax <= b.vMax;

export function pointInPolygon(poly: Float64Array, u: number, v: number): boolean {
  const m = poly.length >> 1;
  let inside = false;
  for (let i = 0, j = m - 1; i < m; j = i++) {
    const ui = poly[2 * i]!;
    const vi = poly[2 * i + 1]!;
    const uj = poly[2 * j]!;
    const vj = poly[2 * j + 1]!;
    if (vi > v !== vj > v && u < ((uj - ui) * (v - vi)) / (vj - vi) + ui) inside = !inside;
  }
  return inside;
}

/**
 * Whether an edge of p crosses an edge of q: only edges that reach into the other polygon's
 * bounding box can cross it (for a small hole inside a large outline, a handful), then a sweep
 * over those edges sorted by their lower v.
 */
function polygonsCross(p: Float64Array, q: Float64Array, pBox: Box, qBox: Box): boolean {
  const ep = edgesNear(p, qBox);
  const eq = edgesNear(q, pBox);
  const np = ep.length >> 2;
  const n = np + (eq.length >> 2);
  if (np === 0 || n === np) return false;
  // edge e: endpoints (ax, ay, bx, by) at 4e; owner p (e < np) or q; lower / upper v
  const xy = new Float64Array(4 * n);
  xy.set(ep, 0);
  xy.set(eq, 4 * np);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    lo[e] = Math.min(xy[4 * e + 1]!, xy[4 * e + 3]!);
    hi[e] = Math.max(xy[4 * e + 1]!, xy[4 * e + 3]!);
  }
  const order = Array.from({ length: n }, (_, e) => e).sort((a, b) => lo[a]! - lo[b]!);
  const active = new Int32Array(n);
  let count = 0;
  for (let k = 0; k < n; k++) {
    const e = order[k]!;
    let w = 0;
    for (let r = 0; r < count; r++) {
      const a = active[r]!;
      if (hi[a]! < lo[e]!) continue;
      active[w++] = a;
      if (a < np !== e < np && segmentsCross(xy, a, e)) return true;
    }
    count = w;
    active[count++] = e;
  }
  return false;
}

/** The edges of polygon p whose bounding box meets `box`, as (ax, ay, bx, by) quadruples. */
function edgesNear(p: Float64Array, box: Box): Float64Array {
  const m = p.length >> 1;
  const out = new Float64Array(4 * m);
  let n = 0;
  for (let i = 0; i < m; i++) {
    const j = i + 1 === m ? 0 : i + 1;
    const ax = p[2 * i]!;
    const ay = p[2 * i + 1]!;
    const bx = p[2 * j]!;
    const by = p[2 * j + 1]!;
    if ((ax < box.uMin && bx < box.uMin) || (ax > box.uMax && bx > box.uMax)) continue;
    if ((ay < box.vMin && by < box.vMin) || (ay > box.vMax && by > box.vMax)) continue;
    out[4 * n] = ax;
    out[4 * n + 1] = ay;
    out[4 * n + 2] = bx;
    out[4 * n + 3] = by;
    n++;
  }
  return out.subarray(0, 4 * n);
}

/** Proper crossing of edges a and b (touching at a point or overlapping collinearly does not count). */
function segmentsCross(xy: Float64Array, a: number, b: number): boolean {
  const sax = xy[4 * a]!;
  const say = xy[4 * a + 1]!;
  const sbx = xy[4 * a + 2]!;
  const sby = xy[4 * a + 3]!;
  const tax = xy[4 * b]!;
  const tay = xy[4 * b + 1]!;
  const tbx = xy[4 * b + 2]!;
  const tby = xy[4 * b + 3]!;
  const d1 = orient(tax, tay, tbx, tby, sax, say);
  const d2 = orient(tax, tay, tbx, tby, sbx, sby);
  const d3 = orient(sax, say, sbx, sby, tax, tay);
  const d4 = orient(sax, say, sbx, sby, tbx, tby);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** In-place ascending sort of the first n values (insertion sort: crossings per scanline are few). */
function sortPrefix(a: Float64Array, n: number): void {
  if (n > 32) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** In-place ascending heap sort of the first n values (no allocation, O(n log n)). */
function heapSort(a: Float64Array, n: number): void {
  const sift = (root: number, size: number): void => {
    const x = a[root]!;
    let i = root;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && a[child + 1]! > a[child]!) child++;
      if (a[child]! <= x) break;
      a[i] = a[child]!;
      i = child;
    }
    a[i] = x;
  };
  for (let i = (n >> 1) - 1; i >= 0; i--) sift(i, n);
  for (let end = n - 1; end > 0; end--) {
    const top = a[0]!;
    a[0] = a[end]!;
    a[end] = top;
    sift(0, end);
  }
}

/** Signed area (mm²) of a polygon with interleaved (u, v) points (shoelace formula). */
export function signedAreaMm2(p: Float64Array): number {
  const m = p.length >> 1;
  let s = 0;
  for (let i = 0; i < m; i++) {
    const j = i + 1 === m ? 0 : i + 1;
    s += p[2 * i]! * p[2 * j + 1]! - p[2 * j]! * p[2 * i + 1]!;
  }
  return s / 2;
}

/** Perimeter (mm) of a closed polygon with interleaved (u, v) points. */
export function perimeterMm(p: Float64Array): number {
  const m = p.length >> 1;
  let s = 0;
  for (let i = 0; i < m; i++) {
    const j = i + 1 === m ? 0 : i + 1;
    const du = p[2 * j]! - p[2 * i]!;
    const dv = p[2 * j + 1]! - p[2 * i + 1]!;
    s += Math.sqrt(du * du + dv * dv);
  }
  return s;
}
