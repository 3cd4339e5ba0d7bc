// A plan (dose grid + structure set) packed for other threads: the dose and every contour point
// in SharedArrayBuffers, the rest as a few small plain values, so that handing a plan to a worker
// copies no dose and no contour (a structured clone of a typed array on a SharedArrayBuffer
// shares its memory). The worker unpacks views onto the same memory: it reads exactly the values
// the packing thread holds, so a DVH computed there is the one computed here. Also the work
// estimate used to split the ROIs of a plan between threads.
import type { Contour, ContourGeometry, DoseGrid, Roi, StructureSet } from "./types.ts";

const GEOMETRIES: readonly ContourGeometry[] = ["CLOSED_PLANAR", "POINT", "OPEN_PLANAR", "OPEN_NONPLANAR"];

export type SharedRoiMeta = Omit<Roi, "contours"> & {
  /** the ROI's contours are contours firstContour … firstContour + contourCount − 1 of the set */
  readonly firstContour: number;
  readonly contourCount: number;
};

export type SharedDvhPlan = {
  readonly kind: "shared_dvh_plan";
  /** the grid, its doseGy a view of a SharedArrayBuffer */
  readonly grid: DoseGrid;
  /** true when doseGy is this packing's copy (given back by releaseDvhPlan), false when it is the caller's shared array */
  readonly ownsDose: boolean;
  readonly label?: string;
  readonly frameOfReferenceUid?: string;
  readonly rois: readonly SharedRoiMeta[];
  /** per contour: index into GEOMETRIES, and its first point value and value count in `points` */
  readonly contourGeometry: Uint8Array;
  readonly contourStart: Float64Array;
  readonly contourLength: Float64Array;
  /** every contour's x, y, z values (mm), one after the other */
  readonly points: Float64Array;
};

/**
 * Shared memory for the dose and the contour points, reused call after call: a new
 * SharedArrayBuffer per call would live on in every worker thread that saw it until that thread
 * collects garbage (an idle thread may not for a long time), 200 MB a call for a large grid; and
 * making one (zeroed pages) costs more than the copy into it. A call takes a free buffer big
 * enough (or makes one) and gives it back when its workers are done (`releaseDvhPlan`);
 * concurrent calls get different buffers. At most KEEP_SHARED_BYTES stay kept.
 */
const KEEP_SHARED_BYTES = 256 * 2 ** 20;
const freeShared: SharedArrayBuffer[] = [];

function takeSharedBuffer(bytes: number): SharedArrayBuffer {
  let best = -1;
  for (let i = 0; i < freeShared.length; i++) {
    const b = freeShared[i]!;
    if (b.byteLength >= bytes && (best < 0 || b.byteLength < freeShared[best]!.byteLength)) best = i;
  }
  if (best >= 0) return freeShared.splice(best, 1)[0]!;
  return new SharedArrayBuffer(bytes);
}

function giveBack(b: SharedArrayBuffer): void {
  if (freeShared.includes(b)) return;
  freeShared.push(b);
  freeShared.sort((x, y) => y.byteLength - x.byteLength);
  let kept = 0;
  for (let i = 0; i < freeShared.length; i++) {
    kept += freeShared[i]!.byteLength;
    if (kept > KEEP_SHARED_BYTES) {
      freeShared.splice(i);
      break;
    }
  }
}

/** Gives a packed plan's dose and points buffers back for the next call; the plan must no longer be read. */
export function releaseDvhPlan(plan: SharedDvhPlan): void {
  if (plan.ownsDose) giveBack(plan.grid.doseGy.buffer as SharedArrayBuffer);
  giveBack(plan.points.buffer as SharedArrayBuffer);
}

/**
 * Packs a plan for other threads: one copy of the dose (into a reused shared buffer, unless the
 * dose already is shared memory) and of the contours. Release it with `releaseDvhPlan`.
 */
