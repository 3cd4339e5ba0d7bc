import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mergeQuery, pickNonEmpty } from "./route-query.ts";

describe("pickNonEmpty", () => {
  const cases: { query: Record<string, string>; keys: string[]; expected: Record<string, string> }[] = [
    { query: {}, keys: ["state"], expected: {} },
    { query: { state: "", from: "2024-01-01" }, keys: ["state", "from"], expected: { from: "2024-01-01" } },
    { query: { state: "M1", other: "x" }, keys: ["state"], expected: { state: "M1" } },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.query)} -> ${JSON.stringify(c.expected)}`, () => {
      assert.deepEqual(pickNonEmpty(c.query, c.keys), c.expected);
    });
  }
});

describe("mergeQuery", () => {
  it("applies changes and drops keys set to the empty string", () => {
    const query = { state: "M1", from: "2024-01-01", offset: "50" };
    assert.deepEqual(mergeQuery(query, { state: "", to: "2025-01-01" }), {
      from: "2024-01-01",
      offset: "50",
      to: "2025-01-01",
    });
  });
  it("does not change the query it is given", () => {
    const query = { state: "M1" };
    mergeQuery(query, { state: "" });
    assert.deepEqual(query, { state: "M1" });
  });
});
