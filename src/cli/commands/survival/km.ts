// `oligoscope survival km --csv FILE --time COL --event COL [--group COL] [...] [--svg out.svg]`
// Kaplan–Meier curves (docs/cli/survival.md): medians and quartiles with CIs, survival and number
// at risk at chosen times, RMST at τ, log-rank across groups; optional publication SVG.
import type { Command } from "commander";
import { type KmReport, type KmRequest, kmAnalysis, loadPlotRenderers } from "../../../app/index.ts";
import type { CliIo } from "../../io.ts";
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
  parseConfLevel,
  parseConfType,
  parseTau,
  parseTimes,
  reportJson,
  table,
} from "./options.ts";

type KmCliOptions = InputCliOptions &
  SvgLayoutCliOptions & {
    confType?: string;
    confLevel?: string;
    times?: string;
    tau?: string;
    full?: boolean;
    svg?: string;
    ci?: boolean;
    medianLines?: boolean;
  };

export function formatKmReport(r: KmReport, timeUnit: string | undefined, full = false): string {
  const out = inputLines("Kaplan–Meier survival", r, timeUnit);
  const ci = ciLabel(r.confLevel);
  out.push(
    `  CI: ${ci}, ${r.confType} transform (R's conf.type); variance: ${r.variance === "greenwood" ? "Greenwood" : "infinitesimal jackknife (weights)"}`,
  );
  out.push("");
  const unit = timeUnit ? ` (${timeUnit})` : "";
  const probs = r.curves[0]?.quantiles.probs ?? [];
  out.push(
    `Median survival${unit} and quantiles (time by which a proportion p had the event; NA = not reached)`,
  );
  out.push(
    table(
      [
        "curve",
        "n",
        "events",
        "median",
        ci,
        ...probs.filter((p) => p !== 0.5).map((p) => `t(${Math.round(p * 100)}%)`),
      ],
      r.curves.map((c) => [
        c.label,
        String(c.n),
        fmtCount(c.events),
        fmtTime(c.median.time),
        fmtInterval(c.median.lower, c.median.upper, 6),
        ...probs.flatMap((p, k) =>
          p === 0.5
            ? []
            : [
                `${fmtTime(c.quantiles.time[k]!)} (${fmtInterval(c.quantiles.lower[k]!, c.quantiles.upper[k]!, 6)})`,
              ],
        ),
      ]),
      [false, true, true, true, true, ...probs.filter((p) => p !== 0.5).map(() => true)],
    ),
  );
  out.push("");
  out.push(
    `Survival at chosen times${unit}; n.event and n.censor count the interval since the previous time`,
  );
  for (const c of r.curves) {
    out.push(`  ${c.label}`);
    const a = c.atTimes;
    out.push(
      table(
        ["time", "n.risk", "n.event", "n.censor", "survival", "std.err", ci],
        a.time.map((t, k) => [
          fmtTime(t),
          fmtCount(a.nRisk[k]!),
          fmtCount(a.nEvent[k]!),
          fmtCount(a.nCensor[k]!),
          fmt(a.surv[k]!),
          fmt(a.stdErrSurv[k]!),
          fmtInterval(a.lower[k]!, a.upper[k]!),
        ]),
        [true, true, true, true, true, true, true],
        "    ",
      ),
    );
  }
  if (full) {
    out.push("");
    out.push("Event table (every distinct time, as R's survfit)");
    for (const c of r.curves) {
      out.push(`  ${c.label}`);
      const t = c.table;
      out.push(
        table(
          ["time", "n.risk", "n.event", "n.censor", "survival", "std.err", ci, "cum.hazard"],
          t.time.map((time, k) => [
            fmtTime(time),
            fmtCount(t.nRisk[k]!),
            fmtCount(t.nEvent[k]!),
            fmtCount(t.nCensor[k]!),
            fmt(t.surv[k]!),
            fmt(t.stdErrSurv[k]!),
            fmtInterval(t.lower[k]!, t.upper[k]!),
            fmt(t.cumhaz[k]!),
          ]),
          [true, true, true, true, true, true, true, true],
          "    ",
        ),
      );
    }
  }
  const withRmst = r.curves.filter((c) => c.rmst !== undefined);
  if (withRmst.length > 0) {
    out.push("");
    out.push(`Restricted mean survival time to τ = ${fmtTime(withRmst[0]!.rmst!.tau)}${unit}`);
    out.push(
      table(
        ["curve", "RMST", "se"],
        withRmst.map((c) => [c.label, fmt(c.rmst!.rmst, 6), fmt(c.rmst!.se)]),
        [false, true, true],
      ),
    );
  }
  if (r.logRank !== undefined) {
    const lr = r.logRank;
    out.push("");
    out.push(
      `Log-rank test${r.strata ? ` stratified by '${r.strata.column}'` : ""}: chisq = ${fmt(lr.chisq)} on ${lr.df} df, p = ${fmtP(lr.p)}`,
    );
  }
  return `${out.join("\n")}\n`;
}

