// The DVH of one ROI (method in docs/dvh.md):
// 1. contours → planes in the dose grid's frame, runs without gaps (roi-planes.ts);
// 2. each plane holds volume along the grid normal w: blended with its neighbours, plus end caps
//    at the ends of a run (slab-parts.ts, slice-weights.ts);
// 3. in-plane: exact even-odd fractional coverage on cells that subdivide the dose voxels
//    (coverage.ts), finer for small ROIs (adaptive supersampling);
// 4. along w: thin layers that never straddle a dose frame (layers.ts). Each plane adds, per
//    cell, its covered volume and that volume's first and second moments along w to the layers
//    it reaches;
// 5. each (layer, cell) box meets the dose once: trilinear dose at its centroid, and its volume
//    spread over the box's dose range (gradient × extent) in the histogram (dose-histogram.ts);
// 6. boxes outside the dose grid count as volume outside the grid, not rescaled into the DVH.
// A large ROI is computed in sections (runs of whole layers, roiSectionCount): each section
// rasterises only the planes that reach its layers and keeps its own histogram; the sections are
// then added in order (finishRoiDvh). The split depends on the ROI alone, never on the threads
// that compute it, so a ROI's DVH is the same whether its sections run in one thread or several.
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import { AreaRasterizer, type CellRaster, CoverageRuns, EvenOddRasterizer } from "./coverage.ts";
import { DoseHistogramBuilder } from "./dose-histogram.ts";
import type { DvhOptions } from "./dvh-options.ts";
import { gridVoxelSideMm, roiWorkEstimate } from "./dvh-plan-share.ts";
import { type AxisTable, axisTable, FrameMap } from "./frame-maps.ts";
import { doseAtGridMm, type GridFrame } from "./grid-frame.ts";
import { buildLayers, type Layers } from "./layers.ts";
import { cumulativeKnots, type DvhSampling, type RoiDvh } from "./roi-dvh.ts";
import { type RoiGeometry, roiGeometry } from "./roi-planes.ts";
import { DvhScratch } from "./scratch.ts";
import { moments, type SlabPart, slabParts } from "./slab-parts.ts";
import type { Roi } from "./types.ts";

/** rowLo of a row no cell of the layer touches (rowHi is then −1). */
const UNTOUCHED = 0x3fffffff;
/** bLo of a layer no row of which is touched (bHi is then −1). */
const BIG_ROW = 0x3fffffff;

/** Raster cells of an ROI are limited to this many (memory); supersampling is reduced to fit. */
const MAX_RASTER_CELLS = 4_000_000;

export type RoiDvhInput = {
  readonly frame: GridFrame;
  readonly roi: Roi;
  /** plane positions of the whole structure set (structureSetPlanes) */
  readonly knownPlanes: Float64Array;
  readonly options: DvhOptions;
  readonly binWidthGy: number;
  /** names the ROI in issues, e.g. "structureSet.rois[3]" */
  readonly path: string;
  /** working memory shared with the other ROIs of a call (default: fresh) */
  readonly scratch?: DvhScratch;
};

/**
 * Per-cell volume gathered in one layer: its moments along w (m, m1, m2) and, for the part that
 * came from partly covered cells, its in-plane centroid offset and spread (pm, pu, pv, puu, pvv;
 * fully covered cells add offset 0 and variance 1/12 implicitly). Runs of fully covered cells
 * (the interior of a plane) are added in O(1) each as differences along their row (rm, rm1, rm2,
 * and the count of open runs rn; index b·(nu + 1) + a), summed once when the layer meets the dose.
 * rowLo/rowHi bound the columns touched in each row (rowHi < rowLo: untouched).
 */
type LayerAccumulator = {
  readonly m: Float64Array;
  readonly m1: Float64Array;
  readonly m2: Float64Array;
  readonly pm: Float64Array;
  readonly pu: Float64Array;
  readonly pv: Float64Array;
  readonly puu: Float64Array;
  readonly pvv: Float64Array;
  readonly rm: Float64Array;
  readonly rm1: Float64Array;
  readonly rm2: Float64Array;
  readonly rn: Int32Array;
  readonly rowLo: Int32Array;
  readonly rowHi: Int32Array;
  bLo: number;
  bHi: number;
};

/** In-plane moments of the partly covered cells of one plane (index = slot). */
type PartialMoments = { du: Float64Array; dv: Float64Array; vu: Float64Array; vv: Float64Array };

/**
 * One ROI's DVH computed in `sections` sections (default roiSectionCount) in this thread: the
 * same value, bit for bit, as its sections computed in any threads and finished by finishRoiDvh.
 */
