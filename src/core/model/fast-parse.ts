// A fast accept-path for Zod schemas: compiled once from the schema's own definition, it checks a
// value with plain code and builds the same output Zod builds (same keys in the same order,
// defaults filled in). It never decides that a record is invalid: when anything does not pass —
// or is not understood — it answers REJECT and the caller runs the full Zod parse, which alone
// produces the error messages. So the fast path can only be stricter than Zod, never more lenient
// (fast-parse.test.ts proves value equality with Zod over valid and mutated records, fast-check).
// Constructs it does not know (e.g. unions, transforms) are delegated to the sub-schema's own
// `safeParse`, so a schema change cannot make it unsound, only slower.
import type * as z from "zod";

/** Returned when the fast path does not accept the value (run the full Zod parse). */
export const REJECT: unique symbol = Symbol("fast-parse reject");
export type FastParser<T> = (value: unknown) => T | typeof REJECT;

type Parse = (value: unknown) => unknown;

// The parts of Zod 4's internal definitions read here (zod/v4/core: $ZodTypeDef and checks).
type CheckDef = {
  check?: string;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
};
type ZodCheck = {
  _zod: { def: CheckDef; check: (payload: { value: unknown; issues: unknown[] }) => void };
};
type Def = {
  type: string;
  checks?: ZodCheck[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  element?: Schema;
  entries?: Record<string, unknown>;
  defaultValue?: unknown;
  format?: string;
  pattern?: RegExp;
  coerce?: boolean;
};
type Schema = {
  _zod: { def: Def };
  safeParse: (v: unknown) => { success: boolean; data?: unknown };
};

/** Runs the full Zod parse of a sub-schema (constructs the compiler does not implement). */
function delegate(schema: Schema): Parse {
  return (v) => {
    const r = schema.safeParse(v);
    return r.success ? r.data : REJECT;
  };
}

/** A scalar check as a predicate; Zod's own check function for the kinds not written out here. */
function checkPredicate(c: ZodCheck, kind: "string" | "number"): (v: never) => boolean {
  const d = c._zod.def;
  if (kind === "string" && d.check === "min_length" && typeof d.minimum === "number") {
    const min = d.minimum;
    return (v: string) => v.length >= min;
  }
  if (kind === "string" && d.check === "max_length" && typeof d.maximum === "number") {
    const max = d.maximum;
    return (v: string) => v.length <= max;
  }
  if (kind === "number" && d.check === "greater_than" && typeof d.value === "number") {
    const lo = d.value;
    return d.inclusive === true ? (v: number) => v >= lo : (v: number) => v > lo;
  }
  if (kind === "number" && d.check === "less_than" && typeof d.value === "number") {
    const hi = d.value;
    return d.inclusive === true ? (v: number) => v <= hi : (v: number) => v < hi;
  }
  if (kind === "number" && d.check === "number_format" && d.format === "safeint") {
    return (v: number) => Number.isSafeInteger(v);
  }
  // any other check (multiple_of, refine, ...): Zod's own check function, passing = no issue
  return (v: unknown) => {
    const payload = { value: v, issues: [] as unknown[] };
    c._zod.check(payload);
    return payload.issues.length === 0;
  };
}

function withChecks<T>(base: (v: unknown) => v is T, preds: ((v: T) => boolean)[]): Parse {
  if (preds.length === 0) return (v) => (base(v) ? v : REJECT);
  if (preds.length === 1) {
    const [p0] = preds as [(v: T) => boolean];
    return (v) => (base(v) && p0(v) ? v : REJECT);
  }
  if (preds.length === 2) {
    const [p0, p1] = preds as [(v: T) => boolean, (v: T) => boolean];
    return (v) => (base(v) && p0(v) && p1(v) ? v : REJECT);
  }
  return (v) => {
    if (!base(v)) return REJECT;
    for (const p of preds) if (!p(v)) return REJECT;
    return v;
  };
}

const isString = (v: unknown): v is string => typeof v === "string";
// Zod 4's number type rejects NaN and ±Infinity ($ZodNumber)
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";

/**
 * A scalar schema as an inline JavaScript condition on `x` (constants go to `consts`), or
 * undefined when it is not a simple scalar (then the field's compiled parser is called).
 */
function inlineCondition(schema: Schema, consts: unknown[]): string | undefined {
  const def = schema._zod.def;
  const k = (value: unknown): string => `C[${consts.push(value) - 1}]`;
  if (def.coerce === true) return undefined;
  if (def.type === "boolean") return 'typeof x === "boolean"';
  if (def.type === "enum") {
    const values = Object.values(def.entries ?? {});
    if (
      !values.every((x) => typeof x === "string") ||
      values.length !== Object.keys(def.entries ?? {}).length
    )
      return undefined;
    return `typeof x === "string" && ${k(new Set(values))}.has(x)`;
  }
  if (def.type !== "string" && def.type !== "number") return undefined;
  const parts =
    def.type === "string" ? ['typeof x === "string"'] : ['typeof x === "number"', "Number.isFinite(x)"];
  if (def.type === "string" && def.format !== undefined) {
    const pattern = def.pattern;
    if (!(pattern instanceof RegExp) || pattern.global || pattern.sticky) return undefined;
    parts.push(`${k(pattern)}.test(x)`);
  }
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (def.type === "string" && d.check === "min_length" && typeof d.minimum === "number")
      parts.push(`x.length >= ${d.minimum}`);
    else if (def.type === "string" && d.check === "max_length" && typeof d.maximum === "number")
      parts.push(`x.length <= ${d.maximum}`);
    else if (def.type === "number" && d.check === "greater_than" && Number.isFinite(d.value))
      parts.push(`x ${d.inclusive === true ? ">=" : ">"} ${String(d.value)}`);
    else if (def.type === "number" && d.check === "less_than" && Number.isFinite(d.value))
      parts.push(`x ${d.inclusive === true ? "<=" : "<"} ${String(d.value)}`);
    else if (def.type === "number" && d.check === "number_format" && d.format === "safeint")
      parts.push("Number.isSafeInteger(x)");
    // any other check (multiple_of, refine, ...): Zod's own check function
    else parts.push(`${k(checkPredicate(c, def.type))}(x)`);
  }
  return parts.join(" && ");
}

