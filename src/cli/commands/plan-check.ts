// `oligoscope plan-check --dose RD --struct RS [--plan RP] --constraints tg101 --fractions 5 [--map ROI=organ …]`
// Organ-at-risk constraints of a plan checked on its DVHs (docs/cli/plan-check.md).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  type CheckPlanRequest,
  checkPlanAsync,
  constraintMarkers,
  loadPlotRenderers,
  type PlanCheckReport,
} from "../../app/index.ts";
import { type CliIo, InputError, UsageError } from "../io.ts";
import {
  addPlanFileOptions,
  curveStep,
  engineOptions,
  fmtValue,
  type PlanFileOptions,
  readInputFile,
  roiProgress,
  threadsOption,
  toJson,
  writeWarnings,
} from "./plan-files.ts";

type PlanCheckCliOptions = PlanFileOptions & {
  constraints: string;
  fractions?: string;
  map?: string[];
  dmax?: string;
  lq?: boolean;
  ab?: string[];
  all?: boolean;
  json?: boolean;
  svg?: string;
  metrics?: string;
};

export function register(program: Command, io: CliIo): void {
  addPlanFileOptions(
    program
      .command("plan-check")
      .description(
        "check a plan's organ-at-risk dose constraints (AAPM TG-101 by default) on DVHs from DICOM RTDOSE + RTSTRUCT (+ RTPLAN)",
      ),
  )
    .option(
      "--constraints <set>",
      "constraint set: tg101 (AAPM TG-101, default), uk-sabr-v6.1 (template; refuses until verified) or a JSON file of your own set",
      "tg101",
    )
    .option("--fractions <n>", "number of fractions (default: from the RTPLAN)")
    .option(
      "--map <ROI=organ...>",
      'map ROIs to TG-263 organs by hand, e.g. "Cord PRV=none" "Lung Tot=Lungs" (ROI names are otherwise mapped automatically)',
    )
    .option(
      "--dmax <definition>",
      "Dmax as point (D0.035cc, default, TG-101's point volume) or voxel (the true maximum)",
    )
    .option(
      "--lq",
      "convert limits for other fraction counts by the LQ model when the set has none for this one (labelled)",
    )
    .option("--ab <organ=Gy...>", "α/β per organ for --lq, e.g. SpinalCord=2 (default: the α/β table)")
    .option("--metrics <list>", "DVH metrics reported per ROI in --json (same grammar as `oligoscope dvh`)")
    .option(
      "--all",
      "list every constraint, also those not evaluated (no ROI, no limit for this fraction count)",
    )
    .option("--json", "print the full report as JSON (ROIs with DVH curves, constraints, mapping, warnings)")
    .option(
      "--svg <file>",
      "also write the DVHs of the checked ROIs with the limits marked (● met, ✕ not met)",
    )
    .addHelpText(
      "after",
      `
Limits are "<": a value exactly at the limit fails. Status per constraint: pass, optimal_missed
(optimal level missed, mandatory met), mandatory_failed, or not_evaluated (with the reason).
Examples:
  oligoscope plan-check --dose RD.dcm --struct RS.dcm --plan RP.dcm
  oligoscope plan-check --dose RD.dcm --struct RS.dcm --constraints tg101 --fractions 5 --map "Cord=SpinalCord" --svg check.svg
  oligoscope plan-check --dose RD.dcm --struct RS.dcm --fractions 3 --constraints my-set.json --json`,
    )
    .action(async (opts: PlanCheckCliOptions) => {
      const req = buildRequest(opts);
      const threads = threadsOption(opts);
      const progress = roiProgress(io, "plan-check");
      const result = await (async () => {
        try {
          return await checkPlanAsync({ ...req, onProgress: progress.tick, threads });
        } finally {
          progress.stop();
        }
      })();
      if (!result.ok)
        throw new InputError("cannot check the plan:", renameFields(result.issues, opts.constraints));
      const report = result.value;
      io.stdout.write(opts.json ? `${toJson(report)}\n` : textReport(report, opts.all === true));
      if (opts.svg !== undefined) await writeSvg(opts.svg, report);
      writeWarnings(io, [
        ...report.warnings,
        ...report.rois.flatMap((r) => r.warnings),
        ...report.failed.flatMap((f) => f.issues),
      ]);
    });
}