export function computeRoiDvh(input: RoiDvhInput, sections?: number): Result<RoiDvh> {
  const prepared = prepareRoiDvh(input);
  if (prepared.kind !== "prepared") return prepared.result;
  const count = sections ?? roiSectionCount(input.roi, input.frame);
  const scratch = input.scratch ?? new DvhScratch();
  const parts: RoiSectionPart[] = [];
  for (let s = 0; s < count; s++) parts.push(computeRoiSection(prepared, s, count, scratch));
  return ok(finishRoiDvh(prepared.summary, parts));
}

/**
 * Sections an ROI is computed in: one per SECTION_WORK of estimated work (roiWorkEstimate,
 * rounded), at most MAX_SECTIONS. Depends on the ROI and the grid's pixel spacing only.
 */
export function roiSectionCount(roi: Roi, frame: GridFrame): number {
  return sectionsForWork(roiWorkEstimate(roi, gridVoxelSideMm(frame.grid)));
}

/** Sections for an ROI of estimated work `work` (roiWorkEstimate with the grid's voxel side). */
export function sectionsForWork(work: number): number {
  return Math.min(MAX_SECTIONS, Math.max(1, Math.round(work / SECTION_WORK)));
}

/**
 * Work (roiWorkEstimate units, ≈ 0.1 µs each on the reference machine) per section: ≈ 12–15 ms
 * of single-thread work, so a plan's largest ROIs split into pieces that threads can share evenly
 * (the brain SRS plan: BODY in 4 sections, the brain outline in 2), while what each section
 * repeats (the planes at its ends, the dose maps of its end frames) stays a few per cent.
 */
export const SECTION_WORK = 150_000;
/** Sections of one ROI at most. */
export const MAX_SECTIONS = 16;

/** What finishing an ROI needs besides its sections' parts (plain data: it crosses threads). */
export type RoiDvhSummary = {
  readonly base: {
    readonly kind: "roi_dvh";
    readonly roiNumber: number;
    readonly roiName: string;
    readonly interpretedType?: string;
  };
  readonly label: string;
  readonly path: string;
  readonly binWidthGy: number;
  readonly pointDosesGy?: readonly number[];
  readonly warnings: readonly Issue[];
  readonly gridExtentMm: NonNullable<RoiDvh["gridExtentMm"]>;
  /** the ROI's sampling, but for what its sections add up (samples, thickest layer) */
  readonly sampling: Omit<DvhSampling, "samples" | "sliceStepMm">;
};

/** One section's share of an ROI: its histogram and sums (plain data: it crosses threads). */
export type RoiSectionPart = {
  readonly volumeMm3: number;
  readonly doseVolume: number;
  readonly minGy: number;
  readonly maxGy: number;
  readonly samples: number;
  readonly outsideMm3: number;
  readonly maxLayerMm: number;
  /** differential histogram (mm³ per bin) of the section's volume inside the grid */
  readonly differentialMm3: Float64Array;
};

/** An ROI ready for its sections: geometry, raster and layers (deterministic in the input). */
export type PreparedRoi = {
  readonly kind: "prepared";
  readonly summary: RoiDvhSummary;
  readonly frame: GridFrame;
  readonly geom: RoiGeometry;
  readonly parts: readonly SlabPart[][];
  readonly raster: CellRaster;
  readonly col: AxisTable;
  readonly row: AxisTable;
  readonly layers: Layers;
  readonly needFrom: Float64Array;
  readonly binWidthGy: number;
};

/**
 * Everything an ROI's sections share, or the finished result when there is nothing to section
 * (invalid contours, or no closed contour).
 */