export function shareDvhPlan(grid: DoseGrid, ss: StructureSet): SharedDvhPlan {
  let contours = 0;
  let values = 0;
  for (const roi of ss.rois) {
    contours += roi.contours.length;
    for (const c of roi.contours) values += c.pointsMm.length;
  }
  const contourGeometry = new Uint8Array(new SharedArrayBuffer(Math.max(contours, 1)));
  const contourStart = new Float64Array(new SharedArrayBuffer(8 * Math.max(contours, 1)));
  const contourLength = new Float64Array(new SharedArrayBuffer(8 * Math.max(contours, 1)));
  const points = new Float64Array(takeSharedBuffer(8 * Math.max(values, 1)), 0, Math.max(values, 1));
  const rois: SharedRoiMeta[] = [];
  let k = 0;
  let at = 0;
  for (const roi of ss.rois) {
    const { contours: list, ...meta } = roi;
    rois.push({ ...meta, firstContour: k, contourCount: list.length });
    for (const c of list) {
      contourGeometry[k] = Math.max(0, GEOMETRIES.indexOf(c.geometry));
      contourStart[k] = at;
      contourLength[k] = c.pointsMm.length;
      points.set(c.pointsMm, at);
      at += c.pointsMm.length;
      k++;
    }
  }
  const ownsDose = !(grid.doseGy.buffer instanceof SharedArrayBuffer);
  let doseGy = grid.doseGy;
  if (ownsDose) {
    doseGy = new Float32Array(takeSharedBuffer(grid.doseGy.byteLength), 0, grid.doseGy.length);
    doseGy.set(grid.doseGy);
  }
  return {
    kind: "shared_dvh_plan",
    grid: { ...grid, doseGy },
    ownsDose,
    ...(ss.label !== undefined ? { label: ss.label } : {}),
    ...(ss.frameOfReferenceUid !== undefined ? { frameOfReferenceUid: ss.frameOfReferenceUid } : {}),
    rois,
    contourGeometry,
    contourStart,
    contourLength,
    points,
  };
}

/** The grid and structure set of a packed plan, as views onto its shared memory. */
export function openSharedDvhPlan(plan: SharedDvhPlan): { grid: DoseGrid; structureSet: StructureSet } {
  const rois: Roi[] = plan.rois.map(({ firstContour, contourCount, ...meta }) => {
    const contours: Contour[] = [];
    for (let k = firstContour; k < firstContour + contourCount; k++) {
      const start = plan.contourStart[k]!;
      contours.push({
        geometry: GEOMETRIES[plan.contourGeometry[k]!] ?? "CLOSED_PLANAR",
        pointsMm: plan.points.subarray(start, start + plan.contourLength[k]!),
      });
    }
    return { ...meta, contours };
  });
  return {
    grid: plan.grid,
    structureSet: {
      kind: "structure_set",
      ...(plan.label !== undefined ? { label: plan.label } : {}),
      ...(plan.frameOfReferenceUid !== undefined ? { frameOfReferenceUid: plan.frameOfReferenceUid } : {}),
      rois,
    },
  };
}

/** The voxel side (mm) work estimates use: the geometric mean of the grid's pixel spacing. */
export function gridVoxelSideMm(grid: DoseGrid): number {
  return Math.sqrt(grid.pixelSpacingMm[0] * grid.pixelSpacingMm[1]);
}

/**
 * Estimated work of one ROI's DVH (in raster cells met, for splitting a plan between threads):
 * the cells its closed contours cover at the sub-voxel factor the engine would choose for its
 * half-width (about 8 cells across 2·area/perimeter, at most 16 per voxel side), plus its contour
 * points and a fixed cost per ROI. Rough on purpose: it only orders and groups work, it never
 * changes a result.
 */
export function roiWorkEstimate(roi: Roi, voxelSideMm: number): number {
  let areaMm2 = 0;
  let perimeterMm = 0;
  let points = 0;
  let cellsAt1 = 0;
  for (const c of roi.contours) {
    if (c.geometry !== "CLOSED_PLANAR") continue;
    const p = c.pointsMm;
    const n = p.length / 3;
    // vector area of the planar polygon (its area whatever the plane's orientation)
    let ax = 0;
    let ay = 0;
    let az = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = p[3 * i]!;
      const yi = p[3 * i + 1]!;
      const zi = p[3 * i + 2]!;
      const xj = p[3 * j]!;
      const yj = p[3 * j + 1]!;
      const zj = p[3 * j + 2]!;
      ax += yj * zi - zj * yi;
      ay += zj * xi - xj * zi;
      az += xj * yi - yj * xi;
      const dx = xi - xj;
      const dy = yi - yj;
      const dz = zi - zj;
      // Math.sqrt, not Math.hypot (several times slower in V8, and no overflow is possible here)
      perimeterMm += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    const a = Math.sqrt(ax * ax + ay * ay + az * az) / 2;
    areaMm2 += a;
    points += n;
    cellsAt1 += a / (voxelSideMm * voxelSideMm);
  }
  if (points === 0) return 0;
  const halfWidth = perimeterMm > 0 ? (2 * areaMm2) / perimeterMm : voxelSideMm;
  const k = Math.min(16, Math.max(1, Math.ceil((8 * voxelSideMm) / Math.max(halfWidth, 1e-3))));
  return cellsAt1 * k * k + 2 * points + 2000;
}
