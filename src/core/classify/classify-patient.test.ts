import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { met, mets, patient, study } from "../../../test/support/patient-builder.ts";
import { repoRoot } from "../../../test/support/shared-data.ts";
import { IssuesError } from "../common/result.ts";
import { parsePatient } from "../model/parse-patient.ts";
import { classifyPatient, prepareClassifyOptions } from "./classify-patient.ts";
import type { ClassifyOptions } from "./options.ts";

const AS_OF = "2026-11-23";
const opts = (extra: Partial<ClassifyOptions> = {}): ClassifyOptions => ({ asOf: AS_OF, ...extra });

describe("6-month rule through a whole patient (clinical-reference 1.4.3, A1)", () => {
  // Expected: index <= addCalendarMonths(diagnosis, 6) (inclusive, clamped); examples of 1.4.3.
  const cases: [string, string, string][] = [
    ["2023-03-15", "2023-09-15", "DE_NOVO_SYNCHRONOUS"], // exactly 6 months: synchronous
    ["2023-03-15", "2023-09-16", "DE_NOVO_METACHRONOUS_OLIGORECURRENCE"], // one day more
    ["2023-08-31", "2024-02-29", "DE_NOVO_SYNCHRONOUS"], // clamped limit 2024-02-29
    ["2023-08-31", "2024-03-01", "DE_NOVO_METACHRONOUS_OLIGORECURRENCE"], // JS Date overflow would give limit 2024-03-02
    ["2023-03-31", "2023-09-30", "DE_NOVO_SYNCHRONOUS"],
    ["2023-03-31", "2023-10-01", "DE_NOVO_METACHRONOUS_OLIGORECURRENCE"],
    ["2024-01-20", "2024-01-05", "DE_NOVO_SYNCHRONOUS"], // staging imaging before histology
  ];
  for (const [dx, index, code] of cases) {
    test(`diagnosis ${dx}, OMD imaging ${index} -> ${code}`, () => {
      const p = patient({
        primary: { site: "colorectal", diagnosisDate: dx },
        imagingStudies: [study("S", index, [met("L1", "liver", 20)])],
      });
      const r = classifyPatient(p, opts());
      assert.equal(r.estroEortc.code, code);
      assert.equal(r.estroEortc.inputsUsed.synchronous, code === "DE_NOVO_SYNCHRONOUS");
    });
  }
});

