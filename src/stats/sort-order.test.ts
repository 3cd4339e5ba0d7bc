// Reference: a plain comparison sort (Array.prototype.sort with a numeric comparator, stable since
// ES2019) of the same keys; the radix, hashed and counting-sort paths must give the same answer.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  orderByRank,
  rankDistinct,
  rankDistinctHashed,
  rankDistinctSorted,
  sortOrder,
} from "./sort-order.ts";

/** Stable ascending order by value, −0 equal to +0. */
function naiveOrder(keys: Float64Array): number[] {
  return Array.from(keys.keys()).sort((a, b) => keys[a]! - keys[b]!);
}

const keyArrays = fc.oneof(
  // heavy ties: whole days, as survival registries store them
  fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }).map((a) => Float64Array.from(a)),
  // any finite doubles, with −0 and +0
  fc
    .array(
      fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e-300, -2.5)),
      {
        maxLength: 300,
      },
    )
    .map((a) => Float64Array.from(a)),
);

describe("sort order and distinct ranks", () => {
  test("sortOrder equals a stable comparison sort", () => {
    fc.assert(
      fc.property(keyArrays, (keys) => {
        const order = sortOrder(keys);
        assert.deepEqual(
          Array.from(order, (i) => keys[i]! + 0),
          naiveOrder(keys).map((i) => keys[i]! + 0),
        );
      }),
    );
  });

  test("sortOrder with 16-bit digits (20 000 keys) equals a stable comparison sort", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let state = seed >>> 0;
        const next = (): number => {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          return state;
        };
        // doubles of every sign and magnitude, many repeated
        const keys = Float64Array.from(
          { length: 20000 },
          () => ((next() % 4000) - 2000) * 2 ** ((next() % 80) - 40),
        );
        assert.deepEqual(Array.from(sortOrder(keys)), naiveOrder(keys));
      }),
      { numRuns: 5 },
    );
  });

  test("rankDistinct: hashed and sorted paths agree with the naive ranks; orderByRank is the stable order", () => {
    fc.assert(
      fc.property(keyArrays, (keys) => {
        const distinct = Array.from(new Set(Array.from(keys, (v) => v + 0))).sort((a, b) => a - b);
        const expectedRank = Array.from(keys, (v) => distinct.indexOf(v + 0));
        for (const r of [
          rankDistinctSorted(keys),
          rankDistinctHashed(keys, keys.length)!,
          rankDistinct(keys),
        ]) {
          assert.deepEqual(Array.from(r.values), distinct);
          assert.deepEqual(Array.from(r.rank), expectedRank);
          assert.deepEqual(Array.from(orderByRank(r.rank, r.values.length)), naiveOrder(keys));
        }
      }),
      { numRuns: 300 },
    );
  });

  test("the hashed path grows its table past many distinct values, and gives up above maxDistinct", () => {
    const keys = Float64Array.from({ length: 20000 }, (_, i) => (i * 7919) % 5003);
    const r = rankDistinctHashed(keys, 6000)!;
    assert.equal(r.values.length, 5003);
    assert.deepEqual(r, rankDistinctSorted(keys));
    assert.equal(rankDistinctHashed(keys, 5002), undefined);
  });
});
