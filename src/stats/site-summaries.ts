/**
 * Per-site summaries for centres that may not pool patient rows. A site shares its risk-set
 * table (times; per group: number at risk, events, censorings), built with entry-only times kept
 * so the number at risk is exact between its listed times. A coordinator then
 * - pools the tables (union of times; a site's number at risk at a time it does not list is its
 *   number at risk at its next listed time, since nothing changes in between), giving exactly the
 *   Kaplan–Meier curves and log-rank test of the pooled rows, or
 * - stacks them, each site (× its own strata) a stratum, giving the site-stratified log-rank test.
 * The tables travel as plain JSON (`riskTableToJson` / `riskTableFromJson`, which checks them).
 * Times are compared exactly across sites (R's aeqSurv merging applies within a site only).
 */
import { buildRiskTable, type RiskTable, type RiskTableStratum } from "./risk-table.ts";
import { validateSurvivalData } from "./survival-input.ts";
import { fail, ok, type StatsIssue, type StatsResult, type SurvivalData } from "./survival-types.ts";

/** What a site computes on its own rows: the risk-set table with entry-only times kept. */
export function siteRiskTable(
  data: SurvivalData,
  options: { readonly groupCount: number; readonly stratumCount?: number; readonly timefix?: boolean },
): StatsResult<RiskTable> {
  if (data.time.length === 0) {
    // a site without rows contributes nothing, but keeps the shape
    const G = options.groupCount;
    const empty = {
      times: new Float64Array(0),
      nRisk: new Float64Array(0),
      nEvent: new Float64Array(0),
      nCensor: new Float64Array(0),
      nRows: new Float64Array(G),
    };
    return ok({
      groupCount: G,
      strata: Array.from({ length: options.stratumCount ?? 1 }, () => empty),
      withEntryTimes: true,
    });
  }
  const issues = validateSurvivalData(data);
  if (issues.length > 0) return fail(issues);
  return ok(
    buildRiskTable(data, {
      groupCount: options.groupCount,
      ...(options.stratumCount !== undefined ? { stratumCount: options.stratumCount } : {}),
      ...(options.timefix !== undefined ? { timefix: options.timefix } : {}),
      withEntryTimes: true,
    }),
  );
}

function sameShape(tables: readonly RiskTable[]): StatsIssue[] {
  const issues: StatsIssue[] = [];
  if (tables.length === 0) issues.push({ code: "site_no_tables", path: "", message: "no site tables given" });
  const first = tables[0];
  tables.forEach((t, s) => {
    if (first === undefined) return;
    if (t.groupCount !== first.groupCount)
      issues.push({
        code: "site_shape_mismatch",
        path: `sites[${s}].groupCount`,
        message: `site ${s} has ${t.groupCount} groups, site 0 has ${first.groupCount}`,
      });
    if (t.strata.length !== first.strata.length)
      issues.push({
        code: "site_shape_mismatch",
        path: `sites[${s}].strata`,
        message: `site ${s} has ${t.strata.length} strata, site 0 has ${first.strata.length}`,
      });
  });
  return issues;
}

/** Pools site tables into the table of all rows (per stratum: union of the sites' times). */
export function mergeRiskTables(tables: readonly RiskTable[]): StatsResult<RiskTable> {
  const issues = sameShape(tables);
  if (issues.length > 0) return fail(issues);
  const G = tables[0]!.groupCount;
  const S = tables[0]!.strata.length;
  const strata: RiskTableStratum[] = [];
  for (let s = 0; s < S; s++) {
    const parts = tables.map((t) => t.strata[s]!);
    const union = Float64Array.from(new Set(parts.flatMap((p) => Array.from(p.times)))).sort();
    const T = union.length;
    const nRisk = new Float64Array(G * T);
    const nEvent = new Float64Array(G * T);
    const nCensor = new Float64Array(G * T);
    const nRows = new Float64Array(G);
    for (const p of parts) {
      const Tp = p.times.length;
      for (let g = 0; g < G; g++) nRows[g]! += p.nRows[g]!;
      let k = 0; // first site time ≥ union[j]
      for (let j = 0; j < T; j++) {
        const t = union[j]!;
        while (k < Tp && p.times[k]! < t) k++;
        if (k === Tp) break;
        const exact = p.times[k] === t;
        for (let g = 0; g < G; g++) {
          nRisk[g * T + j]! += p.nRisk[g * Tp + k]!;
          if (exact) {
            nEvent[g * T + j]! += p.nEvent[g * Tp + k]!;
            nCensor[g * T + j]! += p.nCensor[g * Tp + k]!;
          }
        }
      }
    }
    strata.push({ times: union, nRisk, nEvent, nCensor, nRows });
  }
  return ok({ groupCount: G, strata, withEntryTimes: tables.some((t) => t.withEntryTimes) });
}