export function prepareRoiDvh(
  input: RoiDvhInput,
): PreparedRoi | { readonly kind: "done"; readonly result: Result<RoiDvh> } {
  const { frame, roi, knownPlanes, options, binWidthGy, path } = input;
  const geom = roiGeometry(roi, frame, knownPlanes, path);
  if (geom.errors.length > 0) return { kind: "done", result: fail(geom.errors) };
  const warnings: Issue[] = [...geom.warnings];
  const label = `ROI "${roi.name}" (#${roi.number})`;
  const base = {
    kind: "roi_dvh" as const,
    roiNumber: roi.number,
    roiName: roi.name,
    ...(roi.interpretedType !== undefined ? { interpretedType: roi.interpretedType } : {}),
  };
  const pointDoses =
    geom.points.length > 0
      ? { pointDosesGy: geom.points.map((p) => doseAtGridMm(frame, p[0], p[1], p[2])) }
      : {};
  if (pointDoses.pointDosesGy?.some(Number.isNaN)) {
    warnings.push(issue("dvh_point_outside_grid", path, `${label}: a point lies outside the dose grid`));
  }

  if (geom.planes.length === 0) {
    if (geom.points.length === 0) {
      warnings.push(issue("dvh_roi_empty", path, `${label} has no closed contour and no point: no DVH`));
    }
    return {
      kind: "done",
      result: ok({
        ...base,
        volumeCc: 0,
        volumeOutsideGridCc: 0,
        minGy: Number.NaN,
        meanGy: Number.NaN,
        maxGy: Number.NaN,
        binWidthGy,
        differentialCc: new Float64Array(0),
        curveDoseGy: new Float64Array(0),
        curveVolumeCc: new Float64Array(0),
        ...pointDoses,
        warnings,
      }),
    };
  }

  const parts = slabParts(geom, options);
  const { ku, kv } = chooseSampling(frame, geom, parts, options);
  const hu = frame.du / ku;
  const hv = frame.dv / kv;

  // raster aligned with the dose voxels: cells subdivide voxels exactly
  const u0 = (Math.floor(geom.uMin / frame.du + 0.5) - 0.5) * frame.du;
  const v0 = (Math.floor(geom.vMin / frame.dv + 0.5) - 0.5) * frame.dv;
  const nu = Math.max(1, Math.ceil((geom.uMax - u0) / hu - 1e-9));
  const nv = Math.max(1, Math.ceil((geom.vMax - v0) / hv - 1e-9));
  const raster: CellRaster = { u0, v0, hu, hv, nu, nv };
  const col = axisTable(u0, hu, nu, frame.du, frame.columns);
  const row = axisTable(v0, hv, nv, frame.dv, frame.rows);

  // layers along w over the ROI's whole extent
  let wStart = Number.POSITIVE_INFINITY;
  let wEnd = Number.NEGATIVE_INFINITY;
  for (const list of parts) {
    for (const p of list) {
      if (p.a < wStart) wStart = p.a;
      if (p.b > wEnd) wEnd = p.b;
    }
  }
  const layers =
    wEnd > wStart
      ? buildLayers(frame, wStart, wEnd, geom, Math.min(hu, hv), options.maxDoseStepGy)
      : buildLayers(frame, 0, 0, geom, 1, 1);
  // earliest w still needed by planes k… (a layer ending before it can meet the dose)
  const needFrom = new Float64Array(geom.planes.length + 1).fill(Number.POSITIVE_INFINITY);
  for (let k = geom.planes.length - 1; k >= 0; k--) {
    let s = needFrom[k + 1]!;
    for (const p of parts[k]!) if (p.a < s) s = p.a;
    needFrom[k] = s;
  }
  const summary: RoiDvhSummary = {
    base,
    label,
    path,
    binWidthGy,
    ...pointDoses,
    warnings,
    gridExtentMm: {
      uMin: geom.uMin,
      uMax: geom.uMax,
      vMin: geom.vMin,
      vMax: geom.vMax,
      wMin: wStart,
      wMax: wEnd,
    },
    sampling: {
      cellSizeMm: [hu, hv],
      supersampling: [ku, kv],
      planes: geom.planes.length,
      runs: geom.runs.length,
      endCap: options.endCap,
      sliceIntegration: options.sliceIntegration,
    },
  };
  return { kind: "prepared", summary, frame, geom, parts, raster, col, row, layers, needFrom, binWidthGy };
}

/** Layers [from, to) of section `section` of `sections`: equal counts of whole layers. */
export function sectionLayers(layerCount: number, section: number, sections: number): [number, number] {
  return [Math.floor((section * layerCount) / sections), Math.floor(((section + 1) * layerCount) / sections)];
}

/**
 * Section `section` of `sections` of a prepared ROI: the planes that reach its layers are
 * rasterised, their volume gathered into its layers only, and each layer meets the dose.
 */
