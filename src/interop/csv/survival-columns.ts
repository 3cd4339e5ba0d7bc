/**
 * A parsed CSV table → the typed columns of a survival analysis, with R's conventions:
 * - missing values: an empty field, "NA" or "NaN" (after trimming spaces). A row missing any column
 *   the analysis uses is dropped, as R's na.omit in model.frame does; the count is reported.
 *   (R's read.csv keeps an empty text field as the level ""; here it is missing in every column.)
 * - event coding without an explicit event value, as R's Surv(time, status): 0/1 (1 = event),
 *   TRUE/FALSE (TRUE = event), or 1/2 (2 = event, 1 = censored) when the values are exactly 1 and 2.
 * - group, strata and cluster labels in R's factor order (numeric order when every label is a
 *   number, else code-point order), unless the level order is given.
 * Every problem is reported with the column and the CSV line, not only the first.
 */
import { fail, type Issue, issue, ok, type Result } from "../../core/index.ts";
import { DECIMAL_COMMA, DECIMAL_NUMBER, isMissingField, parseDecimal } from "./csv-values.ts";
import { type CsvTable, wrongDelimiterIssue } from "./parse-csv.ts";

/** Labels in a fixed order and one code (index into labels) per row. */
export type LabelledCodes = {
  readonly column: string;
  readonly codes: Int32Array;
  readonly labels: readonly string[];
};

/** A covariate column as the Cox design matrix takes it. */
export type CovariateColumn =
  | { readonly kind: "numeric"; readonly name: string; readonly values: Float64Array }
  | {
      readonly kind: "categorical";
      readonly name: string;
      readonly values: readonly string[];
      readonly levels?: readonly string[];
    };

export type SurvivalCsvSpec = {
  /** follow-up time column (event or censoring time) */
  readonly time: string;
  /** status column */
  readonly event: string;
  /**
   * Values of the status column that mean "event" (others = censored). Absent: R's Surv coding
   * (0/1, TRUE/FALSE or 1/2). Ignored for competing risks (see `competing`).
   */
  readonly eventValues?: readonly string[];
  /** delayed-entry (left-truncation) time column: the subject is at risk on (entry, time] */
  readonly entry?: string;
  /** case-weight column (finite, ≥ 0) */
  readonly weights?: string;
  readonly group?: string;
  /** level order of the group column (all present levels, in the order wanted) */
  readonly groupLevels?: readonly string[];
  readonly strata?: string;
  readonly cluster?: string;
  readonly covariates?: readonly string[];
  /** covariates to treat as categorical (treatment contrasts); others must be numeric */
  readonly categorical?: readonly string[];
  /** level order per categorical covariate (first = reference) */
  readonly covariateLevels?: Readonly<Record<string, readonly string[]>>;
  /**
   * Competing risks: the status column holds states; `censorValue` marks censoring (default "0")
   * and every other value is a cause, coded 1..K in R's level order.
   */
  readonly competing?: { readonly censorValue?: string };
};

export type SurvivalCsvData = {
  /** rows kept */
  readonly n: number;
  /** rows dropped for a missing value in a used column */
  readonly nDropped: number;
  /** CSV lines of the first dropped rows (up to 10), for messages */
  readonly droppedLines: readonly number[];
  readonly time: Float64Array;
  /** 1 = event (any cause for competing risks), 0 = censored */
  readonly status: Uint8Array;
  /** how the status column was read, in words (for reports) */
  readonly eventCoding: string;
  /** competing risks: 0 = censored, k = cause causes[k − 1] */
  readonly cause?: Int32Array;
  readonly causes?: readonly string[];
  readonly entry?: Float64Array;
  readonly weights?: Float64Array;
  readonly group?: LabelledCodes;
  readonly strata?: LabelledCodes;
  readonly cluster?: LabelledCodes;
  readonly covariates: readonly CovariateColumn[];
  /** CSV line of each kept row */
  readonly lines: Int32Array;
};

