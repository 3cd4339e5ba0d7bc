import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import * as z from "zod";
import { generateDemoCohort } from "../demo/demo-cohort.ts";
import { compileFastParser, REJECT } from "./fast-parse.ts";
import { parsePatient, parsePatientWithZod } from "./parse-patient.ts";
import { isoDateSchema, patientSchema } from "./patient-schema.ts";

const fastPatient = compileFastParser(patientSchema);
const scenarioDir = join(import.meta.dirname, "../../../test/fixtures/scenarios");

// Valid records: the 25 scenario patients and 300 demo-registry patients (seeded), as JSON.
const validRecords: unknown[] = [
  ...readdirSync(scenarioDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => (JSON.parse(readFileSync(join(scenarioDir, f), "utf8")) as { patient: unknown }).patient),
  ...Array.from(generateDemoCohort({ seed: 7, asOf: "2026-11-23", count: 300 }), (p) =>
    JSON.parse(JSON.stringify(p)),
  ),
];

/** The fast path either declines or gives exactly Zod's value (same keys, same order). */
function assertAgreesWithZod(input: unknown): "accepted" | "rejected" {
  const zod = patientSchema.safeParse(input);
  const fast = fastPatient(input);
  if (fast === REJECT) return "rejected";
  assert.ok(zod.success, `fast path accepted a record Zod rejects: ${JSON.stringify(zod.error?.issues)}`);
  assert.deepStrictEqual(fast, zod.data);
  assert.equal(JSON.stringify(fast), JSON.stringify(zod.data)); // key order too
  return "accepted";
}

/** Every path (as keys) to a value inside a JSON value. */
function pathsOf(
  v: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      pathsOf(x, [...prefix, i], out);
    });
  } else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  return out;
}

type Mutation = { pick: number; kind: "set" | "delete" | "add"; value: unknown; key: string };

function mutate(record: unknown, m: Mutation): unknown {
  const copy = structuredClone(record) as Record<string | number, unknown>;
  const paths = pathsOf(copy);
  const path = paths[m.pick % paths.length] ?? [];
  if (path.length === 0) return m.kind === "set" ? m.value : copy;
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (m.kind === "delete" && !Array.isArray(parent)) delete parent[last];
  else if (m.kind === "add" && !Array.isArray(parent)) parent[m.key] = m.value;
  else parent[last] = m.value;
  return copy;
}

// Values near the schema's edges: dates (invalid days, out-of-range years), bounds, types.
const edgeValue = fc.oneof(
  fc.constantFrom(
    "2023-02-29",
    "2024-02-29",
    "2023-04-31",
    "1899-12-31",
    "1900-01-01",
    "2100-12-31",
    "2101-01-01",
    "2024-1-05",
    "",
    "x".repeat(129),
    "x".repeat(201),
    "ablated",
    "distant",
    "liver",
    "other",
    0,
    -1,
    0.5,
    4,
    5,
    55,
    60,
    1000,
    1000.5,
    1879,
    2101,
    null,
    true,
    false,
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 2 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom("set", "set", "set", "delete", "add"),
  value: edgeValue,
  key: fc.constantFrom("id", "sizemm", "extra", "organ", "viable", "notes"),
});

describe("fast accept-path of the patient schema (fast-parse)", () => {
  test("accepts every valid scenario and demo record with Zod's exact value", () => {
    for (const r of validRecords) assert.equal(assertAgreesWithZod(r), "accepted");
  });

  test("property: on 1–3 random mutations of valid records it declines or agrees with Zod", () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: validRecords.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (i, ms) => {
          const input = ms.reduce((rec, m) => mutate(rec, m), validRecords[i]);
          if (assertAgreesWithZod(input) === "accepted") accepted++;
          else rejected++;
          // and parsePatient (fast path first) reports exactly what the Zod path reports
          assert.deepStrictEqual(parsePatient(input), parsePatientWithZod(input));
        },
      ),
      { numRuns: 3000, seed: 20201 },
    );
    // both branches were exercised (a mutation that keeps the record valid is accepted)
    assert.ok(accepted > 100 && rejected > 100, `accepted ${accepted}, rejected ${rejected}`);
  });

  test("dates: agrees with Zod's calendar check on arbitrary YYYY-MM-DD strings", () => {
    const fastDate = compileFastParser(z.strictObject({ d: isoDateSchema }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2200 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const fast = fastDate({ d: s });
          assert.equal(fast !== REJECT, isoDateSchema.safeParse(s).success, s);
        },
      ),
      { numRuns: 2000, seed: 1 },
    );
  });

  test("defaults are fresh arrays per record (a caller mutating one cannot affect the next)", () => {
    const input = { id: "p", primary: { site: "nsclc" } };
    const a = fastPatient(input);
    const b = fastPatient(input);
    assert.ok(a !== REJECT && b !== REJECT);
    assert.deepStrictEqual(a.imagingStudies, []);
    assert.notEqual(a.imagingStudies, b.imagingStudies);
  });

  test("declines what JSON cannot carry and non-plain objects (left to Zod)", () => {
    assert.equal(fastPatient({ id: "p", primary: { site: "nsclc" }, sex: undefined }), REJECT);
    assert.equal(fastPatient(new Map()), REJECT);
    assert.equal(
      fastPatient(Object.assign(Object.create({ id: "p" }), { primary: { site: "nsclc" } })),
      REJECT,
    );
    assert.equal(fastPatient({ id: "p", primary: { site: "nsclc" }, birthYear: Number.NaN }), REJECT);
  });
});
