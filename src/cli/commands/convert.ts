// `oligoscope convert`: iso-effective schedules in m fractions and EQDx, from a BED or a schedule
// (LQ model, clinical reference §3.1).
import { type Command, Option } from "commander";
import { convertIsoeffective, highDosePerFractionCaveat, type Issue } from "../../core/index.ts";
import { type CliIo, UsageError } from "../io.ts";
import {
  alphaBetaJson,
  collect,
  describeAlphaBeta,
  describeSchedule,
  failWithIssues,
  gy,
  lines,
  numberListOption,
  numberOption,
  requireOneOf,
  tissueHelp,
} from "../radiobiology-cli.ts";

type ConvertOptions = {
  readonly bed?: string;
  readonly dose?: string;
  readonly dosePerFraction?: string;
  readonly fractions?: string;
  readonly ab?: string;
  readonly tissue?: string;
  readonly toFractions?: string[];
  readonly eqdx?: string[];
  readonly json?: boolean;
};

function run(opts: ConvertOptions, io: CliIo): void {
  requireOneOf(
    { "--bed": opts.bed, "--dose": opts.dose, "--dose-per-fraction": opts.dosePerFraction },
    "what to convert",
  );
  if (opts.bed === undefined && opts.fractions === undefined) {
    throw new UsageError("give --fractions with --dose or --dose-per-fraction");
  }
  requireOneOf({ "--ab": opts.ab, "--tissue": opts.tissue }, "alpha/beta");
  if ((opts.toFractions ?? []).length === 0 && (opts.eqdx ?? []).length === 0) {
    throw new UsageError("give --to-fractions and/or --eqdx: what to convert to");
  }
  const issues: Issue[] = [];
  const bedGy = numberOption(opts.bed, "--bed", issues);
  const totalDoseGy = numberOption(opts.dose, "--dose", issues);
  const dosePerFractionGy = numberOption(opts.dosePerFraction, "--dose-per-fraction", issues);
  const fractions = numberOption(opts.fractions, "--fractions", issues);
  const alphaBetaGy = numberOption(opts.ab, "--ab", issues);
  const toFractions = numberListOption(opts.toFractions, "--to-fractions", issues);
  const eqdx = numberListOption(opts.eqdx, "--eqdx", issues);
  if (issues.length > 0) failWithIssues(issues);

  const r = convertIsoeffective({
    ...(bedGy !== undefined ? { bedGy } : { from: { totalDoseGy, dosePerFractionGy, fractions } }),
    alphaBetaGy,
    tissue: opts.tissue,
    toFractions,
    eqdxDosesPerFractionGy: eqdx,
  });
  if (!r.ok) failWithIssues(r.issues);
  const v = r.value;
  const caveat = highDosePerFractionCaveat([
    ...(v.from ? [v.from.dosePerFractionGy] : []),
    ...v.schedules.map((s) => s.dosePerFractionGy),
  ]);

  if (opts.json) {
    const out = {
      ...(v.from !== undefined ? { from: v.from } : {}),
      alphaBeta: alphaBetaJson(v.alphaBeta),
      bedGy: v.bedGy,
      eqd2Gy: v.eqd2Gy,
      schedules: v.schedules,
      eqdx: v.eqdx,
      ...(caveat !== undefined ? { caveat } : {}),
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const ab = v.alphaBeta.alphaBetaGy;
  const rows: [string, string][] = [
    ...(v.from !== undefined ? ([["From", describeSchedule(v.from)]] as [string, string][]) : []),
    ["α/β", describeAlphaBeta(v.alphaBeta)],
    [`BED (α/β ${ab} Gy)`, gy(v.bedGy)],
    [`EQD2 (α/β ${ab} Gy)`, gy(v.eqd2Gy)],
    ...v.schedules.map((s): [string, string] => [`Same BED in ${s.fractions} fx`, describeSchedule(s)]),
    ...v.eqdx.map((e): [string, string] => [
      `EQD${e.referenceDosePerFractionGy}`,
      `${gy(e.totalDoseGy)} (= ${e.fractions.toFixed(2)} fractions of ${gy(e.referenceDosePerFractionGy)})`,
    ]),
    ...(caveat !== undefined ? ([["Note", caveat]] as [string, string][]) : []),
  ];
  io.stdout.write(lines(rows));
}

export function register(program: Command, io: CliIo): void {
  program
    .command("convert")
    .description(
      "iso-effective schedules (same BED) in m fractions and EQDx, from a BED or from a schedule (LQ model)",
    )
    .addOption(
      new Option(
        "--bed <Gy>",
        "the BED (Gy) to match; or give a schedule with --dose/--dose-per-fraction",
      ).conflicts(["dose", "dosePerFraction", "fractions"]),
    )
    .option("--dose <Gy>", "total dose (Gy) of the schedule to convert from")
    .option("--dose-per-fraction <Gy>", "dose per fraction (Gy) of the schedule to convert from")
    .option("--fractions <n>", "number of fractions of the schedule to convert from")
    .addOption(new Option("--ab <Gy>", "alpha/beta ratio (Gy), > 0; or give --tissue").conflicts("tissue"))
    .option("--tissue <name>", "take alpha/beta from the table by tissue (listed below)")
    .option("--to-fractions <list>", "numbers of fractions to convert to, e.g. 1,3,5,8 (repeatable)", collect)
    .option("--eqdx <list>", "doses per fraction x (Gy) for EQDx, e.g. 2,3 (repeatable)", collect)
    .option("--json", "print the result as JSON (full precision)")
    .addHelpText(
      "after",
      "\nExamples:\n  oligoscope convert --bed 100 --ab 10 --to-fractions 1,3,5,8\n" +
        "  oligoscope convert --dose 54 --fractions 3 --ab 10 --to-fractions 5 --eqdx 2\n" +
        "  oligoscope convert --dose 30 --fractions 5 --tissue spinal-cord --to-fractions 8\n" +
        `\nd_m = (α/β)/2·(−1 + sqrt(1 + 4·BED/(m·α/β))), D_m = m·d_m; EQDx = BED/(1 + x/(α/β)).\nValues are printed to 2 decimals (JSON keeps full precision). LQ model, no time factor.${tissueHelp()}`,
    )
    .action((opts: ConvertOptions) => run(opts, io));
}