const NUMBER = DECIMAL_NUMBER;
const MAX_LISTED = 10;

export { isMissingField, parseDecimal };

/** R's factor level order: numeric order when every label is a number, else code-point order. */
export function rLevelOrder(values: Iterable<string>): string[] {
  const distinct = [...new Set(values)];
  const numeric = distinct.every((v) => NUMBER.test(v.trim()));
  const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return numeric
    ? distinct.sort((a, b) => Number(a) - Number(b) || byCodePoint(a, b))
    : distinct.sort(byCodePoint);
}

function suggest(name: string, header: readonly string[]): string {
  const lower = name.toLowerCase();
  const close = header.filter(
    (h) => h.toLowerCase() === lower || h.toLowerCase().includes(lower) || lower.includes(h.toLowerCase()),
  );
  return close.length > 0 ? ` (did you mean ${close.map((c) => `'${c}'`).join(", ")}?)` : "";
}

/** Extracts and checks the columns of a survival analysis from a parsed CSV table. */
export function survivalColumns(table: CsvTable, spec: SurvivalCsvSpec): Result<SurvivalCsvData> {
  const issues: Issue[] = [];
  const index = new Map(table.header.map((h, i) => [h, i]));
  const roles: [role: string, column: string][] = [
    ["time", spec.time],
    ["event", spec.event],
  ];
  if (spec.entry !== undefined) roles.push(["entry", spec.entry]);
  if (spec.weights !== undefined) roles.push(["weights", spec.weights]);
  if (spec.group !== undefined) roles.push(["group", spec.group]);
  if (spec.strata !== undefined) roles.push(["strata", spec.strata]);
  if (spec.cluster !== undefined) roles.push(["cluster", spec.cluster]);
  for (const c of spec.covariates ?? []) roles.push(["covariates", c]);
  for (const c of spec.categorical ?? []) {
    if (!(spec.covariates ?? []).includes(c))
      issues.push(
        issue(
          "csv_unknown_covariate",
          "categorical",
          `'${c}' is marked categorical but is not among the covariates`,
        ),
      );
  }
  const seenCovariates = new Set<string>();
  for (const c of spec.covariates ?? []) {
    if (seenCovariates.has(c))
      issues.push(issue("csv_duplicate_covariate", "covariates", `covariate '${c}' is listed twice`));
    seenCovariates.add(c);
  }
  const missing = roles.filter(([, column]) => !index.has(column));
  const wrongDelimiter = wrongDelimiterIssue(table.header, table.delimiter);
  if (missing.length > 0 && wrongDelimiter !== undefined) return fail([wrongDelimiter]);
  for (const [role, column] of missing) {
    issues.push(
      issue(
        "csv_missing_column",
        role,
        `${role} column '${column}' is not in the CSV header${suggest(column, table.header)}; columns: ${table.header.join(", ")}`,
      ),
    );
  }
  if (issues.length > 0) return fail(issues);
  const at = (name: string): number => index.get(name)!;
  /** trimmed fields of the kept rows of a column */
  const texts = (name: string): string[] => {
    const c = at(name);
    return Array.from(keep, (r) => table.field(c, r).trim());
  };

  // rows complete in every used column (na.omit). Numeric columns are read as numbers once, for
  // every row: a field is missing only where the number is NaN and the text says NA/empty.
  const categoricalSet = new Set([...(spec.categorical ?? []), ...Object.keys(spec.covariateLevels ?? {})]);
  const numericNames = new Set<string>([
    spec.time,
    ...(spec.entry !== undefined ? [spec.entry] : []),
    ...(spec.weights !== undefined ? [spec.weights] : []),
    ...(spec.covariates ?? []).filter((c) => !categoricalSet.has(c)),
  ]);
  const rowCount = table.rowCount;
  const allRows = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) allRows[r] = r;
  const numbersOfAllRows = new Map<string, Float64Array>();
  const drop = new Uint8Array(rowCount);
  for (const name of numericNames) {
    const c = at(name);
    const values = new Float64Array(rowCount);
    table.numbers(c, allRows, values);
    numbersOfAllRows.set(name, values);
    for (let r = 0; r < rowCount; r++) if (Number.isNaN(values[r]!) && table.isMissing(c, r)) drop[r] = 1;
  }
  for (const name of new Set(roles.map(([, c]) => c))) {
    if (numericNames.has(name)) continue;
    const c = at(name);
    for (let r = 0; r < rowCount; r++) if (drop[r] === 0 && table.isMissing(c, r)) drop[r] = 1;
  }
  const keepAll = new Int32Array(rowCount);
  let n = 0;
  const droppedLines: number[] = [];
  let nDropped = 0;
  for (let r = 0; r < rowCount; r++) {
    if (drop[r] === 0) keepAll[n++] = r;
    else {
      nDropped++;
      if (droppedLines.length < MAX_LISTED) droppedLines.push(table.lineOfRow[r]!);
    }
  }
  const keep = keepAll.subarray(0, n);
  /** the numbers of a numeric column in the kept rows */
  const handedOut = new Set<string>();
  const keptNumbers = (name: string): Float64Array => {
    const all = numbersOfAllRows.get(name)!;
    if (n === rowCount && !handedOut.has(name)) {
      handedOut.add(name); // a column used in two roles gets its own copy the second time
      return all;
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = all[keep[i]!]!;
    return out;
  };
  if (n === 0) {
    return fail([
      issue(
        "csv_no_complete_rows",
        "",
        table.rowCount === 0
          ? "the CSV has a header but no data rows"
          : `every one of the ${table.rowCount} rows misses a value in a used column (${roles.map(([, c]) => c).join(", ")})`,
      ),
    ]);
  }
  const lines = new Int32Array(n);
  for (let i = 0; i < n; i++) lines[i] = table.lineOfRow[keep[i]!]!;

  const numericColumn = (
    role: string,
    name: string,
    check?: (v: number) => string | undefined,
  ): Float64Array => {
    const c = at(name);
    const out = keptNumbers(name);
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const v = out[i]!;
      const problem = Number.isNaN(v) ? notANumber(table.field(c, keep[i]!)) : check?.(v);
      if (problem !== undefined) {
        const raw = table.field(c, keep[i]!);
        if (bad < MAX_LISTED)
          issues.push(
            issue(
              Number.isNaN(v) ? "csv_not_numeric" : "csv_invalid_value",
              `${name} (line ${lines[i]})`,
              `${role} column '${name}': '${raw}' on line ${lines[i]} ${problem}`,
            ),
          );
        bad++;
      }
    }
    if (bad > MAX_LISTED)
      issues.push(issue("csv_more_issues", name, `${bad - MAX_LISTED} more bad values in column '${name}'`));
    return out;
  };

  const time = numericColumn("time", spec.time, (v) =>
    !Number.isFinite(v) ? "is not finite" : v < 0 ? "is negative (follow-up times must be ≥ 0)" : undefined,
  );
  const entry =
    spec.entry === undefined
      ? undefined
      : numericColumn("entry", spec.entry, (v) => (!Number.isFinite(v) ? "is not finite" : undefined));
  if (entry !== undefined) {
    let bad = 0;
    for (let i = 0; i < n; i++) {
      if (
        Number.isFinite(entry[i]!) &&
        Number.isFinite(time[i]!) &&
        time[i]! >= 0 &&
        !(entry[i]! < time[i]!)
      ) {
        if (bad < MAX_LISTED)
          issues.push(
            issue(
              "csv_entry_not_before_time",
              `${spec.entry} (line ${lines[i]})`,
              `entry time ${entry[i]} on line ${lines[i]} is not before the time ${time[i]} (the interval (entry, time] must not be empty)`,
            ),
          );
        bad++;
      }
    }
    if (bad > MAX_LISTED)
      issues.push(issue("csv_more_issues", spec.entry!, `${bad - MAX_LISTED} more rows with entry ≥ time`));
  }
  const weights =
    spec.weights === undefined
      ? undefined
      : numericColumn("weights", spec.weights, (v) =>
          !Number.isFinite(v) ? "is not finite" : v < 0 ? "is negative (weights must be ≥ 0)" : undefined,
        );

  const status = new Uint8Array(n);
  let eventCoding = "";
  let cause: Int32Array | undefined;
  let causes: string[] | undefined;
  const numericStatus = spec.competing === undefined ? finiteNumbers(table, at(spec.event), keep) : undefined;
  if (numericStatus !== undefined) {
    // every status value is a finite number: the rules below on the numbers, no strings per row
    const { values, distinct: present, texts: written } = numericStatus;
    if (spec.eventValues !== undefined && spec.eventValues.length > 0) {
      const wanted = spec.eventValues.map((v) => v.trim());
      const wantedNumbers = wanted.filter((w) => NUMBER.test(w)).map(Number);
      if (!present.some((p) => wantedNumbers.includes(p)))
        issues.push(
          issue(
            "csv_event_value_absent",
            spec.event,
            `no row of status column '${spec.event}' has the event value ${wanted.map((w) => `'${w}'`).join(" or ")}; values present: ${rLevelOrder(written).slice(0, 20).join(", ")}`,
          ),
        );
      for (let i = 0; i < n; i++) status[i] = wantedNumbers.includes(values[i]!) ? 1 : 0;
      eventCoding = `${spec.event} ∈ {${wanted.join(", ")}} = event, other values = censored`;
    } else {
      const eventValue = present.every((x) => x === 0 || x === 1)
        ? 1
        : present.every((x) => x === 1 || x === 2)
          ? 2
          : undefined;
      if (eventValue === undefined) {
        issues.push(
          issue(
            "csv_invalid_status",
            spec.event,
            `status column '${spec.event}' must be coded 0/1, 1/2 or TRUE/FALSE (found ${rLevelOrder(written).slice(0, 10).join(", ")}); give the event value explicitly (--event-value)`,
          ),
        );
      } else {
        for (let i = 0; i < n; i++) status[i] = values[i] === eventValue ? 1 : 0;
        eventCoding =
          eventValue === 1
            ? `${spec.event} 1 = event, 0 = censored`
            : `${spec.event} 2 = event, 1 = censored (R's 1/2 coding)`;
      }
    }
  } else if (spec.competing !== undefined) {
    const statusValues = texts(spec.event);
    const censor = spec.competing.censorValue ?? "0";
    causes = rLevelOrder(statusValues.filter((v) => !sameValue(v, censor)));
    if (causes.length === 0)
      issues.push(
        issue(
          "csv_no_events",
          spec.event,
          `status column '${spec.event}' holds no value other than the censoring value '${censor}'`,
        ),
      );
    const code = new Map(causes.map((c, k) => [c, k + 1]));
    cause = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = sameValue(statusValues[i]!, censor) ? 0 : code.get(statusValues[i]!)!;
      cause[i] = k;
      status[i] = k > 0 ? 1 : 0;
    }
    eventCoding = `'${censor}' = censored; causes ${causes.map((c) => `'${c}'`).join(", ")}`;
  } else if (spec.eventValues !== undefined && spec.eventValues.length > 0) {
    const statusValues = texts(spec.event);
    const wanted = spec.eventValues.map((v) => v.trim());
    const present = new Set(statusValues);
    const absent = wanted.filter((w) => ![...present].some((p) => sameValue(p, w)));
    if (absent.length === wanted.length)
      issues.push(
        issue(
          "csv_event_value_absent",
          spec.event,
          `no row of status column '${spec.event}' has the event value ${wanted.map((w) => `'${w}'`).join(" or ")}; values present: ${rLevelOrder(present).slice(0, 20).join(", ")}`,
        ),
      );
    for (let i = 0; i < n; i++) status[i] = wanted.some((w) => sameValue(statusValues[i]!, w)) ? 1 : 0;
    eventCoding = `${spec.event} ∈ {${wanted.join(", ")}} = event, other values = censored`;
  } else {
    const statusValues = texts(spec.event);
    const coding = rSurvCoding(statusValues);
    if (coding === undefined) {
      issues.push(
        issue(
          "csv_invalid_status",
          spec.event,
          `status column '${spec.event}' must be coded 0/1, 1/2 or TRUE/FALSE (found ${rLevelOrder(statusValues).slice(0, 10).join(", ")}); give the event value explicitly (--event-value)`,
        ),
      );
    } else {
      for (let i = 0; i < n; i++) status[i] = coding.isEvent(statusValues[i]!) ? 1 : 0;
      eventCoding = coding.description.replaceAll("STATUS", spec.event);
    }
  }

  const labelled = (name: string, levels?: readonly string[]): LabelledCodes => {
    // a numeric column (site codes, ECOG …): labels by value, as read.csv makes a numeric column a
    // factor (1 and 1.0 are one level, shown as first written); else by the trimmed text
    const numeric = finiteNumbers(table, at(name), keep);
    const values = numeric === undefined ? texts(name) : undefined;
    const present = rLevelOrder(numeric?.texts ?? values!);
    let labels = present;
    if (levels !== undefined) {
      const unknown = levels.filter((l) => !present.includes(l));
      const left = present.filter((l) => !levels.includes(l));
      if (unknown.length > 0 || left.length > 0)
        issues.push(
          issue(
            "csv_bad_levels",
            name,
            `level order for '${name}' ${unknown.length > 0 ? `names ${unknown.map((u) => `'${u}'`).join(", ")} not in the data` : ""}${unknown.length > 0 && left.length > 0 ? " and " : ""}${left.length > 0 ? `leaves out ${left.map((u) => `'${u}'`).join(", ")}` : ""} (present: ${present.join(", ")})`,
          ),
        );
      else labels = [...levels];
    }
    const code = new Map(labels.map((l, k) => [l, k]));
    if (numeric !== undefined) {
      const codeOfDistinct = Int32Array.from(numeric.texts, (text) => code.get(text) ?? 0);
      const codes = new Int32Array(numeric.which.length);
      for (let i = 0; i < codes.length; i++) codes[i] = codeOfDistinct[numeric.which[i]!]!;
      return { column: name, codes, labels };
    }
    return { column: name, codes: Int32Array.from(values!, (v) => code.get(v) ?? 0), labels };
  };
  const group = spec.group === undefined ? undefined : labelled(spec.group, spec.groupLevels);
  const strata = spec.strata === undefined ? undefined : labelled(spec.strata);
  const cluster = spec.cluster === undefined ? undefined : labelled(spec.cluster);

  const categorical = new Set(spec.categorical ?? []);
  const covariates: CovariateColumn[] = [];
  for (const name of spec.covariates ?? []) {
    const levels = spec.covariateLevels?.[name];
    if (categorical.has(name) || levels !== undefined) {
      covariates.push({
        kind: "categorical",
        name,
        values: texts(name),
        ...(levels !== undefined ? { levels } : {}),
      });
    } else {
      const values = keptNumbers(name);
      let firstBad = -1;
      for (let i = 0; i < n; i++)
        if (Number.isNaN(values[i]!)) {
          firstBad = i;
          break;
        }
      if (firstBad >= 0) {
        const raw = table.field(at(name), keep[firstBad]!);
        const comma = DECIMAL_COMMA.test(raw.trim());
        issues.push(
          issue(
            "csv_not_numeric",
            `${name} (line ${lines[firstBad]})`,
            `covariate '${name}': '${raw}' on line ${lines[firstBad]} is not a number; ${comma ? DECIMAL_COMMA_HINT : `mark the column categorical (--categorical ${name}) if it holds labels`}`,
          ),
        );
        continue;
      }
      covariates.push({ kind: "numeric", name, values });
    }
  }

  if (issues.length > 0) return fail(issues);
  return ok({
    n,
    nDropped,
    droppedLines,
    time,
    status,
    eventCoding,
    ...(cause !== undefined ? { cause, causes: causes! } : {}),
    ...(entry !== undefined ? { entry } : {}),
    ...(weights !== undefined ? { weights } : {}),
    ...(group !== undefined ? { group } : {}),
    ...(strata !== undefined ? { strata } : {}),
    ...(cluster !== undefined ? { cluster } : {}),
    covariates,
    lines,
  });
}

