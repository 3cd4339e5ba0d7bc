import assert from "node:assert/strict";
import { test } from "node:test";
import { formatTick, linearScale, linearTicks, logScale, logTicks, niceMax, niceStep } from "./scale.ts";

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("linearScale maps the domain onto the range (also reversed ranges)", () => {
  const y = linearScale([0, 1], [300, 10]);
  close(y(0), 300);
  close(y(1), 10);
  close(y(0.5), 155);
  assert.equal(linearScale([2, 2], [0, 100])(2), 50);
});

test("logScale puts 1 in the middle of [0.1, 10]", () => {
  const x = logScale([0.1, 10], [0, 200]);
  close(x(1), 100);
  close(x(0.1), 0);
  close(x(10), 200);
  assert.throws(() => logScale([0, 1], [0, 1]), RangeError);
});

test("nice steps are 1, 2, 2.5 or 5 times a power of ten", () => {
  // span/count = raw step; hand derivation: 60/8 = 7.5 -> 10; 1/5 = 0.2 -> 0.2; 22/10 = 2.2 -> 2.5; 37/8 = 4.6 -> 5
  assert.equal(niceStep(60, 8), 10);
  close(niceStep(1, 5), 0.2);
  assert.equal(niceStep(22, 10), 2.5);
  assert.equal(niceStep(37, 8), 5);
});

test("linearTicks and niceMax", () => {
  assert.deepEqual(linearTicks(0, 60, 6), [0, 10, 20, 30, 40, 50, 60]);
  assert.deepEqual(linearTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(linearTicks(3, 3, 5), [3]);
  assert.equal(niceMax(57.3, 8), 60);
  assert.equal(niceMax(0, 8), 1);
});

test("logTicks lists 1-2-5 steps inside the domain", () => {
  assert.deepEqual(logTicks(0.2, 5), [0.2, 0.5, 1, 2, 5]);
  assert.deepEqual(logTicks(0.5, 20), [0.5, 1, 2, 5, 10, 20]);
});

test("formatTick has no float noise", () => {
  assert.equal(formatTick(0.30000000000000004), "0.3");
  assert.equal(formatTick(12.5), "12.5");
  assert.equal(formatTick(120), "120");
});
