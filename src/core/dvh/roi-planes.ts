// An ROI's closed planar contours moved into the dose grid's frame (u, v in-plane, w along the
// frame normal), grouped by plane, and split into runs (sequences of planes without a gap).
import { type Issue, issue } from "../common/result.ts";
import { perimeterMm, polygonSigns, signedAreaMm2 } from "./coverage.ts";
import type { GridFrame } from "./grid-frame.ts";
import type { Roi, StructureSet, Vec3 } from "./types.ts";

/** Contours closer than this along w (mm) lie on the same plane. */
export const PLANE_TOLERANCE_MM = 0.01;
/** A closed planar contour may deviate this much (mm) from its plane. */
export const PLANARITY_TOLERANCE_MM = 0.05;

export type RoiPlane = {
  /** position along the grid normal (mm from the first voxel centre) */
  readonly w: number;
  /** polygons with interleaved (u, v) points (mm) */
  readonly polygons: readonly Float64Array[];
  /** sum of |polygon area| (mm²), a size estimate (holes are not subtracted) */
  readonly outlineAreaMm2: number;
  /** area under the even-odd rule (mm²): nested polygons alternate between part and hole */
  readonly netAreaMm2: number;
  /** per polygon +1 (part) or −1 (hole) by nesting parity */
  readonly signs: Float64Array;
  /** true when two polygons of the plane cross (even-odd coverage is then sampled, not exact) */
  readonly crossing: boolean;
  readonly perimeterMm: number;
};

export type PlaneRun = {
  /** index of the first and last plane of the run in `planes` */
  readonly first: number;
  readonly last: number;
  /** gap (mm) used for the cap below the first and above the last plane */
  readonly lowerCapGapMm: number;
  readonly upperCapGapMm: number;
};

export type RoiGeometry = {
  readonly planes: readonly RoiPlane[];
  readonly runs: readonly PlaneRun[];
  /** POINT contours in grid coordinates (mm) */
  readonly points: readonly Vec3[];
  readonly uMin: number;
  readonly uMax: number;
  readonly vMin: number;
  readonly vMax: number;
  readonly warnings: readonly Issue[];
  /** set when the ROI cannot be computed (e.g. contours not parallel to the dose planes) */
  readonly errors: readonly Issue[];
};

/** Plane positions (w, ascending, distinct) of every closed planar contour of the structure set. */
export function structureSetPlanes(ss: StructureSet, frame: GridFrame): Float64Array {
  const ws: number[] = [];
  for (const roi of ss.rois) {
    for (const c of roi.contours) {
      if (c.geometry !== "CLOSED_PLANAR" || c.pointsMm.length < 3) continue;
      ws.push(wOf(frame, c.pointsMm, 0));
    }
  }
  ws.sort((a, b) => a - b);
  const out: number[] = [];
  for (const w of ws) {
    if (out.length === 0 || w - out[out.length - 1]! > PLANE_TOLERANCE_MM) out.push(w);
  }
  return Float64Array.from(out);
}

