import assert from "node:assert/strict";
import { test } from "node:test";
import { checkUpload } from "./plan-upload.ts";

const file = {};

test("both DICOM files are required; RTPLAN and fractions are optional", () => {
  assert.deepEqual(checkUpload({ rtdose: undefined, rtstruct: undefined, fractions: "", map: "" }), {
    rtdose: "Choose the RTDOSE file (DICOM RT Dose).",
    rtstruct: "Choose the RTSTRUCT file (DICOM RT Structure Set).",
  });
  assert.deepEqual(checkUpload({ rtdose: file, rtstruct: file, fractions: "", map: "" }), {});
});

test("fractions must be a whole number from 1 to 60", () => {
  for (const ok of ["1", "5", " 8 ", "60"]) {
    assert.deepEqual(checkUpload({ rtdose: file, rtstruct: file, fractions: ok, map: "" }), {}, ok);
  }
  for (const bad of ["0", "2.5", "61", "five"]) {
    const e = checkUpload({ rtdose: file, rtstruct: file, fractions: bad, map: "" });
    assert.equal(e.fractions, `must be a whole number from 1 to 60 (got "${bad}")`);
  }
});

test("the ROI map needs ROI=organ lines; blank lines and # comments are allowed", () => {
  const ok = checkUpload({
    rtdose: file,
    rtstruct: file,
    fractions: "",
    map: "# map\nCord_PRV=spinal_cord\n\nRectum_ext = rectum\n",
  });
  assert.deepEqual(ok, {});
  const bad = checkUpload({
    rtdose: file,
    rtstruct: file,
    fractions: "",
    map: "Cord_PRV spinal_cord\nA=b\nx==y",
  });
  assert.equal(bad.map, "each line must read ROI=organ; line 1, 3 does not");
});
