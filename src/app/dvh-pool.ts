// DVHs of a plan on worker threads (decision 0010: piscina; the worker is dvh.worker.ts). A warm
// pool lives for the process (started on first use or by startDvhWorkers; idle threads do not keep
// the process alive). The calling thread packs the plan into shared memory once, derives the plan's
// frame and plane positions once, and hands each worker a group of work units: an ROI, or one
// section of a large ROI (compute-roi-dvh.ts: sections are runs of whole layers; their number
// depends on the ROI alone). Every section depends only on the plan and the ROI, and each ROI is
// finished from its sections in section order, as the single-thread path does; the results are put
// back in structure-set order, so the DVH set is the single-thread one, value for value
// (dvh-pool.test.ts).
import type { Piscina } from "piscina";
import {
  assembleDvhSet,
  type ComputeDvhsInput,
  computeDvhs,
  type DvhPlan,
  type DvhSet,
  finishPlannedRoi,
  gridVoxelSideMm,
  issue,
  planDvhs,
  type Result,
  type RoiDvhOutcome,
  type RoiDvhSummary,
  type RoiSectionPart,
  releaseDvhPlan,
  roiWorkEstimate,
  sectionsForWork,
  shareDvhPlan,
} from "../core/index.ts";
import type { DvhWorkerResult, DvhWorkerTask } from "./dvh.worker.ts";
import { availableThreads, newWorkerPool } from "./worker-module.ts";

/**
 * Threads for the DVHs: 1 = the calling thread only; n ≥ 2 = up to n worker threads of the pool;
 * "auto" (default) = the pool's threads when the plan is big enough to pay for the hand-over
 * (PARALLEL_MIN_WORK) and the machine has more than one core, else the calling thread.
 */
export type DvhThreads = number | "auto";

/**
 * Estimated work (roiWorkEstimate units) from which "auto" uses a running pool: about 10 ms of
 * single-thread work on the reference machine (the brain SRS plan: 1.2 M units, ≈ 115 ms); the
 * hand-over costs ≈ 1–2 ms.
 */
export const PARALLEL_MIN_WORK = 100_000;

/**
 * Copying the dose into shared memory costs about one work unit per this many voxels (a 512 ×
 * 512 × 200 grid: ≈ 0.15–0.2 s on the reference machine, as much as ≈ 1.6 M units of DVH work).
 */
const VOXELS_PER_WORK = 32;

/**
 * Estimated work from which "auto" starts a pool when none is running (≈ 2 s of single-thread
 * work): a new thread loads the engine and runs it cold (≈ 0.3–1 s before it is warm), so one
 * plan in a short-lived process (the CLI) stays in its thread unless it is very large.
 */
export const POOL_START_MIN_WORK = 20_000_000;

/**
 * Groups of work units per thread: more groups than threads let a free thread take the next one,
 * which evens out the estimates' errors (small ROIs cost more than their estimate says). On the
 * brain SRS plan, 6 per thread instead of 3 cut the busier thread's share from ≈ 61 % to ≈ 54 %.
 */
const GROUPS_PER_THREAD = 6;

let pool: { readonly piscina: Piscina; readonly threads: number } | undefined;

/** Starts the warm pool with `threads` worker threads (default: the machine's cores), replacing one of another size. */
export async function startDvhWorkers(threads: number = availableThreads()): Promise<void> {
  if (pool?.threads === threads) return;
  await stopDvhWorkers();
  pool = { piscina: await newWorkerPool("dvh", { threads }), threads };
}

/** Stops the pool's threads (a later parallel call starts a new pool). */
export async function stopDvhWorkers(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p !== undefined) await p.piscina.destroy();
}

/** Threads of the warm pool, 0 when none is running. */
export function dvhWorkerThreads(): number {
  return pool?.threads ?? 0;
}

/** Checks a `threads` value: a whole number ≥ 1 or "auto". */
export function dvhThreadsIssue(threads: DvhThreads | undefined, path = "threads") {
  if (threads === undefined || threads === "auto" || (Number.isInteger(threads) && threads >= 1))
    return undefined;
  return issue(
    "dvh_option_invalid",
    path,
    `threads must be a whole number ≥ 1 or "auto", got ${String(threads)}`,
  );
}

/**
 * computeDvhs, on `threads` worker threads when asked (or, for "auto", when worth it). The DVH set
 * is the single-thread one; progress is reported as groups of ROIs finish.
 */
export async function computeDvhsWithThreads(
  input: ComputeDvhsInput,
  threads: DvhThreads = "auto",
): Promise<Result<DvhSet>> {
  const bad = dvhThreadsIssue(threads);
  if (bad !== undefined) return { ok: false, issues: [bad] };
  if (threads === 1) return computeDvhs(input);
  // the same estimate roiSectionCount makes, so the sections here are the single-thread ones
  const voxelSide = gridVoxelSideMm(input.grid);
  const estimates = input.structureSet.rois.map((roi) => roiWorkEstimate(roi, voxelSide));
  let want: number;
  if (threads === "auto") {
    const total = estimates.reduce((sum, x) => sum + x, 0);
    const running = pool?.threads ?? 0;
    // the dose is copied once into shared memory: ≈ 1 work unit per VOXELS_PER_WORK voxels
    const handOver = PARALLEL_MIN_WORK + input.grid.doseGy.length / VOXELS_PER_WORK;
    const worth =
      running >= 2 ? total >= handOver : availableThreads() >= 2 && total >= POOL_START_MIN_WORK + handOver;
    if (!worth) return computeDvhs(input);
    want = running >= 2 ? running : availableThreads();
  } else {
    want = threads;
  }
  if (pool === undefined || pool.threads < want) await startDvhWorkers(want);
  return computeOnPool(input, estimates, want, pool!.piscina);
}

