import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { met, mets, patient, study } from "../../../../test/support/patient-builder.ts";
import { classifyPatient } from "../classify-patient.ts";
import { listDefinitions } from "./registry.ts";

const AS_OF = "2026-11-23";
type Json = Record<string, unknown>;

/** NSCLC staged with FDG-PET-CT and brain MRI, radical treatment feasible: meets EORTC-LCG unless changed. */
function nsclc(
  over: {
    lesions?: Json[];
    diffuse?: string[];
    brain?: Json | null;
    pet?: boolean;
    judgement?: Json;
    dx?: string;
    site?: string;
  } = {},
) {
  const studies: Json[] = [
    study("S1", "2024-02-01", over.lesions ?? [met("B1", "bone", 15), met("A1", "adrenal", 20)], {
      diffuseFindings: over.diffuse ?? [],
      modality: over.pet === false ? "ct" : "fdg_pet_ct",
    }),
  ];
  if (over.brain !== null)
    studies.push(over.brain ?? study("S2", "2024-02-10", [], { modality: "mri", region: "brain" }));
  return patient({
    primary: {
      site: over.site ?? "nsclc",
      diagnosisDate: over.dx ?? "2024-01-20",
      histology: "adenocarcinoma",
      status: "in_situ_untreated",
    },
    performanceStatus: { ecog: 1 },
    imagingStudies: studies,
    judgements: [
      {
        date: "2024-02-12",
        radicalTreatmentFeasible: true,
        allSitesSafelyTreatable: true,
        lifeExpectancyAtLeast6Months: true,
        ...over.judgement,
      },
    ],
  });
}

const def = (p: ReturnType<typeof patient>, id: string) => {
  const d = classifyPatient(p, { asOf: AS_OF }).definitions[id];
  assert.ok(d, `definition ${id} missing`);
  return d;
};

describe("EORTC-LCG 2019 (clinical-reference 2.1)", () => {
  const cases: {
    name: string;
    p: ReturnType<typeof patient>;
    result: string;
    reason?: RegExp;
    warning?: RegExp;
  }[] = [
    { name: "PET-CT + brain MRI, 2 lesions in 2 organs, feasible", p: nsclc(), result: "met" },
    { name: "not NSCLC", p: nsclc({ site: "breast" }), result: "not_applicable", reason: /not NSCLC/ },
    {
      name: "metachronous presentation",
      p: nsclc({ dx: "2023-01-10" }),
      result: "not_applicable",
      reason: /metachronous, not at presentation/,
    },
    {
      name: "no distant metastases",
      p: nsclc({ lesions: [{ id: "N", location: "regional_node" }] }),
      result: "not_applicable",
      reason: /no distant metastases/,
    },
    {
      name: "6 lesions > 5",
      p: nsclc({ lesions: mets("B", "bone", 6) }),
      result: "not_met",
      reason: /6 distant lesions ≤ 5 .*: not met/,
    },
    {
      name: "4 organs > 3",
      p: nsclc({ lesions: [met("a", "bone"), met("b", "liver"), met("c", "adrenal"), met("d", "lung")] }),
      result: "not_met",
      reason: /4 organs .* ≤ 3: not met/,
    },
    {
      name: "malignant pleural effusion",
      p: nsclc({ diffuse: ["malignant_pleural_effusion"] }),
      result: "not_met",
      reason: /diffuse disease/,
    },
    {
      name: "no FDG-PET-CT",
      p: nsclc({ pet: false }),
      result: "not_met",
      reason: /FDG-PET-CT in the staging work-up: no: not met/,
    },
    {
      name: "no brain imaging",
      p: nsclc({ brain: null }),
      result: "not_met",
      reason: /brain imaging .*: no: not met/,
    },
    {
      name: "contrast CT of the brain: met with a warning",
      p: nsclc({ brain: study("S2", "2024-02-10", [], { modality: "ct", region: "brain", contrast: true }) }),
      result: "met",
      warning: /MRI preferred/,
    },
    {
      name: "radical treatment not feasible",
      p: nsclc({ judgement: { radicalTreatmentFeasible: false } }),
      result: "not_met",
      reason: /feasible .*: no: not met/,
    },
    {
      name: "solitary liver metastasis without biopsy or liver MRI: met with warnings",
      p: nsclc({ lesions: [met("L1", "liver", 18)] }),
      result: "met",
      warning: /without dedicated liver MRI/,
    },
    {
      name: "mediastinal nodes are not counted",
      p: nsclc({
        lesions: [
          ...mets("B", "bone", 5),
          { id: "N4R", location: "regional_node" },
          { id: "N7", location: "regional_node" },
        ],
      }),
      result: "met",
    },
  ];
  for (const c of cases) {
    test(`${c.name} -> ${c.result}`, () => {
      const d = def(c.p, "eortc-lcg-2019");
      assert.equal(d.result, c.result, d.reasons.join("\n"));
      if (c.reason)
        assert.ok(
          d.reasons.some((r) => c.reason?.test(r)),
          d.reasons.join("\n"),
        );
      if (c.warning)
        assert.ok(
          d.warnings.some((w) => c.warning?.test(w)),
          d.warnings.join("\n"),
        );
    });
  }
  test("polymetastatic at presentation stays not met after an induced oligometastatic state", () => {
    const p = patient({
      primary: { site: "nsclc", diagnosisDate: "2024-01-20" },
      imagingStudies: [
        study("S1", "2024-02-01", mets("B", "bone", 8)),
        study("S2", "2024-02-10", [], { modality: "mri", region: "brain" }),
        study("S3", "2024-06-01", [met("B1", "bone", 10)]),
      ],
      judgements: [{ date: "2024-02-12", radicalTreatmentFeasible: true }],
    });
    const d = def(p, "eortc-lcg-2019");
    assert.equal(d.result, "not_met");
    assert.equal(d.evaluatedAt, "2024-02-10");
  });
});

