// DVH engine on a Leksell GammaPlan 10.1 export (../shared/data/dicom-rt/gammaplan-tiny-pps): a
// 13 × 13 × 12 mm dose grid stored with a descending GridFrameOffsetVector (0, −1, …, −11) and a
// whole-skull contour reaching far beyond the grid. The part outside the grid must be reported as
// volume without dose, not rescaled into the DVH; the part inside is the whole grid (1 mm voxels:
// 13 · 13 · 12 mm³ = 2.028 cc) because the grid lies inside the skull.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { computeDvhs, dvhQuery } from "../../src/core/index.ts";
import { readRtDose, readRtStruct } from "../../src/interop/index.ts";
import { needsSharedData, sharedDataPath } from "../support/shared-data.ts";

const skip = needsSharedData("dicom-rt", "gammaplan-tiny-pps");
const dir = sharedDataPath("dicom-rt", "gammaplan-tiny-pps");

describe("DVH with a descending dose grid and a structure far beyond it (GammaPlan)", skip, () => {
  it("skull: volume outside the grid reported, the inside part is the whole grid", () => {
    const dose = readRtDose(new Uint8Array(readFileSync(join(dir!, "RTDOSE0000000000.dcm"))));
    const struct = readRtStruct(new Uint8Array(readFileSync(join(dir!, "RTSS.dcm"))));
    assert.ok(dose.ok && struct.ok);
    assert.ok(dose.value.grid.frameOffsetsMm[1]! < 0, "the file's frames descend");
    const r = computeDvhs({ grid: dose.value.grid, structureSet: struct.value });
    assert.ok(r.ok);
    const skull = r.value.dvhs.find((d) => d.volumeCc > 0)!;
    const inside = skull.volumeCc - skull.volumeOutsideGridCc;
    assert.ok(Math.abs(inside - 2.028) < 0.02 * 2.028, `inside ${inside} cc`);
    assert.ok(skull.volumeOutsideGridCc > 4000, `outside ${skull.volumeOutsideGridCc} cc`);
    assert.ok(skull.warnings.some((w) => w.code === "dvh_outside_grid"));
    const q = dvhQuery(skull);
    // the curve holds the inside part only; D-metrics beyond it are unknown, not 0
    assert.ok(Math.abs(q.volumeAtDoseCc(0) - inside) < 1e-9);
    assert.ok(Number.isNaN(q.doseAtVolumePercent(50)));
    assert.ok(q.doseAtVolumeCc(1) > 0);
    assert.ok(Math.abs(skull.maxGy - r.value.gridMaxDoseGy) < 1e-3, "the grid maximum lies inside the skull");
  });
});
