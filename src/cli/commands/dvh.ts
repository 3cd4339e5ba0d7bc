// `oligoscope dvh --dose RD --struct RS [--plan RP] [--roi NAME…] [--metrics LIST] [--json|--csv] [--svg FILE]`
// Dose-volume histograms of a plan's structures with metrics by name (docs/cli/dvh.md).
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { computeDvhAsync, DEFAULT_DVH_METRICS, type DvhReport, loadPlotRenderers } from "../../app/index.ts";
import { type CliIo, InputError, UsageError } from "../io.ts";
import {
  addPlanFileOptions,
  csvField,
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

type DvhCliOptions = PlanFileOptions & {
  roi?: string[];
  metrics?: string;
  json?: boolean;
  csv?: boolean;
  svg?: string;
  svgVolume?: string;
  rx?: string;
};

export function register(program: Command, io: CliIo): void {
  addPlanFileOptions(
    program
      .command("dvh")
      .description(
        "dose-volume histograms of a plan's structures from DICOM RTDOSE + RTSTRUCT (+ RTPLAN), with metrics by name",
      ),
  )
    .option("--roi <name...>", "only these ROIs (exact names, case ignored; quote names with spaces)")
    .option(
      "--metrics <list>",
      `comma-separated: Dmin, Dmax, Dmean, D<x>% (e.g. D95%), D<x>cc (e.g. D0.03cc), V<x>Gy (cc), V<x>Gy% (percent), HI (ICRU 83), CI (Paddick), GI (Paddick–Lippitz) (default ${DEFAULT_DVH_METRICS.join(",")})`,
    )
    .option("--rx <Gy>", "prescription dose (Gy) for CI and GI (default: the RTPLAN's target prescription)")
    .option(
      "--json",
      "print the full report as JSON: per ROI name, number, volumeCc, minGy, meanGy, maxGy, metrics, curve, warnings",
    )
    .option("--csv", "print one CSV row per ROI (volume, Dmin, Dmean, Dmax and the metrics)")
    .option("--svg <file>", "also write the cumulative DVHs as an SVG plot")
    .option("--svg-volume <unit>", "volume axis of the SVG plot: percent (default) | cc")
    .addHelpText(
      "after",
      `
Volumes are in cc (cm³), doses in Gy. D-metrics interpolate on the cumulative DVH. A part of a
structure outside the dose grid is reported as volumeOutsideGridCc and left out of the curve.
Examples:
  oligoscope dvh --dose RD.dcm --struct RS.dcm --metrics "D99%,D95%,D0.03cc,V20Gy"
  oligoscope dvh --dose RD.dcm --struct RS.dcm --plan RP.dcm --roi PTV_1 "BRAIN STEM" --metrics "D95%,CI,GI" --json
  oligoscope dvh --dose RD.dcm --struct RS.dcm --csv > dvh.csv --svg dvh.svg`,
    )
    .action(async (opts: DvhCliOptions) => {
      if (opts.json && opts.csv) throw new UsageError("--json and --csv cannot be used together");
      if (opts.svgVolume !== undefined && !["percent", "cc"].includes(opts.svgVolume)) {
        throw new UsageError(`--svg-volume must be percent or cc (got "${opts.svgVolume}")`);
      }
      let rx: number | undefined;
      if (opts.rx !== undefined) {
        rx = Number(opts.rx);
        if (!Number.isFinite(rx) || rx <= 0)
          throw new InputError(`--rx must be a dose in Gy > 0 (got "${opts.rx}")`);
      }
      const rtdose = readInputFile("--dose", opts.dose);
      const rtstruct = readInputFile("--struct", opts.struct);
      const rtplan = opts.plan !== undefined ? readInputFile("--plan", opts.plan) : undefined;
      const metrics = opts.metrics?.split(",").filter((m: string) => m.trim() !== "");
      const step = curveStep(opts);
      const threads = threadsOption(opts);
      const progress = roiProgress(io, "dvh");
      const result = await (async () => {
        try {
          return await computeDvhAsync({
            rtdose,
            rtstruct,
            ...(rtplan !== undefined ? { rtplan } : {}),
            ...(opts.roi !== undefined ? { roiNames: opts.roi } : {}),
            ...(metrics !== undefined ? { metrics } : {}),
            ...(rx !== undefined ? { prescriptionGy: rx } : {}),
            ...(step !== undefined ? { curveStepGy: step } : {}),
            options: engineOptions(opts),
            onProgress: progress.tick,
            threads,
          });
        } finally {
          progress.stop();
        }
      })();
      if (!result.ok) throw new InputError("cannot compute the DVHs:", renameFields(result.issues));
      const report = result.value;
      if (opts.json) io.stdout.write(`${toJson(report)}\n`);
      else if (opts.csv) io.stdout.write(csvReport(report));
      else io.stdout.write(textReport(report));
      if (opts.svg !== undefined) {
        const { dvhPlotSvg } = await loadPlotRenderers();
        const svg = dvhPlotSvg(
          report.rois
            .filter((r) => r.curve.doseGy.length > 0)
            .map((r) => ({
              name: r.name,
              volumeCc: r.volumeCc - r.volumeOutsideGridCc,
              curve: r.curve,
              ...(r.color !== undefined ? { color: r.color } : {}),
            })),
          {
            volume: opts.svgVolume === "cc" ? "cc" : "percent",
            ...(report.plan?.label !== undefined
              ? { title: `DVH · ${report.plan.label}` }
              : { title: "DVH" }),
          },
        );
        try {
          writeFileSync(opts.svg, svg);
        } catch (err) {
          throw new InputError(`--svg "${opts.svg}": cannot write the file (${(err as Error).message})`);
        }
      }
      writeWarnings(io, [
        ...report.warnings,
        ...report.rois.flatMap((r) => r.warnings),
        ...report.failed.flatMap((f) => f.issues),
      ]);
    });
}

/** Issue paths name the command-line option that held the input. */
function renameFields<T extends { path: string }>(issues: readonly T[]): T[] {
  const names: Record<string, string> = {
    rtdose: "--dose",
    rtstruct: "--struct",
    rtplan: "--plan",
    metrics: "--metrics",
    roiNames: "--roi",
    prescriptionGy: "--rx",
    curveStepGy: "--curve-step",
  };
  return issues.map((i) => {
    const m = /^([A-Za-z]+)(.*)$/.exec(i.path);
    const name = m !== null ? names[m[1]!] : undefined;
    return name !== undefined ? { ...i, path: `${name}${m![2]}` } : i;
  });
}

function textReport(r: DvhReport): string {
  const lines: string[] = [];
  if (r.plan !== undefined) {
    const bits = [
      r.plan.label !== undefined ? `plan ${r.plan.label}` : "plan",
      r.plan.fractions !== undefined ? `${r.plan.fractions} fractions` : undefined,
      r.plan.prescriptionDoseGy !== undefined
        ? `prescription ${fmtValue(r.plan.prescriptionDoseGy, "Gy")} Gy`
        : undefined,
    ].filter((b) => b !== undefined);
    lines.push(bits.join(" · "));
  }
  lines.push(
    `dose ${r.dose.summationType} ${r.dose.doseType}, max ${fmtValue(r.dose.maxGy, "Gy")} Gy, grid ${r.dose.size.join(" × ")} at ${r.dose.spacingMm[1]} × ${r.dose.spacingMm[0]} mm`,
  );
  const head = [
    "ROI",
    "Volume cc",
    // "D95% Gy", "V20Gy cc", but "V20Gy%" (the name carries the unit) and "HI"
    ...r.metricNames.map((n) =>
      r.metricUnits[n] && r.metricUnits[n] !== "%" ? `${n} ${r.metricUnits[n]}` : n,
    ),
  ];
  const rows = r.rois.map((roi) => [
    roi.name,
    `${fmtValue(roi.volumeCc, "cc")}${roi.volumeOutsideGridCc > 0 ? "*" : ""}`,
    ...r.metricNames.map((n) => fmtValue(roi.metrics[n], r.metricUnits[n] ?? "")),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const fmtRow = (row: string[]) =>
    row.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join("  ");
  lines.push("", fmtRow(head), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(fmtRow));
  const outside = r.rois.filter((roi) => roi.volumeOutsideGridCc > 0);
  if (outside.length > 0) {
    lines.push(
      "",
      `* partly outside the dose grid (no dose there): ${outside.map((o) => `${o.name} ${fmtValue(o.volumeOutsideGridCc, "cc")} cc`).join(", ")}`,
    );
  }
  const points = r.rois.filter((roi) => roi.pointDosesGy !== undefined);
  for (const p of points)
    lines.push(`point ${p.name}: ${p.pointDosesGy!.map((d) => `${fmtValue(d, "Gy")} Gy`).join(", ")}`);
  if (r.failed.length > 0)
    lines.push("", `not computed: ${r.failed.map((f) => f.name).join(", ")} (see warnings)`);
  return `${lines.join("\n")}\n`;
}

function csvReport(r: DvhReport): string {
  const head = [
    "roi",
    "number",
    "volume_cc",
    "outside_grid_cc",
    ...r.metricNames.map((n) => (r.metricUnits[n] ? `${n} [${r.metricUnits[n]}]` : n)),
  ];
  const rows = r.rois.map((roi) => [
    roi.name,
    roi.number,
    roi.volumeCc,
    roi.volumeOutsideGridCc,
    ...r.metricNames.map((n) => roi.metrics[n] ?? null),
  ]);
  return [head, ...rows]
    .map((row) => row.map((x) => csvField(x)).join(","))
    .join("\n")
    .concat("\n");
}
