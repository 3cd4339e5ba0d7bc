import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  analyticGrid,
  circlePoints,
  closed,
  cylinderRoi,
  type GridSpec,
  polygonAreaMm2,
  rectPoints,
  sphereRoi,
  structureSet,
} from "../../../test/support/dvh-phantoms.ts";
import { computeDvhs, computePlannedSections, finishPlannedRoi, planDvhs } from "./compute-dvhs.ts";
import {
  computeRoiDvh,
  MAX_SECTIONS,
  SECTION_WORK,
  sectionLayers,
  sectionsForWork,
} from "./compute-roi-dvh.ts";
import type { DvhOptions } from "./dvh-options.ts";
import { dvhQuery, type RoiDvh } from "./roi-dvh.ts";
import { DvhScratch } from "./scratch.ts";
import type { Roi } from "./types.ts";

// A 1 mm grid with voxel centres x, y ∈ [−15, 15], z ∈ [−5, 25].
const grid = (dose: GridSpec["dose"], extra: Partial<GridSpec> = {}) =>
  analyticGrid({
    columns: 31,
    rows: 31,
    frames: 31,
    spacingMm: [1, 1, 1],
    originMm: [-15, -15, -5],
    dose,
    ...extra,
  });

function one(
  rois: Roi[],
  dose: GridSpec["dose"],
  options: Partial<DvhOptions> = {},
  extra: Partial<GridSpec> = {},
) {
  const r = computeDvhs({ grid: grid(dose, extra), structureSet: structureSet(rois), options });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  return r.value;
}
const first = (rois: Roi[], dose: GridSpec["dose"], options: Partial<DvhOptions> = {}): RoiDvh =>
  one(rois, dose, options).dvhs[0]!;
