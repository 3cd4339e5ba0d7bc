// deriveOutcomes: OS and PFS from a patient record. Expected values are hand-derived in comments
// (day counts are calendar days between ISO dates).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Patient, patientSchema } from "../model/patient-schema.ts";
import { deriveOutcomes, lastRecordedDate } from "./time-to-event.ts";

const base = {
  id: "P",
  primary: { site: "nsclc", diagnosisDate: "2023-01-10" },
  imagingStudies: [
    {
      id: "s1",
      date: "2024-01-01",
      modality: "fdg_pet_ct",
      lesions: [{ id: "L1", location: "distant", organ: "lung" }],
    },
  ],
};
const patient = (extra: Record<string, unknown>): Patient => patientSchema.parse({ ...base, ...extra });

describe("deriveOutcomes", () => {
  const cases: {
    name: string;
    p: Patient;
    asOf?: string;
    os: [number, boolean] | null;
    pfs: [number, boolean] | null;
    warn?: RegExp;
  }[] = [
    {
      // 2024-01-01 -> 2025-01-01 = 366 days (2024 is a leap year)
      name: "death is an OS and PFS event",
      p: patient({ outcomes: { death: { date: "2025-01-01" } } }),
      os: [366, true],
      pfs: [366, true],
    },
    {
      // progression 2024-03-01: Jan 31 + Feb 29 = 60 days; death later
      name: "progression before death ends PFS",
      p: patient({ outcomes: { death: { date: "2025-01-01" }, progressionDates: ["2024-03-01"] } }),
      os: [366, true],
      pfs: [60, true],
    },
    {
      name: "progression on the origin day is not after it",
      p: patient({ outcomes: { progressionDates: ["2024-01-01"], lastFollowUpDate: "2024-07-01" } }),
      // 2024-01-01 -> 2024-07-01 = 182 days
      os: [182, false],
      pfs: [182, false],
    },
    {
      // a progression dated after the recorded follow-up proves contact until then: 2024-01-01 ->
      // 2024-08-15 = 227 days; PFS event on that day, OS censored on it
      name: "a fact after the recorded follow-up date extends the last contact",
      p: patient({ outcomes: { progressionDates: ["2024-08-15"], lastFollowUpDate: "2024-08-01" } }),
      os: [227, false],
      pfs: [227, true],
    },
    {
      // follow-up imaging 2024-04-01 reads a new distant lesion: 31+29+31 = 91 days
      name: "a new distant lesion on later imaging is progression",
      p: patient({
        imagingStudies: [
          ...base.imagingStudies,
          {
            id: "s2",
            date: "2024-04-01",
            modality: "ct",
            lesions: [{ id: "L2", location: "distant", organ: "liver", status: "new" }],
          },
        ],
        outcomes: { lastFollowUpDate: "2024-12-31" },
      }),
      os: [365, false],
      pfs: [91, true],
    },
    {
      name: "a new regional node is not distant progression",
      p: patient({
        imagingStudies: [
          ...base.imagingStudies,
          {
            id: "s2",
            date: "2024-04-01",
            modality: "ct",
            lesions: [{ id: "N1", location: "regional_node", status: "new" }],
          },
        ],
      }),
      // last contact = latest dated fact = 2024-04-01: 91 days
      os: [91, false],
      pfs: [91, false],
    },
    {
      name: "without a follow-up date the latest dated fact is the last contact",
      p: patient({
        systemicTherapies: [
          { id: "t1", agent: "osimertinib", class: "targeted", start: "2024-02-01", stop: "2024-06-30" },
        ],
      }),
      // 2024-01-01 -> 2024-06-30 = 181 days
      os: [181, false],
      pfs: [181, false],
    },
    {
      name: "events after asOf are ignored (administrative censoring)",
      p: patient({
        outcomes: {
          death: { date: "2025-01-01" },
          progressionDates: ["2024-11-01"],
          lastFollowUpDate: "2024-12-01",
        },
      }),
      asOf: "2024-10-01",
      // last contact within asOf = latest fact <= asOf = origin imaging 2024-01-01 -> censored at day 0
      os: [0, false],
      pfs: [0, false],
      warn: /no follow-up after the origin/,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = deriveOutcomes(c.p, "2024-01-01", c.asOf ?? "2026-11-23");
      assert.deepEqual(r.os === null ? null : [r.os.days, r.os.event], c.os);
      assert.deepEqual(r.pfs === null ? null : [r.pfs.days, r.pfs.event], c.pfs);
      if (c.warn) assert.match(r.warnings.join("\n"), c.warn);
    });
  }

  test("PFS never exceeds OS (property over random follow-up)", () => {
    for (let k = 0; k < 200; k += 1) {
      const prog = `2024-${String(1 + (k % 12)).padStart(2, "0")}-15`;
      const death = k % 3 === 0 ? { death: { date: `2025-0${1 + (k % 9)}-10` } } : {};
      const r = deriveOutcomes(
        patient({
          outcomes: { ...death, progressionDates: k % 2 ? [prog] : [], lastFollowUpDate: "2024-08-01" },
        }),
        "2024-01-01",
        "2026-11-23",
      );
      assert.ok(r.os && r.pfs);
      assert.ok(r.pfs.days <= r.os.days, `case ${k}`);
      if (r.os.event) assert.ok(r.pfs.event, "death is also a PFS event");
    }
  });

  test("origin after asOf gives no endpoints", () => {
    const r = deriveOutcomes(patient({}), "2024-01-01", "2023-12-31");
    assert.equal(r.os, null);
    assert.equal(r.pfs, null);
  });

  test("lastRecordedDate ignores dates after asOf", () => {
    const p = patient({ labs: [{ name: "CEA", value: 3, unit: "ng/mL", date: "2025-05-05" }] });
    assert.equal(lastRecordedDate(p, "2026-01-01"), "2025-05-05");
    assert.equal(lastRecordedDate(p, "2025-05-04"), "2024-01-01");
  });
});
