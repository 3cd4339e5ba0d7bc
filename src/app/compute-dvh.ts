// Use case: DVHs of a plan from its DICOM RT files (RTDOSE + RTSTRUCT, RTPLAN optional), with
// metrics by name, conformity indices on request, and the cumulative curve for each ROI.
// Bytes in (the adapters read files or uploads), a report of plain values out.
import {
  type ComputeDvhsInput,
  type ConformityIndices,
  computeDvhs,
  conformityIndices,
  type DoseGrid,
  type DvhMetric,
  type DvhOptions,
  type DvhProgress,
  type DvhSampling,
  type DvhSet,
  dvhMetricName,
  dvhMetricUnit,
  dvhQuery,
  evaluateDvhMetric,
  fail,
  type Issue,
  issue,
  ok,
  type PlanInfo,
  parseDvhMetric,
  type Result,
  type RoiDvh,
  type StructureSet,
  volumeAtDose,
} from "../core/index.ts";
import { readRtDose, readRtPlan, readRtStruct } from "../interop/index.ts";
import { computeDvhsWithThreads, type DvhThreads, dvhThreadsIssue } from "./dvh-pool.ts";

/** Metrics reported when none are asked for. */
export const DEFAULT_DVH_METRICS: readonly string[] = [
  "Dmin",
  "Dmean",
  "Dmax",
  "D99%",
  "D95%",
  "D2%",
  "D0.035cc",
];

export type ComputeDvhRequest = {
  readonly rtdose: Uint8Array;
  readonly rtstruct: Uint8Array;
  readonly rtplan?: Uint8Array;
  /** ROI names to compute (exact names, case and surrounding spaces ignored); default: every ROI */
  readonly roiNames?: readonly string[];
  /** metric names (Dmin, Dmax, Dmean, D{x}%, D{x}cc, V{x}Gy, V{x}Gy%, HI, CI, GI); default DEFAULT_DVH_METRICS */
  readonly metrics?: readonly string[];
  /** prescription dose (Gy) for CI and GI; default: the RTPLAN's target prescription */
  readonly prescriptionGy?: number;
  readonly options?: Partial<DvhOptions>;
  /** dose step (Gy) of the reported cumulative curves; default: 1-2-5 step giving ≤ 1000 points */
  readonly curveStepGy?: number;
  readonly onProgress?: DvhProgress;
};

export type ComputeDvhAsyncRequest = ComputeDvhRequest & {
  /** 1 = this thread; n ≥ 2 = up to n worker threads; "auto" (default): workers when worth it (dvh-pool.ts) */
  readonly threads?: DvhThreads;
};

export type RoiDvhReport = {
  readonly name: string;
  readonly number: number;
  readonly interpretedType?: string;
  readonly color?: readonly [number, number, number];
  readonly volumeCc: number;
  readonly volumeOutsideGridCc: number;
  /** null when nothing of the ROI is inside the dose grid */
  readonly minGy: number | null;
  readonly meanGy: number | null;
  readonly maxGy: number | null;
  /** by canonical metric name; null when it cannot be known */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** cumulative DVH: volume (cc) receiving ≥ each dose */
  readonly curve: { readonly doseGy: readonly number[]; readonly volumeCc: readonly number[] };
  readonly pointDosesGy?: readonly (number | null)[];
  readonly conformity?: ConformityIndices;
  readonly sampling?: DvhSampling;
  readonly warnings: readonly Issue[];
};

export type DvhReport = {
  readonly rois: readonly RoiDvhReport[];
  /** ROIs that could not be computed, with the reason */
  readonly failed: readonly {
    readonly name: string;
    readonly number: number;
    readonly issues: readonly Issue[];
  }[];
  /** metric names in request order, and their units */
  readonly metricNames: readonly string[];
  readonly metricUnits: Readonly<Record<string, string>>;
  readonly plan?: PlanInfo;
  readonly prescriptionGy?: number;
  readonly dose: {
    readonly summationType: string;
    readonly doseType: string;
    readonly maxGy: number;
    readonly size: readonly [number, number, number];
    readonly spacingMm: readonly [number, number];
  };
  readonly options: DvhOptions & { readonly binWidthGy: number };
  readonly warnings: readonly Issue[];
};