// Objects are compiled to straight-line code with the keys as literals (as Zod's own JIT does):
// property reads and writes then stay monomorphic, which a loop over the keys cannot achieve.
function compileObject(schema: Schema, def: Def): Parse {
  const shape = def.shape;
  // strict objects only (catchall never): an unknown key sends the record to Zod
  if (shape === undefined || def.catchall?._zod.def.type !== "never" || (def.checks?.length ?? 0) > 0) {
    return delegate(schema);
  }
  const consts: unknown[] = [];
  const k = (value: unknown): string => `C[${consts.push(value) - 1}]`;
  const lines: string[] = [
    'if (typeof v !== "object" || v === null || Array.isArray(v)) return R;',
    "const proto = Object.getPrototypeOf(v);",
    "if (proto !== Object.prototype && proto !== null) return R;",
    "const out = {};",
    "let n = 0;",
    "let x;",
    "let r;",
  ];
  for (const [key, s] of Object.entries(shape)) {
    const lit = JSON.stringify(key);
    const d = s._zod.def;
    let absent: "optional" | "default" | "required" = "required";
    let inner = s;
    if (d.type === "optional" && d.innerType !== undefined) {
      absent = "optional";
      inner = d.innerType;
    } else if (d.type === "default" && d.innerType !== undefined) {
      absent = "default";
      inner = d.innerType;
    }
    // a key present with the value undefined (not JSON) is left to Zod
    const onAbsent =
      absent === "required"
        ? "return R;"
        : `if (Object.hasOwn(v, ${lit})) return R;${
            // the getter returns a fresh (shallow-cloned) default each time, as Zod applies it
            absent === "default" ? ` out[${lit}] = ${k(d)}.defaultValue;` : ""
          }`;
    // a key inherited from Object.prototype (e.g. "constructor") must be an own key
    const own = key in Object.prototype ? ` if (!Object.hasOwn(v, ${lit})) return R;` : "";
    const cond = inlineCondition(inner, consts);
    const onPresent =
      cond !== undefined
        ? `if (!(${cond})) return R; out[${lit}] = x;`
        : `r = ${k(compile(inner))}(x); if (r === R) return R; out[${lit}] = r;`;
    lines.push(`x = v[${lit}];`, `if (x === undefined) { ${onAbsent} } else {${own} n++; ${onPresent} }`);
  }
  // strict object: no key besides the known ones
  lines.push("if (n !== Object.keys(v).length) return R;", "return out;");
  let factory: (c: unknown[], r: typeof REJECT) => Parse;
  try {
    factory = new Function(
      "C",
      "R",
      `return function fastObject(v) {\n${lines.join("\n")}\n};`,
    ) as typeof factory;
  } catch {
    // code generation not allowed (the web app runs under a CSP without 'unsafe-eval', which
    // throws an EvalError here): Zod's own parse, as for any construct not compiled
    return delegate(schema);
  }
  return factory(consts, REJECT);
}

