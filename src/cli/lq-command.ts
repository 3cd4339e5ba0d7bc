// The `bed` and `eqd2` commands share everything but the order of their results.
import type { Command } from "commander";
import {
  assessBed10Threshold,
  computeLqDoses,
  highDosePerFractionCaveat,
  type Issue,
  issue,
} from "../core/index.ts";
import { type CliIo, UsageError } from "./io.ts";
import {
  addScheduleOptions,
  alphaBetaJson,
  bed10Lines,
  describeAlphaBeta,
  describeSchedule,
  failWithIssues,
  gy,
  lines,
  numberOption,
  requireOneOf,
  tissueHelp,
} from "./radiobiology-cli.ts";

export type LqOptions = {
  readonly dose?: string;
  readonly dosePerFraction?: string;
  readonly fractions?: string;
  readonly ab?: string;
  readonly tissue?: string;
  readonly site?: string;
  readonly intent: string;
  readonly isocentreDose?: string;
  readonly json?: boolean;
};

const INTENTS = ["radical", "palliative"] as const;

function run(primary: "bed" | "eqd2", opts: LqOptions, io: CliIo): void {
  requireOneOf({ "--dose": opts.dose, "--dose-per-fraction": opts.dosePerFraction }, "the dose");
  requireOneOf({ "--fractions": opts.fractions }, "the number of fractions");
  requireOneOf({ "--ab": opts.ab, "--tissue": opts.tissue }, "alpha/beta");
  if (opts.isocentreDose !== undefined && opts.site === undefined) {
    throw new UsageError("--isocentre-dose belongs to the BED10 check: give --site too");
  }
  const issues: Issue[] = [];
  const totalDoseGy = numberOption(opts.dose, "--dose", issues);
  const dosePerFractionGy = numberOption(opts.dosePerFraction, "--dose-per-fraction", issues);
  const fractions = numberOption(opts.fractions, "--fractions", issues);
  const alphaBetaGy = numberOption(opts.ab, "--ab", issues);
  const isocentreDoseGy = numberOption(opts.isocentreDose, "--isocentre-dose", issues);
  const intent = opts.intent.trim().toLowerCase();
  if (!(INTENTS as readonly string[]).includes(intent)) {
    issues.push(issue("invalid_value", "--intent", `must be radical or palliative (got "${opts.intent}")`));
  }
  if (issues.length > 0) failWithIssues(issues);

  const r = computeLqDoses({
    totalDoseGy,
    dosePerFractionGy,
    fractions,
    alphaBetaGy,
    tissue: opts.tissue,
  });
  const check =
    opts.site === undefined
      ? undefined
      : assessBed10Threshold({
          prescription: { totalDoseGy, dosePerFractionGy, fractions },
          ...(isocentreDoseGy !== undefined ? { isocentre: { totalDoseGy: isocentreDoseGy } } : {}),
          site: opts.site,
          intent: intent as (typeof INTENTS)[number],
        });
  const all = [
    ...(r.ok ? [] : r.issues),
    // schedule issues are already in r; add only the isocentre ones
    ...(check !== undefined && !check.ok ? check.issues.filter((i) => i.path.startsWith("isocentre.")) : []),
  ];
  if (all.length > 0 || !r.ok) {
    failWithIssues(all, {
      "isocentre.totalDoseGy": "--isocentre-dose",
      "isocentre.fractions": "--fractions",
    });
  }
  const v = r.value;
  const caveat = highDosePerFractionCaveat([v.fractionation.dosePerFractionGy]);
  const bed10 = check?.ok ? check.value : undefined;

  if (opts.json) {
    const out = {
      schedule: v.fractionation,
      alphaBeta: alphaBetaJson(v.alphaBeta),
      bedGy: v.bedGy,
      eqd2Gy: v.eqd2Gy,
      ...(bed10 !== undefined ? { bed10Check: bed10 } : {}),
      ...(caveat !== undefined ? { caveat } : {}),
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const ab = v.alphaBeta.alphaBetaGy;
  const bedRow: [string, string] = [`BED (α/β ${ab} Gy)`, gy(v.bedGy)];
  const eqd2Row: [string, string] = [`EQD2 (α/β ${ab} Gy)`, gy(v.eqd2Gy)];
  const rows: [string, string][] = [
    ["Schedule", describeSchedule(v.fractionation)],
    ["α/β", describeAlphaBeta(v.alphaBeta)],
    ...(primary === "bed" ? [bedRow, eqd2Row] : [eqd2Row, bedRow]),
    ...(bed10 !== undefined ? bed10Lines(bed10) : []),
    ...(caveat !== undefined ? ([["Note", caveat]] as [string, string][]) : []),
  ];
  io.stdout.write(lines(rows));
}

export function registerLqCommand(program: Command, io: CliIo, primary: "bed" | "eqd2"): void {
  const title =
    primary === "bed"
      ? "biologically effective dose: BED = n·d·(1 + d/(α/β)), with EQD2 beside it"
      : "equivalent dose in 2-Gy fractions: EQD2 = D·(d + α/β)/(2 + α/β), with BED beside it";
  const example =
    primary === "bed"
      ? "  oligoscope bed --dose 55 --fractions 5 --ab 10\n  oligoscope bed --dose-per-fraction 18 --fractions 3 --tissue tumour --site lung\n"
      : "  oligoscope eqd2 --dose 30 --fractions 5 --tissue spinal-cord\n  oligoscope eqd2 --dose 35 --fractions 5 --ab 3 --json\n";
  addScheduleOptions(program.command(primary).description(title))
    .addHelpText(
      "after",
      `\nExamples:\n${example}\nValues are printed to 2 decimals (JSON keeps full precision). LQ model, no time factor.${tissueHelp()}`,
    )
    .action((opts: LqOptions) => run(primary, opts, io));
}
