// Speed of the radiobiology functions and of constraint evaluation (the plan-check share after the
// DVHs exist). DVHs: 30 ROIs named like a thoracic/abdominal SABR structure set, each a computed-DVH
// value (0.01 Gy bins to 60 Gy, ~6 000 curve knots) read through the DVH engine's dvhQuery.
// Run: npm run bench -- constraints

import { cumulativeKnots, type RoiDvh } from "../src/core/dvh/roi-dvh.ts";
import {
  AAPM_TG101,
  computeLqDoses,
  convertIsoeffective,
  dvhQuery,
  evaluateConstraints,
  type RoiDvhQuery,
} from "../src/core/index.ts";

type Stats = { median: number; p90: number; min: number };

function measure(run: () => unknown, repeats: number, warmup = 20): Stats {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { median: at(0.5), p90: at(0.9), min: times[0] as number };
}

// A DVH whose differential histogram falls off linearly from 0 Gy to maxGy (a typical OAR shape).
function roiDvh(number: number, name: string, volumeCc: number, maxGy: number): RoiDvh {
  const binWidthGy = 0.01;
  const bins = Math.ceil(maxGy / binWidthGy);
  const differentialCc = new Float64Array(bins);
  let sum = 0;
  for (let i = 0; i < bins; i++) {
    differentialCc[i] = bins - i;
    sum += bins - i;
  }
  let mean = 0;
  for (let i = 0; i < bins; i++) {
    differentialCc[i] = (differentialCc[i]! * volumeCc) / sum;
    mean += differentialCc[i]! * (i + 0.5) * binWidthGy;
  }
  const knots = cumulativeKnots(differentialCc, binWidthGy, 0, maxGy);
  return {
    kind: "roi_dvh",
    roiNumber: number,
    roiName: name,
    volumeCc,
    volumeOutsideGridCc: 0,
    minGy: 0,
    meanGy: mean / volumeCc,
    maxGy,
    binWidthGy,
    differentialCc,
    curveDoseGy: knots.doseGy,
    curveVolumeCc: knots.volumeCc,
    warnings: [],
  };
}

const names: readonly [string, number, number][] = [
  ["SpinalCord", 60, 22],
  ["SpinalCanal_PRV", 90, 26],
  ["Esophagus", 35, 30],
  ["BrachialPlex_L", 25, 28],
  ["BrachialPlex_R", 25, 8],
  ["Heart", 650, 34],
  ["GreatVes", 180, 45],
  ["Trachea", 40, 20],
  ["Bronchus_Main_L", 12, 24],
  ["Bronchus", 30, 30],
  ["Lungs-GTV", 3800, 60],
  ["Lung_L", 1800, 60],
  ["Lung_R", 2000, 15],
  ["Chestwall_L", 900, 50],
  ["Rib", 120, 48],
  ["Skin", 2500, 30],
  ["Stomach", 300, 20],
  ["Duodenum", 80, 18],
  ["Bowel_Small", 900, 22],
  ["Colon", 600, 12],
  ["Liver", 1600, 25],
  ["Kidney_L", 160, 8],
  ["Kidney_R", 170, 6],
  ["Kidney_Cortex", 200, 9],
  ["External", 25000, 60],
  ["PTV", 60, 60],
  ["GTV", 20, 60],
  ["ITV", 30, 60],
  ["Couch", 4000, 5],
  ["Marker", 0.2, 55],
];
const rois: RoiDvhQuery[] = names.map(([name, cc, max], i) => ({
  name,
  dvh: dvhQuery(roiDvh(i + 1, name, cc, max)),
}));

const rows: string[][] = [];
function row(what: string, s: Stats, unit: "ms" | "µs", scale = 1): void {
  const f = (x: number) => (x * scale).toFixed(unit === "ms" ? 3 : 2);
  rows.push([what, `${f(s.median)} ${unit}`, `${f(s.p90)} ${unit}`]);
}

const check = evaluateConstraints(AAPM_TG101, 5, rois);
if (!check.ok) throw new Error("evaluation failed");
console.log(`TG-101, 5 fractions, 30 ROIs: ${check.value.results.length} results`, check.value.counts);

row(
  "evaluateConstraints TG-101, 5 fx, 30 ROIs",
  measure(() => evaluateConstraints(AAPM_TG101, 5, rois), 300),
  "ms",
);
row(
  "evaluateConstraints TG-101, 4 fx with LQ conversion",
  measure(() => evaluateConstraints(AAPM_TG101, 4, rois, { lqConversion: {} }), 300),
  "ms",
);
const N = 1000;
row(
  "computeLqDoses (BED + EQD2, checked), per call",
  measure(() => {
    for (let i = 0; i < N; i++) computeLqDoses({ totalDoseGy: 50 + (i % 10), fractions: 5, alphaBetaGy: 10 });
  }, 200),
  "µs",
  1000 / N,
);
row(
  "convertIsoeffective to 1, 3, 5, 8 fx + EQD2, per call",
  measure(() => {
    for (let i = 0; i < N; i++) {
      convertIsoeffective({
        bedGy: 100 + (i % 10),
        alphaBetaGy: 10,
        toFractions: [1, 3, 5, 8],
        eqdxDosesPerFractionGy: [2],
      });
    }
  }, 200),
  "µs",
  1000 / N,
);

console.log("\n| case | median | p90 |\n|---|---:|---:|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
