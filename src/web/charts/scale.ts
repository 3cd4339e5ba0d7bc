// Scales and tick marks for the SVG charts (Kaplan–Meier, DVH, forest plot, timelines).
// Pure functions, no DOM: unit-tested beside this file.

export type Scale = {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
};

/** Linear map of [d0, d1] onto [r0, r1]; a zero-width domain maps everything to the range middle. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const f = (v: number): number => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0));
  return Object.assign(f, { domain, range });
}

/** Base-10 logarithmic map (hazard ratios); domain bounds must be > 0. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  if (!(domain[0] > 0 && domain[1] > 0)) throw new RangeError("logScale: domain must be positive");
  const inner = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  const f = (v: number): number => inner(Math.log10(v));
  return Object.assign(f, { domain, range });
}

/**
 * "Nice" tick step for about `count` ticks over a span: 1, 2, 2.5 or 5 times a power of ten
 * (the usual choice of plotting libraries, e.g. d3-array ticks; 2.5 added for dose axes).
 */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Tick values from a multiple of the nice step at or above `min` up to `max` (inclusive). */
export function linearTicks(min: number, max: number, count: number): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [];
  if (max < min) return linearTicks(max, min, count);
  if (max === min) return [min];
  const step = niceStep(max - min, count);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(roundTo(i * step, step));
  return out;
}

/** Upper axis bound: `max` rounded up to the nice step (at least `step`). */
export function niceMax(max: number, count: number): number {
  if (!(max > 0)) return 1;
  const step = niceStep(max, count);
  return Math.ceil(max / step - 1e-9) * step;
}

/** Ticks for a log axis: 1, 2, 5 × powers of ten inside [min, max]. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0 && max > min)) return [];
  const out: number[] = [];
  for (let p = Math.floor(Math.log10(min)); p <= Math.ceil(Math.log10(max)); p++) {
    for (const m of [1, 2, 5]) {
      const v = roundTo(m * 10 ** p, 10 ** Math.min(p, 0));
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

/** Removes floating-point noise such as 0.30000000000000004 for a value on a grid of `step`. */
function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(Math.min(decimals, 12)));
}

/** Formats a tick label without trailing zeros (0.5, 1, 2.5, 10). */
export function formatTick(value: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return String(Number(value.toFixed(decimals)));
}