function compile(schema: Schema): Parse {
  const def = schema._zod.def;
  switch (def.type) {
    case "string": {
      if (def.coerce === true) return delegate(schema);
      const preds = (def.checks ?? []).map((c) => checkPredicate(c, "string") as (v: string) => boolean);
      if (def.format !== undefined) {
        // string formats: only those defined by a regular expression (e.g. z.iso.date)
        const pattern = def.pattern;
        if (!(pattern instanceof RegExp) || pattern.global || pattern.sticky) return delegate(schema);
        preds.unshift((v: string) => pattern.test(v));
      }
      return withChecks(isString, preds);
    }
    case "number": {
      if (def.coerce === true) return delegate(schema);
      const preds = (def.checks ?? []).map((c) => checkPredicate(c, "number") as (v: number) => boolean);
      return withChecks(isNumber, preds);
    }
    case "boolean":
      return def.coerce === true ? delegate(schema) : (v) => (isBoolean(v) ? v : REJECT);
    case "enum": {
      const values = new Set(Object.values(def.entries ?? {}).filter((x) => typeof x === "string"));
      if (values.size !== Object.keys(def.entries ?? {}).length) return delegate(schema);
      return (v) => (typeof v === "string" && values.has(v) ? v : REJECT);
    }
    case "array": {
      if (def.element === undefined || (def.checks?.length ?? 0) > 0) return delegate(schema);
      const el = compile(def.element);
      return (v) => {
        if (!Array.isArray(v)) return REJECT;
        const n = v.length;
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) {
          const r = el(v[i]);
          if (r === REJECT) return REJECT;
          out[i] = r;
        }
        return out;
      };
    }
    case "object":
      return compileObject(schema, def);
    case "optional": {
      if (def.innerType === undefined) return delegate(schema);
      const inner = compile(def.innerType);
      return (v) => (v === undefined ? v : inner(v));
    }
    case "default": {
      if (def.innerType === undefined) return delegate(schema);
      const inner = compile(def.innerType);
      return (v) => (v === undefined ? def.defaultValue : inner(v));
    }
    default:
      return delegate(schema);
  }
}

/** Compiles a fast accept-path for a Zod schema (see the file comment for its guarantee). */
export function compileFastParser<S extends z.ZodType>(schema: S): FastParser<z.output<S>> {
  const parse = compile(schema as unknown as Schema);
  return parse as FastParser<z.output<S>>;
}
