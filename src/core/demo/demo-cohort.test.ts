// The demo registry: valid records, deterministic, every ESTRO/EORTC state reached as built, and
// the clinical variety the issue asks for (primaries and markers, presentations, local therapies
// with real schedules, systemic lines, progression, deaths, censoring).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { classifyPatient, prepareClassifyOptions } from "../classify/classify-patient.ts";
import { NON_OMD_CODES, OMD_CATEGORY_CODES } from "../classify/codes.ts";
import { formatIssues } from "../common/result.ts";
import { parsePatient } from "../model/parse-patient.ts";
import type { Patient } from "../model/patient-schema.ts";
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_SIZE, generateDemoCohort } from "./demo-cohort.ts";
import { generateDemoCase } from "./demo-patient.ts";

const asOf = "2026-11-23";
const options = { seed: DEFAULT_DEMO_SEED, asOf };
const cases = Array.from({ length: DEFAULT_DEMO_SIZE }, (_, i) => generateDemoCase(i, options));
const patients: Patient[] = cases.map((c, i) => {
  const r = parsePatient(c.patient);
  if (!r.ok) throw new Error(`demo patient ${i} is invalid:\n${formatIssues(r.issues)}`);
  return r.value;
});

describe("demo cohort", () => {
  test("every record passes the model's validation", () => assert.equal(patients.length, DEFAULT_DEMO_SIZE));

  test("the classifier finds the state each scenario was built for, and every state occurs", () => {
    const opts = prepareClassifyOptions({ asOf });
    assert.ok(opts.ok);
    const seen = new Map<string, number>();
    const mismatches: string[] = [];
    patients.forEach((p, i) => {
      const got = classifyPatient(p, opts.value).estroEortc.code;
      seen.set(got, (seen.get(got) ?? 0) + 1);
      if (got !== cases[i]?.intended)
        mismatches.push(`${p.id}: built ${cases[i]?.intended}, classified ${got}`);
    });
    assert.deepEqual(mismatches, []);
    for (const code of [...OMD_CATEGORY_CODES, ...NON_OMD_CODES]) {
      assert.ok(
        (seen.get(code) ?? 0) >= 3,
        `${code} occurs ${seen.get(code) ?? 0} times in ${DEFAULT_DEMO_SIZE}`,
      );
    }
  });

  test("deterministic for a seed, different for another seed, slices independent", () => {
    assert.deepEqual(generateDemoCase(17, options), generateDemoCase(17, options));
    assert.notDeepEqual(
      generateDemoCase(17, options).patient,
      generateDemoCase(17, { ...options, seed: 7 }).patient,
    );
    const slice = [...generateDemoCohort({ ...options, from: 300, count: 3 })];
    assert.deepEqual(
      slice,
      [300, 301, 302].map((i) => cases[i]?.patient),
    );
  });

  test("nothing is dated after the registry's today", () => {
    for (const p of patients) {
      const dates = [
        ...p.imagingStudies.map((s) => s.date),
        ...p.systemicTherapies.flatMap((t) => [t.start, t.stop ?? t.start]),
        ...p.localTherapies.map((t) => t.start),
        p.outcomes?.lastFollowUpDate ?? "",
        p.outcomes?.death?.date ?? "",
        ...(p.outcomes?.progressionDates ?? []),
      ];
      for (const d of dates) assert.ok(d <= asOf, `${p.id} has ${d}`);
    }
  });

  test("clinical variety", () => {
    const count = (f: (p: Patient) => boolean) => patients.filter(f).length;
    for (const site of ["nsclc", "colorectal", "prostate", "breast", "kidney", "melanoma"]) {
      assert.ok(count((p) => p.primary.site === site) >= 20, `primary ${site}`);
    }
    const marker = (name: string) => (p: Patient) =>
      p.primary.biomarkers.some((b) => b.name === name && b.result === "positive");
    assert.ok(count(marker("EGFR")) >= 5, "EGFR-mutant NSCLC");
    assert.ok(count(marker("ALK")) >= 1, "ALK-rearranged NSCLC");
    assert.ok(
      count((p) => p.primary.biomarkers.some((b) => b.name === "PD_L1" && (b.value ?? 0) >= 50)) >= 5,
      "PD-L1 >= 50 %",
    );
    const local = (type: string) => (p: Patient) => p.localTherapies.some((t) => t.type === type);
    for (const type of ["sbrt", "srs", "surgery", "thermal_ablation"])
      assert.ok(count(local(type)) >= 5, type);
    // every SBRT course uses a SABR-COMET / SABR-COMET-10 schedule (clinical-reference 3.5)
    const schedules = new Set(["54/3", "55/5", "60/8", "35/5", "30/3", "20/1", "40/5", "45/3", "50/5"]);
    for (const p of patients) {
      for (const t of p.localTherapies.filter((x) => x.type === "sbrt" || x.type === "srs")) {
        assert.ok(schedules.has(`${t.doseGy}/${t.fractions}`), `${p.id} ${t.doseGy}/${t.fractions}`);
      }
    }
    assert.ok(count((p) => p.systemicTherapies.some((t) => (t.line ?? 0) >= 2)) >= 20, "second-line therapy");
    assert.ok(count((p) => p.systemicTherapies.some((t) => t.adjuvant === true)) >= 20, "adjuvant therapy");
    const deaths = count((p) => p.outcomes?.death !== undefined);
    assert.ok(deaths > 100 && deaths < 450, `deaths ${deaths}`);
    assert.ok(count((p) => (p.outcomes?.progressionDates.length ?? 0) > 0) > 150, "progressions");
    assert.ok(new Set(patients.map((p) => p.siteId)).size === 3, "three sites");
  });
});
