import assert from "node:assert/strict";
import { test } from "node:test";
import { issueText } from "./issues.ts";

test("issue messages read well next to their field", () => {
  const cases: [{ code: string; path: string; message: string }, string][] = [
    // Zod's generic phrasing for an empty required text
    [{ code: "too_small", path: "id", message: "must be at least 1 characters" }, "Required: enter a value."],
    // a message that repeats the field's own path
    [{ code: "required", path: "primary.site", message: "primary.site is required" }, "Required."],
    // the model's own words are kept
    [
      {
        code: "invalid_value",
        path: "imagingStudies[0].lesions[0].sizeMm",
        message: 'must be a number (got "twenty")',
      },
      'must be a number (got "twenty")',
    ],
    // a record-level message naming a path is not a repeat of its own (empty) path
    [{ code: "required", path: "", message: "primary.site is required" }, "primary.site is required"],
  ];
  for (const [issue, expected] of cases) assert.equal(issueText(issue), expected);
});
