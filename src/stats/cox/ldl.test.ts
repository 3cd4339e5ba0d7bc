// LDLᵀ with R's cholesky2 rank rule: solves and inverts positive definite matrices exactly enough,
// and flags an aliased (linearly dependent) variable instead of dividing by a rounding residue.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { ldlDecompose, ldlInverse, ldlQuadraticForm, ldlSolve } from "./ldl.ts";

test("A·A⁻¹ = I and A·solve(A, b) = b for random positive definite A", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 48, maxLength: 48 }),
      (n, r) => {
        // A = BᵀB + I
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = i === j ? 1 : 0;
            for (let k = 0; k < n; k++) s += r[k * n + i]! * r[k * n + j]!;
            a[i * n + j] = s;
          }
        }
        const f = ldlDecompose(a, n, 1e-12);
        assert.equal(f.rank, n);
        const inv = ldlInverse(f);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
            assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-9, `AA⁻¹[${i},${j}] = ${s}`);
          }
        }
        const b = Array.from({ length: n }, (_, i) => i + 1);
        const y = ldlSolve(f, b);
        let q = 0;
        for (let i = 0; i < n; i++) q += b[i]! * y[i]!;
        assert.ok(Math.abs(ldlQuadraticForm(f, b) - q) < 1e-12 * (1 + Math.abs(q)));
      },
    ),
    { numRuns: 200 },
  );
});

test("a dependent column is aliased: rank 2, zero row and column in the inverse", () => {
  // columns: u, v, u + v  →  A = XᵀX with X = [[1,0,1],[0,1,1],[1,1,2]]
  const a = Float64Array.of(2, 1, 3, 1, 2, 3, 3, 3, 6);
  const f = ldlDecompose(a, 3, 1e-10);
  assert.equal(f.rank, 2);
  assert.deepEqual(f.aliased, [false, false, true]);
  const inv = ldlInverse(f);
  assert.deepEqual([inv[2], inv[5], inv[6], inv[7], inv[8]], [0, 0, 0, 0, 0]);
  // the 2 × 2 block is the inverse of [[2,1],[1,2]] = [[2,-1],[-1,2]]/3
  assert.ok(Math.abs(inv[0]! - 2 / 3) < 1e-15 && Math.abs(inv[1]! + 1 / 3) < 1e-15);
});
