/**
 * Validates Cox input columns and lays them out for the risk-set passes: one sort by
 * (stratum, time), times merged as R's aeqSurv, covariates copied row-major, centred and
 * scaled as R survival's coxfit6 (centring by the weighted mean, scaling by the inverse weighted
 * mean absolute deviation; columns holding only values of `nocenter` are left alone).
 */
import { orderByRank, rankDistinct } from "../sort-order.ts";
import type { CoxData, CoxIssue } from "./cox-types.ts";

/** R's aeqSurv tolerance: sqrt(.Machine$double.eps) */
export const TIMEFIX_TOLERANCE = Math.sqrt(2 ** -52);
/** At most this many row-level issues per field; then one summary issue. */
const MAX_ROW_ISSUES = 10;

/** Sorted, validated data; "row" below means position in the sorted order. */
export type SortedCoxData = {
  readonly n: number;
  readonly p: number;
  /** sorted position → input row */
  readonly order: Int32Array;
  /** distinct (merged) times, ascending */
  readonly times: Float64Array;
  /** per sorted row: index into `times` */
  readonly timeRank: Int32Array;
  readonly status: Uint8Array;
  /** per sorted row, or undefined when all weights are 1 */
  readonly weights: Float64Array | undefined;
  /** per sorted row, or undefined when there is no offset */
  readonly offset: Float64Array | undefined;
  /** nStrata + 1 boundaries: stratum s holds sorted rows [start[s], start[s+1]) */
  readonly stratumStart: Int32Array;
  /** input stratum code of each stratum, ascending */
  readonly stratumCodes: Int32Array;
  /** per sorted row: stratum index */
  readonly stratum: Int32Array;
  /** covariates, sorted rows, row-major n × p, centred and scaled */
  readonly x: Float64Array;
  /** centring value per column (0 when not centred) */
  readonly means: Float64Array;
  /** multiplier per column applied after centring (1 when not centred) */
  readonly scale: Float64Array;
  readonly nEvents: number;
  /** weighted number of events */
  readonly eventWeight: number;
};

export type PrepareOptions = {
  readonly timefix: boolean;
  readonly nocenter: readonly number[];
  /** false skips centring and scaling (site summaries are invariant to them) */
  readonly standardize?: boolean;
};

function rowIssues(
  issues: CoxIssue[],
  n: number,
  code: string,
  field: string,
  bad: (i: number) => string | undefined,
): void {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const why = bad(i);
    if (why === undefined) continue;
    count++;
    if (count <= MAX_ROW_ISSUES)
      issues.push({ code, path: `${field}[${i}]`, message: `${field} of row ${i + 1} ${why}` });
  }
  if (count > MAX_ROW_ISSUES) {
    issues.push({
      code,
      path: field,
      message: `${count - MAX_ROW_ISSUES} more rows with invalid ${field} (${count} in all)`,
    });
  }
}

/** Fast scan (no per-row closures): true when every value is valid, so no report is needed. */
function columnsLookValid(data: CoxData): boolean {
  const { time, status, x, weights, offset } = data;
  let ok = true;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    const s = status[i]!;
    ok &&= t >= 0 && t < Number.POSITIVE_INFINITY && (s === 0 || s === 1);
  }
  // x − x is 0 for finite x and NaN for ±∞ and NaN
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! - x[i]!;
  ok &&= sum === 0;
  if (weights !== undefined)
    for (let i = 0; i < weights.length; i++) ok &&= weights[i]! > 0 && weights[i]! < Number.POSITIVE_INFINITY;
  if (offset !== undefined) {
    let o = 0;
    for (let i = 0; i < offset.length; i++) o += offset[i]! - offset[i]!;
    ok &&= o === 0;
  }
  return ok;
}

