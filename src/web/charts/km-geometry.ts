// Geometry of a Kaplan–Meier figure in data units (months, survival proportion): the
// right-continuous step line, the confidence band and the censor marks. Pure; the React
// component maps these points through scales.

export type Point = readonly [x: number, y: number];

/**
 * Corner points of a right-continuous step function that starts at (0, start): the value is
 * `values[i]` on [times[i], times[i+1]). Times must be ascending; a leading time 0 is allowed
 * (it replaces the start value, as in survfit output with a row at time 0).
 */
export function stepPoints(times: readonly number[], values: readonly number[], start = 1): Point[] {
  const points: Point[] = [[0, start]];
  let current = start;
  const n = Math.min(times.length, values.length);
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    const v = values[i]!;
    if (t === 0) {
      current = v;
      points[0] = [0, v];
      continue;
    }
    if (v !== current) {
      points.push([t, current], [t, v]);
      current = v;
    } else {
      points.push([t, v]);
    }
  }
  return points;
}

/** SVG path data through the points, after mapping each through x and y. */
export function pathData(
  points: readonly Point[],
  x: (v: number) => number,
  y: (v: number) => number,
): string {
  let d = "";
  for (const [i, [px, py]] of points.entries()) {
    d += `${i === 0 ? "M" : "L"}${round2(x(px))},${round2(y(py))}`;
  }
  return d;
}

/**
 * Polygons of the pointwise confidence band: the upper step line forward and the lower step line
 * back. Where a bound is missing (null: undefined at S = 0, or not computed) the band is split, so
 * no area is drawn without both bounds.
 */
export function bandPolygons(
  times: readonly number[],
  lower: readonly (number | null)[],
  upper: readonly (number | null)[],
): Point[][] {
  const polygons: Point[][] = [];
  let segTimes: number[] = [0];
  let segLower: number[] = [1];
  let segUpper: number[] = [1];
  const flush = (endTime: number | undefined): void => {
    if (segTimes.length >= 1) {
      const upperPts = stepSegment(segTimes, segUpper, endTime);
      const lowerPts = stepSegment(segTimes, segLower, endTime);
      if (upperPts.length >= 2) polygons.push([...upperPts, ...lowerPts.reverse()]);
    }
    segTimes = [];
    segLower = [];
    segUpper = [];
  };
  const n = Math.min(times.length, lower.length, upper.length);
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    const lo = lower[i];
    const hi = upper[i];
    if (lo === null || hi === null || lo === undefined || hi === undefined) {
      flush(t);
      continue;
    }
    if (t === 0) {
      segTimes = [0];
      segLower = [lo];
      segUpper = [hi];
      continue;
    }
    segTimes.push(t);
    segLower.push(lo);
    segUpper.push(hi);
  }
  flush(undefined);
  return polygons;
}

/** Step corner points of one band segment, extended to `endTime` when the segment is cut. */
function stepSegment(
  times: readonly number[],
  values: readonly number[],
  endTime: number | undefined,
): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    const v = values[i]!;
    if (i > 0) pts.push([t, values[i - 1]!]);
    pts.push([t, v]);
  }
  const lastValue = values[values.length - 1];
  if (endTime !== undefined && lastValue !== undefined) pts.push([endTime, lastValue]);
  return pts;
}

/** Censor marks: the survival value at each time with at least one censored subject. */
export function censorPoints(
  times: readonly number[],
  survival: readonly number[],
  nCensor: readonly number[],
): Point[] {
  const out: Point[] = [];
  const n = Math.min(times.length, survival.length, nCensor.length);
  for (let i = 0; i < n; i++) {
    if ((nCensor[i] ?? 0) > 0) out.push([times[i]!, survival[i]!]);
  }
  return out;
}

/** Survival at time t read off the step function (1 before the first time). */
export function survivalAt(times: readonly number[], survival: readonly number[], t: number): number {
  let s = 1;
  for (let i = 0; i < times.length && i < survival.length; i++) {
    if (times[i]! <= t) s = survival[i]!;
    else break;
  }
  return s;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