export function computeRoiSection(
  prepared: PreparedRoi,
  section: number,
  sections: number,
  scratch: DvhScratch,
): RoiSectionPart {
  const { frame, geom, parts, raster, col, row, layers, needFrom, binWidthGy } = prepared;
  const { nu, nv, hu, hv } = raster;
  const cellArea = hu * hv;
  const [layerFrom, layerTo] = sectionLayers(layers.count, section, sections);
  const hist = new DoseHistogramBuilder(binWidthGy, frame.maxDoseGy, scratch);
  const cells = nu * nv;
  const exact = new AreaRasterizer(raster, scratch);
  // scanlines for planes whose contours cross, and for the moments of partly covered cells
  const sampled = new EvenOddRasterizer(raster, 8);
  const moments4 = new EvenOddRasterizer(raster, 4);
  const runs = new CoverageRuns();
  let colIn0 = 0;
  while (colIn0 < nu && col.inside[colIn0] !== 1) colIn0++;
  let colIn1 = nu;
  while (colIn1 > colIn0 && col.inside[colIn1 - 1] !== 1) colIn1--;
  const partialSlot = scratch.int32("partialSlot", cells);
  const partialCells = scratch.int32("partialCells", cells);
  const partial: PartialMoments = {
    du: scratch.float64("partial.du", cells),
    dv: scratch.float64("partial.dv", cells),
    vu: scratch.float64("partial.vu", cells),
    vv: scratch.float64("partial.vv", cells),
  };
  const rasterInside = col.inside.every((x) => x === 1) && row.inside.every((x) => x === 1);
  const coveredIndex = scratch.int32("coveredIndex", cells);
  const coveredValue = scratch.float64("coveredValue", cells);
  let mapSlots = 0;
  let accumulatorSlots = 0;
  const open = new Map<number, LayerAccumulator>();
  const pool: LayerAccumulator[] = [];
  const maps = new Map<number, FrameMap>();
  const freeMaps: FrameMap[] = [];
  const layerIds: number[] = [];
  const layerM: number[] = [];
  const layerM1: number[] = [];
  const layerM2: number[] = [];
  let outsideMm3 = 0;
  let flushedUpTo = 0;
  let maxLayerMm = 0;

  const mapOf = (sorted: number): FrameMap => {
    let fm = maps.get(sorted);
    if (fm === undefined) {
      fm = freeMaps.pop() ?? new FrameMap(frame, raster, col, row, scratch, mapSlots++);
      fm.bind(sorted);
      maps.set(sorted, fm);
    }
    return fm;
  };

  const flush = (li: number): void => {
    const acc = open.get(li);
    if (acc === undefined) return;
    open.delete(li);
    if (layers.inside[li] !== 1) {
      outsideMm3 += drainOutside(acc, nu) * cellArea;
    } else {
      const lo = layers.lo[li]!;
      const hi = layers.hi[li]!;
      for (const [key, fm] of maps) {
        if (key < lo) {
          maps.delete(key);
          freeMaps.push(fm);
        }
      }
      const A = mapOf(lo);
      const B = hi === lo ? A : mapOf(hi);
      const w0 = frame.frameW[lo]!;
      const gap = hi === lo ? 0 : frame.frameW[hi]! - w0;
      depositLayer(acc, nu, A, B, w0, gap, cellArea, hist);
    }
    pool.push(acc);
  };

  const accumulatorOf = (li: number): LayerAccumulator => {
    let acc = open.get(li);
    if (acc === undefined) {
      acc = pool.pop() ?? newAccumulator(scratch, accumulatorSlots++, nu, nv);
      open.set(li, acc);
      const thickness = layers.b[li]! - layers.a[li]!;
      if (thickness > maxLayerMm) maxLayerMm = thickness;
    }
    return acc;
  };

  for (let k = 0; k < geom.planes.length; k++) {
    // this plane's volume per layer of the section (all its parts together): weight, Σ weight·w, Σ weight·w²
    layerIds.length = 0;
    let planeWeight = 0;
    for (const part of parts[k]!) {
      const first = Math.max(firstLayerAfter(layers.b, part.a), layerFrom);
      for (let li = first; li < layerTo && layers.a[li]! < part.b; li++) {
        const x0 = Math.max(part.a, layers.a[li]!);
        const x1 = Math.min(part.b, layers.b[li]!);
        if (x1 - x0 <= 1e-12) continue;
        const mo = moments(x0, x1, part.density);
        if (!(mo.m > 0)) continue;
        planeWeight += mo.m;
        const slot = layerIds.indexOf(li);
        if (slot < 0) {
          layerIds.push(li);
          layerM.push(mo.m);
          layerM1.push(mo.m * mo.c);
          layerM2.push(mo.m * (mo.v + mo.c * mo.c));
        } else {
          layerM[slot] = layerM[slot]! + mo.m;
          layerM1[slot] = layerM1[slot]! + mo.m * mo.c;
          layerM2[slot] = layerM2[slot]! + mo.m * (mo.v + mo.c * mo.c);
        }
      }
    }
    // a plane with no volume in the section's layers adds nothing to it (not even outside volume)
    if (layerIds.length === 0) continue;
    const plane = geom.planes[k]!;
    // exact coverage, unless contours of the plane cross (then sampled even-odd scanlines)
    runs.count = 0;
    const listed = plane.crossing
      ? sampled.rasterize(plane.polygons, coveredIndex, coveredValue)
      : exact.rasterizeRuns(plane.polygons, plane.signs, coveredIndex, coveredValue, runs);
    // keep the cells inside the grid (in-plane); the rest is outside
    let n = listed;
    let outsideCov = 0;
    if (!rasterInside) {
      n = 0;
      for (let i = 0; i < listed; i++) {
        const c = coveredIndex[i]!;
        const b = (c / nu) | 0;
        if (row.inside[b] === 1 && col.inside[c - b * nu] === 1) {
          coveredIndex[n] = c;
          coveredValue[n] = coveredValue[i]!;
          n++;
        } else {
          outsideCov += coveredValue[i]!;
        }
      }
      outsideCov += clipRuns(runs, row.inside, colIn0, colIn1);
    }

    // partly covered cells: centroid and spread of the covered part
    let np = 0;
    for (let i = 0; i < n; i++) {
      if (coveredValue[i]! < 1 - 1e-9) {
        partialSlot[i] = np;
        partialCells[np++] = coveredIndex[i]!;
      } else {
        partialSlot[i] = -1;
      }
    }
    moments4.partialMoments(plane.polygons, partialCells, np, partial);

    if (n > 0 || runs.count > 0) {
      for (let s = 0; s < layerIds.length; s++) {
        const acc = accumulatorOf(layerIds[s]!);
        accumulate(
          acc,
          nu,
          coveredIndex,
          coveredValue,
          partialSlot,
          partial,
          n,
          layerM[s]!,
          layerM1[s]!,
          layerM2[s]!,
        );
        accumulateRuns(acc, nu, runs, layerM[s]!, layerM1[s]!, layerM2[s]!);
      }
    }
    layerM.length = 0;
    layerM1.length = 0;
    layerM2.length = 0;
    outsideMm3 += outsideCov * cellArea * planeWeight;

    // layers that end before anything later can reach them meet the dose now
    const need = needFrom[k + 1]!;
    while (flushedUpTo < layers.count && layers.b[flushedUpTo]! <= need) flush(flushedUpTo++);
  }
  for (const li of [...open.keys()].sort((x, y) => x - y)) flush(li);
  return {
    volumeMm3: hist.volumeMm3,
    doseVolume: hist.doseVolume,
    minGy: hist.minGy,
    maxGy: hist.maxGy,
    samples: hist.samples,
    outsideMm3,
    maxLayerMm,
    differentialMm3: hist.differentialMm3(),
  };
}

