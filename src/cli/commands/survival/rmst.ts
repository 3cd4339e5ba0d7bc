// `oligoscope survival rmst --csv FILE --time COL --event COL [--group COL] [--tau T]`
// Restricted mean survival time to τ per group (area under the Kaplan–Meier curve) and each
// group's difference from the reference group with a CI (docs/cli/survival.md).
import type { Command } from "commander";
import { type RmstReport, rmstAnalysis } from "../../../app/index.ts";
import type { CliIo } from "../../io.ts";
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
  parseTau,
  reportJson,
  table,
} from "./options.ts";

type RmstCliOptions = InputCliOptions & { tau?: string; confLevel?: string };

export function formatRmstReport(r: RmstReport, timeUnit: string | undefined): string {
  const out = inputLines("Restricted mean survival time (RMST)", r, timeUnit);
  const unit = timeUnit ? ` ${timeUnit}` : "";
  out.push(
    `  τ = ${fmtTime(r.tau)}${unit}${
      r.tauDefaulted
        ? " (default: the smallest of the curves' last follow-up times, as R's survRM2)"
        : " (given)"
    }`,
  );
  if (r.extrapolated.length > 0)
    out.push(
      `  NOTE: follow-up ends before τ for ${r.extrapolated.join(", ")}: the last survival value is carried to τ`,
    );
  const ci = ciLabel(r.confLevel);
  out.push("");
  out.push(
    table(
      ["curve", "n", "events", `RMST${unit ? ` (${unit.trim()})` : ""}`, "se", ci, "last time"],
      r.curves.map((c) => [
        c.label,
        String(c.n),
        fmtCount(c.events),
        fmt(c.rmst, 6),
        fmt(c.se),
        fmtInterval(c.lower, c.upper, 6),
        fmtTime(c.maxTime),
      ]),
      [false, true, true, true, true, true, true],
    ),
  );
  if (r.differences.length > 0) {
    out.push("");
    out.push("Difference in RMST (each group minus the reference group)");
    out.push(
      table(
        ["contrast", "difference", "se", ci, "z", "p"],
        r.differences.map((d) => [
          d.contrast,
          fmt(d.diff, 6),
          fmt(d.se),
          fmtInterval(d.lower, d.upper, 6),
          fmt(d.z, 3),
          fmtP(d.p),
        ]),
        [false, true, true, true, true, true],
      ),
    );
  }
  return `${out.join("\n")}\n`;
}

export function register(survival: Command, io: CliIo): void {
  const cmd = survival
    .command("rmst")
    .description("restricted mean survival time to τ per group, and the difference between groups with CI");
  addInputOptions(cmd, { group: "optional" })
    .option(
      "--tau <time>",
      "horizon τ (default: the smallest of the curves' last follow-up times, as R's survRM2; stated in the output)",
    )
    .option("--conf-level <level>", "confidence level (default 0.95)")
    .option("--json", "print the report as JSON (per-curve RMST, se, CI; differences with z and p)")
    .addHelpText(
      "after",
      `
RMST is the area under the Kaplan–Meier curve from 0 to τ; its variance is the Greenwood-type
formula, as survRM2. The reference group is the first group value (R's
factor order, or the first of --group-levels). Rows missing a value are dropped (as R's na.omit).
Examples:
  oligoscope survival rmst --csv lung.csv --time time --event status --group sex --tau 730 --time-unit days
  oligoscope survival rmst --csv aml.csv --time time --event status --group x --group-levels Nonmaintained,Maintained
Exit codes: 0 done, 1 invalid input (file, column, value; named), 2 wrong usage.`,
    )
    .action((opts: RmstCliOptions) => {
      const tau = parseTau(opts.tau);
      const confLevel = parseConfLevel(opts.confLevel);
      const result = rmstAnalysis({
        ...csvRequest(opts),
        ...(tau !== undefined ? { tau } : {}),
        ...(confLevel !== undefined ? { confLevel } : {}),
      });
      if (!result.ok) throw analysisFailure("RMST", opts.csv, result.issues);
      io.stdout.write(opts.json ? reportJson(result.value) : formatRmstReport(result.value, opts.timeUnit));
    });
}
