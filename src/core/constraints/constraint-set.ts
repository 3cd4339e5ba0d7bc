// Constraint sets as versioned data (clinical-reference §4.4): name, version, source (table, page),
// verification, and per constraint the organs (TG-263), metric (§4.1), endpoint, confirmation
// status, source row and the limits per number of fractions (optional optimal and mandatory levels).
// parseConstraintSet validates a set (built-in or user JSON) and returns every issue with its path.
import * as z from "zod";
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import { fromZodIssues } from "../model/zod-issues.ts";
import { CONFIRMATION_STATUSES, type ConfirmationStatus } from "../radiobiology/alpha-beta.ts";
import { type ConstraintMetric, limitUnit, parseMetric } from "./metric.ts";
import { type OrganRef, parseOrganRef } from "./roi-mapping.ts";

export const CONSTRAINT_SET_FORMAT = "oligoscope.constraint-set/1";

const text = z.string().trim().min(1);
const level = z.number().positive().nullable().optional();

const limitSchema = z
  .object({
    optimal: level,
    mandatory: level,
    /** a metric for this fraction count only (e.g. a different V{x}Gy) */
    metric: text.optional(),
    /** confirmation status of this fraction count, when it differs from the row's */
    status: z.enum(CONFIRMATION_STATUSES).optional(),
    note: text.optional(),
  })
  .strict();

const constraintSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "use lower-case letters, digits, '.', '_' and '-'"),
    structure: text,
    organs: z.array(text).min(1),
    metric: text.nullable(),
    /** sources write limits as "<"; a value exactly at the limit fails (clinical-reference §4.1) */
    operator: z.literal("<").optional(),
    endpoint: text,
    status: z.enum(CONFIRMATION_STATUSES),
    sourceRow: text,
    notes: text.optional(),
    limits: z.record(z.string(), limitSchema),
  })
  .strict();

const setSchema = z
  .object({
    format: z.literal(CONSTRAINT_SET_FORMAT),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "use lower-case letters, digits, '.', '_' and '-'"),
    name: text,
    version: text,
    source: z
      .object({
        citation: text,
        doi: text.optional(),
        table: text.nullable(),
        page: text.nullable(),
        url: text.optional(),
        note: text.optional(),
      })
      .strict(),
    verification: z
      .object({
        /** true: the set refuses to run until every row has values and two people signed it off */
        required: z.boolean(),
        verifiedBy: z.array(text),
        note: text.optional(),
      })
      .strict(),
    fractions: z.array(z.number().int().min(1)).min(1),
    constraints: z.array(constraintSchema).min(1),
  })
  .strict();

export type ConstraintLimit = {
  readonly fractions: number;
  /** null only in a template awaiting transcription */
  readonly metric: ConstraintMetric | null;
  /** limit levels in the metric's limit unit (Gy, cc or %); a single source limit is "mandatory" */
  readonly optimal: number | null;
  readonly mandatory: number | null;
  readonly status: ConfirmationStatus;
  readonly note?: string;
};

export type Constraint = {
  readonly id: string;
  /** the structure as the source names it */
  readonly structure: string;
  /** organs the constraint applies to, as written (TG-263) and as read */
  readonly organNames: readonly string[];
  readonly organs: readonly OrganRef[];
  readonly endpoint: string;
  readonly status: ConfirmationStatus;
  readonly sourceRow: string;
  readonly notes?: string;
  /** ordered by fraction count */
  readonly limits: readonly ConstraintLimit[];
};

export type ConstraintSet = {
  readonly format: typeof CONSTRAINT_SET_FORMAT;
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly source: {
    readonly citation: string;
    readonly doi?: string;
    readonly table: string | null;
    readonly page: string | null;
    readonly url?: string;
    readonly note?: string;
  };
  readonly verification: {
    readonly required: boolean;
    readonly verifiedBy: readonly string[];
    readonly note?: string;
  };
  readonly fractions: readonly number[];
  readonly constraints: readonly Constraint[];
};

type RawSet = z.infer<typeof setSchema>;

