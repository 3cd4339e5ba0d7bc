// Analytic phantoms for DVH tests and benchmarks: dose grids filled from a formula, and ROIs made
// of regular polygons (circles) whose areas are known exactly (n/2 · r² · sin(2π/n)).
import type { Contour, DoseGrid, Roi, StructureSet, Vec3 } from "../../src/core/index.ts";

export type GridSpec = {
  readonly columns: number;
  readonly rows: number;
  readonly frames: number;
  /** [x, y, z] spacing (mm): between columns, rows and frames */
  readonly spacingMm: readonly [number, number, number];
  /** patient coordinates of the first voxel centre of frame 0 */
  readonly originMm: Vec3;
  /** dose (Gy) at a patient point */
  readonly dose: (x: number, y: number, z: number) => number;
  /** frames stored in descending z (GridFrameOffsetVector 0, −dz, …) */
  readonly descending?: boolean;
  /** rows run along −y (ImageOrientationPatient 1\0\0\0\−1\0) */
  readonly flipRows?: boolean;
  readonly frameOfReferenceUid?: string;
};

/** A DoseGrid with axis-aligned orientation (optionally flipped rows / descending frames). */
export function analyticGrid(spec: GridSpec): DoseGrid {
  const { columns, rows, frames } = spec;
  const [dx, dy, dz] = spec.spacingMm;
  const colDirY = spec.flipRows ? -1 : 1;
  const frameStep = spec.descending ? -dz : dz;
  const dose = new Float32Array(columns * rows * frames);
  const offsets = new Float64Array(frames);
  for (let k = 0; k < frames; k++) {
    const z = spec.originMm[2] + k * frameStep;
    // GridFrameOffsetVector runs along the normal rowDirection × columnDirection = (0, 0, colDirY)
    offsets[k] = colDirY * k * frameStep;
    for (let j = 0; j < rows; j++) {
      const y = spec.originMm[1] + colDirY * j * dy;
      for (let i = 0; i < columns; i++) {
        const x = spec.originMm[0] + i * dx;
        dose[(k * rows + j) * columns + i] = spec.dose(x, y, z);
      }
    }
  }
  return {
    kind: "dose_grid",
    columns,
    rows,
    frames,
    originMm: spec.originMm,
    rowDirection: [1, 0, 0],
    columnDirection: [0, colDirY, 0],
    pixelSpacingMm: [dy, dx],
    frameOffsetsMm: offsets,
    doseGy: dose,
    summationType: "PLAN",
    doseType: "PHYSICAL",
    ...(spec.frameOfReferenceUid !== undefined ? { frameOfReferenceUid: spec.frameOfReferenceUid } : {}),
  };
}

/** A regular n-gon of circumradius r in the plane z (counter-clockwise), as ContourData. */
export function circlePoints(cx: number, cy: number, z: number, r: number, n = 128): Float64Array {
  const p = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    p[3 * i] = cx + r * Math.cos(a);
    p[3 * i + 1] = cy + r * Math.sin(a);
    p[3 * i + 2] = z;
  }
  return p;
}

/** Area (mm²) of the regular n-gon of circumradius r. */
export function polygonAreaMm2(r: number, n = 128): number {
  return (n / 2) * r * r * Math.sin((2 * Math.PI) / n);
}

/** A rectangle [x0, x1] × [y0, y1] in the plane z, as ContourData. */
export function rectPoints(x0: number, y0: number, x1: number, y1: number, z: number): Float64Array {
  return Float64Array.from([x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z]);
}

export const closed = (pointsMm: Float64Array): Contour => ({ geometry: "CLOSED_PLANAR", pointsMm });

/** Planes z0, z0 + s, …, z1 (inclusive, within rounding). */
export function planesZ(z0: number, z1: number, s: number): number[] {
  const n = Math.round((z1 - z0) / s);
  return Array.from({ length: n + 1 }, (_, k) => z0 + k * s);
}

/** An axial cylinder: the same n-gon on every plane from z0 to z1. */
export function cylinderRoi(
  number: number,
  name: string,
  c: { x: number; y: number },
  r: number,
  z0: number,
  z1: number,
  sliceMm: number,
  n = 128,
): Roi {
  return {
    number,
    name,
    contours: planesZ(z0, z1, sliceMm).map((z) => closed(circlePoints(c.x, c.y, z, r, n))),
  };
}

/** A sphere contoured on planes centre.z + k·s; planes whose circle radius is below 1e-6 mm are left out. */
export function sphereRoi(
  number: number,
  name: string,
  centre: Vec3,
  r: number,
  sliceMm: number,
  n = 128,
): Roi {
  const contours: Contour[] = [];
  const kMax = Math.floor(r / sliceMm + 1e-9);
  for (let k = -kMax; k <= kMax; k++) {
    const z = centre[2] + k * sliceMm;
    const rho = Math.sqrt(Math.max(0, r * r - (k * sliceMm) ** 2));
    if (rho > 1e-6) contours.push(closed(circlePoints(centre[0], centre[1], z, rho, n)));
  }
  return { number, name, contours };
}

export function structureSet(rois: readonly Roi[], frameOfReferenceUid?: string): StructureSet {
  return {
    kind: "structure_set",
    rois,
    ...(frameOfReferenceUid !== undefined ? { frameOfReferenceUid } : {}),
  };
}
