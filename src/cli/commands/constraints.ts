// `oligoscope constraints list | show | check | convert`: the organ-at-risk constraint sets —
// built-in (AAPM TG-101, the UK SABR v6.1 template) or a user JSON file — shown, validated, and one
// constraint LQ-converted to another number of fractions (docs/cli/constraints.md).
import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import {
  BUILTIN_CONSTRAINT_SETS,
  type Constraint,
  type ConstraintLimit,
  type ConstraintSet,
  convertConstraint,
  findBuiltinConstraintSet,
  findOrganByKey,
  type Issue,
  issue,
  limitUnit,
  metricName,
  organAlphaBetaGy,
  parseConstraintSet,
  verificationIssues,
} from "../../core/index.ts";
import { type CliIo, InputError, UsageError } from "../io.ts";
import { failWithIssues, lines, numberOption } from "../radiobiology-cli.ts";

/** A built-in set by id or alias, else a JSON file. */
function loadSet(spec: string, argument: string): ConstraintSet {
  const builtin = findBuiltinConstraintSet(spec);
  if (builtin !== undefined) return builtin;
  if (!existsSync(spec)) {
    const ids = BUILTIN_CONSTRAINT_SETS.map((s) => s.id).join(", ");
    throw new InputError(`${argument}: "${spec}" is neither a built-in set (${ids}, tg101) nor a file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(spec, "utf8"));
  } catch (err) {
    throw new InputError(`${spec}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const r = parseConstraintSet(json);
  if (!r.ok) throw new InputError(`${spec}: not a valid constraint set (docs/constraints.md)`, r.issues);
  return r.value;
}

const fmt = (x: number | null, unit: string): string => (x === null ? "-" : `${x.toFixed(2)} ${unit}`);

function describeVerification(set: ConstraintSet): string {
  if (!set.verification.required) return "not required (each row carries its confirmation status)";
  const issues = verificationIssues(set);
  return issues.length === 0
    ? `verified by ${set.verification.verifiedBy.join(", ")}`
    : `REQUIRED, NOT VERIFIED: refuses to run (${issues[0]?.message ?? ""})`;
}

function header(set: ConstraintSet): string {
  const s = set.source;
  return lines([
    ["Set", `${set.name}`],
    ["Id, version", `${set.id}, ${set.version}`],
    ["Fractions", set.fractions.join(", ")],
    ["Source", `${s.citation}${s.doi ? `, doi:${s.doi}` : ""}`],
    ["Table, page", `${s.table ?? "table not recorded"}, ${s.page ?? "page not recorded"}`],
    ["Verification", describeVerification(set)],
  ]);
}

function limitRow(c: Constraint, l: ConstraintLimit): string[] {
  const unit = l.metric ? limitUnit(l.metric) : "";
  return [
    c.id,
    c.organNames.join(", "),
    l.metric ? metricName(l.metric) : "(none)",
    fmt(l.optimal, unit),
    fmt(l.mandatory, unit),
    l.status,
    c.endpoint,
  ];
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return `${rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).join("\n")}\n`;
}

function show(set: ConstraintSet, fractions: number | undefined, io: CliIo): void {
  io.stdout.write(header(set));
  const counts = fractions === undefined ? set.fractions : [fractions];
  for (const n of counts) {
    const rows = set.constraints.flatMap((c) =>
      c.limits.filter((l) => l.fractions === n).map((l) => limitRow(c, l)),
    );
    io.stdout.write(`\n${n} fraction${n === 1 ? "" : "s"}:\n`);
    if (rows.length === 0) {
      io.stdout.write(
        `  no constraint for ${n} fractions in this set (not interpolated; see "constraints convert")\n`,
      );
      continue;
    }
    io.stdout.write(
      table([["constraint", "organs", "metric", "optimal", "mandatory", "status", "endpoint"], ...rows]),
    );
  }
  io.stdout.write(
    '\nLimits are "<" (a value at the limit fails); CV<C>cc: at least C cc must stay below the dose. Status C confirmed, K known (verify), U unconfirmed.\n',
  );
}

type ConvertOptions = {
  readonly constraint: string;
  readonly toFractions: string;
  readonly fromFractions?: string;
  readonly ab?: string;
  readonly organ?: string;
  readonly json?: boolean;
};

function convert(setSpec: string, opts: ConvertOptions, io: CliIo): void {
  const set = loadSet(setSpec, "<set>");
  const c = set.constraints.find((x) => x.id === opts.constraint.trim());
  if (c === undefined) {
    throw new InputError(
      `--constraint: no constraint "${opts.constraint}" in ${set.id}; ids: ${set.constraints.map((x) => x.id).join(", ")}`,
    );
  }
  const issues: Issue[] = [];
  const to = numberOption(opts.toFractions, "--to-fractions", issues);
  const from = numberOption(opts.fromFractions, "--from-fractions", issues);
  let ab = numberOption(opts.ab, "--ab", issues);
  let abSource = "given";
  if (ab === undefined && issues.length === 0) {
    const organName = opts.organ ?? c.organs[0]?.organ ?? "";
    if (
      opts.organ !== undefined &&
      !c.organNames.some((o) => o.toLowerCase() === organName.toLowerCase()) &&
      !c.organs.some((o) => o.organ.toLowerCase() === organName.toLowerCase())
    ) {
      issues.push(
        issue(
          "unknown_organ",
          "--organ",
          `${c.id} applies to ${c.organNames.join(", ")}, not to "${organName}"`,
        ),
      );
    } else {
      const organ = findOrganByKey(organName);
      if (organ === undefined) {
        issues.push(issue("required", "--ab", `no α/β known for ${organName}: give --ab`));
      } else {
        ab = organAlphaBetaGy(organ);
        abSource = `organ ${organ.key}, α/β table "${organ.alphaBetaTissue}"${organ.alphaBetaReading === "D" ? " (design reading)" : ""}${c.organs.length > 1 && opts.organ === undefined ? `; the row also applies to ${c.organNames.slice(1).join(", ")}: choose with --organ` : ""}`;
      }
    }
  }
  if (issues.length > 0 || to === undefined || ab === undefined) failWithIssues(issues);
  const r = convertConstraint(c, to, ab, from);
  if (!r.ok)
    failWithIssues(r.issues, {
      toFractions: "--to-fractions",
      fromFractions: "--from-fractions",
      alphaBetaGy: "--ab",
    });
  const v = r.value;
  if (opts.json) {
    io.stdout.write(
      `${JSON.stringify({ set: set.id, constraint: c.id, alphaBetaSource: abSource, ...v }, null, 2)}\n`,
    );
    return;
  }
  const unit = v.original.metric ? limitUnit(v.original.metric) : "";
  const rows: [string, string][] = [
    ["Constraint", `${c.id} (${c.structure}), ${set.name}`],
    ["Source row", c.sourceRow],
    ["α/β", `${v.alphaBetaGy} Gy (${abSource})`],
    [
      "From",
      `${v.fromFractions} fractions: ${v.original.metric ? metricName(v.original.metric) : ""} optimal ${fmt(v.original.optimal, unit)}, mandatory ${fmt(v.original.mandatory, unit)}`,
    ],
  ];
  for (const [level, d] of [
    ["optimal", v.optimal],
    ["mandatory", v.mandatory],
    ["dose x of the metric", v.metricDose],
  ] as const) {
    if (d === undefined) continue;
    rows.push([
      `  ${level}`,
      `${fmt(d.fromGy, "Gy")} → BED ${fmt(d.bedGy, "Gy")}, EQD2 ${fmt(d.eqd2Gy, "Gy")} → ${fmt(d.toGy, "Gy")} in ${v.toFractions} fractions`,
    ]);
  }
  rows.push([
    "To",
    `${v.toFractions} fractions: ${v.limit.metric ? metricName(v.limit.metric) : ""} optimal ${fmt(v.limit.optimal, unit)}, mandatory ${fmt(v.limit.mandatory, unit)}`,
  ]);
  rows.push([
    "Label",
    `LQ-converted from ${v.fromFractions} to ${v.toFractions} fractions with α/β = ${v.alphaBetaGy} Gy; not a limit of the source`,
  ]);
  io.stdout.write(lines(rows));
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command("constraints")
    .description("organ-at-risk constraint sets: list, show, check a JSON set, LQ-convert a constraint");

  cmd
    .command("list")
    .description("the built-in constraint sets")
    .option("--json", "print as JSON")
    .action((opts: { json?: boolean }) => {
      const sets = BUILTIN_CONSTRAINT_SETS.map((s) => ({
        id: s.id,
        name: s.name,
        version: s.version,
        fractions: s.fractions,
        constraints: s.constraints.length,
        runnable: verificationIssues(s).length === 0,
      }));
      if (opts.json) {
        io.stdout.write(`${JSON.stringify(sets, null, 2)}\n`);
        return;
      }
      for (const s of sets) {
        io.stdout.write(
          `${s.id.padEnd(14)}${s.runnable ? "" : "[template: refuses to run until verified] "}${s.name}\n${"".padEnd(14)}version ${s.version}; ${s.constraints} constraints for ${s.fractions.join(", ")} fractions\n`,
        );
      }
    });

  cmd
    .command("show")
    .description("the constraints of a set (built-in id or JSON file), per number of fractions")
    .argument("<set>", "built-in set (aapm-tg101 or tg101, uk-sabr-v6.1) or a JSON file")
    .option("--fractions <n>", "only this number of fractions")
    .option("--json", "print the set as JSON (as parsed, full precision)")
    .action((spec: string, opts: { fractions?: string; json?: boolean }) => {
      const set = loadSet(spec, "<set>");
      const issues: Issue[] = [];
      const n = numberOption(opts.fractions, "--fractions", issues);
      if (n !== undefined && !(Number.isInteger(n) && n >= 1)) {
        issues.push(
          issue("out_of_range", "--fractions", `must be a whole number >= 1 (got ${opts.fractions})`),
        );
      }
      if (issues.length > 0) failWithIssues(issues);
      if (opts.json) {
        io.stdout.write(`${JSON.stringify(set, null, 2)}\n`);
        return;
      }
      show(set, n, io);
    });

  cmd
    .command("check")
    .description("validate a constraint set JSON file: every problem with its JSON path (exit 1 if invalid)")
    .argument("<file>", "the JSON file (format oligoscope.constraint-set/1, docs/constraints.md)")
    .action((file: string) => {
      if (!existsSync(file)) throw new InputError(`<file>: no file "${file}"`);
      const set = loadSet(file, "<file>");
      io.stdout.write(
        `${file}: valid constraint set "${set.name}" (${set.id}, version ${set.version}): ${set.constraints.length} constraints for ${set.fractions.join(", ")} fractions\n`,
      );
      const unverified = verificationIssues(set);
      if (unverified.length > 0) {
        io.stdout.write(`${unverified.map((i) => `note: ${i.path}: ${i.message}`).join("\n")}\n`);
      }
    });

  cmd
    .command("convert")
    .description("LQ-convert one constraint to another number of fractions (BED and EQD2 shown; labelled)")
    .argument("<set>", "built-in set (aapm-tg101 or tg101) or a JSON file")
    .requiredOption("--constraint <id>", 'constraint id, e.g. spinal-cord-d0.35cc (see "constraints show")')
    .requiredOption("--to-fractions <n>", "number of fractions to convert to")
    .option(
      "--from-fractions <n>",
      "fraction count of the set to convert from (default: nearest; on a tie the stricter)",
    )
    .option("--ab <Gy>", "α/β (Gy); default: the organ's value from the α/β table")
    .option("--organ <organ>", "which organ of the row gives α/β (when the row names several)")
    .option("--json", "print as JSON (full precision)")
    .addHelpText(
      "after",
      "\nExamples:\n  oligoscope constraints convert tg101 --constraint spinal-cord-d0.35cc --to-fractions 8\n" +
        "  oligoscope constraints convert tg101 --constraint lungs-1500cc --to-fractions 4 --ab 3\n",
    )
    .action((spec: string, opts: ConvertOptions) => {
      if (opts.ab !== undefined && opts.organ !== undefined)
        throw new UsageError("give --ab or --organ, not both");
      convert(spec, opts, io);
    });
}
