// The computed DVH of one ROI and the look-ups on its cumulative curve (DvhQuery).
import type { Issue } from "../common/result.ts";
import type { DvhQuery } from "./types.ts";

/** How an ROI was sampled (reported so a result can be reproduced and judged). */
export type DvhSampling = {
  /** in-plane sample cell size (mm) along the grid's rows (u) and columns (v) */
  readonly cellSizeMm: readonly [number, number];
  /** sub-voxel factor along u and v (dose voxel / cell) */
  readonly supersampling: readonly [number, number];
  /** largest sample thickness along the plane normal (mm) */
  readonly sliceStepMm: number;
  readonly samples: number;
  readonly planes: number;
  /** sequences of contour planes without gaps (parts along the plane normal) */
  readonly runs: number;
  readonly endCap: string;
  readonly sliceIntegration: string;
};

export type RoiDvh = {
  readonly kind: "roi_dvh";
  readonly roiNumber: number;
  readonly roiName: string;
  readonly interpretedType?: string;
  /** total structure volume (cc), including the part outside the dose grid */
  readonly volumeCc: number;
  /** part of the volume outside the dose grid (no dose known; not rescaled into the DVH) */
  readonly volumeOutsideGridCc: number;
  /** dose statistics over the part inside the grid (NaN when nothing is inside) */
  readonly minGy: number;
  readonly meanGy: number;
  readonly maxGy: number;
  readonly binWidthGy: number;
  /** differential DVH: volume (cc) with dose in [i·binWidthGy, (i+1)·binWidthGy) */
  readonly differentialCc: Float64Array;
  /** cumulative DVH knots: volume (cc) receiving ≥ dose; dose ascending from minGy to maxGy */
  readonly curveDoseGy: Float64Array;
  readonly curveVolumeCc: Float64Array;
  /** extent of the sampled structure in the dose grid's frame (mm from the first voxel centre; w includes end caps) */
  readonly gridExtentMm?: {
    readonly uMin: number;
    readonly uMax: number;
    readonly vMin: number;
    readonly vMax: number;
    readonly wMin: number;
    readonly wMax: number;
  };
  /** for POINT ROIs: dose (Gy) at each point (NaN outside the grid) */
  readonly pointDosesGy?: readonly number[];
  readonly sampling?: DvhSampling;
  readonly warnings: readonly Issue[];
};

/** Builds the cumulative curve knots from a differential histogram and the exact extremes. */
export function cumulativeKnots(
  differentialCc: Float64Array,
  binWidthGy: number,
  minGy: number,
  maxGy: number,
): { doseGy: Float64Array; volumeCc: Float64Array } {
  const n = differentialCc.length;
  if (!(maxGy >= minGy)) return { doseGy: new Float64Array(0), volumeCc: new Float64Array(0) };
  // volume ≥ edge i
  const above = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) above[i] = above[i + 1]! + differentialCc[i]!;
  const total = above[0]!;
  const first = Math.floor(minGy / binWidthGy) + 1;
  const last = Math.ceil(maxGy / binWidthGy) - 1;
  const count = Math.max(0, last - first + 1);
  const doseGy = new Float64Array(count + 2);
  const volumeCc = new Float64Array(count + 2);
  doseGy[0] = minGy;
  volumeCc[0] = total;
  let k = 1;
  for (let i = first; i <= last; i++, k++) {
    doseGy[k] = i * binWidthGy;
    volumeCc[k] = Math.min(above[i]!, volumeCc[k - 1]!);
  }
  doseGy[k] = maxGy;
  volumeCc[k] = 0;
  return { doseGy, volumeCc };
}

/** Volume (cc) receiving ≥ doseGy, interpolated linearly between knots. */
export function volumeAtDose(dvh: Pick<RoiDvh, "curveDoseGy" | "curveVolumeCc">, doseGy: number): number {
  const d = dvh.curveDoseGy;
  const v = dvh.curveVolumeCc;
  const n = d.length;
  if (n === 0 || Number.isNaN(doseGy)) return n === 0 ? 0 : Number.NaN;
  if (doseGy <= d[0]!) return v[0]!;
  if (doseGy >= d[n - 1]!) return 0;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (d[mid]! <= doseGy) lo = mid;
    else hi = mid;
  }
  const t = (doseGy - d[lo]!) / (d[hi]! - d[lo]!);
  return v[lo]! + t * (v[hi]! - v[lo]!);
}

/**
 * Minimum dose (Gy) received by the hottest `volumeCc` of the part inside the grid: the highest
 * dose at which the cumulative curve still holds that volume, interpolated linearly. NaN when the
 * volume exceeds the part inside the grid.
 */
export function doseAtVolume(dvh: Pick<RoiDvh, "curveDoseGy" | "curveVolumeCc">, volumeCc: number): number {
  const d = dvh.curveDoseGy;
  const v = dvh.curveVolumeCc;
  const n = d.length;
  if (n === 0 || Number.isNaN(volumeCc)) return Number.NaN;
  const total = v[0]!;
  if (volumeCc > total * (1 + 1e-12)) return Number.NaN;
  if (volumeCc <= 0) return d[n - 1]!;
  // highest knot index k with v[k] ≥ volumeCc (v is non-increasing)
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (v[mid]! >= volumeCc) lo = mid;
    else hi = mid;
  }
  if (v[hi]! >= volumeCc) return d[hi]!;
  const dv = v[lo]! - v[hi]!;
  if (dv <= 0) return d[lo]!;
  return d[lo]! + ((v[lo]! - volumeCc) / dv) * (d[hi]! - d[lo]!);
}

/** The DvhQuery view of a computed DVH (percentages are of the total volume, outside part included). */
export function dvhQuery(dvh: RoiDvh): DvhQuery {
  const total = dvh.volumeCc;
  return {
    volumeCc: total,
    volumeOutsideGridCc: dvh.volumeOutsideGridCc,
    minGy: dvh.minGy,
    meanGy: dvh.meanGy,
    maxGy: dvh.maxGy,
    doseAtVolumeCc: (cc) => doseAtVolume(dvh, cc),
    doseAtVolumePercent: (p) => (total > 0 ? doseAtVolume(dvh, (p / 100) * total) : Number.NaN),
    volumeAtDoseCc: (gy) => volumeAtDose(dvh, gy),
    volumeAtDosePercent: (gy) => (total > 0 ? (100 * volumeAtDose(dvh, gy)) / total : Number.NaN),
  };
}
