// A set marked `verification.required` (the UK SABR v6.1 template, clinical-reference §4.3) runs only
// when every row has its metric and values and two different people have checked it (verifiedBy).
import { type Issue, issue } from "../common/result.ts";
import type { ConstraintSet } from "./constraint-set.ts";

/** Names needed in verifiedBy before a set that requires verification may run. */
export const REQUIRED_VERIFIERS = 2;

/** Issues (code constraint_set_unverified) that stop the set from running; empty when it may run. */
export function verificationIssues(set: ConstraintSet): Issue[] {
  if (!set.verification.required) return [];
  const rows: Issue[] = [];
  set.constraints.forEach((c, i) => {
    const missing = c.limits
      .filter((l) => l.metric === null || (l.optimal === null && l.mandatory === null))
      .map((l) => l.fractions);
    if (missing.length > 0) {
      rows.push(
        issue(
          "constraint_set_unverified",
          `constraints[${i}]`,
          `${c.id}: no metric or limit for ${missing.join(", ")} fraction(s); transcribe them from the source`,
        ),
      );
    }
  });
  const verifiers = new Set(
    set.verification.verifiedBy.map((n) => n.trim().toLowerCase()).filter((n) => n !== ""),
  );
  const unsigned = verifiers.size < REQUIRED_VERIFIERS;
  if (rows.length === 0 && !unsigned) return [];
  const reasons = [
    ...(rows.length > 0 ? [`${rows.length} of ${set.constraints.length} rows lack values`] : []),
    ...(unsigned ? [`verifiedBy holds ${verifiers.size} of the ${REQUIRED_VERIFIERS} names needed`] : []),
  ];
  return [
    issue(
      "constraint_set_unverified",
      "verification",
      `"${set.name}" is not verified (${reasons.join("; ")}): it refuses to run until its numbers are transcribed from the source and checked by two people (docs/constraints.md)`,
    ),
    ...rows,
  ];
}