type MetricRequest =
  | { readonly name: string; readonly kind: "dvh"; readonly metric: DvhMetric; readonly unit: string }
  | { readonly name: "CI" | "GI"; readonly kind: "conformity"; readonly unit: string };

/** Parses metric names, reporting every bad one with its index. */
export function parseMetricRequests(
  names: readonly string[],
  path = "metrics",
): Result<readonly MetricRequest[]> {
  const out: MetricRequest[] = [];
  const issues: Issue[] = [];
  names.forEach((n, i) => {
    const t = n.trim();
    const up = t.toUpperCase();
    if (up === "CI" || up === "GI") {
      out.push({ name: up, kind: "conformity", unit: "" });
      return;
    }
    const r = parseDvhMetric(t, `${path}[${i}]`);
    if (r.ok)
      out.push({ name: dvhMetricName(r.value), kind: "dvh", metric: r.value, unit: dvhMetricUnit(r.value) });
    else issues.push(...r.issues);
  });
  if (names.length === 0) issues.push(issue("dvh_metric_invalid", path, "no metric given"));
  return issues.length > 0 ? fail(issues) : ok(out);
}

/** Prefixes the paths of a reader's issues with the request field that held the file. */
function under(field: string, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, path: i.path === "" ? field : `${field}.${i.path}` }));
}

export function computeDvh(req: ComputeDvhRequest): Result<DvhReport> {
  const r = computeDvhDetailed(req);
  return r.ok ? ok(r.value.report) : r;
}

/** computeDvh, also returning the engine's DVHs (for callers that evaluate constraints on them). */
export function computeDvhDetailed(req: ComputeDvhRequest): Result<{ report: DvhReport; set: DvhSet }> {
  const read = readRequest(req);
  if (!read.ok) return read;
  return finishReport(req, read.value, computeDvhs(dvhsInput(req, read.value)));
}

/**
 * computeDvhDetailed with the DVHs computed by the warm worker pool when `threads` asks for it
 * (or, by default, when the plan is big enough to pay): the same report, value for value.
 */
export async function computeDvhDetailedAsync(
  req: ComputeDvhAsyncRequest,
): Promise<Result<{ report: DvhReport; set: DvhSet }>> {
  const bad = dvhThreadsIssue(req.threads);
  if (bad !== undefined) return fail([bad]);
  const read = readRequest(req);
  if (!read.ok) return read;
  return finishReport(req, read.value, await computeDvhsWithThreads(dvhsInput(req, read.value), req.threads));
}

/** computeDvh with the DVHs computed by the warm worker pool when worth it (see computeDvhDetailedAsync). */
export async function computeDvhAsync(req: ComputeDvhAsyncRequest): Promise<Result<DvhReport>> {
  const r = await computeDvhDetailedAsync(req);
  return r.ok ? ok(r.value.report) : r;
}

/** The files read and the request checked, before any DVH. */
type ReadRequest = {
  readonly grid: DoseGrid;
  readonly ss: StructureSet;
  readonly plan: PlanInfo | undefined;
  readonly metrics: readonly MetricRequest[];
  readonly roiNumbers: readonly number[] | undefined;
  readonly warnings: readonly Issue[];
};

function dvhsInput(req: ComputeDvhRequest, read: ReadRequest): ComputeDvhsInput {
  return {
    grid: read.grid,
    structureSet: read.ss,
    ...(read.roiNumbers !== undefined ? { roiNumbers: read.roiNumbers } : {}),
    ...(req.options !== undefined ? { options: req.options } : {}),
    ...(req.onProgress !== undefined ? { onProgress: req.onProgress } : {}),
  };
}