describe("ESTRO-ASTRO 2020 (clinical-reference 2.2)", () => {
  const cases: { name: string; p: ReturnType<typeof patient>; result: string; warning?: RegExp }[] = [
    { name: "2 lesions, all treatable", p: nsclc(), result: "met" },
    { name: "6 lesions", p: nsclc({ lesions: mets("B", "bone", 6) }), result: "not_met" },
    { name: "0 lesions", p: nsclc({ lesions: [] }), result: "not_met" },
    { name: "diffuse", p: nsclc({ diffuse: ["peritoneal_carcinomatosis"] }), result: "not_met" },
    {
      name: "not all sites safely treatable",
      p: nsclc({ judgement: { allSitesSafelyTreatable: false } }),
      result: "not_met",
    },
    {
      name: "treatability not recorded",
      p: nsclc({ judgement: { allSitesSafelyTreatable: undefined } }),
      result: "not_met",
    },
    {
      name: "5 lesions in 5 organs incl. brain (no organ limit)",
      p: nsclc({
        lesions: [
          met("a", "bone"),
          met("b", "liver"),
          met("c", "adrenal"),
          met("d", "lung"),
          met("e", "brain"),
        ],
      }),
      result: "met",
    },
    {
      name: "NSCLC without brain imaging: met with a warning",
      p: nsclc({ brain: null }),
      result: "met",
      warning: /no brain MRI in the staging work-up/,
    },
  ];
  for (const c of cases) {
    test(`${c.name} -> ${c.result}`, () => {
      const d = def(c.p, "estro-astro-2020");
      assert.equal(d.result, c.result, d.reasons.join("\n"));
      if (c.warning)
        assert.ok(
          d.warnings.some((w) => c.warning?.test(w)),
          d.warnings.join("\n"),
        );
    });
  }
  test("no brain warning for prostate cancer", () => {
    const d = def(nsclc({ site: "prostate", brain: null }), "estro-astro-2020");
    assert.deepEqual(d.warnings, []);
  });
});

describe("generic presets (clinical-reference 2.3)", () => {
  const cases: [number, string, string][] = [
    [3, "generic-3", "met"],
    [4, "generic-3", "not_met"],
    [5, "generic-5", "met"],
    [6, "generic-5", "not_met"],
  ];
  for (const [n, id, result] of cases) {
    test(`${n} lesions, ${id} -> ${result}`, () => {
      assert.equal(def(nsclc({ lesions: mets("B", "bone", n) }), id).result, result);
    });
  }
});