describe("history derived from the longitudinal record (clinical-reference 1.4.4, A3, A6, A7)", () => {
  test("induced after a polymetastatic response; the gate decides (≤3 turns repeat into induced)", () => {
    const p = patient({
      primary: { site: "melanoma", diagnosisDate: "2022-01-10" },
      imagingStudies: [
        study("S1", "2023-01-10", mets("M", "lung", 4)),
        study("S2", "2023-06-10", [met("M1", "lung", 8, { status: "responding" })]),
      ],
      systemicTherapies: [{ id: "IO", agent: "pembrolizumab", class: "immunotherapy", start: "2023-01-20" }],
    });
    const le5 = classifyPatient(p, opts());
    assert.equal(le5.estroEortc.code, "REPEAT_OLIGOPERSISTENCE");
    const le3 = classifyPatient(p, opts({ gate: "le3" }));
    assert.equal(le3.estroEortc.code, "INDUCED_OLIGOPERSISTENCE");
    assert.equal(le3.estroEortc.gate.id, "le3");
    assert.match(
      le3.estroEortc.path[1] ?? "",
      /^Q1 history of polymetastatic disease: yes \(4 distant metastases on 2023-01-10 > ≤3 lesions\)/,
    );
  });
  test("diffuse disease in the history is polymetastatic history", () => {
    const p = patient({
      primary: { site: "breast", diagnosisDate: "2020-01-10" },
      imagingStudies: [
        study("S1", "2023-01-10", [met("P1", "pleura")], { diffuseFindings: ["malignant_pleural_effusion"] }),
        study("S2", "2023-09-10", [met("B1", "bone", 12)]),
      ],
    });
    const r = classifyPatient(p, opts());
    assert.equal(r.estroEortc.code, "INDUCED_OLIGORECURRENCE");
    assert.deepEqual(
      r.timeline.map((t) => t.code),
      ["NOT_OMD_DIFFUSE_DISEASE", "INDUCED_OLIGORECURRENCE"],
    );
  });
  test("repeat after earlier OMD treated with SBRT, then no evidence of disease, then a new lesion off therapy", () => {
    const p = patient({
      primary: { site: "kidney", diagnosisDate: "2018-05-01" },
      imagingStudies: [
        study("S1", "2021-03-01", [met("L1", "lung", 15)], { modality: "ct" }),
        study("S2", "2021-09-01", [met("L1", "lung", 6, { status: "ablated" })], { modality: "ct" }),
        study("S3", "2023-02-01", [met("L1", "lung", 5, { status: "ablated" }), met("A1", "adrenal", 22)], {
          modality: "ct",
        }),
      ],
      localTherapies: [
        { id: "R1", type: "sbrt", targetLesionIds: ["L1"], start: "2021-04-01", doseGy: 54, fractions: 3 },
      ],
    });
    const r = classifyPatient(p, opts());
    assert.equal(r.estroEortc.code, "REPEAT_OLIGORECURRENCE");
    assert.equal(r.firstOmd?.code, "DE_NOVO_METACHRONOUS_OLIGORECURRENCE");
    assert.equal(r.timeline[1]?.code, "NOT_OMD_NO_DISTANT_METASTASES");
    assert.ok(r.estroEortc.warnings.some((w) => /adrenal glands count as one organ/.test(w)));
  });
  test("regional-node recurrence only: no distant metastases; history unaffected", () => {
    const p = patient({
      primary: { site: "head_neck", diagnosisDate: "2022-01-10" },
      imagingStudies: [study("S1", "2023-05-01", [{ id: "N1", location: "regional_node", shortAxisMm: 18 }])],
    });
    const r = classifyPatient(p, opts());
    assert.equal(r.estroEortc.code, "NOT_OMD_NO_DISTANT_METASTASES");
    assert.equal(r.firstOmd, null);
  });
});

describe("on therapy: stable vs growing lesions (Q4, Q5)", () => {
  const base = (size2: number, status?: string) =>
    patient({
      primary: { site: "nsclc", diagnosisDate: "2022-01-10" },
      imagingStudies: [
        study("S1", "2023-01-10", [met("B1", "bone", 20), met("L1", "liver", 10)]),
        study("S2", "2023-05-10", [
          met("B1", "bone", 20),
          met("L1", "liver", size2, status !== undefined ? { status } : {}),
        ]),
      ],
      systemicTherapies: [{ id: "T", agent: "osimertinib", class: "targeted", start: "2023-01-20" }],
    });
  test("stable lesions on osimertinib: repeat oligopersistence", () => {
    assert.equal(classifyPatient(base(11), opts()).estroEortc.code, "REPEAT_OLIGOPERSISTENCE");
  });
  test("one lesion 10 → 16 mm: repeat oligoprogression", () => {
    const r = classifyPatient(base(16), opts());
    assert.equal(r.estroEortc.code, "REPEAT_OLIGOPROGRESSION");
    assert.equal(r.estroEortc.progressionPattern.pattern, "oligoprogression");
  });
  test("one lesion 10 → 14 mm (+40 %, +4 mm): below the absolute threshold: persistence", () => {
    assert.equal(classifyPatient(base(14), opts()).estroEortc.code, "REPEAT_OLIGOPERSISTENCE");
  });
  test("thresholds configurable: ≥3 mm makes 10 → 14 mm progression", () => {
    assert.equal(
      classifyPatient(base(14), opts({ progressionMinIncreaseMm: 3 })).estroEortc.code,
      "REPEAT_OLIGOPROGRESSION",
    );
  });
});

