import assert from "node:assert/strict";
import { test } from "node:test";
import { auditDetailsText } from "./audit-details.ts";

test("audit details read as short key: value text", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{}, "—"],
    [{ role: "clinician", siteId: "site-a" }, "role: clinician · siteId: site-a"],
    [{ siteId: null, version: 1 }, "siteId: null · version: 1"],
    // up to 3 list items in full; more are cut with the count
    [{ ids: ["a", "b", "c"] }, "ids: a, b, c"],
    [{ ids: ["a", "b", "c", "d", "e"], total: 5 }, "ids: a, b, c, … (5 in all) · total: 5"],
    // nested filters: key=value pairs; an empty object says so
    [{ filters: {} }, "filters: none"],
    [
      { filters: { state: ["REPEAT_OLIGOPROGRESSION"], primarySite: ["prostate"] } },
      "filters: state=REPEAT_OLIGOPROGRESSION; primarySite=prostate",
    ],
  ];
  for (const [details, expected] of cases) assert.equal(auditDetailsText(details), expected);
});
