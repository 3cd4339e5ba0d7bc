import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fmtShare } from "./format.ts";

describe("fmtShare", () => {
  test("whole per cent; < 1 and > 99 where rounding would say 0 or 100; — for no total", () => {
    const cases: [number, number, string][] = [
      [0, 264, "0"],
      [1, 264, "< 1"],
      [2, 264, "1"],
      [40, 264, "15"],
      [263, 264, "> 99"],
      [264, 264, "100"],
      [0, 0, "—"],
    ];
    for (const [count, total, want] of cases) assert.equal(fmtShare(count, total), want, `${count}/${total}`);
  });
});
