import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  analyticGrid,
  cylinderRoi,
  polygonAreaMm2,
  sphereRoi,
  structureSet,
} from "../../../test/support/dvh-phantoms.ts";
import { computeDvhs } from "./compute-dvhs.ts";
import { conformityIndices } from "./conformity.ts";
import { isodoseVolume } from "./isodose-volume.ts";

// Doses fall linearly with distance (1 Gy/mm) from a centre or an axis, so isodose volumes are known.
const sphereVolumeCc = (r: number) => (4 / 3) * Math.PI * r ** 3 * 1e-3;

describe("conformity (Paddick 2000) and gradient (Paddick & Lippitz 2006) indices", () => {
  it("a cylinder in a cylindrical dose fall-off: PIV, CI ≈ 1, GI = 8", () => {
    // D = 30 − max(ρ, (10/11)·|z − 10|): the 20 Gy isodose is the cylinder ρ ≤ 10, |z − 10| ≤ 11
    // (π·10²·22 mm³) and the 10 Gy isodose the cylinder ρ ≤ 20, |z − 10| ≤ 22 (π·20²·44): GI = 8.
    // The target drawn on planes 0 … 20 (2 mm, half caps) is the 20 Gy cylinder itself:
    // CI = TV_PIV² / (TV·PIV) = A(128-gon) / (π·10²) = 0.9996.
    const grid = analyticGrid({
      columns: 51,
      rows: 51,
      frames: 51,
      spacingMm: [1, 1, 1],
      originMm: [-25, -25, -15],
      dose: (x, y, z) => 30 - Math.max(Math.hypot(x, y), (10 / 11) * Math.abs(z - 10)),
    });
    const r = computeDvhs({
      grid,
      structureSet: structureSet([cylinderRoi(1, "PTV", { x: 0, y: 0 }, 10, 0, 20, 2)]),
    });
    assert.ok(r.ok);
    const c = conformityIndices(r.value.frame, r.value.dvhs[0]!, 20);
    const piv = Math.PI * 100 * 22 * 1e-3;
    // trilinear interpolation of a field with kinks on a 1 mm grid: isodose volumes within 1 %
    assert.ok(
      Math.abs(c.prescriptionIsodoseVolumeCc / piv - 1) < 0.01,
      `PIV ${c.prescriptionIsodoseVolumeCc}`,
    );
    assert.ok(Math.abs(c.halfPrescriptionIsodoseVolumeCc / (8 * piv) - 1) < 0.01);
    assert.ok(Math.abs(c.gradientIndex - 8) < 0.1, `GI ${c.gradientIndex}`);
    // boundary cells of the target sit exactly on the isodose: their covered part's dose is ≥ 20 Gy
    assert.ok(Math.abs(c.paddickCi - polygonAreaMm2(10) / (Math.PI * 100)) < 0.02, `CI ${c.paddickCi}`);
    assert.deepEqual(c.warnings, []);
  });

  it("each target counts only the isodose cloud connected to it", () => {
    // two hot spots 24 mm apart: their 20 Gy spheres (r = 10) do not touch
    const grid = analyticGrid({
      columns: 61,
      rows: 41,
      frames: 41,
      spacingMm: [1, 1, 1],
      originMm: [-30, -20, -10],
      dose: (x, y, z) => Math.max(30 - Math.hypot(x + 12, y, z - 10), 30 - Math.hypot(x - 12, y, z - 10), 0),
    });
    const r = computeDvhs({ grid, structureSet: structureSet([sphereRoi(1, "PTV1", [-12, 0, 10], 10, 1)]) });
    assert.ok(r.ok);
    const box = r.value.dvhs[0]!.gridExtentMm!;
    const piv = isodoseVolume(r.value.frame, 20, box);
    assert.ok(Math.abs(piv.volumeCc / sphereVolumeCc(10) - 1) < 0.01, `PIV ${piv.volumeCc}`);
    assert.equal(piv.reachesGridEdge, false);
  });

  it("no prescription isodose reaching the target: CI = 0 with a warning", () => {
    const grid = analyticGrid({
      columns: 21,
      rows: 21,
      frames: 21,
      spacingMm: [1, 1, 1],
      originMm: [-10, -10, 0],
      dose: () => 5,
    });
    const r = computeDvhs({ grid, structureSet: structureSet([sphereRoi(1, "PTV", [0, 0, 10], 5, 1)]) });
    assert.ok(r.ok);
    const c = conformityIndices(r.value.frame, r.value.dvhs[0]!, 20);
    assert.equal(c.paddickCi, 0);
    assert.ok(c.warnings.some((w) => w.code === "dvh_isodose_empty"));
  });
});
