// How much thickness (mm) each contour plane stands for when the structure volume is integrated
// along the plane normal. A run is a sequence of planes of one ROI without gaps.
//
// "slab": each plane stands for the slab between the midpoints to its neighbours (the classic
//   stack-of-slabs model; the trapezoid rule on the cross-section area profile).
// "cubic": the cross-section area profile A(z) is integrated with piecewise-cubic Lagrange
//   interpolation through 4 neighbouring planes (centred on inner intervals, one-sided on the
//   first and last; 3 planes when a run has only 3). Exact when A(z) is a polynomial of degree
//   ≤ 3 (cylinders, cones, spheres) and markedly better than the slab model for any smooth shape
//   that narrows towards its ends.
//   Falls back to the trapezoid rule on an interval whose neighbouring gaps differ by more than
//   50 % (irregular plane spacing), so weights stay positive.
//
// End caps extend the first and last plane of a run beyond the contours: none (0), half (half
// the adjacent gap, the default, as in Nelms et al. 2015 and most planning systems), full (one
// gap), tapered (half a gap whose occupancy falls linearly to zero: half the volume of a flat
// half-gap cap, like surface-based systems that round the ends).

export type SliceIntegration = "cubic" | "slab";
export type EndCap = "none" | "half" | "full" | "tapered";

export const END_CAPS: readonly EndCap[] = ["none", "half", "full", "tapered"];
export const SLICE_INTEGRATIONS: readonly SliceIntegration[] = ["cubic", "slab"];

/** Thickness (mm) each plane stands for between the first and the last plane (caps excluded). */
export function sliceWeightsMm(z: readonly number[], method: SliceIntegration): Float64Array {
  const n = z.length;
  const w = new Float64Array(n);
  if (n < 2) return w;
  for (let i = 0; i + 1 < n; i++) {
    const h = z[i + 1]! - z[i]!;
    const stencil = method === "cubic" ? cubicStencil(z, i) : undefined;
    if (stencil === undefined) {
      w[i] = w[i]! + h / 2;
      w[i + 1] = w[i + 1]! + h / 2;
      continue;
    }
    const nodes = stencil.map((k) => z[k]!);
    for (let s = 0; s < stencil.length; s++) {
      const k = stencil[s]!;
      w[k] = w[k]! + integrateLagrangeBasis(nodes, s, z[i]!, z[i + 1]!);
    }
  }
  return w;
}

/** Planes used to interpolate on interval [z_i, z_{i+1}], or undefined for the trapezoid rule. */
function cubicStencil(z: readonly number[], i: number): number[] | undefined {
  const n = z.length;
  if (n < 3) return undefined;
  let stencil: number[];
  if (n === 3) stencil = [0, 1, 2];
  else if (i === 0) stencil = [0, 1, 2, 3];
  else if (i === n - 2) stencil = [n - 4, n - 3, n - 2, n - 1];
  else stencil = [i - 1, i, i + 1, i + 2];
  // gaps within the stencil must be alike, or the interpolant overshoots
  let gMin = Number.POSITIVE_INFINITY;
  let gMax = 0;
  for (let s = 0; s + 1 < stencil.length; s++) {
    const g = z[stencil[s + 1]!]! - z[stencil[s]!]!;
    if (g < gMin) gMin = g;
    if (g > gMax) gMax = g;
  }
  return gMax <= 1.5 * gMin ? stencil : undefined;
}

// 3-point Gauss–Legendre rule on [-1, 1]: exact for polynomials of degree ≤ 5.
const GAUSS3_X = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)] as const;
const GAUSS3_W = [5 / 9, 8 / 9, 5 / 9] as const;

/** ∫ from a to b of the Lagrange basis polynomial of node s over `nodes`. */
function integrateLagrangeBasis(nodes: readonly number[], s: number, a: number, b: number): number {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  let sum = 0;
  for (let g = 0; g < 3; g++) {
    const x = mid + half * GAUSS3_X[g]!;
    let l = 1;
    for (let k = 0; k < nodes.length; k++) {
      if (k !== s) l *= (x - nodes[k]!) / (nodes[s]! - nodes[k]!);
    }
    sum += GAUSS3_W[g]! * l;
  }
  return sum * half;
}

/**
 * The cross-section area A(w) on interval [z_i, z_{i+1}] interpolated as the weights above
 * integrate it (cubic Lagrange, or linear where the trapezoid rule applies), so that
 * ∫ A(w) dw over the run equals Σ weight_k · A_k. Negative values are clipped to zero.
 */
export function areaInterpolant(
  z: readonly number[],
  areas: readonly number[],
  i: number,
  method: SliceIntegration,
): (w: number) => number {
  const stencil = method === "cubic" ? cubicStencil(z, i) : undefined;
  if (stencil === undefined) {
    const a = areas[i]!;
    const b = areas[i + 1]!;
    const z0 = z[i]!;
    const h = z[i + 1]! - z0;
    return (w) => a + ((w - z0) / h) * (b - a);
  }
  const nodes = stencil.map((k) => z[k]!);
  const values = stencil.map((k) => areas[k]!);
  return (w) => {
    let sum = 0;
    for (let s = 0; s < nodes.length; s++) {
      let l = 1;
      for (let k = 0; k < nodes.length; k++) if (k !== s) l *= (w - nodes[k]!) / (nodes[s]! - nodes[k]!);
      sum += values[s]! * l;
    }
    return sum > 0 ? sum : 0;
  };
}

/** Extent (mm) of an end cap beyond a run's end plane, for the adjacent gap. */
export function capExtentMm(cap: EndCap, gapMm: number): number {
  switch (cap) {
    case "none":
      return 0;
    case "half":
    case "tapered":
      return gapMm / 2;
    case "full":
      return gapMm;
  }
}
