import assert from "node:assert/strict";
import { test } from "node:test";
import { toDayNumber } from "../../core/index.ts";
import { dateTicks } from "./date-ticks.ts";

const d = toDayNumber;

test("a 5-year span gets yearly ticks on 1 January", () => {
  const ticks = dateTicks(d("2019-03-10"), d("2024-02-01"));
  assert.deepEqual(
    ticks.map((t) => t.label),
    ["2020", "2021", "2022", "2023", "2024"],
  );
  assert.equal(ticks[0]?.day, d("2020-01-01"));
});

test("a 2-year span gets half-year ticks; the first tick and January carry the year", () => {
  const ticks = dateTicks(d("2022-02-15"), d("2024-01-20"));
  assert.deepEqual(
    ticks.map((t) => t.label),
    ["Jul 2022", "Jan 2023", "Jul", "Jan 2024"],
  );
});

test("a 5-month span gets monthly ticks", () => {
  const ticks = dateTicks(d("2024-01-01"), d("2024-05-31"));
  assert.deepEqual(
    ticks.map((t) => t.label),
    ["Jan 2024", "Feb", "Mar", "Apr", "May"],
  );
});

test("an empty span has no ticks", () => {
  assert.deepEqual(dateTicks(10, 10), []);
});
