/**
 * Model matrix for the Cox model from named numeric and categorical columns, as R's
 * model.matrix() with treatment contrasts: a categorical column with levels L1 < L2 < … gives one
 * 0/1 indicator per non-reference level, named `<column><level>` (R's naming, e.g.
 * "celltypesmallcell"). Levels are ordered as R's factor() orders them: numerically when every
 * level is a number, otherwise by string (code-unit order; R uses the locale's collation, which
 * agrees for ordinary labels); the first level is the reference unless `reference` or `levels`
 * says otherwise. Build it on the rows that enter the model (after dropping missing values), as
 * R does: levels absent from those rows do not exist.
 */
import type { CoxIssue, CoxResult } from "./cox-types.ts";

export type DesignInputColumn =
  | { readonly kind: "numeric"; readonly name: string; readonly values: Float64Array }
  | {
      readonly kind: "categorical";
      readonly name: string;
      readonly values: readonly string[];
      /** reference level (default: the first level in R's order) */
      readonly reference?: string;
      /** full level order, first = reference (overrides R's order; must list every level present) */
      readonly levels?: readonly string[];
    };

/** One model term and the design columns it produced (for tests by term and for labels). */
export type DesignTerm = {
  readonly name: string;
  readonly kind: "numeric" | "categorical";
  /** indices into the design columns */
  readonly columns: readonly number[];
  /** categorical: every level in order, the first is the reference */
  readonly levels?: readonly string[];
};

export type Design = {
  readonly n: number;
  /** column-major n × p */
  readonly x: Float64Array;
  readonly names: readonly string[];
  /** per design column: "per unit of age", "celltype smallcell vs squamous" */
  readonly meaning: readonly string[];
  readonly terms: readonly DesignTerm[];
};

/** Orders labels as R's factor(): numerically if all are numbers, else by string. */
export function rLevelOrder(values: Iterable<string>): string[] {
  const distinct = [...new Set(values)];
  const numeric = distinct.every((v) => v.trim() !== "" && Number.isFinite(Number(v)));
  return numeric
    ? distinct.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0))
    : distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Integer codes 0..k−1 for labels in R's factor order (strata, clusters). */
export function encodeLabels(values: readonly string[]): { codes: Int32Array; labels: string[] } {
  const labels = rLevelOrder(values);
  const index = new Map(labels.map((l, i) => [l, i]));
  return { codes: Int32Array.from(values, (v) => index.get(v)!), labels };
}

export function buildDesign(columns: readonly DesignInputColumn[]): CoxResult<Design> {
  const issues: CoxIssue[] = [];
  const n = columns[0]?.values.length ?? 0;
  for (const c of columns) {
    if (c.values.length !== n) {
      issues.push({
        code: "cox_length_mismatch",
        path: c.name,
        message: `column '${c.name}' has ${c.values.length} values, expected ${n}`,
      });
    }
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name))
      issues.push({ code: "cox_bad_name", path: c.name, message: `covariate '${c.name}' is listed twice` });
    seen.add(c.name);
  }
  if (issues.length > 0) return { ok: false, issues };

  type Plan = {
    term: DesignTerm;
    fill: (out: Float64Array, offset: number) => void;
    names: string[];
    meaning: string[];
  };
  const plans: Plan[] = [];
  let p = 0;
  for (const c of columns) {
    if (c.kind === "numeric") {
      const bad = c.values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        issues.push({
          code: "cox_invalid_covariate",
          path: `${c.name}[${bad}]`,
          message: `covariate '${c.name}' is ${c.values[bad]} in row ${bad + 1} (drop missing rows first)`,
        });
        continue;
      }
      plans.push({
        term: { name: c.name, kind: "numeric", columns: [p] },
        fill: (out, off) => out.set(c.values, off * n),
        names: [c.name],
        meaning: [`per unit of ${c.name}`],
      });
      p++;
      continue;
    }
    const present = rLevelOrder(c.values);
    let levels = present;
    if (c.levels !== undefined) {
      const unknown = c.levels.filter((l) => !present.includes(l));
      const missing = present.filter((l) => !c.levels!.includes(l));
      if (unknown.length > 0) {
        issues.push({
          code: "cox_unknown_level",
          path: c.name,
          message: `level(s) ${unknown.map((l) => `'${l}'`).join(", ")} of '${c.name}' do not occur in the analysed rows (present: ${present.join(", ")})`,
        });
      }
      if (missing.length > 0) {
        issues.push({
          code: "cox_unknown_level",
          path: c.name,
          message: `the level order for '${c.name}' leaves out ${missing.map((l) => `'${l}'`).join(", ")} (present: ${present.join(", ")})`,
        });
      }
      if (new Set(c.levels).size !== c.levels.length) {
        issues.push({
          code: "cox_unknown_level",
          path: c.name,
          message: `the level order for '${c.name}' repeats a level`,
        });
      }
      levels = [...c.levels];
    }
    if (c.reference !== undefined) {
      if (!levels.includes(c.reference)) {
        issues.push({
          code: "cox_unknown_level",
          path: c.name,
          message: `reference level '${c.reference}' of '${c.name}' does not occur in the analysed rows (present: ${present.join(", ")})`,
        });
      } else {
        levels = [c.reference, ...levels.filter((l) => l !== c.reference)];
      }
    }
    if (present.length < 2) {
      issues.push({
        code: "cox_single_level",
        path: c.name,
        message: `categorical covariate '${c.name}' has only one level (${present[0] ?? "none"}) in the analysed rows: it cannot be estimated`,
      });
      continue;
    }
    const ref = levels[0]!;
    const others = levels.slice(1);
    const index = new Map(others.map((l, i) => [l, i]));
    const first = p;
    plans.push({
      term: { name: c.name, kind: "categorical", columns: others.map((_, i) => first + i), levels },
      fill: (out, off) => {
        for (let i = 0; i < n; i++) {
          const k = index.get(c.values[i]!);
          if (k !== undefined) out[(off + k) * n + i] = 1;
        }
      },
      names: others.map((l) => `${c.name}${l}`),
      meaning: others.map((l) => `${c.name} ${l} vs ${ref}`),
    });
    p += others.length;
  }
  if (issues.length > 0) return { ok: false, issues };
  const x = new Float64Array(n * p);
  for (const plan of plans) plan.fill(x, plan.term.columns[0]!);
  return {
    ok: true,
    value: {
      n,
      x,
      names: plans.flatMap((pl) => pl.names),
      meaning: plans.flatMap((pl) => pl.meaning),
      terms: plans.map((pl) => pl.term),
    },
  };
}
