// `oligoscope survival cif --csv FILE --time COL --event COL [--censor-value V] [--group COL] [...]`
// Competing risks: Aalen–Johansen cumulative incidence per cause with CIs, by group and stratum,
// and Gray's test across groups (docs/cli/survival.md). The status column holds the causes.
import type { Command } from "commander";
import {
  type CifReport,
  type CifRequest,
  type CifVariance,
  cifAnalysis,
  loadPlotRenderers,
} from "../../../app/index.ts";
import { type CliIo, InputError, UsageError } from "../../io.ts";
import {
  addSvgLayoutOptions,
  parseSvgLayout,
  type SvgLayoutCliOptions,
  writeSvgFile,
} from "./common-options.ts";
import {
  addInputOptions,
  analysisFailure,
  ciLabel,
  csvRequest,
  fmt,
  fmtCount,
  fmtInterval,
  fmtP,
  fmtTime,
  type InputCliOptions,
  inputLines,
  list,
  parseConfLevel,
  parseConfType,
  parseRho,
  parseTimes,
  reportJson,
  table,
} from "./options.ts";

type CifCliOptions = InputCliOptions &
  SvgLayoutCliOptions & {
    censorValue?: string;
    variance?: string;
    confType?: string;
    confLevel?: string;
    times?: string;
    rho?: string;
    svg?: string;
    ci?: boolean;
    causeLabels?: string;
  };

function parseVariance(raw: string | undefined): CifVariance | undefined {
  if (raw === undefined) return undefined;
  if (raw === "ij" || raw === "infinitesimal-jackknife") return "infinitesimal-jackknife";
  if (raw === "delta") return "delta";
  throw new UsageError(`--variance must be ij (R survfit, default) or delta (cmprsk cuminc) (got "${raw}")`);
}

export function formatCifReport(r: CifReport, timeUnit: string | undefined): string {
  const out = inputLines("Cumulative incidence of competing risks (Aalen–Johansen)", r, timeUnit);
  const ci = ciLabel(r.confLevel);
  out.push(
    `  variance: ${r.variance === "delta" ? "delta method (cmprsk cuminc)" : "infinitesimal jackknife (R survfit)"}; CI: ${ci}, ${r.confType} transform`,
  );
  out.push("");
  out.push(
    table(
      ["curve", "n", ...r.causes.map((c) => `events '${c}'`)],
      r.curves.map((c) => [c.label, String(c.n), ...c.events.map(fmtCount)]),
      [false, true, ...r.causes.map(() => true)],
    ),
  );
  const unit = timeUnit ? ` (${timeUnit})` : "";
  for (const c of r.curves) {
    out.push("");
    out.push(`Cumulative incidence at chosen times${unit} — ${c.label}`);
    const first = c.causes[0]!.atTimes;
    out.push(
      table(
        ["time", "n.risk", ...c.causes.flatMap((k) => [`CIF '${k.cause}'`, ci])],
        first.time.map((t, i) => [
          fmtTime(t),
          fmtCount(first.nRisk[i]!),
          ...c.causes.flatMap((k) => [
            fmt(k.atTimes.cif[i]!),
            fmtInterval(k.atTimes.lower[i]!, k.atTimes.upper[i]!),
          ]),
        ]),
        [true, true, ...c.causes.flatMap(() => [true, true])],
        "    ",
      ),
    );
  }
  if (r.grayTests !== undefined) {
    out.push("");
    out.push(
      `Gray's test across '${r.group?.column}'${r.strata ? ` stratified by '${r.strata.column}'` : ""}`,
    );
    out.push(
      table(
        ["cause", "stat", "df", "p"],
        r.grayTests.map((g) => [g.cause, fmt(g.stat), String(g.df), fmtP(g.p)]),
        [false, true, true, true],
      ),
    );
  }
  for (const w of r.warnings) out.push(`  WARNING: ${w}`);
  return `${out.join("\n")}\n`;
}

