// Conformity and gradient indices of a target for a prescription dose.
//   Paddick conformity index CI = TV_PIV² / (TV × PIV): Paddick I, "A simple scoring ratio to index
//     the conformity of radiosurgical treatment plans", J Neurosurg 2000;93(Suppl 3):219–222.
//   Gradient index GI = PIV_50% / PIV_100%: Paddick I, Lippitz B, "A simple dose gradient
//     measurement tool to complement the conformity index", J Neurosurg 2006;105(Suppl):194–201.
// TV = target volume, TV_PIV = target volume receiving ≥ the prescription, PIV = prescription
// isodose volume (here: the part of the isodose cloud connected to the target, isodose-volume.ts).
import { type Issue, issue } from "../common/result.ts";
import type { GridFrame } from "./grid-frame.ts";
import { isodoseVolume } from "./isodose-volume.ts";
import { type RoiDvh, volumeAtDose } from "./roi-dvh.ts";

export type ConformityIndices = {
  readonly prescriptionGy: number;
  readonly targetVolumeCc: number;
  readonly targetCoveredCc: number;
  readonly prescriptionIsodoseVolumeCc: number;
  readonly halfPrescriptionIsodoseVolumeCc: number;
  /** Paddick CI, 0…1 (1 = perfect conformity); NaN when it cannot be computed */
  readonly paddickCi: number;
  /** Paddick–Lippitz GI, ≥ 1 (lower = steeper fall-off); NaN when it cannot be computed */
  readonly gradientIndex: number;
  readonly warnings: readonly Issue[];
};

export function conformityIndices(
  frame: GridFrame,
  target: RoiDvh,
  prescriptionGy: number,
  path = "target",
): ConformityIndices {
  const warnings: Issue[] = [];
  const label = `ROI "${target.roiName}" (#${target.roiNumber})`;
  const tv = target.volumeCc;
  const tvPiv = volumeAtDose(target, prescriptionGy);
  const box = target.gridExtentMm;
  if (!(prescriptionGy > 0) || box === undefined || !(tv > 0)) {
    return {
      prescriptionGy,
      targetVolumeCc: tv,
      targetCoveredCc: tvPiv,
      prescriptionIsodoseVolumeCc: Number.NaN,
      halfPrescriptionIsodoseVolumeCc: Number.NaN,
      paddickCi: Number.NaN,
      gradientIndex: Number.NaN,
      warnings: [
        issue(
          "dvh_conformity_unavailable",
          path,
          `${label}: conformity needs a prescription dose > 0 and a target with volume`,
        ),
      ],
    };
  }
  if (target.volumeOutsideGridCc > 0) {
    warnings.push(
      issue(
        "dvh_outside_grid",
        path,
        `${label}: part of the target is outside the dose grid; CI is underestimated`,
      ),
    );
  }
  const piv = isodoseVolume(frame, prescriptionGy, box);
  const piv50 = isodoseVolume(frame, prescriptionGy / 2, box);
  if (piv.reachesGridEdge || piv50.reachesGridEdge) {
    warnings.push(
      issue(
        "dvh_isodose_at_grid_edge",
        path,
        `${label}: the ${piv.reachesGridEdge ? "prescription" : "50 % prescription"} isodose reaches the edge of the dose grid; its volume (and CI/GI) may be underestimated`,
      ),
    );
  }
  const paddickCi = piv.volumeCc > 0 ? (tvPiv * tvPiv) / (tv * piv.volumeCc) : 0;
  const gradientIndex = piv.volumeCc > 0 ? piv50.volumeCc / piv.volumeCc : Number.NaN;
  if (!(piv.volumeCc > 0)) {
    warnings.push(
      issue(
        "dvh_isodose_empty",
        path,
        `${label}: no dose ≥ ${prescriptionGy} Gy reaches the target: CI = 0, GI undefined`,
      ),
    );
  }
  return {
    prescriptionGy,
    targetVolumeCc: tv,
    targetCoveredCc: tvPiv,
    prescriptionIsodoseVolumeCc: piv.volumeCc,
    halfPrescriptionIsodoseVolumeCc: piv50.volumeCc,
    paddickCi,
    gradientIndex,
    warnings,
  };
}