async function computeOnPool(
  input: ComputeDvhsInput,
  estimates: readonly number[],
  threads: number,
  piscina: Piscina,
): Promise<Result<DvhSet>> {
  const shared = shareDvhPlan(input.grid, input.structureSet);
  try {
    // the frame is built on the shared grid, so the workers read the dose this thread reads
    const planned = planDvhs({ ...input, grid: shared.grid });
    if (!planned.ok) return planned;
    const plan = planned.value;
    // work units: (position in the selection, section); a large ROI gives several. Per ROI: its
    // summary and parts as they come back, and how many of its sections are still out
    const units: { position: number; section: number; count: number; work: number }[] = [];
    const pending = plan.selected.map((s, position) => {
      const work = estimates[s.index]!;
      const count = sectionsForWork(work);
      for (let section = 0; section < count; section++)
        units.push({ position, section, count, work: work / count });
      return { summary: undefined as RoiDvhSummary | undefined, parts: [] as RoiSectionPart[], left: count };
    });
    const groups = splitWork(
      units.map((u) => u.work),
      Math.min(units.length, threads * GROUPS_PER_THREAD),
    );
    const base = {
      plan: shared,
      frame: plan.frame,
      options: plan.options,
      binWidthGy: plan.binWidthGy,
      knownPlanes: plan.knownPlanes,
      selectedIndex: plan.selected.map((s) => s.index),
    };
    const outcomes: (RoiDvhOutcome | undefined)[] = new Array(plan.selected.length);
    let done = 0;
    const settle = (position: number, outcome: RoiDvhOutcome): void => {
      outcomes[position] = outcome;
      done++;
      input.onProgress?.(done, plan.selected.length, plan.selected[position]!.roi.name);
    };
    // every task settles before the shared dose is given back (no worker may still read it)
    const settled = await Promise.allSettled(
      groups.map(async (group) => {
        // the sections of one ROI in a group go as one unit (the worker prepares the ROI once)
        const byPosition = new Map<number, { position: number; sections: number[]; count: number }>();
        for (const g of group) {
          const u = units[g]!;
          const entry = byPosition.get(u.position) ?? { position: u.position, sections: [], count: u.count };
          entry.sections.push(u.section);
          byPosition.set(u.position, entry);
        }
        const taskUnits = [...byPosition.values()];
        const task: DvhWorkerTask = { ...base, units: taskUnits };
        const r = (await piscina.run(task)) as DvhWorkerResult;
        r.results.forEach((result, k) => {
          const { position, sections } = taskUnits[k]!;
          const p = pending[position]!;
          p.left -= sections.length;
          if (result.kind === "outcome") settle(position, result.outcome);
          else if (result.kind === "parts") {
            if (result.summary !== undefined) p.summary = result.summary;
            result.sections.forEach((s, j) => {
              p.parts[s] = result.parts[j]!;
            });
          }
          // every section in: finish the ROI (an ROI with nothing to section was settled above)
          if (p.left === 0 && outcomes[position] === undefined && p.summary !== undefined) {
            settle(position, finishPlannedRoi(p.summary, p.parts));
          }
        });
      }),
    );
    const failure = settled.find((x) => x.status === "rejected");
    if (failure !== undefined) throw failure.reason;
    return { ok: true, value: assembleDvhSet(withCallerGrid(plan, input), outcomes as RoiDvhOutcome[]) };
  } finally {
    releaseDvhPlan(shared);
  }
}

/** The plan with the caller's grid (not the shared copy) in its frame. */
function withCallerGrid(plan: DvhPlan, input: ComputeDvhsInput): DvhPlan {
  return { ...plan, frame: { ...plan.frame, grid: input.grid } };
}

/**
 * Splits positions 0 … n − 1 (with estimated work) into at most `count` groups of about equal
 * work: largest first, each to the lightest group (LPT); groups returned heaviest first, so the
 * longest work starts first. Deterministic; the split never changes a result, only the timing.
 */
export function splitWork(work: readonly number[], count: number): number[][] {
  const order = work.map((_, i) => i).sort((a, b) => work[b]! - work[a]! || a - b);
  const groups: { load: number; positions: number[] }[] = [];
  for (let g = 0; g < Math.max(1, count); g++) groups.push({ load: 0, positions: [] });
  for (const i of order) {
    let best = groups[0]!;
    for (const g of groups) if (g.load < best.load) best = g;
    best.load += work[i]!;
    best.positions.push(i);
  }
  return groups
    .filter((g) => g.positions.length > 0)
    .sort((a, b) => b.load - a.load)
    .map((g) => g.positions.sort((a, b) => a - b));
}