describe("index selection, as-of date and missing data", () => {
  const p = patient({
    primary: { site: "prostate", diagnosisDate: "2019-02-01" },
    imagingStudies: [
      study("S1", "2024-02-01", [met("N1", "distant_lymph_node", 12)], { modality: "psma_pet" }),
      study("S2", "2025-02-01", mets("B", "bone", 8), { modality: "psma_pet" }),
    ],
  });
  test("asOf before the second study: the first work-up is current; later data ignored with a warning", () => {
    const r = classifyPatient(p, opts({ asOf: "2024-12-31" }));
    assert.equal(r.estroEortc.code, "DE_NOVO_METACHRONOUS_OLIGORECURRENCE");
    assert.equal(r.timeline.length, 1);
    assert.ok(
      r.estroEortc.warnings.some((w) =>
        /1 imaging study dated after the as-of date 2024-12-31 ignored/.test(w),
      ),
    );
  });
  test("latest imaging by default; indexDate picks an earlier work-up; first-OMD setting too", () => {
    assert.equal(classifyPatient(p, opts()).estroEortc.code, "NOT_OMD_POLYMETASTATIC");
    const byIndex = classifyPatient(p, opts({ indexDate: "2024-02-01" }));
    assert.equal(byIndex.estroEortc.code, "DE_NOVO_METACHRONOUS_OLIGORECURRENCE");
    assert.equal(byIndex.estroEortc.basis, "index_date");
    const first = classifyPatient(p, opts({ classifyAtFirstOmdDiagnosis: true }));
    assert.equal(first.estroEortc.basis, "first_omd_diagnosis");
    assert.equal(first.estroEortc.code, "DE_NOVO_METACHRONOUS_OLIGORECURRENCE");
  });
  test("indexDate without a study: INSUFFICIENT_DATA naming what is missing", () => {
    const r = classifyPatient(p, opts({ indexDate: "2024-03-01" }));
    assert.equal(r.estroEortc.code, "INSUFFICIENT_DATA");
    assert.ok(r.estroEortc.missing?.[0]?.startsWith("imagingStudies"));
  });
  test("no imaging at all: INSUFFICIENT_DATA, missing imagingStudies; definitions not applicable", () => {
    const r = classifyPatient(patient({}), opts());
    assert.equal(r.estroEortc.code, "INSUFFICIENT_DATA");
    assert.deepEqual(r.estroEortc.missing, ["imagingStudies"]);
    assert.equal(r.definitions["generic-5"]?.result, "not_applicable");
    assert.ok(r.factors.some((f) => f.number === 15 && !f.known));
  });
  test("missing primary diagnosis date: INSUFFICIENT_DATA naming primary.diagnosisDate", () => {
    const r = classifyPatient(
      patient({
        primary: { site: "breast" },
        imagingStudies: [study("S", "2024-01-01", [met("B1", "bone")])],
      }),
      opts(),
    );
    assert.equal(r.estroEortc.code, "INSUFFICIENT_DATA");
    assert.deepEqual(r.estroEortc.missing, ["primary.diagnosisDate"]);
    assert.match(r.estroEortc.path.at(-1) ?? "", /Q3 .*unknown \(primary.diagnosisDate is missing\)/);
  });
  test("cancer of unknown primary: INSUFFICIENT_DATA only when Q3 is reached", () => {
    const cup = patient({
      primary: { site: "unknown_primary" },
      imagingStudies: [
        study("S1", "2023-01-01", [met("L1", "liver")]),
        study("S2", "2023-09-01", [met("L2", "liver")]),
      ],
    });
    const r = classifyPatient(cup, opts());
    assert.equal(r.firstOmd?.code, "INSUFFICIENT_DATA");
    assert.equal(r.estroEortc.code, "REPEAT_OLIGORECURRENCE");
  });
});

