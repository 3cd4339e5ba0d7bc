import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GROUP_COLOURS, GROUP_DASHES, groupColour, groupDash } from "./palette.ts";

describe("group styles", () => {
  test("no two of the first 49 groups share colour and dash pattern", () => {
    const n = GROUP_COLOURS.length * GROUP_DASHES.length;
    const styles = Array.from({ length: n }, (_, i) => `${groupColour(i)} / ${groupDash(i)}`);
    assert.equal(new Set(styles).size, n);
  });

  test("the first seven groups: colour i and dash pattern i", () => {
    for (let i = 0; i < GROUP_COLOURS.length; i++) {
      assert.equal(groupColour(i), GROUP_COLOURS[i]);
      assert.equal(groupDash(i), GROUP_DASHES[i]);
    }
  });

  test("group 7 (the eighth: e.g. the eighth ESTRO/EORTC state) differs from group 0", () => {
    assert.equal(groupColour(7), groupColour(0));
    assert.notEqual(groupDash(7), groupDash(0));
  });
});
