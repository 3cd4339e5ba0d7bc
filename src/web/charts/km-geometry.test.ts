import assert from "node:assert/strict";
import { test } from "node:test";
import { bandPolygons, censorPoints, pathData, stepPoints, survivalAt } from "./km-geometry.ts";

// A hand-made Kaplan–Meier table: 5 subjects, events at 2 and 5, censored at 3 and 8.
// S(2) = 4/5 = 0.8; at 3 one censored (S stays 0.8); S(5) = 0.8 * (1 - 1/2) = 0.4; censored at 8.
const time = [2, 3, 5, 8];
const survival = [0.8, 0.8, 0.4, 0.4];
const nCensor = [0, 1, 0, 1];

test("stepPoints draws a right-continuous step from (0, 1)", () => {
  assert.deepEqual(stepPoints(time, survival), [
    [0, 1],
    [2, 1],
    [2, 0.8],
    [3, 0.8],
    [5, 0.8],
    [5, 0.4],
    [8, 0.4],
  ]);
});

test("a leading row at time 0 replaces the start", () => {
  assert.deepEqual(stepPoints([0, 4], [1, 0.5]), [
    [0, 1],
    [4, 1],
    [4, 0.5],
  ]);
});

test("censor marks sit on the curve at censoring times", () => {
  assert.deepEqual(censorPoints(time, survival, nCensor), [
    [3, 0.8],
    [8, 0.4],
  ]);
});

test("survivalAt reads the step function", () => {
  assert.equal(survivalAt(time, survival, 0), 1);
  assert.equal(survivalAt(time, survival, 1.99), 1);
  assert.equal(survivalAt(time, survival, 2), 0.8);
  assert.equal(survivalAt(time, survival, 6), 0.4);
});

test("bandPolygons: one closed band, split where a bound is missing", () => {
  const lower = [0.4, 0.4, 0.1, null];
  const upper = [0.97, 0.97, 0.8, null];
  const polys = bandPolygons(time, lower, upper);
  assert.equal(polys.length, 1);
  const poly = polys[0]!;
  // upper line forward from (0,1), extended to t = 8 where the bounds end, then the lower line back
  assert.deepEqual(poly.slice(0, 7), [
    [0, 1],
    [2, 1],
    [2, 0.97],
    [3, 0.97],
    [3, 0.97],
    [5, 0.97],
    [5, 0.8],
  ]);
  assert.deepEqual(poly[7], [8, 0.8]);
  assert.deepEqual(poly[poly.length - 1], [0, 1]);
});

test("pathData maps through the scales and rounds to 0.01 px", () => {
  assert.equal(
    pathData(
      [
        [0, 1],
        [1, 0.5],
      ],
      (v) => v * 100,
      (v) => 200 - v * 200 + 1 / 3,
    ),
    "M0,0.33L100,100.33",
  );
});