export function register(survival: Command, io: CliIo): void {
  const cmd = survival
    .command("km")
    .description(
      "Kaplan–Meier curves: median and quantiles with CIs, survival and number at risk at chosen times, log-rank across groups, SVG plot",
    );
  addInputOptions(cmd, { group: "optional" })
    .option("--weights <column>", "case-weight column (≥ 0); non-integer weights use R's jackknife variance")
    .option("--conf-type <type>", "confidence interval: log (default, as R) | log-log | plain")
    .option("--conf-level <level>", "confidence level (default 0.95)")
    .option(
      "--times <list>",
      "times of the survival / number-at-risk table, e.g. 0,180,365 (default: 0 and a pretty grid)",
    )
    .option("--tau <time>", "also report the restricted mean survival time to τ")
    .option("--full", "also print the full event table (every distinct time)")
    .option("--svg <file>", "write a Kaplan–Meier plot (SVG) with CI bands, censor marks and number at risk")
    .option("--no-ci", "SVG: leave out the confidence bands")
    .option("--median-lines", "SVG: draw dashed lines at S = 0.5 to each median");
  addSvgLayoutOptions(cmd, "SVG: text size in px (default 13; margins scale with it)")
    .option("--json", "print the full report as JSON (event tables, quantiles, at-times table, log-rank)")
    .addHelpText(
      "after",
      `
Rows missing a value in any used column are dropped (as R's na.omit) and counted. Numbers match R
survival's survfit / summary.survfit / quantile / survdiff (see docs/survival.md).
Examples:
  oligoscope survival km --csv lung.csv --time time --event status --group sex --time-unit days
  oligoscope survival km --csv aml.csv --time time --event status --group x --times 0,10,20,30,40,50 --tau 45
  oligoscope survival km --csv lung.csv --time time --event status --group sex --svg km.svg --median-lines
Exit codes: 0 done, 1 invalid input (file, column, value; named), 2 wrong usage.`,
    )
    .action(async (opts: KmCliOptions) => {
      const confType = parseConfType(opts.confType);
      const confLevel = parseConfLevel(opts.confLevel);
      const times = parseTimes(opts.times);
      const tau = parseTau(opts.tau);
      const request: KmRequest = {
        ...csvRequest(opts),
        ...(confType !== undefined ? { confType } : {}),
        ...(confLevel !== undefined ? { confLevel } : {}),
        ...(times !== undefined ? { times } : {}),
        ...(tau !== undefined ? { tau } : {}),
      };
      const result = kmAnalysis(request);
      if (!result.ok) throw analysisFailure("Kaplan–Meier", opts.csv, result.issues);
      const layout = parseSvgLayout(opts);
      if (opts.svg !== undefined) {
        const { kmPlotSvg } = await loadPlotRenderers();
        const svg = kmPlotSvg(result.value, {
          ...layout,
          ...(opts.timeUnit !== undefined ? { timeUnit: opts.timeUnit } : {}),
          ci: opts.ci !== false,
          medianLines: opts.medianLines === true,
        });
        writeSvgFile(io, opts.svg, svg, "Kaplan–Meier plot");
      }
      io.stdout.write(
        opts.json ? reportJson(result.value) : formatKmReport(result.value, opts.timeUnit, opts.full),
      );
    });
}