const near = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} vs ${want} (± ${tol})`);

// Cylinder r = 10 mm (128-gon of area A), axis along z, contours every 2 mm from z = 0 to 20.
const A = polygonAreaMm2(10);
const cyl = () => cylinderRoi(1, "cyl", { x: 0, y: 0 }, 10, 0, 20, 2);

describe("DVH engine on analytic phantoms", () => {
  describe("volume and end caps (cylinder: every rule agrees on a constant cross-section)", () => {
    // extent along z: contours span 20 mm; caps add 0 (none), 2 × 1 (half), 2 × 2 (full) mm,
    // tapered caps half of the half-slice caps: 2 × 0.5 mm
    const table: [DvhOptions["endCap"], number][] = [
      ["none", 20],
      ["half", 22],
      ["full", 24],
      ["tapered", 21],
    ];
    for (const [endCap, lengthMm] of table) {
      for (const sliceIntegration of ["cubic", "slab"] as const) {
        it(`${endCap} caps, ${sliceIntegration}: V = A × ${lengthMm} mm`, () => {
          const d = first([cyl()], () => 10, { endCap, sliceIntegration });
          near(d.volumeCc, (A * lengthMm) / 1000, 1e-9 * A, "volume");
          assert.equal(d.volumeOutsideGridCc, 0);
          near(d.meanGy, 10, 1e-6, "Dmean");
          near(dvhQuery(d).doseAtVolumePercent(99), 10, 1e-6, "D99%");
        });
      }
    }
  });

  it("dose varying along z: uniform distribution over the capped extent [−1, 21] mm", () => {
    // dose = 20 + z (Gy); volume uniform in z on [−1, 21]: V(≥ d)/V = (21 − (d − 20)) / 22
    // → D95% = 20 + 21 − 0.95·22 = 20.1, D5% = 39.9, Dmean = 30, Dmin = 19, Dmax = 41
    const d = first([cyl()], (_x, _y, z) => 20 + z);
    const q = dvhQuery(d);
    near(q.doseAtVolumePercent(95), 20.1, 0.01, "D95%");
    near(q.doseAtVolumePercent(5), 39.9, 0.01, "D5%");
    near(q.meanGy, 30, 1e-6, "Dmean");
    near(q.minGy, 19, 1e-6, "Dmin");
    near(q.maxGy, 41, 1e-6, "Dmax");
    near(q.volumeAtDosePercent(30), (100 * 11) / 22, 0.05, "V30Gy%");
  });

  it("dose varying across the plane: circular-segment law", () => {
    // dose = 20 + x (Gy, 1 Gy/mm); the fraction of a disc of radius r with x ≥ t is
    // f(t) = (r² acos(t/r) − t √(r² − t²)) / (π r²); D(p%) solves f(D − 20) = p/100.
    const f = (t: number) => (100 * Math.acos(t / 10) - t * Math.sqrt(100 - t * t)) / (Math.PI * 100);
    const solve = (p: number) => {
      let lo = -10;
      let hi = 10;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (f(mid) > p) lo = mid;
        else hi = mid;
      }
      return 20 + (lo + hi) / 2;
    };
    // tolerance 0.1 Gy = 0.1 × cell (1 mm) × gradient (1 Gy/mm): boundary cells spread over their whole width
    const d = first([cyl()], (x) => 20 + x);
    const q = dvhQuery(d);
    for (const p of [2, 5, 50, 95, 98]) near(q.doseAtVolumePercent(p), solve(p / 100), 0.1, `D${p}%`);
    near(q.meanGy, 20, 1e-3, "Dmean (symmetry)");
  });

  it("cubic integration is exact for a sphere's quadratic area profile; slab underestimates", () => {
    // sphere r = 12 contoured every 3 mm, with pole contours of radius 0.1 mm at z = ±12;
    // cubic: ∫ A(z) dz over [−12, 12] for A = k(144 − z²) plus caps of the pole contours;
    // k = area factor of the 128-gon (A(r)/πr²); the 0.1 mm pole contours carry the quadratic profile's
    // value 0 only approximately, so the tolerance is 0.05 %.
    const k = polygonAreaMm2(1) / Math.PI;
    const roi = sphereRoi(1, "sphere", [0, 0, 10], 12, 3);
    const poles = [-2, 22].map((z) => closed(circlePoints(0, 0, z, 0.1)));
    const sphere: Roi = { ...roi, contours: [poles[0]!, ...roi.contours, poles[1]!] };
    const exact = (k * 4 * Math.PI * 12 ** 3) / 3 / 1000;
    const cubic = first([sphere], () => 5, { sliceIntegration: "cubic" }).volumeCc;
    const slab = first([sphere], () => 5, { sliceIntegration: "slab" }).volumeCc;
    near(cubic, exact, 5e-4 * exact, "cubic");
    // slab = trapezoid rule: 3·Σ A(z_k) = 3k·(9·144 − 540) = 2268πk mm³ (1.6 % low)
    near(slab, (3 * k * Math.PI * (9 * 144 - 540)) / 1000, 5e-4 * exact, "slab");
  });

  it("holes and islands: nested contours alternate (even-odd)", () => {
    // annulus r 10 / 5 with an island r 2, on planes z = 0 … 10 (half caps: 12 mm)
    const contours = [0, 2, 4, 6, 8, 10].flatMap((z) =>
      [10, 5, 2].map((r) => closed(circlePoints(0, 0, z, r, 128))),
    );
    const d = first([{ number: 1, name: "ring", contours }], () => 1);
    const area = polygonAreaMm2(10) - polygonAreaMm2(5) + polygonAreaMm2(2);
    near(d.volumeCc, (area * 12) / 1000, 1e-9 * area, "volume");
  });

  it("a repeated contour counts once, with a warning", () => {
    const roi = cyl();
    const d = first([{ ...roi, contours: [...roi.contours, roi.contours[3]!] }], () => 1);
    near(d.volumeCc, (A * 22) / 1000, 1e-9 * A, "volume");
    assert.ok(d.warnings.some((w) => w.code === "dvh_contour_duplicate"));
  });

  it("parts outside the dose grid are reported, not rescaled; D-metrics beyond the inside part are NaN", () => {
    // box x ∈ [−20, −10] × y ∈ [−5, 5], planes z = 0 … 10; the grid ends at x = −15.5: half of it is outside
    const contours = [0, 2, 4, 6, 8, 10].map((z) => closed(rectPoints(-20.5, -5, -10.5, 5, z)));
    const d = first([{ number: 1, name: "box", contours }], () => 3);
    near(d.volumeCc, (100 * 12) / 1000, 1e-9, "total volume");
    near(d.volumeOutsideGridCc, (50 * 12) / 1000, 1e-9, "outside");
    const q = dvhQuery(d);
    near(q.volumeAtDoseCc(1), 0.6, 1e-9, "V1Gy (inside part only)");
    assert.ok(Number.isNaN(q.doseAtVolumePercent(60)));
    near(q.doseAtVolumePercent(40), 3, 1e-9, "D40%");
    assert.ok(d.warnings.some((w) => w.code === "dvh_outside_grid"));
  });

  it("descending frames and flipped rows give the same DVH as the plain grid", () => {
    const dose: GridSpec["dose"] = (x, y, z) => 10 + 0.7 * x - 0.4 * y + 0.9 * z;
    const plain = first([cyl()], dose);
    // same physical voxels, stored from the last frame down / the last row up
    const flipped = one([cyl()], dose, {}, { descending: true, originMm: [-15, -15, 25] }).dvhs[0]!;
    const rowsUp = one([cyl()], dose, {}, { flipRows: true, originMm: [-15, 15, -5] }).dvhs[0]!;
    for (const other of [flipped, rowsUp]) {
      near(other.volumeCc, plain.volumeCc, 1e-9, "volume");
      near(other.meanGy, plain.meanGy, 1e-6, "Dmean");
      for (const p of [2, 50, 98]) {
        near(dvhQuery(other).doseAtVolumePercent(p), dvhQuery(plain).doseAtVolumePercent(p), 1e-4, `D${p}%`);
      }
    }
  });

  it("runs: a plane missing where other ROIs have contours splits the ROI, with a warning", () => {
    // ROI planes 0, 2, 4 and 8, 10 (6 missing, present in "body"): runs [−1, 5] and [7, 11] → 10 mm
    const roi: Roi = {
      number: 2,
      name: "gap",
      contours: [0, 2, 4, 8, 10].map((z) => closed(circlePoints(0, 0, z, 10))),
    };
    const body = cylinderRoi(1, "body", { x: 0, y: 0 }, 14, 0, 10, 2);
    const d = one([body, roi], () => 1, { sliceIntegration: "slab" }).dvhs[1]!;
    near(d.volumeCc, (A * 10) / 1000, 1e-9 * A, "volume");
    assert.equal(d.sampling?.runs, 2);
    assert.ok(d.warnings.some((w) => w.code === "dvh_contour_gap"));
  });

  it("a single-plane ROI takes the structure set's slice spacing as thickness", () => {
    const body = cylinderRoi(1, "body", { x: 0, y: 0 }, 14, 0, 10, 2);
    const flat: Roi = { number: 2, name: "flat", contours: [closed(circlePoints(0, 0, 4, 5))] };
    const d = one([body, flat], () => 1).dvhs[1]!;
    near(d.volumeCc, (polygonAreaMm2(5) * 2) / 1000, 1e-9, "volume (half caps of 1 mm each side)");
  });

  it("POINT ROIs get the trilinear dose at each point (exact for a linear dose)", () => {
    const p: Roi = {
      number: 3,
      name: "iso",
      contours: [{ geometry: "POINT", pointsMm: Float64Array.from([1.3, 2.7, 4.1]) }],
    };
    const d = first([p], (x, y, z) => 20 + x + 2 * y + 3 * z);
    near(d.pointDosesGy![0]!, 20 + 1.3 + 5.4 + 12.3, 1e-4, "point dose");
    assert.equal(d.volumeCc, 0);
  });

  it("contours not parallel to the dose planes fail that ROI only, naming it", () => {
    const tilted: Roi = {
      number: 4,
      name: "tilted",
      contours: [closed(Float64Array.from([0, 0, 0, 5, 0, 1, 5, 5, 2, 0, 5, 1]))],
    };
    const r = one([cyl(), tilted], () => 1);
    assert.equal(r.dvhs.length, 1);
    assert.equal(r.failed[0]!.roiName, "tilted");
    assert.equal(r.failed[0]!.issues[0]!.code, "dvh_contour_not_in_dose_plane");
  });

  it("selection by ROI number, unknown numbers refused, progress reported per ROI", () => {
    const seen: string[] = [];
    const r = computeDvhs({
      grid: grid(() => 1),
      structureSet: structureSet([cyl(), sphereRoi(7, "s", [0, 0, 10], 5, 2)]),
      roiNumbers: [7],
      onProgress: (done, total, name) => seen.push(`${done}/${total} ${name}`),
    });
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.dvhs.map((d) => d.roiName),
      ["s"],
    );
    assert.deepEqual(seen, ["1/1 s"]);
    const bad = computeDvhs({ grid: grid(() => 1), structureSet: structureSet([cyl()]), roiNumbers: [9] });
    assert.ok(!bad.ok);
    assert.equal(bad.issues[0]!.code, "dvh_roi_not_found");
  });

  it("ROIs computed together (shared raster buffers) give exactly the DVHs they give alone", () => {
    // the buffers reused ROI after ROI must hold nothing over from the ROI before: a large ROI
    // partly outside the grid, a ring with an island, crossing contours (scanline path), a small
    // sphere (fine sub-voxels), then the large one again
    const dose: GridSpec["dose"] = (x, y, z) => 10 + 0.5 * x - 0.3 * y + 0.2 * z + 0.01 * x * y;
    const planes = [0, 2, 4, 6, 8, 10];
    const rois: Roi[] = [
      { number: 1, name: "box", contours: planes.map((z) => closed(rectPoints(-20.5, -9, 6.5, 9, z))) },
      {
        number: 2,
        name: "ring",
        contours: planes.flatMap((z) => [10, 5, 2].map((r) => closed(circlePoints(1, -1, z, r, 96)))),
      },
      {
        number: 3,
        name: "crossing",
        contours: planes.flatMap((z) => [
          closed(rectPoints(-8, -8, 2, 2, z)),
          closed(rectPoints(-3, -3, 7, 7, z)),
        ]),
      },
      sphereRoi(4, "small sphere", [3.3, -2.1, 5], 2.2, 1),
      { number: 5, name: "box again", contours: planes.map((z) => closed(rectPoints(-20.5, -9, 6.5, 9, z))) },
    ];
    const together = one(rois, dose);
    assert.equal(together.dvhs.length, rois.length);
    for (const roi of rois) {
      const alone = one([roi], dose).dvhs[0]!;
      const d = together.dvhs.find((x) => x.roiNumber === roi.number)!;
      assert.equal(d.volumeCc, alone.volumeCc, `${roi.name}: volume`);
      assert.equal(d.volumeOutsideGridCc, alone.volumeOutsideGridCc, `${roi.name}: outside`);
      assert.equal(d.meanGy, alone.meanGy, `${roi.name}: Dmean`);
      assert.deepEqual([...d.differentialCc], [...alone.differentialCc], `${roi.name}: differential DVH`);
    }
    assert.ok(together.dvhs[0]!.volumeOutsideGridCc > 0, "the box reaches beyond the grid");
    assert.ok(together.dvhs[2]!.warnings.some((w) => w.code === "dvh_contours_cross"));
  });

  it("invalid options and grids are refused with every issue", () => {
    const r = computeDvhs({
      grid: { ...grid(() => 1), pixelSpacingMm: [0, 1], frameOffsetsMm: new Float64Array(3) },
      structureSet: structureSet([cyl()]),
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => i.path),
      ["doseGrid.pixelSpacingMm", "doseGrid.frameOffsetsMm"],
    );
    const o = computeDvhs({
      grid: grid(() => 1),
      structureSet: structureSet([cyl()]),
      options: { endCap: "round" as never, samplesAcross: 0 },
    });
    assert.ok(!o.ok);
    assert.deepEqual(
      o.issues.map((i) => i.path),
      ["endCap", "samplesAcross"],
    );
  });
});

describe("sections: a large ROI computed in runs of whole layers, added in order", () => {
  // dose varying along every axis, so every section sees a different part of the histogram
  const g = grid((x, y, z) => 20 + 0.8 * x - 0.5 * y + 0.6 * z);
  const plan = planDvhs({
    grid: g,
    structureSet: structureSet([
      sphereRoi(1, "sphere", [0, 0, 10], 11, 1),
      cylinderRoi(2, "cylinder", { x: 2, y: -3 }, 6, -1, 22, 1),
      {
        number: 3,
        name: "oblique",
        contours: [closed(Float64Array.of(0, 0, 0, 5, 0, 5, 5, 5, 5, 0, 5, 0))],
      },
    ]),
  });
  assert.ok(plan.ok);
  const input = (i: number) => {
    const { roi, index } = plan.value.selected[i]!;
    return {
      frame: plan.value.frame,
      roi,
      knownPlanes: plan.value.knownPlanes,
      options: plan.value.options,
      binWidthGy: plan.value.binWidthGy,
      path: `structureSet.rois[${index}]`,
    };
  };

  for (const [i, name] of [
    [0, "sphere"],
    [1, "cylinder"],
  ] as const) {
    it(`${name}: 2, 3 and 7 sections give the one-section DVH to rounding (1e-12 relative)`, () => {
      const whole = computeRoiDvh(input(i), 1);
      assert.ok(whole.ok);
      for (const sections of [2, 3, 7]) {
        const split = computeRoiDvh(input(i), sections);
        assert.ok(split.ok);
        const a: RoiDvh = whole.value;
        const b: RoiDvh = split.value;
        assert.equal(b.sampling?.samples, a.sampling?.samples, "the same boxes meet the dose");
        for (const k of ["volumeCc", "meanGy", "minGy", "maxGy"] as const) {
          assert.ok(
            Math.abs(b[k] - a[k]) <= 1e-12 * Math.abs(a[k]) + 1e-15,
            `${k} with ${sections} sections`,
          );
        }
        assert.equal(b.differentialCc.length, a.differentialCc.length);
        let worst = 0;
        a.differentialCc.forEach((v, j) => {
          worst = Math.max(worst, Math.abs(v - b.differentialCc[j]!));
        });
        assert.ok(worst <= 1e-12 * a.volumeCc, `differential within 1e-12 of the volume (${worst})`);
        const qa = dvhQuery(a);
        const qb = dvhQuery(b);
        for (const pct of [99, 95, 50, 5, 1]) {
          const da = qa.doseAtVolumePercent(pct);
          assert.ok(Math.abs(qb.doseAtVolumePercent(pct) - da) <= 1e-9, `D${pct}%`);
        }
      }
    });
  }

  it("sections computed apart and finished in order equal the ROI computed in this thread, bit for bit", () => {
    for (const i of [0, 1]) {
      const count = 3;
      const scratch = new DvhScratch();
      // sections out of order and in separate calls, as worker threads would compute them
      const late = computePlannedSections(plan.value, i, [2, 1], count, scratch);
      const early = computePlannedSections(plan.value, i, [0], count, scratch);
      assert.ok(late.kind === "parts" && early.kind === "parts");
      assert.equal(late.summary, undefined, "only the unit with section 0 carries the summary");
      const parts = [early.parts[0]!, late.parts[1]!, late.parts[0]!];
      const finished = finishPlannedRoi(early.summary!, parts);
      assert.deepEqual(finished, computeRoiDvh(input(i), count));
    }
  });

  it("an ROI that fails is reported once, by section 0", () => {
    const scratch = new DvhScratch();
    const first = computePlannedSections(plan.value, 2, [0], 2, scratch);
    assert.ok(first.kind === "outcome" && !first.outcome.ok);
    assert.equal(first.outcome.roiName, "oblique");
    assert.deepEqual(computePlannedSections(plan.value, 2, [1], 2, scratch), { kind: "none" });
  });

  it("the count depends on the ROI's estimated work only: one per SECTION_WORK, at most MAX_SECTIONS", () => {
    assert.equal(sectionsForWork(0), 1);
    assert.equal(sectionsForWork(1.4 * SECTION_WORK), 1);
    assert.equal(sectionsForWork(1.6 * SECTION_WORK), 2);
    assert.equal(sectionsForWork(1000 * SECTION_WORK), MAX_SECTIONS);
    // section 2 of 3 over 10 layers: ⌊2·10/3⌋ = 6 … ⌊3·10/3⌋ = 10 (exclusive)
    const [from, to] = sectionLayers(10, 2, 3);
    assert.deepEqual([from, to], [6, 10]);
  });
});
