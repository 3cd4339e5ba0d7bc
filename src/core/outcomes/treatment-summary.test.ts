// treatmentSummary: the local-therapy group of the index OMD and the treatment flags.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { patientSchema } from "../model/patient-schema.ts";
import { treatmentSummary } from "./treatment-summary.ts";

const patient = (extra: Record<string, unknown>) =>
  patientSchema.parse({ id: "P", primary: { site: "prostate" }, ...extra });

describe("treatmentSummary", () => {
  const cases = [
    { name: "nothing", extra: {}, index: "2024-01-01", expect: ["none", false, false, false, false] },
    {
      name: "SRS counts as the sbrt group",
      extra: { localTherapies: [{ id: "t", type: "srs", start: "2024-01-20", doseGy: 20, fractions: 1 }] },
      index: "2024-01-01",
      expect: ["sbrt", true, false, false, false],
    },
    {
      // 2024-01-01 + 183 days = 2024-07-02 (inclusive end of the window)
      name: "the window end is inclusive",
      extra: { localTherapies: [{ id: "t", type: "surgery", start: "2024-07-02" }] },
      index: "2024-01-01",
      expect: ["surgery", false, true, false, false],
    },
    {
      name: "a course after the window is a flag but not the index treatment",
      extra: { localTherapies: [{ id: "t", type: "thermal_ablation", start: "2024-07-03" }] },
      index: "2024-01-01",
      expect: ["none", false, false, true, false],
    },
    {
      name: "a course before the index date is not the index treatment; the first in the window wins",
      extra: {
        localTherapies: [
          { id: "a", type: "surgery", start: "2023-06-01" },
          { id: "c", type: "conventional_rt", start: "2024-03-01" },
          { id: "b", type: "sbrt", start: "2024-02-01", doseGy: 35, fractions: 5 },
        ],
      },
      index: "2024-01-01",
      expect: ["sbrt", true, true, false, false],
    },
    {
      name: "denosumab alone is not anticancer systemic therapy (1.4.5); ADT is",
      extra: {
        systemicTherapies: [{ id: "d", agent: "denosumab", class: "bone_protective", start: "2024-01-01" }],
      },
      index: null,
      expect: ["none", false, false, false, false],
    },
    {
      name: "ADT is systemic therapy",
      extra: { systemicTherapies: [{ id: "a", agent: "degarelix", class: "adt", start: "2024-01-01" }] },
      index: null,
      expect: ["none", false, false, false, true],
    },
  ] as const;
  for (const c of cases) {
    test(c.name, () => {
      const s = treatmentSummary(patient(c.extra), c.index);
      assert.deepEqual([s.localTherapy, s.hasSbrt, s.hasSurgery, s.hasAblation, s.hasSystemic], c.expect);
    });
  }
});
