import assert from "node:assert/strict";
import { test } from "node:test";
import { hrefFor, parseRoute, type Route } from "./route.ts";

test("parseRoute reads every page of the app", () => {
  const cases: [string, Route][] = [
    ["", { page: "home" }],
    ["#/", { page: "home" }],
    ["#/login", { page: "login" }],
    ["#/login?next=%2Fpatients%2FP1", { page: "login", next: "/patients/P1" }],
    ["#/patients", { page: "patients", query: {} }],
    [
      "#/patients?q=smith&state=REPEAT_OLIGOPROGRESSION",
      { page: "patients", query: { q: "smith", state: "REPEAT_OLIGOPROGRESSION" } },
    ],
    ["#/patients/new", { page: "patient-new" }],
    ["#/patients/P-001", { page: "patient", id: "P-001", query: {} }],
    ["#/patients/P%2F1?asOf=2024-01-31", { page: "patient", id: "P/1", query: { asOf: "2024-01-31" } }],
    ["#/patients/P-001/edit", { page: "patient-edit", id: "P-001" }],
    ["#/cohort?endpoint=pfs", { page: "cohort", query: { endpoint: "pfs" } }],
    ["#/plan-check", { page: "plan-check" }],
    ["#/calculator", { page: "calculator", query: {} }],
    ["#/admin", { page: "admin" }],
    ["#/patients/P1/edit/more", { page: "not-found", path: "/patients/P1/edit/more" }],
    ["#/nowhere", { page: "not-found", path: "/nowhere" }],
    // a malformed escape is not a patient id
    ["#/patients/%E0%A4%A", { page: "not-found", path: "/patients/%E0%A4%A" }],
  ];
  for (const [hash, expected] of cases) assert.deepEqual(parseRoute(hash), expected, hash);
});

test("empty query values are dropped", () => {
  assert.deepEqual(parseRoute("#/patients?q=&state=X"), { page: "patients", query: { state: "X" } });
});

test("hrefFor is the inverse of parseRoute", () => {
  const routes: Route[] = [
    { page: "home" },
    { page: "login", next: "/cohort" },
    { page: "patients", query: { q: "a b", primarySite: "nsclc" } },
    { page: "patient-new" },
    { page: "patient", id: "id with/slash", query: { gate: "le3" } },
    { page: "patient-edit", id: "P-9" },
    { page: "cohort", query: {} },
    { page: "plan-check" },
    { page: "calculator", query: { dose: "54", fx: "3" } },
    { page: "admin" },
  ];
  for (const r of routes) assert.deepEqual(parseRoute(hrefFor(r)), r, hrefFor(r));
});