function buildRequest(opts: PlanCheckCliOptions): CheckPlanRequest {
  let fractions: number | undefined;
  if (opts.fractions !== undefined) {
    fractions = Number(opts.fractions);
    if (!Number.isInteger(fractions) || fractions < 1) {
      throw new InputError(`--fractions must be a whole number ≥ 1 (got "${opts.fractions}")`);
    }
  }
  const roiMap = opts.map === undefined ? undefined : pairs("--map", opts.map, (v) => v);
  const alphaBeta =
    opts.ab === undefined
      ? undefined
      : pairs("--ab", opts.ab, (v, k) => {
          const x = Number(v);
          if (!Number.isFinite(x) || x <= 0)
            throw new InputError(`--ab ${k}: α/β must be a number of Gy > 0 (got "${v}")`);
          return x;
        });
  if (alphaBeta !== undefined && !opts.lq) throw new UsageError("--ab only applies with --lq");
  let dmax: CheckPlanRequest["dmax"];
  if (opts.dmax !== undefined) {
    if (opts.dmax === "point") dmax = { kind: "point_volume", volumeCc: 0.035 };
    else if (opts.dmax === "voxel") dmax = { kind: "voxel_max" };
    else throw new UsageError(`--dmax must be point or voxel (got "${opts.dmax}")`);
  }
  const constraintSet = constraintSetSpec(opts.constraints);
  const step = curveStep(opts);
  const metrics = opts.metrics?.split(",").filter((m: string) => m.trim() !== "");
  const rtplan = opts.plan !== undefined ? readInputFile("--plan", opts.plan) : undefined;
  return {
    rtdose: readInputFile("--dose", opts.dose),
    rtstruct: readInputFile("--struct", opts.struct),
    ...(rtplan !== undefined ? { rtplan } : {}),
    constraintSet,
    ...(fractions !== undefined ? { fractions } : {}),
    ...(roiMap !== undefined ? { roiMap } : {}),
    ...(dmax !== undefined ? { dmax } : {}),
    ...(opts.lq ? { lqConversion: alphaBeta !== undefined ? { alphaBetaGy: alphaBeta } : {} } : {}),
    ...(metrics !== undefined ? { metrics } : {}),
    ...(step !== undefined ? { curveStepGy: step } : {}),
    options: engineOptions(opts),
  };
}

