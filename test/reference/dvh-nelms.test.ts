// DVH engine against the Nelms et al. analytical phantoms: "Methods, software and datasets to
// verify DVH calculations against analytical values: twenty years late(r)", Med Phys
// 42(8):4435–4448, 2015 (data via PyPlanScoring, ../shared/data/dicom-rt/nelms-analytical-pps).
// Truth: analytical-results/analytical-points.csv (volume, Dmin, Dmax, Dmean, D99, D95, D5, D1,
// D0.03cc in cGy), which includes half-slice end caps: run with the default options (endCap
// "half", sliceIntegration "cubic"). 90 runnable cases (the 0.4×0.2×0.4 mm grids are not public).
//
// Tolerances (issue 4, item 3): mean |volume error| ≤ 0.5 %; per case |ΔDmean| ≤ 0.1 Gy,
// |ΔD95| and |ΔD5| ≤ 0.3 Gy, D99 never 0 where the analytical value is not. Reference tool:
// dicompyler-core (voxel centres) has a mean volume error of 4.3 % (max 25 %) and D99 = 0 Gy
// in 49 of 90 cases on the same data (../shared/data/dicom-rt/README.md, issue text).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { computeDvhs, type DoseGrid, dvhQuery, type StructureSet } from "../../src/core/index.ts";
import { readRtDose, readRtStruct } from "../../src/interop/index.ts";
import { needsSharedData, sharedDataPath } from "../support/shared-data.ts";

const skip = needsSharedData("dicom-rt", "nelms-analytical-pps");
const base = sharedDataPath("dicom-rt", "nelms-analytical-pps");

type Case = {
  structure: string;
  sliceMm: string;
  shift: string;
  gradient: string;
  doseFile: string;
  /** analytical truth: cc and Gy */
  volumeCc: number;
  meanGy: number;
  d99Gy: number;
  d95Gy: number;
  d5Gy: number;
  d1Gy: number;
};

function cases(): Case[] {
  if (base === undefined) return [];
  const lines = readFileSync(join(base, "analytical-results", "analytical-points.csv"), "utf8")
    .trim()
    .split(/\r?\n/);
  const header = lines[0]!.split(",");
  const col = (name: string) => header.indexOf(name);
  return lines
    .slice(1)
    .map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((f) => f.replace(/^"|"$/g, "")))
    .filter((f) => f[col("dose_grid_file")] !== "")
    .map((f) => ({
      structure: f[col("structure_file")]!,
      sliceMm: f[col("structure_slice_spacing_mm")]!,
      shift: f[col("structure_shift")]!,
      gradient: f[col("dose_gradient")]!,
      doseFile: f[col("dose_grid_file")]!,
      volumeCc: Number(f[col("volume_cc")]),
      meanGy: Number(f[col("dmean_cgy")]) / 100,
      d99Gy: Number(f[col("d99_cgy")]) / 100,
      d95Gy: Number(f[col("d95_cgy")]) / 100,
      d5Gy: Number(f[col("d5_cgy")]) / 100,
      d1Gy: Number(f[col("d1_cgy")]) / 100,
    }));
}

const grids = new Map<string, DoseGrid>();
const structs = new Map<string, StructureSet>();
function load(c: Case): { grid: DoseGrid; ss: StructureSet } {
  let grid = grids.get(c.doseFile);
  if (grid === undefined) {
    const r = readRtDose(new Uint8Array(readFileSync(join(base!, "dose-grids", c.doseFile))));
    assert.ok(r.ok, `${c.doseFile}: ${JSON.stringify(!r.ok && r.issues)}`);
    grid = r.value.grid;
    grids.set(c.doseFile, grid);
  }
  let ss = structs.get(c.structure);
  if (ss === undefined) {
    const r = readRtStruct(new Uint8Array(readFileSync(join(base!, "structures", c.structure))));
    assert.ok(r.ok, `${c.structure}: ${JSON.stringify(!r.ok && r.issues)}`);
    ss = r.value;
    structs.set(c.structure, ss);
  }
  return { grid, ss };
}