describe("SABR-COMET (clinical-reference 2.3)", () => {
  function comet(extra: Json = {}, status = "treated_controlled", treated = "2023-01-15") {
    return patient({
      primary: { site: "breast", diagnosisDate: "2022-10-01", status, definitiveTreatmentDate: treated },
      performanceStatus: { ecog: 1 },
      imagingStudies: [study("S1", "2024-03-01", [met("L1", "lung", 14), met("B1", "bone", 20)])],
      judgements: [{ date: "2024-03-05", allSitesSafelyTreatable: true, lifeExpectancyAtLeast6Months: true }],
      ...extra,
    });
  }
  test("controlled primary, ECOG 1, 2 lesions, all amenable -> met", () => {
    const d = def(comet(), "sabr-comet");
    assert.equal(d.result, "met", d.reasons.join("\n"));
  });
  test("primary treated 2 months before the index -> not met ([K] ≥3 months)", () => {
    const d = def(comet({}, "treated_controlled", "2024-01-02"), "sabr-comet");
    assert.equal(d.result, "not_met");
    assert.ok(d.reasons.some((r) => /less than 3 months/.test(r)));
  });
  test("untreated primary -> not met; ECOG 2 -> not met", () => {
    assert.equal(def(comet({}, "in_situ_untreated"), "sabr-comet").result, "not_met");
    assert.equal(def(comet({ performanceStatus: { ecog: 2 } }), "sabr-comet").result, "not_met");
  });
});

describe("UK CtE (clinical-reference 2.3)", () => {
  function cte(extra: Json = {}, site = "kidney", dx = "2021-01-10") {
    return patient({
      primary: { site, diagnosisDate: dx, diagnosisDateBasis: "histology" },
      performanceStatus: { ecog: 2 },
      imagingStudies: [
        study("S1", "2024-03-01", [met("L1", "lung", 30), met("BR1", "brain", 8)], { modality: "ct" }),
      ],
      judgements: [{ date: "2024-03-05", lifeExpectancyAtLeast6Months: true }],
      ...extra,
    });
  }
  test("1 extracranial metastasis, DFI > 6 months, PS 2 -> met; brain lesion not counted with a warning", () => {
    const d = def(cte(), "uk-cte");
    assert.equal(d.result, "met", d.reasons.join("\n"));
    assert.ok(d.warnings.some((w) => /1 brain metastasis not counted/.test(w)));
  });
  test("4 extracranial metastases -> not met", () => {
    const p = cte({ imagingStudies: [study("S1", "2024-03-01", mets("L", "lung", 4), { modality: "ct" })] });
    assert.equal(def(p, "uk-cte").result, "not_met");
  });
  test("synchronous colorectal liver metastases are the exception to the 6-month interval", () => {
    const liver = [study("S1", "2024-03-01", [met("H1", "liver", 30)], { modality: "ct" })];
    assert.equal(def(cte({ imagingStudies: liver }, "colorectal", "2024-01-10"), "uk-cte").result, "met");
    assert.equal(def(cte({ imagingStudies: liver }, "kidney", "2024-01-10"), "uk-cte").result, "not_met");
  });
  test("lung metastasis 55 mm > 50 mm -> not met; melanoma is not a carcinoma", () => {
    const big = cte({
      imagingStudies: [study("S1", "2024-03-01", [met("L1", "lung", 55)], { modality: "ct" })],
    });
    assert.equal(def(big, "uk-cte").result, "not_met");
    assert.equal(def(cte({}, "melanoma"), "uk-cte").result, "not_met");
  });
  test("prior radiotherapy to the lesion -> not met", () => {
    const p = cte({
      imagingStudies: [
        study("S0", "2023-01-10", [met("L1", "lung", 20)], { modality: "ct" }),
        study("S1", "2024-03-01", [met("L1", "lung", 30, { status: "progressing" })], { modality: "ct" }),
      ],
      localTherapies: [{ id: "R", type: "sbrt", targetLesionIds: ["L1"], start: "2023-02-01" }],
    });
    const d = def(p, "uk-cte");
    assert.equal(d.result, "not_met");
    assert.ok(d.reasons.some((r) => /prior radiotherapy to L1/.test(r)));
  });
});

describe("registry", () => {
  test("every preset has an id, name, version and source, ids unique", () => {
    const list = listDefinitions();
    assert.deepEqual(
      list.map((d) => d.id),
      ["generic-3", "generic-5", "eortc-lcg-2019", "estro-astro-2020", "sabr-comet", "uk-cte"],
    );
    for (const d of list) {
      assert.ok(d.name.length > 0 && d.version.length > 0 && d.source.length > 20, d.id);
    }
  });
});