/** An ROI's DVH from its sections' parts, added in section order. */
export function finishRoiDvh(summary: RoiDvhSummary, parts: readonly RoiSectionPart[]): RoiDvh {
  const { base, label, path, binWidthGy } = summary;
  const first = parts[0]!;
  let insideMm3 = first.volumeMm3;
  let doseVolume = first.doseVolume;
  let lowest = first.minGy;
  let highest = first.maxGy;
  let samples = first.samples;
  let outsideMm3 = first.outsideMm3;
  let maxLayerMm = first.maxLayerMm;
  const differentialCc = new Float64Array(first.differentialMm3.length);
  for (let k = 1; k < parts.length; k++) {
    const part = parts[k]!;
    insideMm3 += part.volumeMm3;
    doseVolume += part.doseVolume;
    if (part.minGy < lowest) lowest = part.minGy;
    if (part.maxGy > highest) highest = part.maxGy;
    samples += part.samples;
    outsideMm3 += part.outsideMm3;
    if (part.maxLayerMm > maxLayerMm) maxLayerMm = part.maxLayerMm;
  }
  // in section order from 0 (0 + x is x exactly, so one section gives its own values)
  for (let i = 0; i < differentialCc.length; i++) {
    let mm3 = 0;
    for (const part of parts) mm3 += part.differentialMm3[i]!;
    differentialCc[i] = mm3 / 1000;
  }
  const warnings = [...summary.warnings];
  const hasDose = insideMm3 > 0;
  const minGy = hasDose ? lowest : Number.NaN;
  const maxGy = hasDose ? highest : Number.NaN;
  const meanGy = hasDose ? doseVolume / insideMm3 : Number.NaN;
  const curve = hasDose
    ? cumulativeKnots(differentialCc, binWidthGy, minGy, maxGy)
    : { doseGy: new Float64Array(0), volumeCc: new Float64Array(0) };
  const volumeCc = (insideMm3 + outsideMm3) / 1000;
  const volumeOutsideGridCc = outsideMm3 / 1000;
  if (outsideMm3 > 1e-6 * (insideMm3 + outsideMm3)) {
    warnings.push(
      issue(
        "dvh_outside_grid",
        path,
        `${label}: ${fmt(volumeOutsideGridCc)} cc of ${fmt(volumeCc)} cc lies outside the dose grid; that part has no dose, is not in the DVH curve, and D-metrics assume it is colder than the rest`,
      ),
    );
  }
  if (!(volumeCc > 0)) {
    warnings.push(issue("dvh_roi_empty", path, `${label}: the contours enclose no area`));
  }
  const s = summary.sampling;
  const sampling: DvhSampling = {
    cellSizeMm: s.cellSizeMm,
    supersampling: s.supersampling,
    sliceStepMm: maxLayerMm,
    samples,
    planes: s.planes,
    runs: s.runs,
    endCap: s.endCap,
    sliceIntegration: s.sliceIntegration,
  };
  return {
    ...base,
    volumeCc,
    volumeOutsideGridCc,
    minGy,
    meanGy,
    maxGy,
    binWidthGy,
    differentialCc,
    curveDoseGy: curve.doseGy,
    curveVolumeCc: curve.volumeCc,
    ...(summary.pointDosesGy !== undefined ? { pointDosesGy: summary.pointDosesGy } : {}),
    gridExtentMm: summary.gridExtentMm,
    sampling,
    warnings,
  };
}