/** "tg101" / "uk-sabr-v6.1" stay ids; an existing file or a *.json name is read as a user set. */
function constraintSetSpec(text: string): NonNullable<CheckPlanRequest["constraintSet"]> {
  if (!text.toLowerCase().endsWith(".json") && !existsSync(text)) return text;
  let raw: string;
  try {
    raw = readFileSync(text, "utf8");
  } catch (err) {
    throw new InputError(
      `--constraints "${text}": cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  try {
    return { json: JSON.parse(raw) as unknown, name: `--constraints ${text}` };
  } catch (err) {
    throw new InputError(`--constraints "${text}": not valid JSON (${(err as Error).message})`);
  }
}

/** Parses "key=value" entries (the last "=" splits, so ROI names may hold "="). */
function pairs<T>(
  option: string,
  entries: readonly string[],
  value: (v: string, k: string) => T,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const e of entries) {
    const at = e.lastIndexOf("=");
    if (at <= 0 || at === e.length - 1) throw new InputError(`${option} "${e}": expected NAME=VALUE`);
    const k = e.slice(0, at).trim();
    out[k] = value(e.slice(at + 1).trim(), k);
  }
  return out;
}

function renameFields<T extends { path: string }>(issues: readonly T[], constraints: string): T[] {
  const names: Record<string, string> = {
    rtdose: "--dose",
    rtstruct: "--struct",
    rtplan: "--plan",
    metrics: "--metrics",
    fractions: "--fractions",
    roiMap: "--map",
    constraintSet: `--constraints ${constraints}`,
    lqConversion: "--ab",
    curveStepGy: "--curve-step",
  };
  return issues.map((i) => {
    const m = /^([A-Za-z]+)(.*)$/.exec(i.path);
    const name = m !== null ? names[m[1]!] : undefined;
    return name !== undefined ? { ...i, path: `${name}${m![2]}` } : i;
  });
}

const STATUS: Record<string, string> = {
  pass: "pass",
  optimal_missed: "OPTIMAL MISSED",
  mandatory_failed: "FAILED",
  not_evaluated: "not evaluated",
};

function textReport(r: PlanCheckReport, all: boolean): string {
  const lines: string[] = [];
  const plan = r.plan;
  lines.push(
    [
      plan?.label !== undefined ? `plan ${plan.label}` : "plan",
      `${r.fractions} fractions (${r.fractionsFrom === "rtplan" ? "from the RTPLAN" : "as given"})`,
      plan?.prescriptionDoseGy !== undefined
        ? `prescription ${fmtValue(plan.prescriptionDoseGy, "Gy")} Gy`
        : undefined,
    ]
      .filter((b) => b !== undefined)
      .join(" · "),
  );
  lines.push(`constraints: ${r.constraintSet.name} · Dmax = ${r.dmax} (citation and source rows: --json)`);
  const shown = r.constraints.filter((c) => all || c.status !== "not_evaluated");
  const limitText = (c: PlanCheckReport["constraints"][number]) => {
    const u = c.limitUnit ?? "";
    const parts: string[] = [];
    if (c.limits.optimal !== undefined) parts.push(`opt < ${fmtValue(c.limits.optimal, u)}`);
    if (c.limits.mandatory !== undefined) parts.push(`< ${fmtValue(c.limits.mandatory, u)}`);
    return `${parts.join(" / ")} ${u}`.trim();
  };
  const head = ["Organ", "ROI", "Metric", "Value", "Limit", "Margin", "Status"];
  const rows = shown.map((c) => [
    c.organ,
    c.roi ?? "–",
    c.evaluatedAs !== undefined && c.evaluatedAs !== c.metric ? `${c.metric} (${c.evaluatedAs})` : c.metric,
    c.value !== undefined ? `${fmtValue(c.value, c.valueUnit ?? "")} ${c.valueUnit ?? ""}`.trim() : "–",
    limitText(c),
    c.margin !== undefined ? `${c.margin >= 0 ? "+" : ""}${fmtValue(c.margin, c.valueUnit ?? "")}` : "–",
    c.status === "not_evaluated" && c.reason !== undefined
      ? `not evaluated: ${c.reason}`
      : (STATUS[c.status] ?? c.status),
  ]);
  if (rows.length === 0) {
    lines.push(
      "",
      "no constraint could be evaluated: no ROI was mapped to an organ of the set (see the mapping below, or use --map)",
    );
  } else {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const fmtRow = (row: string[]) =>
      row
        .map((x, i) => x.padEnd(widths[i]!))
        .join("  ")
        .trimEnd();
    lines.push("", fmtRow(head), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(fmtRow));
  }
  const n = r.counts;
  lines.push(
    "",
    `${n.pass} pass · ${n.optimal_missed} optimal missed · ${n.mandatory_failed} failed · ${n.not_evaluated} not evaluated${all || n.not_evaluated === 0 ? "" : " (--all lists them)"}`,
  );
  const mapped = r.roiMapping.filter((m) => m.organ !== undefined && m.how !== "ignored");
  if (mapped.length > 0) {
    lines.push(
      `mapped: ${mapped.map((m) => `${m.roi} → ${m.organ}${m.how === "override" ? " (--map)" : ""}`).join(", ")}`,
    );
  }
  if (r.unmappedRois.length > 0) lines.push(`not mapped (use --map ROI=organ): ${r.unmappedRois.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

async function writeSvg(path: string, r: PlanCheckReport): Promise<void> {
  const markers = constraintMarkers(r);
  const checked = new Set<string>(markers.map((m) => m.roi));
  // targets: the ROIs typed PTV in the RTSTRUCT, else those the mapping took for targets (at most 8)
  const typed = r.rois.filter((x) => x.interpretedType?.toUpperCase() === "PTV").map((x) => x.name);
  const targets = typed.length > 0 ? typed : r.roiMapping.filter((m) => m.how === "target").map((m) => m.roi);
  for (const t of targets.slice(0, 8)) checked.add(t);
  const series = r.rois
    .filter((x) => checked.has(x.name) && x.curve.doseGy.length > 0)
    .map((x) => ({
      name: x.name,
      volumeCc: x.volumeCc - x.volumeOutsideGridCc,
      curve: x.curve,
      ...(x.color !== undefined ? { color: x.color } : {}),
    }));
  const { dvhPlotSvg } = await loadPlotRenderers();
  const svg = dvhPlotSvg(series, {
    title: `${r.constraintSet.id} · ${r.fractions} fractions${r.plan?.label !== undefined ? ` · plan ${r.plan.label}` : ""}`,
    markers,
  });
  try {
    writeFileSync(path, svg);
  } catch (err) {
    throw new InputError(`--svg "${path}": cannot write the file (${(err as Error).message})`);
  }
}