export function register(survival: Command, io: CliIo): void {
  const cmd = survival
    .command("cif")
    .description(
      "competing risks: cumulative incidence per cause (Aalen–Johansen) with CIs, Gray's test across groups",
    );
  addInputOptions(cmd, { group: "optional", eventValue: false })
    .option(
      "--censor-value <value>",
      "status value meaning censored (default 0); every other value is a cause",
    )
    .option("--weights <column>", "case-weight column (≥ 0; not with --variance delta)")
    .option(
      "--variance <method>",
      "ij: infinitesimal jackknife as R survfit (default) | delta: cmprsk cuminc",
    )
    .option("--conf-type <type>", "confidence interval: log (default) | log-log | plain")
    .option("--conf-level <level>", "confidence level (default 0.95)")
    .option("--times <list>", "times of the incidence table, e.g. 0,12,24,60 (default: 0 and a pretty grid)")
    .option("--rho <rho>", "Gray's test weight exponent (default 0, as cmprsk)")
    .option("--svg <file>", "write a cumulative incidence plot (SVG) with the number at risk")
    .option("--ci", "SVG: draw the pointwise confidence bands (off by default)")
    .option("--cause-labels <list>", "SVG: names of the causes, e.g. 1=progression,2=death");
  addSvgLayoutOptions(cmd)
    .option("--json", "print the full report as JSON (curves per cause, at-times table, Gray's tests)")
    .addHelpText(
      "after",
      `
The status column holds the causes: one value means censored (--censor-value, default 0) and every
other value is a cause, in R's factor order. Rows missing a value are dropped (as R's na.omit).
Examples:
  oligoscope survival cif --csv mgus2.csv --time cr_time --event cr_status --group sex --time-unit months
  oligoscope survival cif --csv pbc312.csv --time time --event status --group trt --times 0,1000,2000,3000
Exit codes: 0 done, 1 invalid input (file, column, value; named), 2 wrong usage.`,
    )
    .action(async (opts: CifCliOptions) => {
      const variance = parseVariance(opts.variance);
      const confType = parseConfType(opts.confType);
      const confLevel = parseConfLevel(opts.confLevel);
      const times = parseTimes(opts.times);
      const rho = parseRho(opts.rho);
      const { eventValues: _unused, ...base } = csvRequest(opts);
      const request: CifRequest = {
        ...base,
        ...(opts.censorValue !== undefined ? { censorValue: opts.censorValue } : {}),
        ...(variance !== undefined ? { variance } : {}),
        ...(confType !== undefined ? { confType } : {}),
        ...(confLevel !== undefined ? { confLevel } : {}),
        ...(times !== undefined ? { times } : {}),
        ...(rho !== undefined ? { rho } : {}),
      };
      const layout = parseSvgLayout(opts);
      const causeLabels: Record<string, string> = {};
      for (const item of list(opts.causeLabels)) {
        const eq = item.indexOf("=");
        if (eq <= 0 || eq === item.length - 1)
          throw new UsageError(
            `--cause-labels expects VALUE=NAME pairs, e.g. 1=progression,2=death (got "${item}")`,
          );
        causeLabels[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
      }
      const result = cifAnalysis(request);
      if (!result.ok) throw analysisFailure("cumulative incidence", opts.csv, result.issues);
      const unknown = Object.keys(causeLabels).filter((k) => !result.value.causes.includes(k));
      if (unknown.length > 0)
        throw new InputError(
          `--cause-labels: ${unknown.map((k) => `'${k}'`).join(", ")} is not a cause of '${opts.event}' (causes: ${result.value.causes.join(", ")})`,
        );
      if (opts.svg !== undefined) {
        const { cifPlotSvg } = await loadPlotRenderers();
        const svg = cifPlotSvg(result.value, {
          ...(opts.timeUnit !== undefined ? { timeUnit: opts.timeUnit } : {}),
          ci: opts.ci === true,
          causeLabels,
          ...layout,
        });
        writeSvgFile(io, opts.svg, svg, "Cumulative incidence plot");
      }
      io.stdout.write(opts.json ? reportJson(result.value) : formatCifReport(result.value, opts.timeUnit));
    });
}
