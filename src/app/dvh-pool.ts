// DVHs of a plan on worker threads (decision 0010: piscina; the worker is dvh.worker.ts). A warm
// pool lives for the process (started on first use or by startDvhWorkers; idle threads do not keep
// the process alive). The calling thread packs the plan into shared memory once, derives the plan's
// frame and plane positions once, and hands each worker a group of ROIs; every ROI's DVH depends
// only on the plan and the ROI (computePlannedRoi), and the results are put back in structure-set
// order, so the DVH set is the single-thread one, value for value (dvh-pool.test.ts).
import type { Piscina } from "piscina";
import {
  assembleDvhSet,
  type ComputeDvhsInput,
  computeDvhs,
  type DvhPlan,
  type DvhSet,
  issue,
  planDvhs,
  type Result,
  type RoiDvhOutcome,
  releaseDvhPlan,
  roiWorkEstimate,
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

/** Groups of ROIs per thread: more groups than threads let a free thread take the next one. */
const GROUPS_PER_THREAD = 3;

let pool: { readonly piscina: Piscina; readonly threads: number } | undefined;

/** Starts the warm pool with `threads` worker threads (default: the machine's cores), replacing one of another size. */
export async function startDvhWorkers(threads: number = availableThreads()): Promise<void> {
  if (pool?.threads === threads) return;
  await stopDvhWorkers();
  pool = { piscina: newWorkerPool("dvh", { threads }), threads };
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
  const estimates = input.structureSet.rois.map((roi) =>
    roiWorkEstimate(roi, Math.sqrt(input.grid.pixelSpacingMm[0] * input.grid.pixelSpacingMm[1])),
  );
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
    const groups = splitWork(
      plan.selected.map((s) => estimates[s.index]!),
      Math.min(plan.selected.length, threads * GROUPS_PER_THREAD),
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
    // every task settles before the shared dose is given back (no worker may still read it)
    const settled = await Promise.allSettled(
      groups.map(async (positions) => {
        const task: DvhWorkerTask = { ...base, positions };
        const r = (await piscina.run(task)) as DvhWorkerResult;
        r.positions.forEach((p, k) => {
          outcomes[p] = r.outcomes[k];
          done++;
          input.onProgress?.(done, plan.selected.length, plan.selected[p]!.roi.name);
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
