// Timing helpers shared by the benches that time short synchronous calls (csv, survival).

/** Median wall-clock and CPU (user + system) seconds of one call. */
export type Timing = { wall: number; cpu: number };

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Seconds as "12.3 ms" below 1 s (two decimals below 10 ms), else "1.23 s". */
export const fmtS = (s: number): string =>
  s < 1 ? `${(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms` : `${s.toFixed(2)} s`;

export const fmtT = (t: Timing): string => `${fmtS(t.wall).padStart(9)} wall ${fmtS(t.cpu).padStart(9)} CPU`;

/** A progress line on stderr. */
export const note = (msg: string): void => {
  process.stderr.write(`  … ${msg}\n`);
};

/**
 * Warms up, then runs `fn` `runs` times (a garbage collection before each, when --expose-gc);
 * medians of the runs. CPU time is printed beside wall time because on a shared machine the wall
 * time mostly measures the other jobs.
 */
export function timeRuns(fn: () => unknown, warmup: number, runs: number): Timing {
  // at least `warmup` calls and at least 1 s of them: short calls need thousands of runs before
  // V8 has optimised every function on their path
  const warmStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmStart < 1000; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push((performance.now() - t) / 1000);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu) };
}
