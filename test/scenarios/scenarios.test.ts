// End-to-end clinical scenarios: each test/fixtures/scenarios/*.json holds a realistic patient,
// the as-of date, options, and the expected outcome written by hand from clinical-reference
// sections 1 and 2 (code, key path lines, timeline, first OMD diagnosis, definitions).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { type ClassifyOptions, classifyPatient, formatIssues, parsePatient } from "../../src/core/index.ts";
import { repoRoot } from "../support/shared-data.ts";

type Expected = {
  code: string;
  indexDate?: string;
  basis?: string;
  gate?: string;
  missing?: string[];
  firstOmdCode: string | null;
  timelineCodes: string[];
  pathIncludes: string[];
  warningsInclude?: string[];
  definitions: Record<string, string>;
  definitionReasonsInclude?: Record<string, string[]>;
  definitionWarningsInclude?: Record<string, string[]>;
};
type Scenario = {
  title: string;
  description: string;
  asOf: string;
  options?: Partial<ClassifyOptions>;
  patient: unknown;
  expected: Expected;
};

const dir = join(repoRoot, "test", "fixtures", "scenarios");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

function includesEach(lines: readonly string[], needles: readonly string[], what: string): void {
  for (const n of needles) {
    assert.ok(
      lines.some((l) => l.includes(n)),
      `${what} should include "${n}"; got:\n  ${lines.join("\n  ")}`,
    );
  }
}

describe("clinical scenarios (test/fixtures/scenarios)", () => {
  test("there are at least 20 scenarios and every ESTRO/EORTC outcome is covered", () => {
    assert.ok(files.length >= 20, `${files.length} scenarios`);
    const codes = new Set(
      files.map((f) => (JSON.parse(readFileSync(join(dir, f), "utf8")) as Scenario).expected.code),
    );
    for (const c of [
      "DE_NOVO_SYNCHRONOUS",
      "DE_NOVO_METACHRONOUS_OLIGORECURRENCE",
      "DE_NOVO_METACHRONOUS_OLIGOPROGRESSION",
      "REPEAT_OLIGORECURRENCE",
      "REPEAT_OLIGOPROGRESSION",
      "REPEAT_OLIGOPERSISTENCE",
      "INDUCED_OLIGORECURRENCE",
      "INDUCED_OLIGOPROGRESSION",
      "INDUCED_OLIGOPERSISTENCE",
      "NOT_OMD_POLYMETASTATIC",
      "NOT_OMD_DIFFUSE_DISEASE",
      "NOT_OMD_NO_DISTANT_METASTASES",
      "INSUFFICIENT_DATA",
    ]) {
      assert.ok(codes.has(c), `no scenario ends in ${c}`);
    }
  });

  for (const f of files) {
    const s = JSON.parse(readFileSync(join(dir, f), "utf8")) as Scenario;
    test(`${f}: ${s.title} -> ${s.expected.code}`, () => {
      const parsed = parsePatient(s.patient);
      assert.ok(parsed.ok, parsed.ok ? "" : formatIssues(parsed.issues));
      const r = classifyPatient(parsed.value, { asOf: s.asOf, ...s.options });
      const e = s.expected;
      const path = r.estroEortc.path;
      assert.equal(r.estroEortc.code, e.code, `code; path:\n  ${path.join("\n  ")}`);
      if (e.indexDate !== undefined) assert.equal(r.estroEortc.indexDate, e.indexDate, "index date");
      if (e.basis !== undefined) assert.equal(r.estroEortc.basis, e.basis, "basis");
      assert.equal(r.estroEortc.gate.id, e.gate ?? "le5", "gate");
      assert.deepEqual(r.estroEortc.missing, e.missing, "missing fields");
      assert.equal(r.firstOmd?.code ?? null, e.firstOmdCode, "classification at the first OMD diagnosis");
      assert.deepEqual(
        r.timeline.map((t) => t.code),
        e.timelineCodes,
        "timeline",
      );
      includesEach(path, e.pathIncludes, "path");
      includesEach(r.estroEortc.warnings, e.warningsInclude ?? [], "warnings");
      const results = Object.fromEntries(Object.entries(r.definitions).map(([id, d]) => [id, d.result]));
      assert.deepEqual(
        results,
        e.definitions,
        `definitions:\n${Object.entries(r.definitions)
          .map(([id, d]) => `${id}: ${d.result}\n    ${d.reasons.join("\n    ")}`)
          .join("\n")}`,
      );
      for (const [id, needles] of Object.entries(e.definitionReasonsInclude ?? {})) {
        includesEach(r.definitions[id]?.reasons ?? [], needles, `${id} reasons`);
      }
      for (const [id, needles] of Object.entries(e.definitionWarningsInclude ?? {})) {
        includesEach(r.definitions[id]?.warnings ?? [], needles, `${id} warnings`);
      }
    });
  }
});
