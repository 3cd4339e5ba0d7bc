// The constraint sets shipped with Oligoscope (data under ./sets/, validated when this module loads).
// To add one: put the JSON in ./sets/, import it here and add it to BUILTIN_CONSTRAINT_SETS.
import { formatIssues } from "../common/result.ts";
import { type ConstraintSet, parseConstraintSet } from "./constraint-set.ts";
import tg101 from "./sets/aapm-tg101.json" with { type: "json" };
import ukSabrTemplate from "./sets/uk-sabr-v6.1-template.json" with { type: "json" };

function load(name: string, json: unknown): ConstraintSet {
  const r = parseConstraintSet(json);
  if (!r.ok) throw new Error(`built-in constraint set ${name} is invalid:\n${formatIssues(r.issues)}`);
  return r.value;
}

/** AAPM TG-101 Table III (clinical-reference §4.2): 1, 3 and 5 fractions, each row with its status. */
export const AAPM_TG101: ConstraintSet = load("aapm-tg101.json", tg101);

/** UK SABR Consortium v6.1 (clinical-reference §4.3): a template that refuses to run until verified. */
export const UK_SABR_V61_TEMPLATE: ConstraintSet = load("uk-sabr-v6.1-template.json", ukSabrTemplate);

export const BUILTIN_CONSTRAINT_SETS: readonly ConstraintSet[] = [AAPM_TG101, UK_SABR_V61_TEMPLATE];

/** Short names accepted for the built-in sets. */
export const CONSTRAINT_SET_ALIASES: Readonly<Record<string, string>> = {
  tg101: "aapm-tg101",
  "tg-101": "aapm-tg101",
  "uk-sabr": "uk-sabr-v6.1",
};

/** A built-in set by id ("aapm-tg101", "uk-sabr-v6.1") or alias ("tg101"), case-insensitive. */
export function findBuiltinConstraintSet(id: string): ConstraintSet | undefined {
  const key = id.trim().toLowerCase();
  const resolved = CONSTRAINT_SET_ALIASES[key] ?? key;
  return BUILTIN_CONSTRAINT_SETS.find((s) => s.id === resolved);
}
