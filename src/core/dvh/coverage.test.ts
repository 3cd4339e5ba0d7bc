import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  AreaRasterizer,
  type CellRaster,
  CoverageRuns,
  perimeterMm,
  polygonSigns,
  rasterizeEvenOdd,
  signedAreaMm2,
} from "./coverage.ts";

const square = (x0: number, y0: number, x1: number, y1: number) =>
  Float64Array.from([x0, y0, x1, y0, x1, y1, x0, y1]);
const ngon = (cx: number, cy: number, r: number, n: number) => {
  const p = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    p[2 * i] = cx + r * Math.cos((2 * Math.PI * i) / n);
    p[2 * i + 1] = cy + r * Math.sin((2 * Math.PI * i) / n);
  }
  return p;
};
/** regular n-gon area: n/2 · r² · sin(2π/n) */
const ngonArea = (r: number, n: number) => (n / 2) * r * r * Math.sin((2 * Math.PI) / n);
const raster = (h: number, lo = -20, hi = 20): CellRaster => ({
  u0: lo,
  v0: lo,
  hu: h,
  hv: h,
  nu: Math.ceil((hi - lo) / h),
  nv: Math.ceil((hi - lo) / h),
});
/** sampled even-odd scanlines (used where contours cross) */
const scanlineArea = (polys: Float64Array[], r: CellRaster, subRows = 8) =>
  rasterizeEvenOdd(polys, r, subRows).reduce((s, c) => s + c, 0) * r.hu * r.hv;
/** exact area coverage with nesting-parity signs (used otherwise) */
const exactCoverage = (polys: Float64Array[], r: CellRaster) => {
  const cells = r.nu * r.nv;
  const index = new Int32Array(cells);
  const value = new Float64Array(cells);
  const n = new AreaRasterizer(r).rasterize(polys, polygonSigns(polys).signs, index, value);
  const out = new Float64Array(cells);
  for (let i = 0; i < n; i++) out[index[i]!] = value[i]!;
  return out;
};
const exactArea = (polys: Float64Array[], r: CellRaster) =>
  exactCoverage(polys, r).reduce((s, c) => s + c, 0) * r.hu * r.hv;