function readRequest(req: ComputeDvhRequest): Result<ReadRequest> {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const metricsR = parseMetricRequests(req.metrics ?? DEFAULT_DVH_METRICS);
  if (!metricsR.ok) issues.push(...metricsR.issues);
  if (req.prescriptionGy !== undefined && !(req.prescriptionGy > 0 && Number.isFinite(req.prescriptionGy))) {
    issues.push(
      issue(
        "dvh_prescription_invalid",
        "prescriptionGy",
        `the prescription must be a dose > 0 Gy, got ${req.prescriptionGy}`,
      ),
    );
  }
  if (req.curveStepGy !== undefined && !(req.curveStepGy >= 0.001 && req.curveStepGy <= 10)) {
    issues.push(
      issue(
        "dvh_option_invalid",
        "curveStepGy",
        `the curve step must be 0.001…10 Gy, got ${req.curveStepGy}`,
      ),
    );
  }
  const dose = readRtDose(req.rtdose);
  if (!dose.ok) issues.push(...under("rtdose", dose.issues));
  else warnings.push(...under("rtdose", dose.value.warnings));
  const struct = readRtStruct(req.rtstruct);
  if (!struct.ok) issues.push(...under("rtstruct", struct.issues));
  else warnings.push(...under("rtstruct", struct.value.warnings));
  let plan: PlanInfo | undefined;
  if (req.rtplan !== undefined) {
    const p = readRtPlan(req.rtplan);
    if (!p.ok) issues.push(...under("rtplan", p.issues));
    else {
      plan = p.value;
      warnings.push(...under("rtplan", p.value.warnings));
    }
  }
  if (issues.length > 0 || !dose.ok || !struct.ok || !metricsR.ok) return fail(issues);

  const ss = struct.value;
  let roiNumbers: number[] | undefined;
  if (req.roiNames !== undefined) {
    roiNumbers = [];
    const missing: Issue[] = [];
    req.roiNames.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      const roi = ss.rois.find((r) => r.name.trim().toLowerCase() === key);
      if (roi === undefined) {
        missing.push(
          issue(
            "dvh_roi_not_found",
            `roiNames[${i}]`,
            `no ROI named "${name}" in the structure set; it has: ${ss.rois.map((r) => r.name).join(", ")}`,
          ),
        );
      } else roiNumbers!.push(roi.number);
    });
    if (missing.length > 0) return fail(missing);
  }
  return ok({
    grid: dose.value.grid,
    ss,
    plan,
    metrics: metricsR.value,
    roiNumbers,
    warnings,
  });
}

function finishReport(
  req: ComputeDvhRequest,
  read: ReadRequest,
  set: Result<DvhSet>,
): Result<{ report: DvhReport; set: DvhSet }> {
  const { ss, plan } = read;
  const warnings: Issue[] = [...read.warnings];
  if (!set.ok) return set;
  warnings.push(...set.value.warnings);

  const metrics = read.metrics;
  const wantsConformity = metrics.some((m) => m.kind === "conformity");
  const prescriptionGy = req.prescriptionGy ?? plan?.prescriptionDoseGy;
  if (wantsConformity && prescriptionGy === undefined) {
    warnings.push(
      issue(
        "dvh_conformity_unavailable",
        "prescriptionGy",
        "CI and GI need a prescription dose: give one, or an RTPLAN that states TargetPrescriptionDose",
      ),
    );
  }
  const rois = set.value.dvhs.map((d) =>
    roiReport(
      d,
      set.value,
      metrics,
      prescriptionGy,
      ss.rois.find((r) => r.number === d.roiNumber)?.color,
      req,
    ),
  );
  const grid = read.grid;
  const report: DvhReport = {
    rois,
    failed: set.value.failed.map((f) => ({ name: f.roiName, number: f.roiNumber, issues: f.issues })),
    metricNames: metrics.map((m) => m.name),
    metricUnits: Object.fromEntries(metrics.map((m) => [m.name, m.unit])),
    ...(plan !== undefined ? { plan } : {}),
    ...(prescriptionGy !== undefined ? { prescriptionGy } : {}),
    dose: {
      summationType: grid.summationType,
      doseType: grid.doseType,
      maxGy: set.value.gridMaxDoseGy,
      size: [grid.columns, grid.rows, grid.frames],
      spacingMm: [grid.pixelSpacingMm[0], grid.pixelSpacingMm[1]],
    },
    options: { ...set.value.options, binWidthGy: set.value.binWidthGy },
    warnings,
  };
  return ok({ report, set: set.value });
}

