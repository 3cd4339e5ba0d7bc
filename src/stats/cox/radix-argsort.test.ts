// Radix argsort = a stable comparison sort, for negative, fractional, huge and repeated values.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { argsortFloat64 } from "./radix-argsort.ts";

test("argsortFloat64 equals a stable comparison argsort", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 5 })),
        { maxLength: 300 },
      ),
      fc.integer({ min: 0, max: 10 }),
      (list, cut) => {
        const v = Float64Array.from(list);
        const start = Math.min(cut, v.length);
        const expected = Array.from({ length: v.length - start }, (_, i) => i).sort(
          (a, b) => v[start + a]! - v[start + b]! || a - b,
        );
        const got = Array.from(argsortFloat64(v, start));
        // equal values (including −0 and +0) may only appear in input order
        for (let i = 1; i < got.length; i++) {
          const a = v[start + got[i - 1]!]!;
          const b = v[start + got[i]!]!;
          assert.ok(a <= b, `order at ${i}: ${a} > ${b}`);
          if (a === b && !Object.is(a, -0) && !Object.is(b, -0))
            assert.ok(got[i - 1]! < got[i]!, "stability");
        }
        assert.deepEqual(
          [...got].sort((a, b) => a - b),
          expected.slice().sort((a, b) => a - b),
        );
      },
    ),
    { numRuns: 300 },
  );
});

test("argsortFloat64 writes the sorted values bit for bit when asked (−0, infinities, subnormals)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(-0, 0, 5e-324, -5e-324)), {
        maxLength: 200,
      }),
      (list) => {
        const v = Float64Array.from(list);
        const sorted = new Float64Array(v.length + 1).subarray(1); // an offset view, as concordance passes
        const order = argsortFloat64(v, 0, v.length, sorted);
        for (let k = 0; k < v.length; k++) assert.ok(Object.is(sorted[k], v[order[k]!]), `position ${k}`);
      },
    ),
    { numRuns: 300 },
  );
});
