import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Lesion } from "../model/patient-schema.ts";
import { assessProgression, progressionPattern, progressionReason } from "./progression.ts";
import type { TimePointLesion } from "./time-points.ts";

const RECIST = { minIncreasePercent: 20, minIncreaseMm: 5 };

function tl(lesion: Partial<Lesion> & { id: string }, date = "2024-06-01", carried = false): TimePointLesion {
  return { lesion: { location: "distant", organ: "bone", ...lesion } as Lesion, studyId: "S", date, carried };
}

describe("lesion progression rule (clinical-reference 1.4.7, A8: ≥20 % and ≥5 mm, RECIST 1.1 per lesion)", () => {
  // Expected outcomes by hand from the two thresholds (both must hold), as the RECIST 1.1 test vectors of 6.1.
  const growth: [number, number, boolean, string][] = [
    [40, 48, true, "+20 % and +8 mm"],
    [10, 12, false, "+20 % but only +2 mm"],
    [20, 25, true, "+25 % and +5 mm exactly"],
    [30, 35, false, "+5 mm but only +16.7 %"],
    [4, 9, true, "+125 % and +5 mm"],
    [25, 29.9, false, "+4.9 mm"],
    [50, 40, false, "shrinking"],
  ];
  for (const [before, now, expected, why] of growth) {
    test(`${before} → ${now} mm: ${expected ? "progressing" : "not progressing"} (${why})`, () => {
      const seen = new Map([["B1", tl({ id: "B1", sizeMm: before }, "2024-01-01")]]);
      const f = assessProgression([tl({ id: "B1", sizeMm: now })], seen, RECIST, false);
      assert.equal(f.progression, expected);
      assert.equal(f.lesions[0]?.kind, expected ? "grown" : "none");
    });
  }
  test("nodes are followed by short axis", () => {
    const prev = tl({ id: "N", organ: "distant_lymph_node", sizeMm: 30, shortAxisMm: 10 }, "2024-01-01");
    const now = tl({ id: "N", organ: "distant_lymph_node", sizeMm: 31, shortAxisMm: 16 });
    const f = assessProgression([now], new Map([["N", prev]]), RECIST, false);
    assert.equal(f.progression, true);
    assert.match(progressionReason(f), /10 → 16 mm/);
  });
  test("a lesion not recorded before is new; stated 'stable' gives a warning", () => {
    const f = assessProgression([tl({ id: "B9", status: "stable" })], new Map(), RECIST, false);
    assert.equal(f.progression, true);
    assert.equal(f.lesions[0]?.kind, "new");
    assert.match(f.warnings[0] ?? "", /B9 .*counted as new/);
  });
  test("reported progressing without measurements counts", () => {
    const seen = new Map([["B1", tl({ id: "B1" }, "2024-01-01")]]);
    const f = assessProgression([tl({ id: "B1", status: "progressing" })], seen, RECIST, false);
    assert.equal(f.lesions[0]?.kind, "reported");
    assert.equal(f.progression, true);
  });
  test("viable again after ablation counts as progression", () => {
    const seen = new Map([["B1", tl({ id: "B1", status: "ablated" }, "2024-01-01")]]);
    const f = assessProgression([tl({ id: "B1", sizeMm: 10 })], seen, RECIST, false);
    assert.equal(f.lesions[0]?.kind, "regrowth");
  });
  test("stable lesions, no clinician flag: no progression; clinician flag: progression", () => {
    const seen = new Map([["B1", tl({ id: "B1", sizeMm: 20 }, "2024-01-01")]]);
    const now = [tl({ id: "B1", sizeMm: 21, status: "stable" })];
    assert.equal(assessProgression(now, seen, RECIST, false).progression, false);
    const flagged = assessProgression(now, seen, RECIST, true);
    assert.equal(flagged.progression, true);
    assert.match(progressionReason(flagged), /clinician records unequivocal progression/);
  });
  test("'stable' that grew past both thresholds is progressing, with a warning", () => {
    const seen = new Map([["B1", tl({ id: "B1", sizeMm: 10 }, "2024-01-01")]]);
    const f = assessProgression([tl({ id: "B1", sizeMm: 16, status: "stable" })], seen, RECIST, false);
    assert.equal(f.progression, true);
    assert.match(f.warnings[0] ?? "", /reported "stable" but grew 10 → 16 mm/);
  });
  test("carried lesions (not imaged) are never progression evidence", () => {
    const f = assessProgression(
      [tl({ id: "B1", status: "new" }, "2024-01-01", true)],
      new Map(),
      RECIST,
      false,
    );
    assert.equal(f.progression, false);
    assert.equal(f.lesions[0]?.kind, "not_imaged");
  });
  test("thresholds are configurable", () => {
    const seen = new Map([["B1", tl({ id: "B1", sizeMm: 10 }, "2024-01-01")]]);
    const f = assessProgression(
      [tl({ id: "B1", sizeMm: 13 })],
      seen,
      { minIncreasePercent: 30, minIncreaseMm: 3 },
      false,
    );
    assert.equal(f.progression, true);
  });
});

describe("progression pattern (clinical-reference 6.3)", () => {
  const cases: [number, boolean, boolean, number, string][] = [
    [0, true, true, 5, "none"],
    [1, true, true, 5, "oligoprogression"],
    [5, true, true, 5, "oligoprogression"],
    [6, true, true, 5, "polyprogression"],
    [4, true, true, 3, "polyprogression"],
    [2, false, true, 5, "not_applicable"],
    [2, true, false, 5, "not_applicable"],
  ];
  for (const [n, active, prior, max, expected] of cases) {
    test(`${n} progressing, active ${active}, prior imaging ${prior}, N=${max} -> ${expected}`, () => {
      assert.equal(progressionPattern(n, active, prior, max), expected);
    });
  }
});
