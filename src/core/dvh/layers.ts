// Thin layers along the plane normal (w) in which an ROI's volume is gathered before it meets
// the dose. A layer never straddles a dose frame or the grid's ends, so the dose is linear in w
// within it; it is thin enough that the dose changes by at most maxDoseStepGy across it.
import type { GridFrame } from "./grid-frame.ts";

export type Layers = {
  readonly count: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** 1 when the layer lies within the grid's extent along w */
  readonly inside: Uint8Array;
  /** ascending frame positions bracketing the layer (equal where the dose is held constant) */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
};

/**
 * Layers covering [wStart, wEnd]. `box` is the ROI's in-plane extent in grid mm (u and v); the
 * largest dose change between two frames within it sets the layer thickness of that frame
 * interval: maxDoseStepGy·gap/ΔDmax, at least `minStepMm`, at most the gap.
 */
export function buildLayers(
  frame: GridFrame,
  wStart: number,
  wEnd: number,
  box: { uMin: number; uMax: number; vMin: number; vMax: number },
  minStepMm: number,
  maxDoseStepGy: number,
): Layers {
  const fw = frame.frameW;
  const n = fw.length;
  const cuts = [wStart];
  for (let i = 0; i < n; i++) if (fw[i]! > wStart && fw[i]! < wEnd) cuts.push(fw[i]!);
  for (const e of [frame.wLow, frame.wHigh]) if (e > wStart && e < wEnd) cuts.push(e);
  cuts.push(wEnd);
  cuts.sort((x, y) => x - y);

  const a: number[] = [];
  const b: number[] = [];
  const inside: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const stepCache = new Map<number, number>();
  for (let c = 0; c + 1 < cuts.length; c++) {
    const x0 = cuts[c]!;
    const x1 = cuts[c + 1]!;
    if (x1 - x0 <= 1e-9) continue;
    const mid = (x0 + x1) / 2;
    const br = bracketSorted(frame, mid);
    let count = 1;
    if (br.inside && br.hi !== br.lo) {
      let step = stepCache.get(br.lo);
      if (step === undefined) {
        step = intervalStep(frame, br.lo, box, minStepMm, maxDoseStepGy);
        stepCache.set(br.lo, step);
      }
      count = Math.max(1, Math.ceil((x1 - x0) / step - 1e-9));
    }
    const h = (x1 - x0) / count;
    for (let s = 0; s < count; s++) {
      a.push(x0 + s * h);
      b.push(s + 1 === count ? x1 : x0 + (s + 1) * h);
      inside.push(br.inside ? 1 : 0);
      lo.push(br.lo);
      hi.push(br.hi);
    }
  }
  return {
    count: a.length,
    a: Float64Array.from(a),
    b: Float64Array.from(b),
    inside: Uint8Array.from(inside),
    lo: Int32Array.from(lo),
    hi: Int32Array.from(hi),
  };
}

/** Ascending frame positions around w, or inside = false beyond the grid's extent. */
export function bracketSorted(frame: GridFrame, w: number): { inside: boolean; lo: number; hi: number } {
  const fw = frame.frameW;
  const n = fw.length;
  if (w < frame.wLow || w > frame.wHigh) return { inside: false, lo: 0, hi: 0 };
  if (w <= fw[0]!) return { inside: true, lo: 0, hi: 0 };
  if (w >= fw[n - 1]!) return { inside: true, lo: n - 1, hi: n - 1 };
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fw[mid]! <= w) lo = mid;
    else hi = mid;
  }
  return { inside: true, lo, hi };
}

/** Layer thickness (mm) for the frame interval starting at ascending position k. */
function intervalStep(
  frame: GridFrame,
  k: number,
  box: { uMin: number; uMax: number; vMin: number; vMax: number },
  minStepMm: number,
  maxDoseStepGy: number,
): number {
  const fw = frame.frameW;
  const gap = fw[k + 1]! - fw[k]!;
  const cols = frame.columns;
  const rows = frame.rows;
  const i0 = Math.max(0, Math.floor(box.uMin / frame.du) - 1);
  const i1 = Math.min(cols - 1, Math.ceil(box.uMax / frame.du) + 1);
  const j0 = Math.max(0, Math.floor(box.vMin / frame.dv) - 1);
  const j1 = Math.min(rows - 1, Math.ceil(box.vMax / frame.dv) + 1);
  const planeSize = rows * cols;
  const pa = frame.frameIndex[k]! * planeSize;
  const pb = frame.frameIndex[k + 1]! * planeSize;
  const dose = frame.grid.doseGy;
  let dMax = 0;
  for (let j = j0; j <= j1; j++) {
    const r = j * cols;
    for (let i = i0; i <= i1; i++) {
      const d = Math.abs(dose[pb + r + i]! - dose[pa + r + i]!);
      if (d > dMax) dMax = d;
    }
  }
  const step = dMax > 0 ? (maxDoseStepGy * gap) / dMax : gap;
  return Math.min(gap, Math.max(step, minStepMm));
}
