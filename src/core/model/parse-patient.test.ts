import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Issue } from "../common/result.ts";
import { parsePatient } from "./parse-patient.ts";

/** A realistic, valid record: NSCLC EGFR+ with synchronous brain and bone metastases. */
function validPatient(): Record<string, unknown> {
  return {
    id: "P-001",
    siteId: "centre-a",
    name: "Test Person",
    mrn: "123456",
    birthYear: 1958,
    sex: "female",
    performanceStatus: { ecog: 1, kps: 80 },
    primary: {
      site: "nsclc",
      icdO3Topography: "C34.1",
      histology: "adenocarcinoma",
      icdO3Morphology: "8140/3",
      diagnosisDate: "2024-01-10",
      diagnosisDateBasis: "histology",
      tnm: { t: "2a", n: "1", m: "1c", edition: 8 },
      biomarkers: [
        { name: "EGFR", result: "positive", variant: "exon 19 deletion" },
        { name: "PD_L1", value: 5, unit: "% TPS" },
      ],
      status: "in_situ_untreated",
    },
    imagingStudies: [
      {
        id: "S1",
        date: "2024-01-05",
        modality: "fdg_pet_ct",
        region: "whole_body",
        lesions: [
          { id: "PRIM", location: "primary", sizeMm: 32 },
          { id: "N4R", location: "regional_node", shortAxisMm: 14 },
          { id: "B1", organ: "bone", location: "distant", site: "T8", sizeMm: 18 },
        ],
      },
      {
        id: "S2",
        date: "2024-01-12",
        modality: "mri",
        region: "brain",
        contrast: true,
        lesions: [{ id: "BR1", organ: "brain", location: "distant", sizeMm: 9 }],
      },
    ],
    systemicTherapies: [{ id: "T1", agent: "osimertinib", class: "targeted", start: "2024-01-25", line: 1 }],
    localTherapies: [
      { id: "L1", type: "srs", targetLesionIds: ["BR1"], start: "2024-01-22", doseGy: 24, fractions: 1 },
    ],
    judgements: [{ date: "2024-01-15", allSitesSafelyTreatable: true, radicalTreatmentFeasible: true }],
    outcomes: { lastFollowUpDate: "2024-10-01" },
  };
}

function expectIssues(input: unknown): Issue[] {
  const r = parsePatient(input);
  assert.equal(r.ok, false, "expected the record to be rejected");
  return r.ok ? [] : [...r.issues];
}

function has(issues: readonly Issue[], code: string, path: string): void {
  assert.ok(
    issues.some((i) => i.code === code && i.path === path),
    `expected ${code} at ${path}; got:\n${issues.map((i) => `${i.code} ${i.path} ${i.message}`).join("\n")}`,
  );
}

describe("parsePatient: valid records", () => {
  test("a full realistic record is accepted and arrays default to []", () => {
    const r = parsePatient(validPatient());
    assert.ok(r.ok, r.ok ? "" : JSON.stringify(r.issues));
    assert.equal(r.value.imagingStudies[1]?.lesions[0]?.organ, "brain");
    assert.deepEqual(r.value.imagingStudies[0]?.diffuseFindings, []);
    assert.deepEqual(r.value.labs, []);
  });
  test("a minimal record (id and primary site) is accepted", () => {
    const r = parsePatient({ id: "x", primary: { site: "unknown_primary" } });
    assert.ok(r.ok);
    assert.deepEqual(r.value.imagingStudies, []);
  });
});

describe("parsePatient: every failing field is reported with its path", () => {
  test("schema errors are all returned, not only the first", () => {
    const p = validPatient();
    const studies = p["imagingStudies"] as Record<string, unknown>[];
    const s0 = studies[0] as Record<string, unknown>;
    const lesions = s0["lesions"] as Record<string, unknown>[];
    (lesions[2] as Record<string, unknown>)["sizeMm"] = "18";
    (studies[1] as Record<string, unknown>)["date"] = "2024-02-30";
    (studies[1] as Record<string, unknown>)["modality"] = "pet";
    delete (p["primary"] as Record<string, unknown>)["site"];
    p["performanceStatus"] = { ecog: 5, kps: 85 };
    p["sizemm"] = 3;
    const issues = expectIssues(p);
    has(issues, "invalid_type", "imagingStudies[0].lesions[2].sizeMm");
    has(issues, "invalid_date", "imagingStudies[1].date");
    has(issues, "invalid_value", "imagingStudies[1].modality");
    has(issues, "required", "primary.site");
    has(issues, "out_of_range", "performanceStatus.ecog");
    has(issues, "out_of_range", "performanceStatus.kps");
    has(issues, "unknown_field", "sizemm");
    assert.equal(issues.length, 7);
  });

  const dateCases: [string, string][] = [
    ["2023-02-29", "invalid_date"], // not a leap year
    ["2024-04-31", "invalid_date"],
    ["2024-1-5", "invalid_date"],
    ["05/01/2024", "invalid_date"],
    ["2024-01-05T10:00:00Z", "invalid_date"],
    ["1850-01-01", "invalid_date"], // outside 1900-2100
  ];
  for (const [date, code] of dateCases) {
    test(`primary.diagnosisDate "${date}" -> ${code}`, () => {
      const p = validPatient();
      (p["primary"] as Record<string, unknown>)["diagnosisDate"] = date;
      const issues = expectIssues(p);
      has(issues, code, "primary.diagnosisDate");
      assert.match(issues[0]?.message ?? "", /date|year/);
    });
  }

  test("enum messages list the allowed values and the value received", () => {
    const p = validPatient();
    (p["primary"] as Record<string, unknown>)["site"] = "lung";
    const [i] = expectIssues(p);
    assert.equal(i?.path, "primary.site");
    assert.match(i?.message ?? "", /"nsclc"/);
    assert.match(i?.message ?? "", /got "lung"/);
  });

  test("a non-object root is reported at the root", () => {
    for (const v of [null, 3, "x", []]) {
      const [i] = expectIssues(v);
      assert.equal(i?.path, "");
      assert.equal(i?.code, "invalid_type");
    }
  });
});