function wOf(frame: GridFrame, p: Float64Array, i: number): number {
  const o = frame.origin;
  const n = frame.wAxis;
  return (p[3 * i]! - o[0]) * n[0] + (p[3 * i + 1]! - o[1]) * n[1] + (p[3 * i + 2]! - o[2]) * n[2];
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Builds an ROI's planes and runs. `knownPlanes` are the plane positions of the whole structure
 * set (see structureSetPlanes): a gap in this ROI where other ROIs have contours is a real gap.
 * `path` names the ROI in issues (e.g. "structureSet.rois[3]").
 */
export function roiGeometry(
  roi: Roi,
  frame: GridFrame,
  knownPlanes: Float64Array,
  path: string,
): RoiGeometry {
  const warnings: Issue[] = [];
  const errors: Issue[] = [];
  const label = `ROI "${roi.name}" (#${roi.number})`;
  const o = frame.origin;
  const ua = frame.uAxis;
  const va = frame.vAxis;
  const wa = frame.wAxis;
  const points: Vec3[] = [];
  const byPlane: { w: number; poly: Float64Array }[] = [];
  let skippedShort = 0;
  let skippedBad = 0;
  let skippedOpen = 0;
  let offPlane = 0;
  let firstOffPlane = -1;
  roi.contours.forEach((c, ci) => {
    const p = c.pointsMm;
    const m = Math.floor(p.length / 3);
    if (c.geometry === "POINT") {
      for (let i = 0; i < m; i++) {
        const dx = p[3 * i]! - o[0];
        const dy = p[3 * i + 1]! - o[1];
        const dz = p[3 * i + 2]! - o[2];
        if (![dx, dy, dz].every(Number.isFinite)) continue;
        points.push([
          dx * ua[0] + dy * ua[1] + dz * ua[2],
          dx * va[0] + dy * va[1] + dz * va[2],
          dx * wa[0] + dy * wa[1] + dz * wa[2],
        ]);
      }
      return;
    }
    if (c.geometry !== "CLOSED_PLANAR") {
      skippedOpen++;
      return;
    }
    if (m < 3) {
      skippedShort++;
      return;
    }
    const poly = new Float64Array(2 * m);
    let wSum = 0;
    let wMin = Number.POSITIVE_INFINITY;
    let wMax = Number.NEGATIVE_INFINITY;
    let finite = true;
    for (let i = 0; i < m; i++) {
      const dx = p[3 * i]! - o[0];
      const dy = p[3 * i + 1]! - o[1];
      const dz = p[3 * i + 2]! - o[2];
      const u = dx * ua[0] + dy * ua[1] + dz * ua[2];
      const v = dx * va[0] + dy * va[1] + dz * va[2];
      const w = dx * wa[0] + dy * wa[1] + dz * wa[2];
      if (!Number.isFinite(u) || !Number.isFinite(v) || !Number.isFinite(w)) finite = false;
      poly[2 * i] = u;
      poly[2 * i + 1] = v;
      wSum += w;
      if (w < wMin) wMin = w;
      if (w > wMax) wMax = w;
    }
    if (!finite) {
      skippedBad++;
      return;
    }
    if (wMax - wMin > 2 * PLANARITY_TOLERANCE_MM) {
      offPlane++;
      if (firstOffPlane < 0) firstOffPlane = ci;
      return;
    }
    byPlane.push({ w: wSum / m, poly });
  });
  if (offPlane > 0) {
    errors.push(
      issue(
        "dvh_contour_not_in_dose_plane",
        `${path}.contours[${firstOffPlane}]`,
        `${label}: ${offPlane} closed contour(s) are not parallel to the dose grid planes (points differ by more than ${2 * PLANARITY_TOLERANCE_MM} mm along the grid normal); oblique or non-axial contours are not supported`,
      ),
    );
  }
  if (skippedShort > 0) {
    warnings.push(
      issue(
        "dvh_contour_degenerate",
        path,
        `${label}: ${skippedShort} closed contour(s) with fewer than 3 points ignored`,
      ),
    );
  }
  if (skippedBad > 0) {
    warnings.push(
      issue(
        "dvh_contour_degenerate",
        path,
        `${label}: ${skippedBad} contour(s) with non-numeric points ignored`,
      ),
    );
  }
  if (skippedOpen > 0) {
    warnings.push(
      issue(
        "dvh_contour_open_ignored",
        path,
        `${label}: ${skippedOpen} open contour(s) (OPEN_PLANAR/OPEN_NONPLANAR) have no volume and were ignored`,
      ),
    );
  }

  byPlane.sort((a, b) => a.w - b.w);
  const planes: RoiPlane[] = [];
  const crossingPlanes: string[] = [];
  let duplicates = 0;
  let uMin = Number.POSITIVE_INFINITY;
  let uMax = Number.NEGATIVE_INFINITY;
  let vMin = Number.POSITIVE_INFINITY;
  let vMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < byPlane.length; ) {
    let j = i;
    let wSum = 0;
    const polys: Float64Array[] = [];
    while (j < byPlane.length && byPlane[j]!.w - byPlane[i]!.w <= PLANE_TOLERANCE_MM) {
      const poly = byPlane[j]!.poly;
      // the same contour twice would cancel itself under the even-odd rule: keep one
      if (polys.some((q) => samePolygon(q, poly))) duplicates++;
      else polys.push(poly);
      wSum += byPlane[j]!.w;
      j++;
    }
    let area = 0;
    let perim = 0;
    for (const poly of polys) {
      area += Math.abs(signedAreaMm2(poly));
      perim += perimeterMm(poly);
      for (let k = 0; k < poly.length; k += 2) {
        const u = poly[k]!;
        const v = poly[k + 1]!;
        if (u < uMin) uMin = u;
        if (u > uMax) uMax = u;
        if (v < vMin) vMin = v;
        if (v > vMax) vMax = v;
      }
    }
    const { signs, crossing } = polygonSigns(polys);
    let net = 0;
    polys.forEach((poly, q) => {
      net += signs[q]! * Math.abs(signedAreaMm2(poly));
    });
    if (crossing) crossingPlanes.push(fmt(wSum / (j - i)));
    planes.push({
      w: wSum / (j - i),
      polygons: polys,
      outlineAreaMm2: area,
      netAreaMm2: Math.max(net, 0),
      signs,
      crossing,
      perimeterMm: perim,
    });
    i = j;
  }
  if (crossingPlanes.length > 0) {
    warnings.push(
      issue(
        "dvh_contours_cross",
        path,
        `${label}: contours on the same plane cross each other (w = ${crossingPlanes.slice(0, 5).join(", ")}${crossingPlanes.length > 5 ? " …" : ""} mm); under the even-odd rule their overlap is a hole`,
      ),
    );
  }
  if (duplicates > 0) {
    warnings.push(
      issue(
        "dvh_contour_duplicate",
        path,
        `${label}: ${duplicates} contour(s) repeated on the same plane were counted once (under the even-odd rule a repeated contour would cancel itself)`,
      ),
    );
  }

  const runs = splitRuns(planes, knownPlanes, frame, label, path, warnings);
  return { planes, runs, points, uMin, uMax, vMin, vMax, warnings, errors };
}