describe("even-odd coverage", () => {
  // expected areas: shoelace / regular-polygon formula (hand derivations in the comments)
  const cases: { name: string; polys: Float64Array[]; area: number; tol: number }[] = [
    { name: "axis-aligned square on cell edges", polys: [square(-5, -5, 5, 5)], area: 100, tol: 1e-9 },
    { name: "square off the cell grid", polys: [square(-4.3, -3.7, 5.9, 6.2)], area: 10.2 * 9.9, tol: 1e-9 },
    {
      name: "square given clockwise",
      polys: [square(-4.3, -3.7, 5.9, 6.2).reverse()],
      area: 10.2 * 9.9,
      tol: 1e-9,
    },
    { name: "128-gon r=10", polys: [ngon(0.3, -0.2, 10, 128)], area: ngonArea(10, 128), tol: 1e-9 },
    {
      name: "annulus: outer r=10, hole r=5 (second contour)",
      polys: [ngon(0, 0, 10, 128), ngon(0, 0, 5, 128)],
      area: ngonArea(10, 128) - ngonArea(5, 128),
      tol: 1e-9,
    },
    {
      name: "island in a hole: + r=2 inside the hole",
      polys: [ngon(0, 0, 10, 128), ngon(0, 0, 5, 128), ngon(0, 0, 2, 64)],
      area: ngonArea(10, 128) - ngonArea(5, 128) + ngonArea(2, 64),
      tol: 1e-9,
    },
    {
      // even-odd: the 5×5 overlap of two 10×10 squares is outside → 100 + 100 − 2·25
      name: "two overlapping squares (overlap is a hole)",
      polys: [square(0, 0, 10, 10), square(5, 5, 15, 15)],
      area: 150,
      tol: 1e-9,
    },
    {
      name: "two disjoint parts on one plane",
      polys: [ngon(-10, 0, 4, 64), ngon(10, 0, 4, 64)],
      area: 2 * ngonArea(4, 64),
      tol: 1e-9,
    },
  ];
  for (const c of cases) {
    const { crossing } = polygonSigns(c.polys);
    for (const h of [0.25, 1, 3]) {
      it(`${c.name}, cells ${h} mm: ${crossing ? "sampled (contours cross), within 1 %" : "exact"}`, () => {
        const got = crossing ? scanlineArea(c.polys, raster(h)) : exactArea(c.polys, raster(h));
        const tol = crossing ? 0.01 : c.tol;
        assert.ok(Math.abs(got - c.area) <= tol * c.area + 1e-9, `area ${got} vs ${c.area}`);
      });
    }
  }

  it("crossing contours are detected; nested ones get alternating signs", () => {
    assert.equal(polygonSigns([square(0, 0, 10, 10), square(5, 5, 15, 15)]).crossing, true);
    const nested = polygonSigns([ngon(0, 0, 10, 64), ngon(0, 0, 5, 64), ngon(0, 0, 2, 32)]);
    assert.equal(nested.crossing, false);
    assert.deepEqual([...nested.signs], [1, -1, 1]);
  });

  it("cells partly covered get the exact fraction (triangle over a 2×2 raster)", () => {
    // right triangle (0,0)-(2,0)-(0,2) on cells of 1 mm: cells (0,0) 1, (1,0) 0.5, (0,1) 0.5, (1,1) 0
    const cov = exactCoverage([Float64Array.from([0, 0, 2, 0, 0, 2])], {
      u0: 0,
      v0: 0,
      hu: 1,
      hv: 1,
      nu: 2,
      nv: 2,
    });
    for (const [i, want] of [1, 0.5, 0.5, 0].entries()) {
      assert.ok(Math.abs(cov[i]! - want) < 1e-12, `cell ${i}: ${cov[i]}`);
    }
  });

  it("property: coverage area equals the shoelace area of star-shaped polygons", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 2, max: 15, noNaN: true }), { minLength: 3, maxLength: 40 }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (radii, h, shift) => {
          const n = radii.length;
          const p = new Float64Array(2 * n);
          radii.forEach((r, i) => {
            p[2 * i] = shift + r * Math.cos((2 * Math.PI * i) / n);
            p[2 * i + 1] = -shift + r * Math.sin((2 * Math.PI * i) / n);
          });
          const exact = Math.abs(signedAreaMm2(p));
          const got = exactArea([p], raster(h));
          // the scanline fallback: sampling error only on the rows holding vertices
          const sampled = scanlineArea([p], raster(h), 8);
          return (
            Math.abs(got - exact) <= 1e-9 * exact &&
            Math.abs(sampled - exact) <= 0.01 * exact + n * h * h * 0.05
          );
        },
      ),
      { numRuns: 200, seed: 20261123 },
    );
  });

  // second row: many short edges per cell row (200–600 vertices, cells 4–8 mm: often more than
  // 16 edge pieces in a row, which rasterizeRuns orders by a key sort instead of insertion)
  for (const cfg of [
    { name: "", vertices: [3, 60], cellMm: [0.2, 3], runs: true },
    { name: ", dense outlines on coarse cells", vertices: [200, 600], cellMm: [4, 8], runs: false },
  ] as const)
    it(`property: run-length coverage (edge cells + interior runs) equals the per-cell coverage${cfg.name}`, () => {
      // two paths must agree: rasterizeRuns (used by the engine) and rasterize, cell by cell
      const star = (radii: number[], cx: number, cy: number, scale: number) => {
        const n = radii.length;
        const p = new Float64Array(2 * n);
        radii.forEach((r, i) => {
          p[2 * i] = cx + scale * r * Math.cos((2 * Math.PI * i) / n);
          p[2 * i + 1] = cy + scale * r * Math.sin((2 * Math.PI * i) / n);
        });
        return p;
      };
      let runsSeen = 0;
      let maxEdgesInRow = 0;
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 4, max: 15, noNaN: true }), {
            minLength: cfg.vertices[0],
            maxLength: cfg.vertices[1],
          }),
          fc.double({ min: cfg.cellMm[0], max: cfg.cellMm[1], noNaN: true }),
          fc.double({ min: -8, max: 8, noNaN: true }),
          fc.boolean(),
          (radii, h, shift, hole) => {
            // a star, optionally with a smaller star inside it as a hole, partly beyond the raster
            const polys = [star(radii, shift, -shift, 1)];
            if (hole) polys.push(star(radii, shift, -shift, 0.25));
            const r = raster(h, -14, 14);
            const { signs } = polygonSigns(polys);
            const cells = r.nu * r.nv;
            const want = exactCoverage(polys, r);
            const index = new Int32Array(cells);
            const value = new Float64Array(cells);
            const runs = new CoverageRuns();
            const n = new AreaRasterizer(r).rasterizeRuns(polys, signs, index, value, runs);
            runsSeen += runs.count;
            // most edges meeting one cell row (each adds at least one edge piece to that row)
            const perRow = new Int32Array(r.nv);
            for (const p of polys) {
              const m = p.length >> 1;
              for (let i = 0; i < m; i++) {
                const j = (i + 1) % m;
                const ya = (p[2 * i + 1]! - r.v0) / r.hv;
                const yb = (p[2 * j + 1]! - r.v0) / r.hv;
                if (ya === yb) continue;
                const b0 = Math.max(0, Math.floor(Math.min(ya, yb)));
                const b1 = Math.min(r.nv - 1, Math.ceil(Math.max(ya, yb)) - 1);
                for (let b = b0; b <= b1; b++) perRow[b] = perRow[b]! + 1;
              }
            }
            maxEdgesInRow = Math.max(maxEdgesInRow, ...perRow);
            const got = new Float64Array(cells);
            for (let i = 0; i < n; i++) {
              if (i > 0 && index[i]! <= index[i - 1]!) return false; // row order, no repeats
              got[index[i]!] = value[i]!;
            }
            for (let k = 0; k < runs.count; k++) {
              for (let a = runs.a0[k]!; a < runs.a1[k]!; a++) {
                const c = runs.row[k]! * r.nu + a;
                if (got[c] !== 0) return false; // a cell is listed once
                got[c] = runs.value[k]!;
              }
            }
            return want.every((x, c) => x === got[c]);
          },
        ),
        { numRuns: 300, seed: 20261123 },
      );
      if (cfg.runs) assert.ok(runsSeen > 300, "interior runs were produced");
      else assert.ok(maxEdgesInRow > 16, "rows with more than 16 edge pieces were produced");
    });

  it("shoelace and perimeter of a 3-4-5 right triangle", () => {
    const t = Float64Array.from([0, 0, 4, 0, 0, 3]);
    assert.equal(signedAreaMm2(t), 6);
    assert.equal(perimeterMm(t), 12);
  });
});
