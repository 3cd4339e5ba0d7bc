// Test helpers for the survival estimators: the CSVs of ../shared/data/survival read through the
// project's own CSV reader (interop/csv) into SurvivalData, as R's model.frame + na.omit would.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  parseCsv,
  type SurvivalCsvData,
  type SurvivalCsvSpec,
  survivalColumns,
} from "../../src/interop/index.ts";
import type { SurvivalData } from "../../src/stats/index.ts";
import { sharedDataPath } from "./shared-data.ts";

/** Reads survival/<file> and extracts the columns of `spec`. */
export function survivalCsv(file: string, spec: SurvivalCsvSpec): SurvivalCsvData {
  const path = sharedDataPath("survival", file);
  if (path === undefined) throw new Error(`shared data survival/${file} missing`);
  const table = parseCsv(readFileSync(path, "utf8"));
  assert.ok(table.ok, table.ok ? "" : JSON.stringify(table.issues));
  const cols = survivalColumns(table.value, spec);
  assert.ok(cols.ok, cols.ok ? "" : JSON.stringify(cols.issues));
  return cols.value;
}

/** The SurvivalData of extracted CSV columns. */
export function asSurvivalData(c: SurvivalCsvData): SurvivalData {
  return {
    time: c.time,
    status: c.cause ?? c.status,
    ...(c.entry ? { entry: c.entry } : {}),
    ...(c.weights ? { weights: c.weights } : {}),
    ...(c.group ? { group: c.group.codes } : {}),
    ...(c.strata ? { strata: c.strata.codes } : {}),
  };
}