/** Stacks site tables: every (site, stratum) becomes a stratum of its own (site-stratified tests). */
export function stackRiskTables(tables: readonly RiskTable[]): StatsResult<RiskTable> {
  const issues = sameShape(tables);
  if (issues.length > 0) return fail(issues);
  return ok({
    groupCount: tables[0]!.groupCount,
    strata: tables.flatMap((t) => t.strata),
    withEntryTimes: tables.some((t) => t.withEntryTimes),
  });
}

/** A risk-set table as plain JSON (what a site sends). */
export type RiskTableJson = {
  readonly groupCount: number;
  readonly withEntryTimes: boolean;
  readonly strata: readonly {
    readonly times: readonly number[];
    /** per group, one array over times */
    readonly nRisk: readonly (readonly number[])[];
    readonly nEvent: readonly (readonly number[])[];
    readonly nCensor: readonly (readonly number[])[];
    readonly nRows: readonly number[];
  }[];
};

export function riskTableToJson(table: RiskTable): RiskTableJson {
  const G = table.groupCount;
  const perGroup = (a: Float64Array, T: number) =>
    Array.from({ length: G }, (_, g) => Array.from(a.subarray(g * T, (g + 1) * T)));
  return {
    groupCount: G,
    withEntryTimes: table.withEntryTimes,
    strata: table.strata.map((s) => ({
      times: Array.from(s.times),
      nRisk: perGroup(s.nRisk, s.times.length),
      nEvent: perGroup(s.nEvent, s.times.length),
      nCensor: perGroup(s.nCensor, s.times.length),
      nRows: Array.from(s.nRows),
    })),
  };
}

/** Reads and checks a site's JSON table: shapes, finite non-negative counts, ascending times. */
export function riskTableFromJson(json: unknown, site = "site"): StatsResult<RiskTable> {
  const issues: StatsIssue[] = [];
  const bad = (path: string, message: string): undefined => {
    issues.push({ code: "site_table_invalid", path: `${site}.${path}`, message });
    return undefined;
  };
  const j = json as Partial<RiskTableJson> | null;
  if (j === null || typeof j !== "object") {
    bad("", "expected an object with groupCount, withEntryTimes and strata");
    return fail(issues);
  }
  const G = j.groupCount;
  if (typeof G !== "number" || !Number.isInteger(G) || G < 1) bad("groupCount", "must be an integer ≥ 1");
  if (typeof j.withEntryTimes !== "boolean") bad("withEntryTimes", "must be true or false");
  if (!Array.isArray(j.strata)) bad("strata", "must be an array");
  if (issues.length > 0) return fail(issues);
  const strata: RiskTableStratum[] = [];
  const readStratum = (s: RiskTableJson["strata"][number], si: number): RiskTableStratum | undefined => {
    const p = `strata[${si}]`;
    if (!Array.isArray(s?.times)) return bad(`${p}.times`, "must be an array of numbers");
    const T = s.times.length;
    for (let k = 0; k < T; k++) {
      if (!Number.isFinite(s.times[k]) || (k > 0 && !(s.times[k]! > s.times[k - 1]!)))
        return bad(`${p}.times[${k}]`, "times must be finite and strictly ascending");
    }
    const flat = (name: "nRisk" | "nEvent" | "nCensor"): Float64Array | undefined => {
      const rows = s[name];
      if (!Array.isArray(rows) || rows.length !== G) {
        return bad(`${p}.${name}`, `must hold ${G} arrays (one per group)`);
      }
      const out = new Float64Array(G! * T);
      for (let g = 0; g < G!; g++) {
        const row = rows[g];
        if (!Array.isArray(row) || row.length !== T) {
          return bad(`${p}.${name}[${g}]`, `must hold ${T} numbers (one per time)`);
        }
        for (let k = 0; k < T; k++) {
          const v = row[k];
          if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
            return bad(`${p}.${name}[${g}][${k}]`, "counts must be finite numbers ≥ 0");
          }
          out[g * T + k] = v;
        }
      }
      return out;
    };
    const nRisk = flat("nRisk");
    const nEvent = flat("nEvent");
    const nCensor = flat("nCensor");
    const nRowsOk =
      Array.isArray(s.nRows) && s.nRows.length === G && s.nRows.every((v) => Number.isFinite(v) && v >= 0);
    if (!nRowsOk) bad(`${p}.nRows`, `must hold ${G} counts ≥ 0`);
    if (nRisk && nEvent && nCensor && nRowsOk) {
      for (let g = 0; g < G!; g++)
        for (let k = 0; k < T; k++)
          if (nEvent[g * T + k]! + nCensor[g * T + k]! > nRisk[g * T + k]! * (1 + 1e-12))
            return bad(`${p}.nRisk[${g}][${k}]`, "fewer at risk than events and censorings at that time");
      return { times: Float64Array.from(s.times), nRisk, nEvent, nCensor, nRows: Float64Array.from(s.nRows) };
    }
    return undefined;
  };
  for (const [si, s] of j.strata!.entries()) {
    const stratum = readStratum(s, si);
    if (stratum !== undefined) strata.push(stratum);
  }
  if (issues.length > 0) return fail(issues);
  return ok({ groupCount: G!, strata, withEntryTimes: j.withEntryTimes! });
}
