// Worker thread of the DVH pool (decision 0010; started by compute-dvh.ts through
// newWorkerPool("dvh")). One task = some sections of some ROIs of one plan (a large ROI is
// computed in sections, compute-roi-dvh.ts): the plan arrives packed in shared memory
// (shareDvhPlan: no dose or contour is copied), with the frame, options and plane positions the
// calling thread already derived, so this thread computes each section exactly as the calling
// thread would (computePlannedSections) and sends the parts back, their arrays moved, not copied.
// No plan is kept after its task (a large grid is not pinned by an idle thread).
import { Piscina } from "piscina";
import {
  computePlannedSections,
  type DvhOptions,
  type DvhPlan,
  type GridFrame,
  openSharedDvhPlan,
  type PlannedSections,
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
  /** what to compute: sections of the ROI at a position in the selection */
  readonly units: readonly {
    readonly position: number;
    /** sections to compute, of `count` (the ROI's sectionsForWork) */
    readonly sections: readonly number[];
    readonly count: number;
  }[];
};

export type DvhWorkerResult = {
  /** per unit of the task, in order */
  readonly results: readonly PlannedSections[];
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
  const results = task.units.map((u) =>
    computePlannedSections(plan, u.position, u.sections, u.count, scratch),
  );
  releaseScratch(scratch);
  const buffers = new Set<ArrayBuffer>();
  const move = (a: Float64Array): void => {
    // each array owns its buffer (fresh per ROI or section), so moving it leaves nothing else broken
    if (a.buffer instanceof ArrayBuffer && a.byteLength === a.buffer.byteLength && a.byteLength > 0) {
      buffers.add(a.buffer);
    }
  };
  for (const r of results) {
    if (r.kind === "parts") for (const p of r.parts) move(p.differentialMm3);
    else if (r.kind === "outcome" && r.outcome.ok) {
      const v = r.outcome.value;
      for (const a of [v.differentialCc, v.curveDoseGy, v.curveVolumeCc]) move(a);
    }
  }
  const result: DvhWorkerResult = { results };
  // piscina's protocol for a result whose buffers are moved: the value and the list to transfer
  const movable = { [Piscina.transferableSymbol]: [...buffers], [Piscina.valueSymbol]: result };
  return Piscina.move(movable as unknown as Parameters<typeof Piscina.move>[0]);
}
