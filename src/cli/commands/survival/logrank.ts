// `oligoscope survival logrank --csv FILE --time COL --event COL --group COL [--strata COL] [--rho R]`
// Log-rank test (G-rho family; Peto–Peto with rho = 1) of k groups, optionally stratified, as R's
// survdiff (docs/cli/survival.md).
import type { Command } from "commander";
import { type LogRankAnalysis, logRankAnalysis } from "../../../app/index.ts";
import type { CliIo } from "../../io.ts";
import {
  addInputOptions,
  analysisFailure,
  csvRequest,
  fmt,
  fmtCount,
  fmtP,
  type InputCliOptions,
  inputLines,
  parseRho,
  reportJson,
  table,
} from "./options.ts";

type LogRankCliOptions = InputCliOptions & { rho?: string };

export function formatLogRank(r: LogRankAnalysis, timeUnit: string | undefined): string {
  const t = r.test;
  const name =
    t.rho === 0
      ? "Log-rank test"
      : t.rho === 1
        ? "Peto–Peto test (G-rho, rho = 1)"
        : `G-rho test (rho = ${t.rho})`;
  const out = inputLines(`${name}${r.strata ? ` stratified by '${r.strata.column}'` : ""}`, r, timeUnit);
  out.push("");
  out.push(
    table(
      ["group", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"],
      t.groups.map((g, k) => [
        g,
        fmtCount(t.n[k]!),
        t.rho === 0 ? fmtCount(t.observed[k]!) : fmt(t.observed[k]!),
        fmt(t.expected[k]!),
        fmt(t.oeSquaredOverE[k]!, 3),
        fmt(t.oeSquaredOverV[k]!, 3),
      ]),
      [false, true, true, true, true, true],
    ),
  );
  out.push("");
  out.push(
    `  Chisq = ${fmt(t.chisq)} on ${t.df} degree${t.df === 1 ? "" : "s"} of freedom, p = ${fmtP(t.p)}`,
  );
  if (t.rho !== 0)
    out.push("  (observed and expected are weighted by S(t-)^rho, as R's survdiff prints them)");
  return `${out.join("\n")}\n`;
}

export function register(survival: Command, io: CliIo): void {
  const cmd = survival
    .command("logrank")
    .description("log-rank test of groups (G-rho family, Peto–Peto with --rho 1), optionally stratified");
  addInputOptions(cmd, { group: "required" })
    .option("--rho <rho>", "G-rho weight S(t-)^rho: 0 log-rank (default), 1 Peto–Peto")
    .option("--json", "print the report as JSON (observed, expected, variance matrix, chisq, df, p)")
    .addHelpText(
      "after",
      `
Rows missing a value in any used column are dropped (as R's na.omit) and counted. Numbers match R
survival's survdiff (hypergeometric variance with ties; see docs/survival.md).
Examples:
  oligoscope survival logrank --csv lung.csv --time time --event status --group sex
  oligoscope survival logrank --csv lung.csv --time time --event status --group sex --strata ph.ecog
  oligoscope survival logrank --csv veteran.csv --time time --event status --group celltype --rho 1
Exit codes: 0 done, 1 invalid input (file, column, value; named), 2 wrong usage.`,
    )
    .action((opts: LogRankCliOptions) => {
      const rho = parseRho(opts.rho);
      const result = logRankAnalysis({ ...csvRequest(opts), ...(rho !== undefined ? { rho } : {}) });
      if (!result.ok) throw analysisFailure("log-rank test", opts.csv, result.issues);
      io.stdout.write(opts.json ? reportJson(result.value) : formatLogRank(result.value, opts.timeUnit));
    });
}