/** Every problem with the columns (lengths, values), not only the first. */
export function validateCoxData(data: CoxData): CoxIssue[] {
  const issues: CoxIssue[] = [];
  const n = data.time.length;
  const p = data.names.length;
  if (n === 0) issues.push({ code: "cox_no_rows", path: "time", message: "the data have no rows" });
  if (data.status.length !== n) {
    issues.push({
      code: "cox_length_mismatch",
      path: "status",
      message: `status has ${data.status.length} values but time has ${n}`,
    });
  }
  if (data.x.length !== n * p) {
    issues.push({
      code: "cox_length_mismatch",
      path: "x",
      message: `the design matrix has ${data.x.length} values, expected ${n} rows × ${p} columns = ${n * p}`,
    });
  }
  for (const [field, col] of [
    ["strata", data.strata],
    ["weights", data.weights],
    ["offset", data.offset],
    ["cluster", data.cluster],
  ] as const) {
    if (col !== undefined && col.length !== n) {
      issues.push({
        code: "cox_length_mismatch",
        path: field,
        message: `${field} has ${col.length} values but time has ${n}`,
      });
    }
  }
  const seen = new Set<string>();
  for (const [k, name] of data.names.entries()) {
    if (name === "")
      issues.push({ code: "cox_bad_name", path: `names[${k}]`, message: "covariate name is empty" });
    if (seen.has(name)) {
      issues.push({
        code: "cox_bad_name",
        path: `names[${k}]`,
        message: `covariate name '${name}' appears twice`,
      });
    }
    seen.add(name);
  }
  if (issues.length > 0) return issues;

  if (columnsLookValid(data)) return issues;
  rowIssues(issues, n, "cox_invalid_time", "time", (i) => {
    const t = data.time[i]!;
    if (!Number.isFinite(t)) return `is ${t} (must be a finite number)`;
    return t < 0 ? `is ${t} (must be ≥ 0)` : undefined;
  });
  rowIssues(issues, n, "cox_invalid_status", "status", (i) => {
    const s = data.status[i]!;
    return s === 0 || s === 1 ? undefined : `is ${s} (must be 1 = event or 0 = censored)`;
  });
  const w = data.weights;
  if (w !== undefined) {
    rowIssues(issues, n, "cox_invalid_weight", "weights", (i) =>
      Number.isFinite(w[i]!) && w[i]! > 0 ? undefined : `is ${w[i]} (must be a finite number > 0)`,
    );
  }
  const off = data.offset;
  if (off !== undefined) {
    rowIssues(issues, n, "cox_invalid_offset", "offset", (i) =>
      Number.isFinite(off[i]!) ? undefined : `is ${off[i]} (must be finite)`,
    );
  }
  for (let k = 0; k < p; k++) {
    const base = k * n;
    rowIssues(issues, n, "cox_invalid_covariate", data.names[k]!, (i) =>
      Number.isFinite(data.x[base + i]!) ? undefined : `is ${data.x[base + i]} (covariates must be finite)`,
    );
  }
  return issues;
}

/** Index of `v` in the ascending array `a` (v must be present). */
function findIndex(a: Int32Array, v: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Time groups as R's aeqSurv: distinct times d (ascending) are merged with their predecessor when
 * d[i] − d[i−1] ≤ tol or (d[i] − d[i−1]) / mean(|d|) ≤ tol; a group takes its smallest time.
 * Returns the group of each distinct time and the group times.
 */
export function timeGroups(
  distinct: Float64Array,
  timefix: boolean,
): { group: Int32Array; times: Float64Array } {
  const m = distinct.length;
  const group = new Int32Array(m);
  if (!timefix || m < 2) return { group: group.map((_, i) => i), times: distinct };
  let meanAbs = 0;
  for (let i = 0; i < m; i++) meanAbs += Math.abs(distinct[i]!);
  meanAbs /= m;
  const cuts: number[] = [distinct[0]!];
  for (let i = 1; i < m; i++) {
    const dy = distinct[i]! - distinct[i - 1]!;
    const tied = dy <= TIMEFIX_TOLERANCE || dy / meanAbs <= TIMEFIX_TOLERANCE;
    if (!tied) cuts.push(distinct[i]!);
    group[i] = cuts.length - 1;
  }
  return { group, times: Float64Array.from(cuts) };
}

/** Stable counting sort of `order` by integer keys key[order[i]] in [0, nKeys). */
function countingSort(order: Int32Array, key: Int32Array, nKeys: number): Int32Array {
  const count = new Int32Array(nKeys + 1);
  for (let i = 0; i < order.length; i++) count[key[order[i]!]! + 1]!++;
  for (let k = 0; k < nKeys; k++) count[k + 1]! += count[k]!;
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    out[count[key[r]!]!++] = r;
  }
  return out;
}

