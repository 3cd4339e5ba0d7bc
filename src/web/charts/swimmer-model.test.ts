import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePatient, toDayNumber } from "../../core/index.ts";
import { buildSwimmerModel, chronology } from "./swimmer-model.ts";

// A small record written for this test: NSCLC, one bone metastasis treated with SBRT, then a new
// liver lesion on osimertinib.
const parsed = parsePatient({
  id: "T1",
  primary: { site: "nsclc", histology: "adenocarcinoma", diagnosisDate: "2022-01-10" },
  imagingStudies: [
    {
      id: "S2",
      date: "2023-03-01",
      modality: "ct",
      lesions: [
        { id: "B1", location: "distant", organ: "bone", status: "stable", sizeMm: 12 },
        { id: "H1", location: "distant", organ: "liver", status: "new", sizeMm: 9 },
      ],
    },
    {
      id: "S1",
      date: "2022-06-01",
      modality: "fdg_pet_ct",
      lesions: [{ id: "B1", location: "distant", organ: "bone", sizeMm: 14 }],
    },
  ],
  systemicTherapies: [{ id: "ST1", agent: "osimertinib", class: "targeted", start: "2022-07-01" }],
  localTherapies: [
    {
      id: "LT1",
      type: "sbrt",
      start: "2022-06-20",
      end: "2022-06-27",
      doseGy: 35,
      fractions: 5,
      targetLesionIds: ["B1"],
    },
  ],
  outcomes: { lastFollowUpDate: "2023-06-01", progressionDates: ["2023-03-01"] },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const patient = parsed.value;

test("lanes: primary, imaging, one per lesion in order of appearance, therapies, outcomes", () => {
  const m = buildSwimmerModel(patient, "2023-06-15");
  assert.deepEqual(
    m.lanes.map((l) => l.id),
    ["primary", "imaging", "lesion:B1", "lesion:H1", "systemic:ST1", "local:LT1", "outcomes"],
  );
  const b1 = m.lanes.find((l) => l.id === "lesion:B1")!;
  // studies are sorted by date: B1 seen 2022-06-01 then 2023-03-01, treated 2022-06-20
  assert.deepEqual(b1.spans[0], {
    kind: "lesion",
    start: "2022-06-01",
    end: "2023-03-01",
    text: "Lesion B1 followed 2022-06-01 to 2023-03-01",
  });
  assert.deepEqual(
    b1.marks.map((mk) => [mk.date, mk.kind]),
    [
      ["2022-06-01", "lesion_seen"],
      ["2022-06-20", "local_therapy"],
      ["2023-03-01", "lesion_stable"],
    ],
  );
});

test("an ongoing therapy runs to the as-of date; the axis covers every date with padding", () => {
  const m = buildSwimmerModel(patient, "2023-06-15");
  const st = m.lanes.find((l) => l.id === "systemic:ST1")!;
  assert.equal(st.spans[0]?.kind, "systemic_ongoing");
  assert.equal(st.spans[0]?.end, "2023-06-15");
  // first date 2022-01-10, last 2023-06-15: 521 days, 2 % = 10.4 -> at least 15 days each side
  assert.equal(m.startDay, toDayNumber("2022-01-10") - 15);
  assert.equal(m.endDay, toDayNumber("2023-06-15") + 15);
});

test("chronology lists every event in date order", () => {
  const rows = chronology(buildSwimmerModel(patient, "2023-06-15"));
  const dates = rows.map((r) => r.date);
  assert.deepEqual(dates, [...dates].sort());
  assert.equal(rows[0]?.text, "Primary diagnosis: Non-small cell lung cancer, adenocarcinoma");
  assert.ok(rows.some((r) => r.text.startsWith("sbrt 35 Gy/5 fx to B1")));
});
