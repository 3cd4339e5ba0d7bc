import assert from "node:assert/strict";
import { test } from "node:test";
import { withShown } from "./chart-parts.tsx";

test("withShown adds a hidden series, removes a shown one, and leaves the given set alone", () => {
  const hidden: ReadonlySet<string> = new Set(["PTV"]);
  const cases: { key: string; shown: boolean; expected: string[] }[] = [
    { key: "PTV", shown: true, expected: [] },
    { key: "Cord", shown: false, expected: ["PTV", "Cord"] },
    { key: "PTV", shown: false, expected: ["PTV"] },
    { key: "Cord", shown: true, expected: ["PTV"] },
  ];
  for (const c of cases)
    assert.deepEqual([...withShown(hidden, c.key, c.shown)], c.expected, JSON.stringify(c));
  assert.deepEqual([...hidden], ["PTV"]);
});