/** Lays out validated data (call validateCoxData first). */
export function sortCoxData(data: CoxData, options: PrepareOptions): SortedCoxData {
  const n = data.time.length;
  const p = data.names.length;

  // distinct times (hashed: registries have few distinct days), merged as aeqSurv; stable time order
  const { values: distinct, rank } = rankDistinct(data.time);
  const { group, times } = timeGroups(distinct, options.timefix);
  const byTime = orderByRank(rank, distinct.length);

  // strata codes → dense indices; stable counting sort of the time order by stratum
  let stratumCodes: Int32Array;
  let order: Int32Array = byTime;
  const stratumOfRow = new Int32Array(n);
  if (data.strata === undefined) {
    stratumCodes = Int32Array.of(0);
  } else {
    const s = Int32Array.from(data.strata).sort();
    let m = 0;
    for (let i = 0; i < n; i++) if (i === 0 || s[i] !== s[m - 1]) s[m++] = s[i]!;
    stratumCodes = s.slice(0, m);
    for (let i = 0; i < n; i++) stratumOfRow[i] = findIndex(stratumCodes, data.strata[i]!);
    if (m > 1) order = countingSort(byTime, stratumOfRow, m);
  }
  const nStrata = stratumCodes.length;
  // sorted position of each input row: the copies below read the input sequentially
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) position[order[i]!] = i;

  const timeRank = new Int32Array(n);
  const status = new Uint8Array(n);
  const stratum = new Int32Array(n);
  const weights = data.weights === undefined ? undefined : new Float64Array(n);
  const offset = data.offset === undefined ? undefined : new Float64Array(n);
  const stratumStart = new Int32Array(nStrata + 1);
  for (let r = 0; r < n; r++) {
    const i = position[r]!;
    timeRank[i] = group[rank[r]!]!;
    status[i] = data.status[r]!;
    stratum[i] = stratumOfRow[r]!;
    stratumStart[stratumOfRow[r]! + 1]!++;
    if (weights !== undefined) weights[i] = data.weights![r]!;
    if (offset !== undefined) offset[i] = data.offset![r]!;
  }
  for (let s = 0; s < nStrata; s++) stratumStart[s + 1]! += stratumStart[s]!;
  let nEvents = 0;
  let eventWeight = 0;
  for (let i = 0; i < n; i++) {
    if (status[i] === 1) {
      nEvents++;
      eventWeight += weights === undefined ? 1 : weights[i]!;
    }
  }

  // covariates: weighted mean, then scale = Σw / Σ w|x − mean| (coxfit6)
  const means = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += data.weights === undefined ? 1 : data.weights[i]!;
  const nocenter = options.nocenter;
  const standardize = options.standardize ?? true;
  for (let k = 0; k < p; k++) {
    const col = data.x.subarray(k * n, (k + 1) * n);
    let center = standardize;
    if (center && nocenter.length > 0) {
      let allIn = true;
      for (let i = 0; i < n && allIn; i++) allIn = nocenter.includes(col[i]!);
      center = !allIn;
    }
    if (!center) continue;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (data.weights === undefined ? 1 : data.weights[i]!) * col[i]!;
    mean /= wsum;
    let mad = 0;
    for (let i = 0; i < n; i++)
      mad += (data.weights === undefined ? 1 : data.weights[i]!) * Math.abs(col[i]! - mean);
    means[k] = mean;
    scale[k] = mad > 0 ? wsum / mad : 1;
  }
  // row-major copy in sorted order, centred and scaled on the way: input rows are read in order
  // and each lands as one contiguous block of p values (no random reads of the input columns)
  const x = new Float64Array(n * p);
  const input = data.x;
  for (let r = 0; r < n; r++) {
    const row = position[r]! * p;
    for (let k = 0; k < p; k++) x[row + k] = (input[k * n + r]! - means[k]!) * scale[k]!;
  }

  return {
    n,
    p,
    order,
    times,
    timeRank,
    status,
    weights,
    offset,
    stratumStart,
    stratumCodes,
    stratum,
    x,
    means,
    scale,
    nEvents,
    eventWeight,
  };
}
