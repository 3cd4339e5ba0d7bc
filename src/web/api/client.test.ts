// Pure parts of the client. The requests themselves are tested against the real server in
// test/e2e/api-client.test.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { queryString } from "./client.ts";

test("queryString keeps defined, non-empty values in order and encodes them", () => {
  assert.equal(queryString({}), "");
  assert.equal(queryString({ q: "", state: undefined }), "");
  assert.equal(
    queryString({ q: "O'Brien & co", limit: 50, offset: 0 }),
    "?q=O%27Brien+%26+co&limit=50&offset=0",
  );
  assert.equal(queryString({ asOf: "2024-02-29", gate: "le5-3organs" }), "?asOf=2024-02-29&gate=le5-3organs");
});
