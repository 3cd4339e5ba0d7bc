// Worker thread of the DVH pool (decision 0010; started by compute-dvh.ts through
// newWorkerPool("dvh")). One task = some ROIs of one plan: the plan arrives packed in shared
// memory (shareDvhPlan: no dose or contour is copied), with the frame, options and plane positions
// the calling thread already derived, so this thread computes each ROI exactly as the calling
// thread would (computePlannedRoi) and sends the DVHs back, their arrays moved, not copied. No
// plan is kept after its task (a large grid is not pinned by an idle thread).
import { Piscina } from "piscina";
import {
  computePlannedRoi,
  type DvhOptions,
  type DvhPlan,
  type GridFrame,
  openSharedDvhPlan,
  type RoiDvhOutcome,
  releaseScratch,
  type SharedDvhPlan,
  takeScratch,
} from "../core/index.ts";

export type DvhWorkerTask = {
  readonly plan: SharedDvhPlan;
  /** the plan's frame, built on the shared grid by the calling thread */
  readonly frame: GridFrame;
  readonly options: DvhOptions;
  readonly binWidthGy: number;
  readonly knownPlanes: Float64Array;
  /** structure-set index of each selected ROI, in selection order */
  readonly selectedIndex: readonly number[];
  /** positions in the selection to compute in this task */
  readonly positions: readonly number[];
};

export type DvhWorkerResult = {
  readonly positions: readonly number[];
  readonly outcomes: readonly RoiDvhOutcome[];
};

/** The plan of a task: views onto the shared memory, the rest as the calling thread derived it. */
function planOf(task: DvhWorkerTask): DvhPlan {
  const { structureSet } = openSharedDvhPlan(task.plan);
  return {
    frame: task.frame,
    options: task.options,
    binWidthGy: task.binWidthGy,
    knownPlanes: task.knownPlanes,
    selected: task.selectedIndex.map((index) => ({ roi: structureSet.rois[index]!, index })),
    warnings: [],
  };
}

export default function computeDvhTask(task: DvhWorkerTask): unknown {
  const plan = planOf(task);
  // raster buffers kept from task to task, as computeDvhs keeps them from call to call
  // (scratch.ts: not given back after an exception, which may leave a buffer dirty)
  const scratch = takeScratch();
  const outcomes = task.positions.map((i) => computePlannedRoi(plan, i, scratch));
  releaseScratch(scratch);
  const buffers = new Set<ArrayBuffer>();
  for (const o of outcomes) {
    if (!o.ok) continue;
    for (const a of [o.value.differentialCc, o.value.curveDoseGy, o.value.curveVolumeCc]) {
      // each array owns its buffer (fresh per ROI), so moving it leaves nothing else broken
      if (a.buffer instanceof ArrayBuffer && a.byteLength === a.buffer.byteLength && a.byteLength > 0) {
        buffers.add(a.buffer);
      }
    }
  }
  const result: DvhWorkerResult = { positions: task.positions, outcomes };
  // piscina's protocol for a result whose buffers are moved: the value and the list to transfer
  const movable = { [Piscina.transferableSymbol]: [...buffers], [Piscina.valueSymbol]: result };
  return Piscina.move(movable as unknown as Parameters<typeof Piscina.move>[0]);
}
