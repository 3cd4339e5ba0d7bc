// A fractionation schedule (n fractions of d Gy, total D = n·d) and its checked construction.
// Rules of clinical-reference §3.1: doses > 0, n a whole number ≥ 1. Every issue is reported,
// each naming its field (totalDoseGy, dosePerFractionGy, fractions).
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";

export type Fractionation = {
  readonly totalDoseGy: number;
  readonly dosePerFractionGy: number;
  readonly fractions: number;
};

/** Give the total dose or the dose per fraction (or both, if they agree), and the number of fractions. */
export type FractionationInput = {
  readonly totalDoseGy?: number | undefined;
  readonly dosePerFractionGy?: number | undefined;
  readonly fractions?: number | undefined;
};

/** Relative tolerance within which a given total and dose per fraction are taken to agree. */
const AGREEMENT_TOLERANCE = 1e-9;

const describe = (v: unknown): string =>
  typeof v === "number" ? String(v) : (JSON.stringify(v) ?? "nothing");

/** Checks a positive finite number; pushes issues for `path` and returns it when valid. */
export function checkPositive(
  value: unknown,
  path: string,
  what: string,
  issues: Issue[],
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || Number.isNaN(value)) {
    issues.push(issue("invalid_type", path, `${what} must be a number (got ${describe(value)})`));
    return undefined;
  }
  if (!Number.isFinite(value)) {
    issues.push(issue("out_of_range", path, `${what} must be a finite number (got ${describe(value)})`));
    return undefined;
  }
  if (value <= 0) {
    issues.push(issue("out_of_range", path, `${what} must be > 0 (got ${describe(value)})`));
    return undefined;
  }
  return value;
}

/** Checks a number of fractions: a whole number ≥ 1. */
export function checkFractions(value: unknown, path: string, issues: Issue[]): number | undefined {
  if (value === undefined) {
    issues.push(issue("required", path, "the number of fractions is required"));
    return undefined;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    issues.push(
      issue("invalid_type", path, `the number of fractions must be a whole number (got ${describe(value)})`),
    );
    return undefined;
  }
  if (!Number.isInteger(value)) {
    issues.push(
      issue("invalid_type", path, `the number of fractions must be a whole number (got ${describe(value)})`),
    );
    return undefined;
  }
  if (value < 1) {
    issues.push(issue("out_of_range", path, `the number of fractions must be >= 1 (got ${describe(value)})`));
    return undefined;
  }
  return value;
}

/**
 * Builds a fractionation from the total dose or the dose per fraction and the number of fractions.
 * `prefix` is prepended to issue paths (e.g. "from." gives "from.totalDoseGy").
 */
export function parseFractionation(input: FractionationInput, prefix = ""): Result<Fractionation> {
  const issues: Issue[] = [];
  const total = checkPositive(input.totalDoseGy, `${prefix}totalDoseGy`, "the total dose (Gy)", issues);
  const perFraction = checkPositive(
    input.dosePerFractionGy,
    `${prefix}dosePerFractionGy`,
    "the dose per fraction (Gy)",
    issues,
  );
  const n = checkFractions(input.fractions, `${prefix}fractions`, issues);
  if (input.totalDoseGy === undefined && input.dosePerFractionGy === undefined) {
    issues.push(
      issue("required", `${prefix}totalDoseGy`, "give the total dose (Gy) or the dose per fraction (Gy)"),
    );
  }
  if (issues.length > 0 || n === undefined) return fail(issues);
  if (total !== undefined && perFraction !== undefined) {
    const implied = perFraction * n;
    if (Math.abs(implied - total) > AGREEMENT_TOLERANCE * total) {
      return fail([
        issue(
          "conflicting_fields",
          `${prefix}dosePerFractionGy`,
          `the dose per fraction ${perFraction} Gy × ${n} fractions = ${implied} Gy differs from the total dose ${total} Gy; give one of them`,
        ),
      ]);
    }
  }
  const totalDoseGy = total ?? (perFraction as number) * n;
  return ok({ totalDoseGy, dosePerFractionGy: totalDoseGy / n, fractions: n });
}
