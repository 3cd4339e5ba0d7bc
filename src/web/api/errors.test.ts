import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError, apiErrorFromBody, describeError } from "./errors.ts";

test("the contract's error body becomes an ApiError with every issue", () => {
  const e = apiErrorFromBody(400, {
    error: {
      code: "validation_failed",
      message: "2 fields are invalid",
      issues: [
        {
          code: "out_of_range",
          path: "imagingStudies[0].lesions[1].sizeMm",
          message: "must be > 0 (got number -4)",
        },
        { code: "required", path: "primary.site", message: "primary.site is required" },
      ],
    },
  });
  assert.equal(e.status, 400);
  assert.equal(e.code, "validation_failed");
  assert.equal(e.message, "2 fields are invalid");
  assert.deepEqual(
    e.issues.map((i) => i.path),
    ["imagingStudies[0].lesions[1].sizeMm", "primary.site"],
  );
});

test("bodies that are not the contract's shape still give a readable error", () => {
  const cases: [number, unknown, string, string][] = [
    [500, undefined, "http_500", "The server failed. The error has been logged."],
    [429, "Too Many Requests", "http_429", "Too many requests: wait a moment and try again."],
    [418, { error: { code: "teapot", message: "" } }, "teapot", "The server answered with status 418."],
    [403, { error: { message: "CSRF token missing" } }, "http_403", "CSRF token missing"],
  ];
  for (const [status, body, code, message] of cases) {
    const e = apiErrorFromBody(status, body);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    assert.deepEqual(e.issues, []);
  }
});

test("malformed issues are dropped or completed, never thrown", () => {
  const e = apiErrorFromBody(400, {
    error: { code: "x", message: "m", issues: [null, { message: "no path" }, 7] },
  });
  assert.deepEqual(e.issues, [{ code: "invalid_value", path: "", message: "no path" }]);
});

test("describeError names an unreachable server", () => {
  assert.equal(
    describeError(new ApiError(0, "network_error", "Failed to fetch")),
    "Cannot reach the Oligoscope server: Failed to fetch",
  );
  assert.equal(describeError(new Error("boom")), "boom");
  assert.equal(describeError("text"), "text");
});