describe("options", () => {
  test("invalid options are reported all at once", () => {
    const r = prepareClassifyOptions({
      asOf: "2024-02-30",
      gate: "le7" as "le5",
      systemicWindowDays: -1,
      definitions: ["nope"],
    });
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.deepEqual(r.issues.map((i) => i.path).sort(), [
        "asOf",
        "definitions",
        "gate",
        "systemicWindowDays",
      ]);
  });
  test("classifyPatient with invalid options throws IssuesError (adapters validate first)", () => {
    assert.throws(() => classifyPatient(patient({}), { asOf: "x" }), IssuesError);
  });
  test("custom gate and a subset of definitions", () => {
    const p = patient({ imagingStudies: [study("S", "2024-03-01", mets("B", "bone", 7))] });
    const r = classifyPatient(
      p,
      opts({ gate: { id: "le8", label: "≤8", maxLesions: 8 }, definitions: ["generic-5"] }),
    );
    assert.equal(r.estroEortc.code, "DE_NOVO_SYNCHRONOUS");
    assert.deepEqual(Object.keys(r.definitions), ["generic-5"]);
    assert.equal(r.definitions["generic-5"]?.result, "not_met");
  });
  test("classification is deterministic and does not depend on the order of studies in the record", () => {
    const s = [
      study("S1", "2023-01-10", [met("B1", "bone", 20)]),
      study("S2", "2023-05-10", [met("B1", "bone", 30)]),
    ];
    const a = classifyPatient(patient({ imagingStudies: s }), opts());
    const b = classifyPatient(patient({ imagingStudies: [...s].reverse() }), opts());
    assert.deepEqual(a, b);
  });
});

describe('detail "compact": timeline, factors, first OMD, lesions and warnings skipped, everything else identical', () => {
  // Reference: the full result of the same call; the scenarios cover every category, the
  // INSUFFICIENT_DATA branches, an index date and the first-OMD setting.
  const dir = join(repoRoot, "test", "fixtures", "scenarios");
  const patients = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => {
      const parsed = parsePatient(JSON.parse(readFileSync(join(dir, f), "utf8")).patient);
      assert.ok(parsed.ok, f);
      return parsed.value;
    });
  const optionSets: ClassifyOptions[] = [
    opts(),
    opts({ asOf: "2024-06-30", gate: "le3", classifyAtFirstOmdDiagnosis: true, systemicWindowDays: 60 }),
  ];
  test(`${patients.length} scenarios x ${optionSets.length} option sets`, () => {
    assert.ok(patients.length >= 25);
    for (const o of optionSets) {
      for (const p of patients) {
        const full = classifyPatient(p, o);
        const compact = classifyPatient(p, { ...o, detail: "compact" });
        assert.deepEqual(compact.timeline, []);
        assert.deepEqual(compact.factors, []);
        assert.equal(compact.firstOmd, null);
        assert.deepEqual(compact.estroEortc.lesions, []);
        assert.deepEqual(compact.estroEortc.warnings, []);
        assert.deepEqual(
          {
            ...compact,
            estroEortc: {
              ...compact.estroEortc,
              lesions: full.estroEortc.lesions,
              warnings: full.estroEortc.warnings,
            },
            firstOmd: full.firstOmd,
            timeline: full.timeline,
            factors: full.factors,
          },
          full,
          p.id,
        );
      }
    }
  });
  test('detail "full" is the default; an unknown detail is an invalid option', () => {
    const p = patients[0];
    assert.ok(p !== undefined);
    assert.deepEqual(classifyPatient(p, opts({ detail: "full" })), classifyPatient(p, opts()));
    const r = prepareClassifyOptions(opts({ detail: "brief" as "full" }));
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.deepEqual(
        r.issues.map((i) => [i.code, i.path]),
        [["invalid_option", "detail"]],
      );
  });
});
