// Test helpers for the Cox model: reads the survival CSVs of ../shared/data/survival (no quoting,
// empty field = missing, as their README says), turns them into CoxData like R's model.frame +
// na.omit + model.matrix, and compares numbers with a relative tolerance.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildDesign, type DesignInputColumn } from "../../src/stats/cox/design-matrix.ts";
import type { CoxData } from "../../src/stats/index.ts";
import { repoRoot, sharedDataPath } from "./shared-data.ts";

export type CsvColumns = Record<string, string[]>;

/** Reads one of the survival CSVs (header row, comma separated, no quotes). */
export function readSurvivalCsv(file: string): CsvColumns {
  const path = sharedDataPath("survival", file);
  if (path === undefined) throw new Error(`shared data survival/${file} missing`);
  const lines = readFileSync(path, "utf8").replace(/\r/g, "").trimEnd().split("\n");
  const header = lines[0]!.split(",");
  const cols: CsvColumns = {};
  for (const h of header) cols[h] = [];
  for (const line of lines.slice(1)) {
    const fields = line.split(",");
    for (const [i, h] of header.entries()) cols[h]!.push(fields[i] ?? "");
  }
  return cols;
}

// biome-ignore lint/suspicious/noExplicitAny: reference JSON is untyped
export type Json = any;

export function readReferenceJson(): Json {
  const path = sharedDataPath("survival", "reference-public.json");
  if (path === undefined) throw new Error("reference-public.json missing");
  return JSON.parse(readFileSync(path, "utf8"));
}

/** test/fixtures/cox/cox-r-reference.json (see its PROVENANCE.md). */
export function readCoxFixture(): Json {
  return JSON.parse(readFileSync(join(repoRoot, "test", "fixtures", "cox", "cox-r-reference.json"), "utf8"));
}

export type CovariateSpec = { name: string; categorical?: boolean; levels?: string[] };

export type ModelSpec = {
  time: string;
  /** event when the status field equals this value */
  eventValue: string;
  covariates: CovariateSpec[];
  strata?: string;
  cluster?: string;
  weights?: (row: (col: string) => string) => number;
  offset?: (row: (col: string) => string) => number;
  /** extra columns that must be present (R drops rows missing any model variable) */
  alsoRequire?: string[];
  status?: string;
};

/** CoxData for a model on a CSV, dropping rows with a missing model variable (R's na.omit). */
export function coxDataFromCsv(
  csv: CsvColumns,
  spec: ModelSpec,
): { data: CoxData; nDropped: number; strataLabels: string[] } {
  const statusCol = spec.status ?? "status";
  const used = [spec.time, statusCol, ...spec.covariates.map((c) => c.name), ...(spec.alsoRequire ?? [])];
  if (spec.strata !== undefined) used.push(spec.strata);
  if (spec.cluster !== undefined) used.push(spec.cluster);
  const nAll = csv[spec.time]!.length;
  const rows: number[] = [];
  for (let i = 0; i < nAll; i++)
    if (used.every((c) => csv[c]![i] !== "" && csv[c]![i] !== "NA")) rows.push(i);
  const columns: DesignInputColumn[] = spec.covariates.map((c) =>
    c.categorical === true
      ? {
          kind: "categorical",
          name: c.name,
          values: rows.map((r) => csv[c.name]![r]!),
          ...(c.levels ? { levels: c.levels } : {}),
        }
      : { kind: "numeric", name: c.name, values: Float64Array.from(rows, (r) => Number(csv[c.name]![r])) },
  );
  const design = buildDesign(columns);
  assert.ok(design.ok, design.ok ? "" : JSON.stringify(design.issues));
  const labels = (col: string): { codes: Int32Array; labels: string[] } => {
    const values = rows.map((r) => csv[col]![r]!);
    const distinct = [...new Set(values)].sort(
      (a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0),
    );
    return { codes: Int32Array.from(values, (v) => distinct.indexOf(v)), labels: distinct };
  };
  const strata = spec.strata === undefined ? undefined : labels(spec.strata);
  const rowGetter = (r: number) => (col: string) => csv[col]![r]!;
  const data: CoxData = {
    time: Float64Array.from(rows, (r) => Number(csv[spec.time]![r])),
    status: Uint8Array.from(rows, (r) => (csv[statusCol]![r] === spec.eventValue ? 1 : 0)),
    x: design.value.x,
    names: design.value.names,
    ...(strata ? { strata: strata.codes } : {}),
    ...(spec.cluster ? { cluster: labels(spec.cluster).codes } : {}),
    ...(spec.weights ? { weights: Float64Array.from(rows, (r) => spec.weights!(rowGetter(r))) } : {}),
    ...(spec.offset ? { offset: Float64Array.from(rows, (r) => spec.offset!(rowGetter(r))) } : {}),
  };
  return { data, nDropped: nAll - rows.length, strataLabels: strata?.labels ?? [] };
}

/** R's JSON: null = NA, "Infinity" strings. */
export function num(v: unknown): number {
  if (v === null) return Number.NaN;
  return typeof v === "string" ? Number(v) : (v as number);
}

/** |actual − expected| ≤ rel·|expected| (+ abs for expected 0); NaN matches null/NA. */
export function assertClose(actual: number, expected: unknown, rel: number, label: string, abs = 0): void {
  const e = num(expected);
  if (Number.isNaN(e)) {
    assert.ok(Number.isNaN(actual), `${label}: expected NA, got ${actual}`);
    return;
  }
  const tol = Math.max(rel * Math.abs(e), abs);
  assert.ok(
    Math.abs(actual - e) <= tol,
    `${label}: got ${actual}, expected ${e} (|diff| ${Math.abs(actual - e)} > ${tol})`,
  );
}

export function assertAllClose(
  actual: ArrayLike<number>,
  expected: readonly unknown[],
  rel: number,
  label: string,
  abs = 0,
): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i]!, expected[i], rel, `${label}[${i}]`, abs);
}
