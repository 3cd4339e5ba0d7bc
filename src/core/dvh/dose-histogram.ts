// Differential dose-volume histogram built from weighted samples. A sample stands for a small
// box of the structure over which the dose is close to linear; its volume is spread uniformly
// over the box's dose range [d − W/2, d + W/2] (exact for a dose gradient along one axis of the
// box, the variance-matched approximation otherwise). This turns the staircase a point-sampled
// DVH shows (one step per sample row) into the piecewise-linear curve of the continuous dose.
//
// The spread is accumulated in O(1) per sample: the cumulative mass F(d) is piecewise linear, so
// each box adds a kink of slope +ρ at d − W/2 and −ρ at d + W/2 (ρ = volume / W), kept as running
// slope/offset increments per bin edge and summed once at the end.
import type { DvhScratch } from "./scratch.ts";

export class DoseHistogramBuilder {
  readonly binWidthGy: number;
  readonly bins: number;
  private readonly invBw: number;
  private readonly slope: Float64Array;
  private readonly offset: Float64Array;
  private readonly point: Float64Array;
  private readonly upperGy: number;
  /** Σ volume, Σ volume·dose over the samples (mm³, mm³·Gy) */
  volumeMm3 = 0;
  doseVolume = 0;
  minGy = Number.POSITIVE_INFINITY;
  maxGy = Number.NEGATIVE_INFINITY;
  samples = 0;

  /**
   * Bins cover [0, upperGy]; doses beyond are clipped into the range (they cannot occur for a grid
   * of max upperGy). With `scratch`, the working arrays are the scratch's (cleared here).
   */
  constructor(binWidthGy: number, upperGy: number, scratch?: DvhScratch) {
    this.binWidthGy = binWidthGy;
    this.invBw = 1 / binWidthGy;
    this.upperGy = Math.max(upperGy, 0);
    this.bins = Math.max(1, Math.ceil(this.upperGy * this.invBw) + 1);
    if (scratch === undefined) {
      this.slope = new Float64Array(this.bins + 2);
      this.offset = new Float64Array(this.bins + 2);
      this.point = new Float64Array(this.bins);
    } else {
      this.slope = scratch.float64("histogram.slope", this.bins + 2).fill(0, 0, this.bins + 2);
      this.offset = scratch.float64("histogram.offset", this.bins + 2).fill(0, 0, this.bins + 2);
      this.point = scratch.float64("histogram.point", this.bins).fill(0, 0, this.bins);
    }
  }

  /** Adds `volumeMm3` spread uniformly over [doseGy − spreadGy/2, doseGy + spreadGy/2]. */
  add(doseGy: number, spreadGy: number, volumeMm3: number): void {
    this.addRange(doseGy - spreadGy / 2, doseGy + spreadGy / 2, doseGy, volumeMm3);
  }

  /**
   * Adds `volumeMm3` spread uniformly over [lowGy, highGy] (clipped to [0, upper]); `meanGy` is
   * its mean dose (for Dmean, which does not depend on the binning).
   */
  addRange(lowGy: number, highGy: number, meanGy: number, volumeMm3: number): void {
    if (!(volumeMm3 > 0)) return;
    this.samples++;
    this.volumeMm3 += volumeMm3;
    this.doseVolume += volumeMm3 * meanGy;
    let d1 = lowGy;
    let d2 = highGy;
    if (d1 < 0) d1 = 0;
    if (d2 > this.upperGy) d2 = this.upperGy;
    if (d1 > d2) d1 = d2 = Math.min(Math.max(meanGy, 0), this.upperGy);
    if (d1 < this.minGy) this.minGy = d1;
    if (d2 > this.maxGy) this.maxGy = d2;
    const x1 = d1 * this.invBw;
    const x2 = d2 * this.invBw;
    if (x2 - x1 < 1e-9) {
      const b = Math.min(Math.floor(x1), this.bins - 1);
      this.point[b] = this.point[b]! + volumeMm3;
      return;
    }
    // F(edge i) gains ρ·(max(0, i − x1) − max(0, i − x2)) with ρ in volume per bin
    const rho = volumeMm3 / (x2 - x1);
    const c1 = Math.ceil(x1);
    const c2 = Math.ceil(x2);
    this.slope[c1] = this.slope[c1]! + rho;
    this.offset[c1] = this.offset[c1]! - rho * x1;
    this.slope[c2] = this.slope[c2]! - rho;
    this.offset[c2] = this.offset[c2]! + rho * x2;
  }

  /** Differential histogram: volume (mm³) with dose in [i·bw, (i+1)·bw). */
  differentialMm3(): Float64Array {
    const out = new Float64Array(this.bins);
    let s = 0;
    let o = 0;
    let prev = 0;
    for (let i = 0; i <= this.bins; i++) {
      s += this.slope[i]!;
      o += this.offset[i]!;
      const f = i * s + o;
      if (i > 0) out[i - 1] = Math.max(0, f - prev) + this.point[i - 1]!;
      prev = f;
    }
    return out;
  }
}

/** A bin width (Gy) that is 1, 2 or 5 × 10^k and gives about `targetBins` bins up to maxDoseGy. */
export function autoBinWidthGy(maxDoseGy: number, targetBins = 10_000): number {
  if (!(maxDoseGy > 0)) return 0.001;
  const raw = maxDoseGy / targetBins;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return Math.min(Math.max(nice * p, 1e-5), 0.01);
}
