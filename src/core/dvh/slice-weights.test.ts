import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { areaInterpolant, capExtentMm, sliceWeightsMm } from "./slice-weights.ts";

const integral = (z: number[], w: Float64Array, f: (z: number) => number) =>
  z.reduce((s, zk, k) => s + w[k]! * f(zk), 0);

describe("slice weights (integration between contour planes)", () => {
  const profiles: { name: string; f: (z: number) => number; F: (z: number) => number; degree: number }[] = [
    { name: "constant (cylinder)", f: () => 7, F: (z) => 7 * z, degree: 0 },
    { name: "linear", f: (z) => 3 + 2 * z, F: (z) => 3 * z + z * z, degree: 1 },
    // sphere of radius 12 centred at z = 12: A(z) = π(144 − (z − 12)²)
    {
      name: "sphere cross-section (quadratic)",
      f: (z) => Math.PI * (144 - (z - 12) ** 2),
      F: (z) => Math.PI * (144 * z - (z - 12) ** 3 / 3),
      degree: 2,
    },
    { name: "cubic", f: (z) => z ** 3 - 2 * z, F: (z) => z ** 4 / 4 - z * z, degree: 3 },
  ];
  for (const n of [3, 4, 5, 6, 9, 13]) {
    const s = 24 / (n - 1);
    const z = Array.from({ length: n }, (_, k) => k * s);
    for (const p of profiles) {
      const exact = p.F(24) - p.F(0);
      // 4-plane stencils reproduce cubics; a run of 3 planes (Simpson) is exact up to degree 3 as well
      it(`cubic rule, ${n} planes, ${p.name}: exact`, () => {
        const got = integral(z, sliceWeightsMm(z, "cubic"), p.f);
        const tol = 1e-9 * Math.max(1, Math.abs(exact));
        assert.ok(Math.abs(got - exact) <= tol, `${got} vs ${exact}`);
      });
    }
    it(`slab rule, ${n} planes, is the trapezoid rule (exact for linear profiles)`, () => {
      const w = sliceWeightsMm(z, "slab");
      assert.ok(Math.abs(integral(z, w, (x) => 3 + 2 * x) - (3 * 24 + 576)) < 1e-9);
      assert.ok(Math.abs(w[0]! - s / 2) < 1e-12 && Math.abs(w[1]! - s) < 1e-12);
    });
  }

  it("cubic weights are positive for every run length (uniform spacing)", () => {
    for (let n = 2; n <= 30; n++) {
      const w = sliceWeightsMm(
        Array.from({ length: n }, (_, k) => 2 * k),
        "cubic",
      );
      assert.ok(
        [...w].every((x) => x > 0),
        `n = ${n}: ${[...w].join(", ")}`,
      );
    }
  });

  it("the cubic rule falls back to the trapezoid rule where gaps differ by more than 50 %", () => {
    const z = [0, 1, 2, 5, 6, 7];
    const w = sliceWeightsMm(z, "cubic");
    // every weight stays positive and the total thickness is the extent (constant profile exact)
    assert.ok([...w].every((x) => x > 0));
    assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 7) < 1e-12);
  });

  it("the area interpolant passes through the planes and integrates to the weighted sum", () => {
    const z = [0, 3, 6, 9, 12, 15, 18];
    const areas = [0.05, 198, 339, 424, 339, 198, 0.05];
    const w = sliceWeightsMm(z, "cubic");
    let integ = 0;
    for (let i = 0; i + 1 < z.length; i++) {
      const A = areaInterpolant(z, areas, i, "cubic");
      assert.ok(Math.abs(A(z[i]!) - areas[i]!) < 1e-9);
      assert.ok(Math.abs(A(z[i + 1]!) - areas[i + 1]!) < 1e-9);
      const steps = 3000;
      for (let s = 0; s < steps; s++) integ += A(z[i]! + ((s + 0.5) / steps) * 3) * (3 / steps);
    }
    const sum = z.reduce((acc, _, k) => acc + w[k]! * areas[k]!, 0);
    assert.ok(Math.abs(integ - sum) < 1e-3 * sum, `${integ} vs ${sum}`);
  });

  it("end caps: none 0, half and tapered half a gap, full one gap", () => {
    assert.deepEqual(
      (["none", "half", "tapered", "full"] as const).map((c) => capExtentMm(c, 3)),
      [0, 1.5, 1.5, 3],
    );
  });
});
