import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { autoBinWidthGy, DoseHistogramBuilder } from "./dose-histogram.ts";

describe("dose histogram with box spreading", () => {
  it("a uniform spread over [d − W/2, d + W/2] fills the bins by overlap", () => {
    // 10 mm³ spread over [1.005, 1.035] Gy with 0.01 Gy bins: overlaps 0.005, 0.01, 0.01, 0.005 → 1/6, 1/3, 1/3, 1/6
    const h = new DoseHistogramBuilder(0.01, 2);
    h.add(1.02, 0.03, 10);
    const d = h.differentialMm3();
    const expect = [10 / 6, 10 / 3, 10 / 3, 10 / 6];
    for (const [k, v] of expect.entries()) {
      assert.ok(Math.abs(d[100 + k]! - v) < 1e-9, `bin ${100 + k}: ${d[100 + k]} vs ${v}`);
    }
    assert.ok(Math.abs(d.reduce((a, b) => a + b, 0) - 10) < 1e-9);
    assert.ok(Math.abs(h.minGy - 1.005) < 1e-12 && Math.abs(h.maxGy - 1.035) < 1e-12);
  });

  it("a point deposit (no spread) lands in its bin; Σ volume·dose gives the mean", () => {
    const h = new DoseHistogramBuilder(0.01, 5);
    h.add(2.345, 0, 4);
    h.add(1.5, 0, 4);
    const d = h.differentialMm3();
    assert.equal(d[234], 4);
    assert.equal(d[150], 4);
    assert.ok(Math.abs(h.doseVolume / h.volumeMm3 - (2.345 + 1.5) / 2) < 1e-12);
  });

  it("spreads are clipped to [0, grid maximum] without losing volume", () => {
    const h = new DoseHistogramBuilder(0.1, 1);
    h.add(0.05, 0.4, 2);
    h.add(0.95, 0.4, 2);
    const d = h.differentialMm3();
    assert.ok(Math.abs(d.reduce((a, b) => a + b, 0) - 4) < 1e-9);
    assert.equal(h.minGy, 0);
    assert.equal(h.maxGy, 1);
  });

  it("auto bin width: 1-2-5 steps, ~10 000 bins, at most 0.01 Gy", () => {
    assert.equal(autoBinWidthGy(29.5), 0.005);
    assert.equal(autoBinWidthGy(62), 0.01);
    assert.equal(autoBinWidthGy(9), 0.001);
    assert.equal(autoBinWidthGy(0), 0.001);
  });
});