const DECIMAL_COMMA_HINT =
  "it is written with a decimal comma, which is not converted: write decimal points (1.5), e.g. save the file from the spreadsheet with '.' as decimal separator";

/** Why a field that is not a number is not one, with the decimal-comma hint when it fits. */
function notANumber(raw: string): string {
  return DECIMAL_COMMA.test(raw.trim()) ? `is not a number: ${DECIMAL_COMMA_HINT}` : "is not a number";
}

/** A column of finite numbers: per row its value and the index of its distinct value. */
type NumericColumn = {
  readonly values: Float64Array;
  /** distinct values in order of first appearance */
  readonly distinct: readonly number[];
  /** the text first written for each distinct value (trimmed) */
  readonly texts: readonly string[];
  /** row i has the value distinct[which[i]] */
  readonly which: Int32Array;
};

/** The column's kept rows as finite numbers with their distinct values, or undefined when some value is not one. */
function finiteNumbers(table: CsvTable, c: number, keep: Int32Array): NumericColumn | undefined {
  const n = keep.length;
  const values = new Float64Array(n);
  table.numbers(c, keep, values);
  const which = new Int32Array(n);
  const distinct: number[] = [];
  const texts: string[] = [];
  let map: Map<number, number> | undefined;
  let last = Number.NaN;
  let lastK = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) return undefined;
    if (v !== last) {
      let k = -1;
      if (map !== undefined) k = map.get(v) ?? -1;
      else
        for (let j = 0; j < distinct.length; j++)
          if (distinct[j] === v) {
            k = j;
            break;
          }
      if (k < 0) {
        k = distinct.length;
        distinct.push(v);
        texts.push(table.field(c, keep[i]!).trim());
        if (map !== undefined) map.set(v, k);
        else if (distinct.length > 32) map = new Map(distinct.map((d, j) => [d, j]));
      }
      last = v;
      lastK = k;
    }
    which[i] = lastK;
  }
  return { values, distinct, texts, which };
}

/** Equal as text, or as numbers when both are numbers ("2" = "2.0"). */
function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  return NUMBER.test(a) && NUMBER.test(b) && Number(a) === Number(b);
}

type Coding = { isEvent: (v: string) => boolean; description: string };

/** R's Surv(time, status) reading of a status column, or undefined when it is none of them. */
function rSurvCoding(values: readonly string[]): Coding | undefined {
  const distinct = new Set(values);
  const logical = ["TRUE", "FALSE", "T", "F", "true", "false"];
  if ([...distinct].every((v) => logical.includes(v)))
    return { isEvent: (v) => v === "TRUE" || v === "T" || v === "true", description: "STATUS TRUE = event" };
  if (![...distinct].every((v) => NUMBER.test(v))) return undefined;
  const nums = new Set([...distinct].map(Number));
  if ([...nums].every((x) => x === 0 || x === 1))
    return { isEvent: (v) => Number(v) === 1, description: "STATUS 1 = event, 0 = censored" };
  if ([...nums].every((x) => x === 1 || x === 2))
    return {
      isEvent: (v) => Number(v) === 2,
      description: "STATUS 2 = event, 1 = censored (R's 1/2 coding)",
    };
  return undefined;
}