/** Adds one plane's listed cells to a layer: volume fraction × (weight, Σ weight·w, Σ weight·w²). */
function accumulate(
  acc: LayerAccumulator,
  nu: number,
  coveredIndex: Int32Array,
  coveredValue: Float64Array,
  partialSlot: Int32Array,
  partial: PartialMoments,
  n: number,
  wm: number,
  wm1: number,
  wm2: number,
): void {
  const { m, m1, m2, pm, pu, pv, puu, pvv, rowLo, rowHi } = acc;
  const { du, dv, vu, vv } = partial;
  let b = -1;
  let rowEnd = 0;
  for (let i = 0; i < n; i++) {
    const c = coveredIndex[i]!;
    if (c >= rowEnd || c < rowEnd - nu) {
      b = (c / nu) | 0;
      rowEnd = (b + 1) * nu;
      if (b < acc.bLo) acc.bLo = b;
      if (b > acc.bHi) acc.bHi = b;
    }
    const a = c - (rowEnd - nu);
    if (a < rowLo[b]!) rowLo[b] = a;
    if (a > rowHi[b]!) rowHi[b] = a;
    const v = coveredValue[i]!;
    const vm = v * wm;
    m[c] = m[c]! + vm;
    m1[c] = m1[c]! + v * wm1;
    m2[c] = m2[c]! + v * wm2;
    const slot = partialSlot[i]!;
    if (slot >= 0) {
      const ou = du[slot]!;
      const ov = dv[slot]!;
      pm[c] = pm[c]! + vm;
      pu[c] = pu[c]! + vm * ou;
      pv[c] = pv[c]! + vm * ov;
      puu[c] = puu[c]! + vm * (ou * ou + vu[slot]!);
      pvv[c] = pvv[c]! + vm * (ov * ov + vv[slot]!);
    }
  }
}

/** Adds one plane's interior runs to a layer, O(1) per run (differences along the row). */
function accumulateRuns(
  acc: LayerAccumulator,
  nu: number,
  runs: CoverageRuns,
  wm: number,
  wm1: number,
  wm2: number,
): void {
  const { rm, rm1, rm2, rn, rowLo, rowHi } = acc;
  const stride = nu + 1;
  for (let k = 0; k < runs.count; k++) {
    const b = runs.row[k]!;
    const a0 = runs.a0[k]!;
    const a1 = runs.a1[k]!;
    const v = runs.value[k]!;
    const i0 = b * stride + a0;
    const i1 = b * stride + a1;
    const x = v * wm;
    const x1 = v * wm1;
    const x2 = v * wm2;
    rm[i0] = rm[i0]! + x;
    rm1[i0] = rm1[i0]! + x1;
    rm2[i0] = rm2[i0]! + x2;
    rn[i0] = rn[i0]! + 1;
    rm[i1] = rm[i1]! - x;
    rm1[i1] = rm1[i1]! - x1;
    rm2[i1] = rm2[i1]! - x2;
    rn[i1] = rn[i1]! - 1;
    if (a0 < rowLo[b]!) rowLo[b] = a0;
    if (a1 > rowHi[b]!) rowHi[b] = a1;
    if (b < acc.bLo) acc.bLo = b;
    if (b > acc.bHi) acc.bHi = b;
  }
}

/**
 * Clips runs to the grid's in-plane extent (rows with rowInside 1, columns colIn0 … colIn1 − 1),
 * in place; returns the coverage (in cells) that fell outside.
 */
function clipRuns(runs: CoverageRuns, rowInside: Uint8Array, colIn0: number, colIn1: number): number {
  let outside = 0;
  let kept = 0;
  for (let k = 0; k < runs.count; k++) {
    const b = runs.row[k]!;
    const a0 = runs.a0[k]!;
    const a1 = runs.a1[k]!;
    const v = runs.value[k]!;
    if (rowInside[b] !== 1) {
      outside += v * (a1 - a0);
      continue;
    }
    const c0 = a0 > colIn0 ? a0 : colIn0;
    const c1 = a1 < colIn1 ? a1 : colIn1;
    if (c1 <= c0) {
      outside += v * (a1 - a0);
      continue;
    }
    outside += v * (a1 - a0 - (c1 - c0));
    runs.row[kept] = b;
    runs.a0[kept] = c0;
    runs.a1[kept] = c1;
    runs.value[kept] = v;
    kept++;
  }
  runs.count = kept;
  return outside;
}

