// Use case: plan check of uploaded DICOM RT files (POST /api/plan-check). Authorises, runs
// check-plan.ts (DVHs + constraint set), records an audit entry (file sizes, set, fractions;
// no DICOM content: plans carry patient identifiers) and returns the API's plain shape.
import { type Issue, issue } from "../core/index.ts";
import type { AppContext, Caller } from "./app-context.ts";
import { invalid } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { checkPlanAsync } from "./check-plan.ts";

export type PlanUpload = {
  readonly rtdose?: Uint8Array | undefined;
  readonly rtstruct?: Uint8Array | undefined;
  readonly rtplan?: Uint8Array | undefined;
  /** constraint set id (default tg101) */
  readonly constraints?: string | undefined;
  /** text of the form field; whole number ≥ 1 */
  readonly fractions?: string | undefined;
  /** lines `ROI=organ` (organ "none" leaves the ROI out) */
  readonly map?: string | undefined;
};

export type PlanCheckRoiJson = {
  readonly name: string;
  readonly number: number;
  readonly volumeCc: number;
  readonly minGy: number | null;
  readonly meanGy: number | null;
  readonly maxGy: number | null;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly curve: { readonly doseGy: readonly number[]; readonly volumeCc: readonly number[] };
  readonly warnings: string[];
};

export type PlanCheckConstraintJson = {
  readonly organ: string;
  readonly roi: string | null;
  readonly metric: string;
  readonly value: number | null;
  /** the deciding limit (mandatory when set, else optimal), in limitUnit */
  readonly limit: number | null;
  readonly limitUnit: string | null;
  readonly optimalLimit: number | null;
  readonly margin: number | null;
  readonly status: string;
  readonly reason: string | null;
  readonly source: string;
};

export type PlanCheckJson = {
  readonly rois: PlanCheckRoiJson[];
  readonly failedRois: { readonly name: string; readonly number: number; readonly reasons: string[] }[];
  readonly constraints: PlanCheckConstraintJson[];
  readonly constraintSet: {
    readonly id: string;
    readonly name: string;
    readonly version: string;
    readonly citation: string;
  };
  readonly fractions: number;
  readonly fractionsFrom: "request" | "rtplan";
  readonly dmax: string;
  readonly unmappedRois: readonly string[];
  readonly warnings: string[];
};

/** `ROI=organ` lines -> map; every malformed line named. */
export function parseRoiMap(text: string): { map: Record<string, string>; issues: Issue[] } {
  const map: Record<string, string> = {};
  const issues: Issue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const eq = line.lastIndexOf("=");
    const roi = eq > 0 ? line.slice(0, eq).trim() : "";
    const organ = eq > 0 ? line.slice(eq + 1).trim() : "";
    if (roi === "" || organ === "") {
      issues.push(
        issue("invalid_value", `map[${i + 1}]`, `line ${i + 1} must read ROI=organ (got "${line}")`),
      );
      return;
    }
    map[roi] = organ;
  });
  return { map, issues };
}

const fmtIssue = (i: Issue): string => (i.path === "" ? i.message : `${i.path}: ${i.message}`);

export async function checkUploadedPlan(
  ctx: AppContext,
  caller: Caller,
  upload: PlanUpload,
): Promise<PlanCheckJson> {
  authorize(caller.actor, "plan.check");
  const issues: Issue[] = [];
  if (!upload.rtdose || upload.rtdose.length === 0)
    issues.push(issue("required", "rtdose", "the RTDOSE file is required"));
  if (!upload.rtstruct || upload.rtstruct.length === 0)
    issues.push(issue("required", "rtstruct", "the RTSTRUCT file is required"));
  let fractions: number | undefined;
  if (upload.fractions !== undefined && upload.fractions.trim() !== "") {
    fractions = Number(upload.fractions.trim());
    if (!(Number.isInteger(fractions) && fractions >= 1 && fractions <= 100)) {
      issues.push(
        issue(
          "invalid_value",
          "fractions",
          `must be a whole number from 1 to 100 (got "${upload.fractions}")`,
        ),
      );
    }
  }
  const roiMap = upload.map === undefined ? undefined : parseRoiMap(upload.map);
  if (roiMap) issues.push(...roiMap.issues);
  if (issues.length > 0 || !upload.rtdose || !upload.rtstruct)
    throw invalid("the plan upload is invalid", issues);
  const constraints = upload.constraints?.trim() || "tg101";
  // the DVHs go to the warm worker pool when one runs (startDvhWorkers) and the plan is big enough
  const result = await checkPlanAsync({
    rtdose: upload.rtdose,
    rtstruct: upload.rtstruct,
    ...(upload.rtplan && upload.rtplan.length > 0 ? { rtplan: upload.rtplan } : {}),
    constraintSet: constraints,
    ...(fractions !== undefined ? { fractions } : {}),
    ...(roiMap && Object.keys(roiMap.map).length > 0 ? { roiMap: roiMap.map } : {}),
  });
  await ctx.store.transaction((trx) =>
    recordAudit(ctx, trx, caller, "plan.check", null, {
      constraints,
      fractions: fractions ?? null,
      bytes: {
        rtdose: upload.rtdose?.length ?? 0,
        rtstruct: upload.rtstruct?.length ?? 0,
        rtplan: upload.rtplan?.length ?? 0,
      },
      ok: result.ok,
    }),
  );
  if (!result.ok) throw invalid("the plan could not be checked", result.issues);
  const r = result.value;
  const citation = [r.constraintSet.source.citation, r.constraintSet.source.table]
    .filter((s) => s !== null && s !== undefined && s !== "")
    .join(", ");
  return {
    rois: r.rois.map((roi) => ({
      name: roi.name,
      number: roi.number,
      volumeCc: roi.volumeCc,
      minGy: roi.minGy,
      meanGy: roi.meanGy,
      maxGy: roi.maxGy,
      metrics: roi.metrics,
      curve: roi.curve,
      warnings: roi.warnings.map(fmtIssue),
    })),
    failedRois: r.failed.map((f) => ({ name: f.name, number: f.number, reasons: f.issues.map(fmtIssue) })),
    constraints: r.constraints.map((c) => ({
      organ: c.organ,
      roi: c.roi ?? null,
      metric: c.metric,
      value: c.value ?? null,
      limit: c.limits.mandatory ?? c.limits.optimal ?? null,
      limitUnit: c.limitUnit ?? null,
      optimalLimit: c.limits.mandatory !== undefined ? (c.limits.optimal ?? null) : null,
      margin: c.margin ?? null,
      status: c.status,
      reason: c.reason ?? null,
      source: `${citation}; ${c.sourceRow}`,
    })),
    constraintSet: {
      id: r.constraintSet.id,
      name: r.constraintSet.name,
      version: r.constraintSet.version,
      citation,
    },
    fractions: r.fractions,
    fractionsFrom: r.fractionsFrom,
    dmax: r.dmax,
    unmappedRois: r.unmappedRois,
    warnings: r.warnings.map(fmtIssue),
  };
}