describe("parsePatient: cross-field checks", () => {
  test("duplicate ids, unknown lesion references, stop before start, distant lesion without organ", () => {
    const p = validPatient();
    const studies = p["imagingStudies"] as Record<string, unknown>[];
    (studies[1] as Record<string, unknown>)["id"] = "S1";
    const lesions = (studies[0] as Record<string, unknown>)["lesions"] as Record<string, unknown>[];
    lesions.push({ id: "B1", organ: "bone", location: "distant" });
    lesions.push({ id: "X", location: "distant" });
    p["systemicTherapies"] = [
      { id: "T1", agent: "osimertinib", class: "targeted", start: "2024-01-25", stop: "2024-01-20" },
      { id: "T1", agent: "dexamethasone", class: "supportive", start: "2024-01-20" },
    ];
    p["localTherapies"] = [{ id: "L1", type: "sbrt", targetLesionIds: ["NOPE"], start: "2024-02-01" }];
    const issues = expectIssues(p);
    has(issues, "duplicate_id", "imagingStudies[1].id");
    has(issues, "duplicate_id", "imagingStudies[0].lesions[3].id");
    has(issues, "required", "imagingStudies[0].lesions[4].organ");
    has(issues, "date_order", "systemicTherapies[0].stop");
    has(issues, "duplicate_id", "systemicTherapies[1].id");
    has(issues, "unknown_reference", "localTherapies[0].targetLesionIds[0]");
    assert.equal(issues.length, 6);
  });

  test("duplicate ids in short and long lists: each later duplicate names the first item of its id", () => {
    // ids by position; the expected issues written out by hand (short lists are compared pair by
    // pair, lists over 16 through a Map: the same issues in the same order)
    const therapy = (id: string) => ({ id, agent: "x", class: "chemotherapy", start: "2024-02-01" });
    for (const ids of [
      ["A", "B", "A", "C", "B", "A"],
      ["A", "B", "A", "C", "B", "A", ...Array.from({ length: 14 }, (_, k) => `U${k}`)],
    ]) {
      const p = validPatient();
      p["systemicTherapies"] = ids.map(therapy);
      const issues = expectIssues(p).filter((i) => i.code === "duplicate_id");
      assert.deepEqual(
        issues.map((i) => [i.path, i.message]),
        [
          ["systemicTherapies[2].id", 'systemic therapy id "A" is already used by systemicTherapies[0]'],
          ["systemicTherapies[4].id", 'systemic therapy id "B" is already used by systemicTherapies[1]'],
          ["systemicTherapies[5].id", 'systemic therapy id "A" is already used by systemicTherapies[0]'],
        ],
        `${ids.length} ids`,
      );
    }
  });

  test("the same lesion id in different studies is allowed (lesion identity across studies)", () => {
    const p = validPatient();
    (p["imagingStudies"] as unknown[]).push({
      id: "S3",
      date: "2024-04-10",
      modality: "ct",
      lesions: [{ id: "B1", organ: "bone", location: "distant", sizeMm: 15, status: "responding" }],
    });
    assert.ok(parsePatient(p).ok);
  });

  test("ablated status with viable true, death before diagnosis, follow-up after death, study after death", () => {
    const p = validPatient();
    const studies = p["imagingStudies"] as Record<string, unknown>[];
    const lesions = (studies[0] as Record<string, unknown>)["lesions"] as Record<string, unknown>[];
    (lesions[2] as Record<string, unknown>)["status"] = "ablated";
    (lesions[2] as Record<string, unknown>)["viable"] = true;
    p["outcomes"] = { death: { date: "2024-01-08" }, lastFollowUpDate: "2024-03-01" };
    const issues = expectIssues(p);
    has(issues, "inconsistent_value", "imagingStudies[0].lesions[2].viable");
    has(issues, "date_order", "outcomes.death.date");
    has(issues, "date_order", "outcomes.lastFollowUpDate");
    has(issues, "date_order", "imagingStudies[1].date");
  });

  test("other biomarker without label, diagnosis before birth year, index date without a study", () => {
    const p = validPatient();
    (p["primary"] as Record<string, unknown>)["biomarkers"] = [{ name: "other", result: "positive" }];
    p["birthYear"] = 2025;
    p["classificationSettings"] = { indexDate: "2024-01-06" };
    const issues = expectIssues(p);
    has(issues, "required", "primary.biomarkers[0].label");
    has(issues, "date_order", "primary.diagnosisDate");
    has(issues, "unknown_reference", "classificationSettings.indexDate");
  });
});
