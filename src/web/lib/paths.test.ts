import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { formatPath } from "../../core/index.ts";
import { appendAt, getAt, joinPath, nextId, parsePath, pruneEmptyObjects, removeAt, setAt } from "./paths.ts";

test("parsePath reads the paths the API and core write", () => {
  assert.deepEqual(parsePath("imagingStudies[0].lesions[12].sizeMm"), [
    "imagingStudies",
    0,
    "lesions",
    12,
    "sizeMm",
  ]);
  assert.deepEqual(parsePath("primary.tnm.edition"), ["primary", "tnm", "edition"]);
  assert.deepEqual(parsePath("outcomes.progressionDates[1]"), ["outcomes", "progressionDates", 1]);
  assert.deepEqual(parsePath(""), []);
});

test("parsePath and core formatPath agree on any path (property)", () => {
  const key = fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/), fc.nat({ max: 50 }));
  fc.assert(
    fc.property(fc.array(key, { maxLength: 6 }), (keys) => {
      // a path starts with a name, as model paths do
      const path = ["root", ...keys];
      assert.deepEqual(parsePath(formatPath(path)), path);
      assert.equal(joinPath(...path), formatPath(path));
    }),
  );
});

test("setAt updates immutably and creates containers", () => {
  const draft = { primary: { site: "nsclc" }, imagingStudies: [{ id: "S1", lesions: [{ id: "L1" }] }] };
  const next = setAt(draft, "imagingStudies[0].lesions[0].sizeMm", 12);
  assert.deepEqual(getAt(next, "imagingStudies[0].lesions[0]"), { id: "L1", sizeMm: 12 });
  assert.deepEqual(draft.imagingStudies[0]?.lesions[0], { id: "L1" }, "input unchanged");
  assert.equal((next as typeof draft).primary, draft.primary, "untouched branches are shared");
  assert.deepEqual(setAt({}, "primary.tnm.edition", 8), { primary: { tnm: { edition: 8 } } });
  assert.deepEqual(setAt({}, "labs[0].value", 1), { labs: [{ value: 1 }] });
});

test("setAt with undefined removes the key; removeAt and appendAt edit lists", () => {
  assert.deepEqual(setAt({ name: "A", mrn: "1" }, "mrn", undefined), { name: "A" });
  const d = { xs: [{ id: "a" }, { id: "b" }, { id: "c" }] };
  assert.deepEqual(removeAt(d, "xs", 1), { xs: [{ id: "a" }, { id: "c" }] });
  assert.deepEqual(appendAt({}, "xs", { id: "z" }), { xs: [{ id: "z" }] });
});

test("pruneEmptyObjects drops emptied optional objects but keeps arrays and kept paths", () => {
  const draft = {
    id: "P1",
    primary: {},
    performanceStatus: {},
    outcomes: { death: {}, progressionDates: [] },
    labs: [{}],
  };
  assert.deepEqual(pruneEmptyObjects(draft, new Set(["primary"])), {
    id: "P1",
    primary: {},
    outcomes: { progressionDates: [] },
    labs: [{}],
  });
});

test("nextId picks the first unused number after the count", () => {
  assert.equal(nextId("S", []), "S1");
  assert.equal(nextId("S", ["S1", "S2"]), "S3");
  assert.equal(nextId("L", ["L1", "L3"]), "L4");
  assert.equal(nextId("L", ["x", "L2"]), "L3");
});