const nullIfNaN = (x: number): number | null => (Number.isFinite(x) ? x : null);

function roiReport(
  d: RoiDvh,
  set: DvhSet,
  metrics: readonly MetricRequest[],
  prescriptionGy: number | undefined,
  color: readonly [number, number, number] | undefined,
  req: ComputeDvhRequest,
): RoiDvhReport {
  const q = dvhQuery(d);
  const values: Record<string, number | null> = {};
  const warnings: Issue[] = [...d.warnings];
  let conformity: ConformityIndices | undefined;
  const hasVolume = d.volumeCc > 0 && d.curveDoseGy.length > 0;
  for (const m of metrics) {
    if (m.kind === "dvh") {
      values[m.name] = hasVolume ? nullIfNaN(evaluateDvhMetric(m.metric, q)) : null;
      continue;
    }
    if (prescriptionGy === undefined || !hasVolume) {
      values[m.name] = null;
      continue;
    }
    if (conformity === undefined) {
      conformity = conformityIndices(set.frame, d, prescriptionGy, `rois[${d.roiName}]`);
      warnings.push(...conformity.warnings);
    }
    values[m.name] = nullIfNaN(m.name === "CI" ? conformity.paddickCi : conformity.gradientIndex);
  }
  return {
    name: d.roiName,
    number: d.roiNumber,
    ...(d.interpretedType !== undefined ? { interpretedType: d.interpretedType } : {}),
    ...(color !== undefined ? { color } : {}),
    volumeCc: d.volumeCc,
    volumeOutsideGridCc: d.volumeOutsideGridCc,
    minGy: nullIfNaN(d.minGy),
    meanGy: nullIfNaN(d.meanGy),
    maxGy: nullIfNaN(d.maxGy),
    metrics: values,
    curve: hasVolume ? resampleCurve(d, req.curveStepGy) : { doseGy: [], volumeCc: [] },
    ...(d.pointDosesGy !== undefined ? { pointDosesGy: d.pointDosesGy.map(nullIfNaN) } : {}),
    ...(conformity !== undefined ? { conformity } : {}),
    ...(d.sampling !== undefined ? { sampling: d.sampling } : {}),
    warnings,
  };
}

/** The cumulative curve at a regular dose step from 0 Gy to the ROI's maximum (plus the maximum). */
export function resampleCurve(
  d: Pick<RoiDvh, "curveDoseGy" | "curveVolumeCc" | "maxGy" | "binWidthGy">,
  stepGy?: number,
): { doseGy: number[]; volumeCc: number[] } {
  const max = d.maxGy;
  const step = stepGy ?? Math.max(niceStep(max / 1000), d.binWidthGy);
  const doseGy: number[] = [];
  const volumeCc: number[] = [];
  const n = Math.floor(max / step + 1e-9);
  for (let i = 0; i <= n; i++) {
    const x = i * step;
    doseGy.push(x);
    volumeCc.push(volumeAtDose(d, x));
  }
  if (doseGy[doseGy.length - 1]! < max) {
    doseGy.push(max);
    volumeCc.push(0);
  }
  return { doseGy, volumeCc };
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 0.01;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}