/** Slot k's accumulator from the scratch: every buffer is all zero (users clear what they touch). */
function newAccumulator(scratch: DvhScratch, k: number, nu: number, nv: number): LayerAccumulator {
  const cells = nu * nv;
  const runCells = (nu + 1) * nv;
  const f64 = (name: string, size: number) => scratch.float64(`layer${k}.${name}`, size);
  return {
    m: f64("m", cells),
    m1: f64("m1", cells),
    m2: f64("m2", cells),
    pm: f64("pm", cells),
    pu: f64("pu", cells),
    pv: f64("pv", cells),
    puu: f64("puu", cells),
    pvv: f64("pvv", cells),
    rm: f64("rm", runCells),
    rm1: f64("rm1", runCells),
    rm2: f64("rm2", runCells),
    rn: scratch.int32(`layer${k}.rn`, runCells),
    rowLo: scratch.int32(`layer${k}.rowLo`, nv).fill(UNTOUCHED, 0, nv),
    rowHi: scratch.int32(`layer${k}.rowHi`, nv).fill(-1, 0, nv),
    bLo: nv,
    bHi: -1,
  };
}

function clearCell(acc: LayerAccumulator, c: number): void {
  acc.m[c] = 0;
  acc.m1[c] = 0;
  acc.m2[c] = 0;
  acc.pm[c] = 0;
  acc.pu[c] = 0;
  acc.pv[c] = 0;
  acc.puu[c] = 0;
  acc.pvv[c] = 0;
}

/** Total volume (in cell-area units) of a layer beyond the grid's ends along w; clears the accumulator. */
function drainOutside(acc: LayerAccumulator, nu: number): number {
  const { m, rm, rn, rowLo, rowHi } = acc;
  const stride = nu + 1;
  let total = 0;
  for (let b = acc.bLo; b <= acc.bHi; b++) {
    const lo = rowLo[b]!;
    const hi = rowHi[b]!;
    if (hi < lo) continue;
    rowLo[b] = UNTOUCHED;
    rowHi[b] = -1;
    let s0 = 0;
    let open = 0;
    for (let a = lo; a <= hi; a++) {
      const j = b * stride + a;
      open += rn[j]!;
      s0 += rm[j]!;
      rn[j] = 0;
      rm[j] = 0;
      acc.rm1[j] = 0;
      acc.rm2[j] = 0;
      if (open === 0) s0 = 0;
      if (a === nu) continue;
      const c = b * nu + a;
      const mass = m[c]! + s0;
      if (mass > 0) total += mass;
      if (m[c] !== 0) clearCell(acc, c);
    }
  }
  acc.bLo = BIG_ROW;
  acc.bHi = -1;
  return total;
}

/**
 * Gives every touched cell of a layer its dose: trilinear at the volume's centroid (in-plane
 * offset from the cell centre, and along w between frame maps A at w0 and B at w0 + gap), its
 * volume spread over the dose range of its extent (variance-matched), and clears the accumulator.
 * Cells are walked row by row; the interior runs' differences are summed on the way.
 */