type Errors = {
  volumePct: number;
  mean: number;
  d99: number;
  d95: number;
  d5: number;
  d1: number;
  d99Got: number;
};
const results: { name: string; e: Errors }[] = [];

describe("DVH vs Nelms 2015 analytical phantoms (90 cases)", skip, () => {
  for (const c of cases()) {
    const name = `${c.structure.replace(".dcm", "")} ${c.gradient} ${c.doseFile.match(/_(\d)mm_/)?.[1]} mm grid`;
    it(name, (t) => {
      const { grid, ss } = load(c);
      const r = computeDvhs({ grid, structureSet: ss });
      assert.ok(r.ok);
      const d = r.value.dvhs.find((x) => x.volumeCc > 0)!;
      const q = dvhQuery(d);
      const e: Errors = {
        volumePct: (100 * (d.volumeCc - c.volumeCc)) / c.volumeCc,
        mean: q.meanGy - c.meanGy,
        d99: q.doseAtVolumePercent(99) - c.d99Gy,
        d95: q.doseAtVolumePercent(95) - c.d95Gy,
        d5: q.doseAtVolumePercent(5) - c.d5Gy,
        d1: q.doseAtVolumePercent(1) - c.d1Gy,
        d99Got: q.doseAtVolumePercent(99),
      };
      results.push({ name, e });
      t.diagnostic(
        `ΔV ${e.volumePct.toFixed(3)} %  ΔDmean ${e.mean.toFixed(3)}  ΔD99 ${e.d99.toFixed(3)}  ΔD95 ${e.d95.toFixed(3)}  ΔD5 ${e.d5.toFixed(3)}  ΔD1 ${e.d1.toFixed(3)} Gy`,
      );
      assert.ok(Math.abs(e.mean) <= 0.1, `|ΔDmean| ${e.mean} > 0.1 Gy`);
      assert.ok(Math.abs(e.d95) <= 0.3, `|ΔD95| ${e.d95} > 0.3 Gy`);
      assert.ok(Math.abs(e.d5) <= 0.3, `|ΔD5| ${e.d5} > 0.3 Gy`);
      assert.ok(e.d99Got > 0, "D99 must not be 0 Gy (analytical D99 > 0)");
      // per case the volume stays within 2 %: the largest errors are the rotated cylinders on 3 mm
      // slices, whose poles the contours cannot show (−1.8 %)
      assert.ok(Math.abs(e.volumePct) <= 2, `|ΔV| ${e.volumePct} % > 2 %`);
    });
  }

  it("summary: mean |volume error| ≤ 0.5 % and D99 never 0", (t) => {
    assert.equal(results.length, 90, "all 90 runnable cases ran");
    const mean = (f: (e: Errors) => number) =>
      results.reduce((s, r) => s + Math.abs(f(r.e)), 0) / results.length;
    const max = (f: (e: Errors) => number) => Math.max(...results.map((r) => Math.abs(f(r.e))));
    const meanVol = mean((e) => e.volumePct);
    t.diagnostic(
      `mean |ΔV| ${meanVol.toFixed(3)} % (max ${max((e) => e.volumePct).toFixed(2)} %); ` +
        `mean |ΔDmean| ${mean((e) => e.mean).toFixed(4)} Gy (max ${max((e) => e.mean).toFixed(3)}); ` +
        `mean |ΔD95| ${mean((e) => e.d95).toFixed(3)} (max ${max((e) => e.d95).toFixed(3)}); ` +
        `mean |ΔD5| ${mean((e) => e.d5).toFixed(3)} (max ${max((e) => e.d5).toFixed(3)}); ` +
        `mean |ΔD99| ${mean((e) => e.d99).toFixed(3)} (max ${max((e) => e.d99).toFixed(3)}) Gy; ` +
        `D99 = 0 in ${results.filter((r) => r.e.d99Got === 0).length} cases`,
    );
    assert.ok(meanVol <= 0.5, `mean |ΔV| ${meanVol} %`);
    assert.equal(results.filter((r) => !(r.e.d99Got > 0)).length, 0);
  });
});