function checkLevels(
  optimal: number | null,
  mandatory: number | null,
  metric: ConstraintMetric | null,
  path: string,
  template: boolean,
  issues: Issue[],
): void {
  if (optimal === null && mandatory === null) {
    if (!template) {
      issues.push(issue("required", path, "give an optimal or a mandatory limit (or both)"));
    }
    return;
  }
  if (optimal !== null && mandatory !== null && optimal > mandatory) {
    issues.push(
      issue(
        "inconsistent_value",
        `${path}.optimal`,
        `the optimal limit ${optimal} must not exceed the mandatory limit ${mandatory} (optimal is the stricter aim)`,
      ),
    );
  }
  if (metric !== null && limitUnit(metric) === "%") {
    for (const [name, v] of [
      ["optimal", optimal],
      ["mandatory", mandatory],
    ] as const) {
      if (v !== null && v > 100)
        issues.push(issue("out_of_range", `${path}.${name}`, `a percentage must be at most 100 (got ${v})`));
    }
  }
}

function build(raw: RawSet): Result<ConstraintSet> {
  const issues: Issue[] = [];
  const template = raw.verification.required;
  const fractionSet = new Set(raw.fractions);
  if (fractionSet.size !== raw.fractions.length) {
    issues.push(issue("duplicate_id", "fractions", "a fraction count is listed twice"));
  }
  const seen = new Map<string, number>();
  const constraints: Constraint[] = raw.constraints.map((c, i) => {
    const path = `constraints[${i}]`;
    const first = seen.get(c.id);
    if (first !== undefined) {
      issues.push(issue("duplicate_id", `${path}.id`, `"${c.id}" is also the id of constraints[${first}]`));
    } else seen.set(c.id, i);
    let rowMetric: ConstraintMetric | null = null;
    if (c.metric === null) {
      if (!template) issues.push(issue("required", `${path}.metric`, "the metric is required (e.g. D0.5cc)"));
    } else {
      const m = parseMetric(c.metric, `${path}.metric`);
      if (m.ok) rowMetric = m.value;
      else issues.push(...m.issues);
    }
    const limits: ConstraintLimit[] = [];
    for (const [key, l] of Object.entries(c.limits)) {
      const lpath = `${path}.limits.${key}`;
      const n = Number(key);
      if (!/^[1-9]\d*$/.test(key)) {
        issues.push(
          issue("invalid_value", lpath, `"${key}" is not a number of fractions (a whole number >= 1)`),
        );
        continue;
      }
      if (!fractionSet.has(n)) {
        issues.push(
          issue(
            "inconsistent_value",
            lpath,
            `${n} fractions is not in the set's "fractions" (${raw.fractions.join(", ")})`,
          ),
        );
      }
      let metric = rowMetric;
      if (l.metric !== undefined) {
        const m = parseMetric(l.metric, `${lpath}.metric`);
        if (m.ok) metric = m.value;
        else issues.push(...m.issues);
      }
      const optimal = l.optimal ?? null;
      const mandatory = l.mandatory ?? null;
      checkLevels(optimal, mandatory, metric, lpath, template, issues);
      limits.push({
        fractions: n,
        metric,
        optimal,
        mandatory,
        status: l.status ?? c.status,
        ...(l.note !== undefined ? { note: l.note } : {}),
      });
    }
    if (limits.length === 0)
      issues.push(issue("required", `${path}.limits`, "give limits for at least one fraction count"));
    limits.sort((a, b) => a.fractions - b.fractions);
    return {
      id: c.id,
      structure: c.structure,
      organNames: c.organs,
      organs: c.organs.map(parseOrganRef),
      endpoint: c.endpoint,
      status: c.status,
      sourceRow: c.sourceRow,
      ...(c.notes !== undefined ? { notes: c.notes } : {}),
      limits,
    };
  });
  if (issues.length > 0) return fail(issues);
  const { doi, url, note, ...source } = raw.source;
  return ok({
    format: raw.format,
    id: raw.id,
    name: raw.name,
    version: raw.version,
    source: {
      ...source,
      ...(doi !== undefined ? { doi } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(note !== undefined ? { note } : {}),
    },
    verification: {
      required: raw.verification.required,
      verifiedBy: raw.verification.verifiedBy,
      ...(raw.verification.note !== undefined ? { note: raw.verification.note } : {}),
    },
    fractions: [...raw.fractions].sort((a, b) => a - b),
    constraints,
  });
}

/** Validates a constraint set (parsed JSON); every issue is returned with its path. */
export function parseConstraintSet(input: unknown): Result<ConstraintSet> {
  const parsed = setSchema.safeParse(input);
  if (!parsed.success) return fail(fromZodIssues(parsed.error.issues, input));
  return build(parsed.data);
}
