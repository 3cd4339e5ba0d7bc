// Where along the plane normal (w) each contour plane's shape holds volume, and how much.
import type { DvhOptions } from "./dvh-options.ts";
import type { RoiGeometry } from "./roi-planes.ts";
import { areaInterpolant, capExtentMm } from "./slice-weights.ts";

/** A part of a plane's extent along w with its volume density (smooth within the part). */
export type SlabPart = { readonly a: number; readonly b: number; readonly density: (w: number) => number };

/**
 * The parts of each plane's extent along w, with their volume density (index = plane index).
 * "slab": the plane's shape fills the slab between the midpoints to its neighbours (density 1).
 * "cubic": between two planes the shapes blend linearly (weights 1 − t and t), scaled so that the
 * cross-section area follows the piecewise-cubic interpolant of the planes' areas
 * (areaInterpolant): the volume equals the cubic quadrature and lies along w where the smooth
 * area profile puts it.
 * End caps: beyond the first/last plane of a run, flat (density 1) or tapered (1 → 0).
 */
export function slabParts(geom: RoiGeometry, options: DvhOptions): SlabPart[][] {
  const parts: SlabPart[][] = geom.planes.map(() => []);
  const method = options.sliceIntegration;
  for (const run of geom.runs) {
    const z: number[] = [];
    const areas: number[] = [];
    for (let k = run.first; k <= run.last; k++) {
      z.push(geom.planes[k]!.w);
      areas.push(geom.planes[k]!.netAreaMm2);
    }
    for (let i = 0; i + 1 < z.length; i++) {
      const z0 = z[i]!;
      const z1 = z[i + 1]!;
      const h = z1 - z0;
      if (method === "slab") {
        parts[run.first + i]!.push({ a: z0, b: z0 + h / 2, density: one });
        parts[run.first + i + 1]!.push({ a: z1 - h / 2, b: z1, density: one });
        continue;
      }
      const area = areaInterpolant(z, areas, i, method);
      const a0 = areas[i]!;
      const a1 = areas[i + 1]!;
      // s(w) = A_cubic(w) / A_linear(w), applied to both blended shapes
      const scale = (w: number, t: number): number => {
        const lin = (1 - t) * a0 + t * a1;
        return lin > 0 ? area(w) / lin : 1;
      };
      parts[run.first + i]!.push({
        a: z0,
        b: z1,
        density: (w) => {
          const t = (w - z0) / h;
          return (1 - t) * scale(w, t);
        },
      });
      parts[run.first + i + 1]!.push({
        a: z0,
        b: z1,
        density: (w) => {
          const t = (w - z0) / h;
          return t * scale(w, t);
        },
      });
    }
    const first = geom.planes[run.first]!.w;
    const last = geom.planes[run.last]!.w;
    const lowExt = capExtentMm(options.endCap, run.lowerCapGapMm);
    const highExt = capExtentMm(options.endCap, run.upperCapGapMm);
    const tapered = options.endCap === "tapered";
    if (lowExt > 0) {
      parts[run.first]!.push({
        a: first - lowExt,
        b: first,
        density: tapered ? (w) => 1 - (first - w) / lowExt : one,
      });
    }
    if (highExt > 0) {
      parts[run.last]!.push({
        a: last,
        b: last + highExt,
        density: tapered ? (w) => 1 - (w - last) / highExt : one,
      });
    }
  }
  return parts;
}

const one = (): number => 1;

// 3-point Gauss–Legendre rule on [-1, 1]: exact for polynomials of degree ≤ 5
const G3_X = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)] as const;
const G3_W = [5 / 9, 8 / 9, 5 / 9] as const;

export type Moments = { readonly m: number; readonly c: number; readonly v: number };

/**
 * Weight (∫ density), centroid and variance of a density on [a, b]; exact for densities that are
 * polynomials of degree ≤ 3 on [a, b] (a uniform density gives variance (b − a)²/12).
 */
export function moments(a: number, b: number, density: (w: number) => number): Moments {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  let m = 0;
  let s1 = 0;
  let s2 = 0;
  for (let g = 0; g < 3; g++) {
    const x = mid + half * G3_X[g]!;
    const f = Math.max(0, density(x)) * G3_W[g]! * half;
    m += f;
    s1 += f * x;
    s2 += f * x * x;
  }
  if (!(m > 0)) return { m: 0, c: mid, v: 0 };
  const c = s1 / m;
  return { m, c, v: Math.max(s2 / m - c * c, 0) };
}
