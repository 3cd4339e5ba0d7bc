/**
 * Checks a SurvivalData value before any estimator runs: every issue, with the column and the
 * (0-based) row, not only the first. Codes are listed in docs/errors.md.
 */
import type { StatsIssue, SurvivalData } from "./survival-types.ts";

const MAX_PER_KIND = 10;

export type ValidateOptions = {
  /** competing risks: status may be 0 … maxCause (default 1: plain survival) */
  readonly maxCause?: number;
};

/** Every problem of the input; empty when the data can be analysed. */
export function validateSurvivalData(data: SurvivalData, options: ValidateOptions = {}): StatsIssue[] {
  const issues: StatsIssue[] = [];
  const n = data.time.length;
  const maxCause = options.maxCause ?? 1;
  if (n === 0) {
    issues.push({ code: "survival_no_rows", path: "time", message: "no rows to analyse" });
    return issues;
  }
  const columns: [string, { length: number } | undefined][] = [
    ["status", data.status],
    ["entry", data.entry],
    ["weights", data.weights],
    ["group", data.group],
    ["strata", data.strata],
  ];
  for (const [name, column] of columns) {
    if (column !== undefined && column.length !== n)
      issues.push({
        code: "survival_length_mismatch",
        path: name,
        message: `${name} has ${column.length} values, time has ${n}`,
      });
  }
  if (issues.length > 0) return issues;

  const check = (code: string, path: string, bad: (i: number) => string | undefined): void => {
    let count = 0;
    for (let i = 0; i < n; i++) {
      const why = bad(i);
      if (why === undefined) continue;
      if (count < MAX_PER_KIND) issues.push({ code, path: `${path}[${i}]`, message: why });
      count++;
    }
    if (count > MAX_PER_KIND)
      issues.push({
        code,
        path,
        message: `${count - MAX_PER_KIND} more rows with the same problem in ${path}`,
      });
  };
  const { time, status, entry, weights, group, strata } = data;
  // plain loops first: the per-row messages below are built only when a column has a problem
  if (allValid(data, maxCause)) return issues;
  check("survival_time_invalid", "time", (i) =>
    Number.isFinite(time[i]!) ? undefined : `time ${time[i]} of row ${i} is not a finite number`,
  );
  check("survival_status_invalid", "status", (i) => {
    const s = status[i]!;
    return Number.isInteger(s) && s >= 0 && s <= maxCause
      ? undefined
      : `status ${s} of row ${i} is not ${maxCause === 1 ? "0 (censored) or 1 (event)" : `0 (censored) or a cause 1 … ${maxCause}`}`;
  });
  if (entry !== undefined)
    check("survival_entry_invalid", "entry", (i) =>
      !Number.isFinite(entry[i]!)
        ? `entry ${entry[i]} of row ${i} is not a finite number`
        : Number.isFinite(time[i]!) && !(entry[i]! < time[i]!)
          ? `entry ${entry[i]} of row ${i} is not before its time ${time[i]} (the risk interval (entry, time] is empty)`
          : undefined,
    );
  if (weights !== undefined)
    check("survival_weight_invalid", "weights", (i) =>
      Number.isFinite(weights[i]!) && weights[i]! >= 0
        ? undefined
        : `weight ${weights[i]} of row ${i} is not a finite number ≥ 0`,
    );
  if (group !== undefined)
    check("survival_code_invalid", "group", (i) =>
      group[i]! >= 0 ? undefined : `group code ${group[i]} of row ${i} is negative`,
    );
  if (strata !== undefined)
    check("survival_code_invalid", "strata", (i) =>
      strata[i]! >= 0 ? undefined : `stratum code ${strata[i]} of row ${i} is negative`,
    );
  return issues;
}

/** True when no row has a problem (the fast path of validateSurvivalData). */
function allValid(data: SurvivalData, maxCause: number): boolean {
  const { time, status, entry, weights, group, strata } = data;
  const n = time.length;
  for (let i = 0; i < n; i++) {
    const s = status[i]!;
    if (!Number.isFinite(time[i]!) || !(Number.isInteger(s) && s >= 0 && s <= maxCause)) return false;
  }
  if (entry !== undefined)
    for (let i = 0; i < n; i++) if (!(Number.isFinite(entry[i]!) && entry[i]! < time[i]!)) return false;
  if (weights !== undefined)
    for (let i = 0; i < n; i++) if (!(Number.isFinite(weights[i]!) && weights[i]! >= 0)) return false;
  if (group !== undefined) for (let i = 0; i < n; i++) if (!(group[i]! >= 0)) return false;
  if (strata !== undefined) for (let i = 0; i < n; i++) if (!(strata[i]! >= 0)) return false;
  return true;
}

/** 1 + the largest code (0 when absent). */
export function codeCount(codes: Int32Array | undefined): number {
  if (codes === undefined) return 1;
  let max = -1;
  for (let i = 0; i < codes.length; i++) if (codes[i]! > max) max = codes[i]!;
  return max + 1;
}

/** True when every weight is a whole number (R then keeps Greenwood's variance, else the IJ). */
export function wholeWeights(weights: Float64Array | undefined): boolean {
  if (weights === undefined) return true;
  for (let i = 0; i < weights.length; i++) if (weights[i]! !== Math.floor(weights[i]!)) return false;
  return true;
}
