// A real, analytic DvhQuery for tests of DVH consumers (constraint evaluation): a structure of
// volumeCc whose dose is spread uniformly between minGy and maxGy (every dose equally likely), so
// the cumulative DVH is a straight line:
//   V(≥x) = Vin · (maxGy − x)/(maxGy − minGy)   for minGy ≤ x ≤ maxGy (Vin above minGy, 0 above maxGy)
//   D(v)  = maxGy − (v/Vin) · (maxGy − minGy)     for 0 ≤ v ≤ Vin (the inverse)
//   Dmean = (minGy + maxGy)/2
// Vin = volumeCc − outsideCc is the part inside the dose grid; like the DVH engine, look-ups beyond
// it return NaN and percentages are of the total volume. minGy = maxGy gives a single dose level.
import type { DvhQuery } from "../../src/core/index.ts";

export function uniformDoseDvh(volumeCc: number, minGy: number, maxGy: number, outsideCc = 0): DvhQuery {
  const inside = volumeCc - outsideCc;
  const span = maxGy - minGy;
  const volumeAtDoseCc = (x: number): number => {
    if (x <= minGy) return inside;
    if (x > maxGy) return 0;
    return span === 0 ? inside : (inside * (maxGy - x)) / span;
  };
  const doseAtVolumeCc = (v: number): number => {
    if (v > inside * (1 + 1e-12)) return Number.NaN;
    return span === 0 ? maxGy : maxGy - (v / inside) * span;
  };
  return {
    volumeCc,
    volumeOutsideGridCc: outsideCc,
    minGy,
    maxGy,
    meanGy: (minGy + maxGy) / 2,
    doseAtVolumeCc,
    doseAtVolumePercent: (p) => doseAtVolumeCc((p / 100) * volumeCc),
    volumeAtDoseCc,
    volumeAtDosePercent: (x) => (100 * volumeAtDoseCc(x)) / volumeCc,
  };
}
