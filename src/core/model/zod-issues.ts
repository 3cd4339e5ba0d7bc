// Maps Zod issues to the project's `{code, path, message}` issues (docs/errors.md), with paths
// written the way users read them: `imagingStudies[1].lesions[0].sizeMm`.
import type * as z from "zod";
import { type Issue, issue } from "../common/result.ts";

/** Formats a path as `a.b[2].c`; "" for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") {
    const s = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `"${s}"`;
  }
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

const typeNames: Readonly<Record<string, string>> = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  array: "an array",
};

function rangeMessage(i: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, got: unknown): string {
  const big = i.code === "too_big";
  const bound = big ? (i as z.core.$ZodIssueTooBig).maximum : (i as z.core.$ZodIssueTooSmall).minimum;
  const inclusive = i.inclusive !== false;
  if (i.origin === "string") {
    return big
      ? `must be at most ${String(bound)} characters`
      : `must be at least ${String(bound)} characters`;
  }
  if (i.origin === "array") {
    return big ? `must have at most ${String(bound)} items` : `must have at least ${String(bound)} items`;
  }
  const op = big ? (inclusive ? "<=" : "<") : inclusive ? ">=" : ">";
  return `must be ${op} ${String(bound)} (got ${describe(got)})`;
}

/** Converts every Zod issue to one or more project issues (one per unknown key). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown): Issue[] {
  const out: Issue[] = [];
  for (const i of issues) {
    const path = formatPath(i.path);
    const got = valueAt(input, i.path);
    if (got === undefined && (i.code === "invalid_type" || i.code === "invalid_value")) {
      out.push(issue("required", path, `${path || "value"} is required`));
      continue;
    }
    switch (i.code) {
      case "invalid_type": {
        const expected = typeNames[i.expected] ?? i.expected;
        out.push(issue("invalid_type", path, `must be ${expected} (got ${describe(got)})`));
        break;
      }
      case "invalid_value": {
        const allowed = i.values.map((v) => JSON.stringify(v)).join(", ");
        out.push(issue("invalid_value", path, `must be one of ${allowed} (got ${describe(got)})`));
        break;
      }
      case "invalid_format": {
        const code = i.format === "date" ? "invalid_date" : "invalid_format";
        out.push(issue(code, path, `${i.message} (got ${describe(got)})`));
        break;
      }
      case "too_big":
      case "too_small":
        out.push(issue("out_of_range", path, rangeMessage(i, got)));
        break;
      case "not_multiple_of":
        out.push(
          issue("out_of_range", path, `must be a multiple of ${String(i.divisor)} (got ${describe(got)})`),
        );
        break;
      case "unrecognized_keys":
        for (const key of i.keys) {
          const p = path === "" ? key : `${path}.${key}`;
          out.push(issue("unknown_field", p, `unknown field "${key}" (check the spelling; see docs/schema)`));
        }
        break;
      case "custom":
        {
          // our refinements carry their project code in params.code
          const code = typeof i.params?.["code"] === "string" ? i.params["code"] : "invalid_value";
          out.push(issue(code, path, `${i.message} (got ${describe(got)})`));
        }
        break;
      default:
        out.push(issue("invalid_value", path, i.message));
    }
  }
  return out;
}