function samePolygon(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 1e-6) return false;
  return true;
}

/**
 * Splits the planes into runs. A gap between consecutive planes is a break when it exceeds 1.5×
 * the ROI's median gap and either another ROI has a contour plane inside it (the ROI is absent
 * there) or it exceeds 2.5× the median gap (separate parts of a multi-part ROI).
 */
function splitRuns(
  planes: readonly RoiPlane[],
  knownPlanes: Float64Array,
  frame: GridFrame,
  label: string,
  path: string,
  warnings: Issue[],
): PlaneRun[] {
  const n = planes.length;
  if (n === 0) return [];
  const gaps: number[] = [];
  for (let i = 0; i + 1 < n; i++) gaps.push(planes[i + 1]!.w - planes[i]!.w);
  const med = median(gaps);
  const isBreak = (i: number): boolean => {
    const g = gaps[i]!;
    if (!(g > 1.5 * med)) return false;
    if (g > 2.5 * med) return true;
    return hasPlaneBetween(knownPlanes, planes[i]!.w, planes[i + 1]!.w);
  };
  const runs: PlaneRun[] = [];
  let start = 0;
  const smallBreaks: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && !isBreak(i)) continue;
    const first = start;
    const last = i;
    const lower = first < last ? planes[first + 1]!.w - planes[first]!.w : singlePlaneGap(planes[first]!.w);
    const upper = first < last ? planes[last]!.w - planes[last - 1]!.w : lower;
    runs.push({ first, last, lowerCapGapMm: lower, upperCapGapMm: upper });
    // a short gap between overlapping outlines looks like a missing contour (separate lesions do not)
    if (i + 1 < n && gaps[i]! <= 3 * med && outlinesOverlap(planes[i]!, planes[i + 1]!)) {
      smallBreaks.push(`${fmt(planes[i]!.w)}…${fmt(planes[i + 1]!.w)} mm`);
    }
    start = i + 1;
  }
  if (smallBreaks.length > 0) {
    warnings.push(
      issue(
        "dvh_contour_gap",
        path,
        `${label}: no contour on plane(s) where other contours exist, between w = ${smallBreaks.join(", ")} (along the dose grid normal); the parts on either side are treated as separate, each with end caps, and nothing is interpolated across the gap`,
      ),
    );
  }
  return runs;

  function singlePlaneGap(w: number): number {
    // the slice spacing around this plane in the structure set, else the ROI's, else the dose grid's
    const around = neighbourGap(knownPlanes, w);
    if (Number.isFinite(around)) return around;
    if (Number.isFinite(med)) return med;
    const fg = frame.frameW.length > 1 ? frame.frameW[1]! - frame.frameW[0]! : Math.min(frame.du, frame.dv);
    warnings.push(
      issue(
        "dvh_single_plane_thickness",
        path,
        `${label}: drawn on a single plane with no other plane in the structure set; its thickness is taken from the dose grid's frame spacing (${fmt(fg)} mm)`,
      ),
    );
    return fg;
  }
}

function outlinesOverlap(a: RoiPlane, b: RoiPlane): boolean {
  const box = (p: RoiPlane) => {
    let uMin = Number.POSITIVE_INFINITY;
    let uMax = Number.NEGATIVE_INFINITY;
    let vMin = Number.POSITIVE_INFINITY;
    let vMax = Number.NEGATIVE_INFINITY;
    for (const poly of p.polygons) {
      for (let k = 0; k < poly.length; k += 2) {
        uMin = Math.min(uMin, poly[k]!);
        uMax = Math.max(uMax, poly[k]!);
        vMin = Math.min(vMin, poly[k + 1]!);
        vMax = Math.max(vMax, poly[k + 1]!);
      }
    }
    return { uMin, uMax, vMin, vMax };
  };
  const x = box(a);
  const y = box(b);
  return x.uMin <= y.uMax && y.uMin <= x.uMax && x.vMin <= y.vMax && y.vMin <= x.vMax;
}

function fmt(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

function hasPlaneBetween(known: Float64Array, a: number, b: number): boolean {
  // first known plane > a + tolerance
  let lo = 0;
  let hi = known.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (known[mid]! <= a + PLANE_TOLERANCE_MM) lo = mid + 1;
    else hi = mid;
  }
  return lo < known.length && known[lo]! < b - PLANE_TOLERANCE_MM;
}

/** Smallest distance from w to another known plane (NaN when there is none). */
function neighbourGap(known: Float64Array, w: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < known.length; i++) {
    const d = Math.abs(known[i]! - w);
    if (d > PLANE_TOLERANCE_MM && d < best) best = d;
  }
  return Number.isFinite(best) ? best : Number.NaN;
}
