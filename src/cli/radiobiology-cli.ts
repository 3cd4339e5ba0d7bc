// Shared parts of the radiobiology commands (bed, eqd2, convert): strict number options, issue
// paths translated to option names, and the 2-decimal display (core keeps full precision).
import { type Command, Option } from "commander";
import {
  ALPHA_BETA_TABLE,
  type AlphaBetaChoice,
  type Bed10Assessment,
  type Fractionation,
  type Issue,
  issue,
} from "../core/index.ts";
import { InputError, UsageError } from "./io.ts";

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a number option strictly ("55", "7.5", "1e1"); bad text is invalid input naming the option. */
export function numberOption(value: string | undefined, option: string, issues: Issue[]): number | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  if (!NUMBER.test(t)) {
    issues.push(issue("invalid_type", option, `must be a number (got "${value}")`));
    return undefined;
  }
  return Number(t);
}

/** Parses a comma-separated list of numbers (options may repeat: the lists are joined). */
export function numberListOption(
  values: readonly string[] | undefined,
  option: string,
  issues: Issue[],
): number[] {
  const out: number[] = [];
  for (const v of values ?? []) {
    for (const part of v.split(",")) {
      if (part.trim() === "") {
        issues.push(issue("invalid_type", option, `empty entry in "${v}"`));
        continue;
      }
      const n = numberOption(part, option, issues);
      if (n !== undefined) out.push(n);
    }
  }
  return out;
}

/** Collects repeated option values (commander argParser). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const OPTION_OF_PATH: Readonly<Record<string, string>> = {
  totalDoseGy: "--dose",
  dosePerFractionGy: "--dose-per-fraction",
  fractions: "--fractions",
  alphaBetaGy: "--ab",
  tissue: "--tissue",
  bedGy: "--bed",
  toFractions: "--to-fractions",
  eqdxDosesPerFractionGy: "--eqdx",
};

/** The option a core issue path stands for ("from.totalDoseGy" → "--dose", "toFractions[1]" → "--to-fractions"). */
export function optionForPath(path: string, overrides: Readonly<Record<string, string>> = {}): string {
  if (overrides[path] !== undefined) return overrides[path];
  const last =
    path
      .replace(/\[\d+\]$/, "")
      .split(".")
      .pop() ?? path;
  return overrides[last] ?? OPTION_OF_PATH[last] ?? path;
}

/** Throws InputError (exit 1) with every issue, each naming its option. */
export function failWithIssues(
  issues: readonly Issue[],
  overrides: Readonly<Record<string, string>> = {},
): never {
  const named = issues.map((i) => issue(i.code, optionForPath(i.path, overrides), i.message));
  throw new InputError(
    `${named.length === 1 ? "1 option is" : `${named.length} options are`} invalid`,
    named,
  );
}

/** Throws a usage error (exit 2) unless exactly one of the options is given. */
export function requireOneOf(given: Readonly<Record<string, unknown>>, what: string): void {
  const present = Object.entries(given).filter(([, v]) => v !== undefined);
  if (present.length === 0)
    throw new UsageError(`give ${what}: ${Object.keys(given).join(" or ")} (see --help)`);
}

export const gy = (x: number): string => `${x.toFixed(2)} Gy`;

export function describeSchedule(f: Fractionation): string {
  const n = f.fractions === 1 ? "1 fraction" : `${f.fractions} fractions`;
  return `${gy(f.totalDoseGy)} in ${n} (${gy(f.dosePerFractionGy)} per fraction)`;
}

export function describeAlphaBeta(a: AlphaBetaChoice): string {
  if (a.source.kind === "user") return `${gy(a.alphaBetaGy)} (given)`;
  const e = a.source.entry;
  return `${gy(a.alphaBetaGy)} (α/β table: ${e.key}, ${e.label}, status ${e.status})`;
}

export function alphaBetaJson(a: AlphaBetaChoice): unknown {
  if (a.source.kind === "user") return { alphaBetaGy: a.alphaBetaGy, source: "user" };
  const e = a.source.entry;
  return {
    alphaBetaGy: a.alphaBetaGy,
    source: "table",
    tissue: e.key,
    label: e.label,
    status: e.status,
    reference: e.source,
  };
}

/** Aligned "label   value" lines. */
export function lines(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return `${rows.map(([k, v]) => `${k.padEnd(width)}${v}`).join("\n")}\n`;
}

/** The α/β table for --help. */
export function tissueHelp(): string {
  const rows = ALPHA_BETA_TABLE.entries.map((e) => {
    const value =
      e.alphaBetaGy !== undefined
        ? `${e.alphaBetaGy} Gy`
        : `${e.alphaBetaRangeGy?.join("-")} Gy (range: give --ab)`;
    return `  ${e.key.padEnd(17)}${value.padEnd(29)}[${e.status}] ${e.label}`;
  });
  return `\nTissues for --tissue (α/β table, clinical reference 3.2; status C confirmed, K known, verify):\n${rows.join("\n")}\n`;
}

export function bed10Lines(a: Bed10Assessment): [string, string][] {
  const points = a.points.map((p) => `${p.point} ${gy(p.bed10Gy)}`).join(", ");
  if (a.kind === "exempt") return [["BED10 check", `not applicable: ${a.reason} (BED10 ${points})`]];
  const flag = a.kind === "below_threshold" ? "INFO: " : "";
  return [
    ["BED10 check", `${flag}${a.message}`],
    ["", `BED10 at ${points}`],
  ];
}

/** Adds the options shared by bed and eqd2. */
export function addScheduleOptions(cmd: Command): Command {
  return cmd
    .option("--dose <Gy>", "total physical dose (Gy); or give --dose-per-fraction (both: they must agree)")
    .option("--dose-per-fraction <Gy>", "dose per fraction (Gy); or give --dose")
    .option("--fractions <n>", "number of fractions (a whole number >= 1)")
    .addOption(new Option("--ab <Gy>", "alpha/beta ratio (Gy), > 0; or give --tissue").conflicts("tissue"))
    .option("--tissue <name>", "take alpha/beta from the table by tissue (listed below); or give --ab")
    .option("--site <site>", 'treated site; with "lung", check BED10 >= 100 Gy (Onishi 2004)')
    .option(
      "--intent <intent>",
      "radical or palliative (palliative is exempt from the BED10 check)",
      "radical",
    )
    .option(
      "--isocentre-dose <Gy>",
      "total dose at the isocentre, reported beside the prescription point in the BED10 check",
    )
    .option("--json", "print the result as JSON (full precision)");
}