function depositLayer(
  acc: LayerAccumulator,
  nu: number,
  A: FrameMap,
  B: FrameMap,
  w0: number,
  gap: number,
  cellArea: number,
  hist: DoseHistogramBuilder,
): void {
  const { m, m1, m2, pm, pu, pv, puu, pvv, rm, rm1, rm2, rn, rowLo, rowHi } = acc;
  const invGap = gap > 0 ? 1 / gap : 0;
  const ad = A.d;
  const bd = B.d;
  const agu = A.gu;
  const bgu = B.gu;
  const agv = A.gv;
  const bgv = B.gv;
  const alo = A.lo;
  const blo = B.lo;
  const ahi = A.hi;
  const bhi = B.hi;
  const same = A === B;
  const twelfth = 1 / 12;
  const stride = nu + 1;
  for (let b = acc.bLo; b <= acc.bHi; b++) {
    const first = rowLo[b]!;
    const last = rowHi[b]!;
    if (last < first) continue;
    rowLo[b] = UNTOUCHED;
    rowHi[b] = -1;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let open = 0;
    for (let a = first; a <= last; a++) {
      const j = b * stride + a;
      const e = rn[j]!;
      open += e;
      rn[j] = 0;
      if (e !== 0 || rm[j] !== 0 || rm1[j] !== 0 || rm2[j] !== 0) {
        s0 += rm[j]!;
        s1 += rm1[j]!;
        s2 += rm2[j]!;
        rm[j] = 0;
        rm1[j] = 0;
        rm2[j] = 0;
      }
      if (open === 0) {
        s0 = 0;
        s1 = 0;
        s2 = 0;
      }
      if (a === nu) continue;
      const c = b * nu + a;
      const own = m[c]!;
      const mass = own + s0;
      if (!(mass > 0)) continue;
      const inv = 1 / mass;
      let centroid: number;
      let varW: number;
      let ou = 0;
      let ov = 0;
      let varU = twelfth;
      let varV = twelfth;
      if (own === 0) {
        // only interior runs: full cells, in-plane centroid at the cell centre, variance 1/12
        centroid = s1 * inv;
        varW = s2 * inv - centroid * centroid;
      } else {
        centroid = (m1[c]! + s1) * inv;
        varW = (m2[c]! + s2) * inv - centroid * centroid;
        // in-plane: partly covered cells contribute their own centroid and spread, full cells (0, 1/12)
        const full = mass - pm[c]!;
        ou = pu[c]! * inv;
        ov = pv[c]! * inv;
        varU = (puu[c]! + full * twelfth) * inv - ou * ou;
        varV = (pvv[c]! + full * twelfth) * inv - ov * ov;
        clearCell(acc, c);
      }
      if (Number.isNaN(ad[c]!)) A.ensure(c);
      if (!same && Number.isNaN(bd[c]!)) B.ensure(c);
      let t = (centroid - w0) * invGap;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const da = ad[c]!;
      const db = bd[c]!;
      const su = agu[c]! + t * (bgu[c]! - agu[c]!);
      const sv = agv[c]! + t * (bgv[c]! - agv[c]!);
      const d = da + t * (db - da) + su * ou + sv * ov;
      const sw = (db - da) * invGap;
      const spread2 = 12 * (su * su * varU + sv * sv * varV + (varW > 0 ? sw * sw * varW : 0));
      const half = spread2 > 0 ? Math.sqrt(spread2) / 2 : 0;
      // the trilinear dose in the box stays within the doses of the voxels around it
      const lo = alo[c]! < blo[c]! ? alo[c]! : blo[c]!;
      const hi = ahi[c]! > bhi[c]! ? ahi[c]! : bhi[c]!;
      const low = d - half < lo ? lo : d - half;
      const high = d + half > hi ? hi : d + half;
      hist.addRange(low, high > low ? high : low, d, mass * cellArea);
    }
  }
  acc.bLo = BIG_ROW;
  acc.bHi = -1;
}

function fmt(x: number): string {
  return x >= 100 ? x.toFixed(1) : x >= 1 ? x.toFixed(3) : x.toPrecision(3);
}

/** First layer whose end lies beyond w. */
function firstLayerAfter(ends: Float64Array, w: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! <= w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Characteristic half-width (mm) of an ROI: 2·area/perimeter over its planes (0 when empty). */
function halfWidthMm(geom: RoiGeometry): number {
  let area = 0;
  let perimeter = 0;
  for (const p of geom.planes) {
    area += p.outlineAreaMm2;
    perimeter += p.perimeterMm;
  }
  return perimeter > 0 ? (2 * area) / perimeter : 0;
}

/**
 * Sub-voxel factors (ku, kv): `samplesAcross` cells over the ROI's characteristic half-width
 * (2·area/perimeter, the radius of a disc, the width of a strip), reduced until the estimated
 * sample count and raster size fit the budgets.
 */
function chooseSampling(
  frame: GridFrame,
  geom: RoiGeometry,
  parts: readonly SlabPart[][],
  options: DvhOptions,
): { ku: number; kv: number } {
  const halfWidth = halfWidthMm(geom) || Math.min(frame.du, frame.dv);
  const hTarget = Math.max(halfWidth / options.samplesAcross, 1e-3);
  let ku = Math.min(options.maxSupersampling, Math.max(1, Math.ceil(frame.du / hTarget - 1e-9)));
  let kv = Math.min(options.maxSupersampling, Math.max(1, Math.ceil(frame.dv / hTarget - 1e-9)));
  const spanU = geom.uMax - geom.uMin;
  const spanV = geom.vMax - geom.vMin;
  for (;;) {
    const hu = frame.du / ku;
    const hv = frame.dv / kv;
    const hz = Math.max(Math.min(hu, hv), 1e-3);
    let samples = 0;
    geom.planes.forEach((p, k) => {
      let thickness = 0;
      for (const part of parts[k]!) thickness += part.b - part.a;
      const cellsCovered = p.outlineAreaMm2 / (hu * hv) + p.perimeterMm / Math.min(hu, hv);
      samples += cellsCovered * Math.max(1, thickness / hz);
    });
    const rasterCells = (spanU / hu + 2) * (spanV / hv + 2);
    if ((samples <= options.maxSamplesPerRoi && rasterCells <= MAX_RASTER_CELLS) || (ku === 1 && kv === 1)) {
      return { ku, kv };
    }
    ku = Math.max(1, Math.floor(ku * 0.8));
    kv = Math.max(1, Math.floor(kv * 0.8));
  }
}
