// The Eclipse prostate phantom of ../shared/data/dicom-rt/eclipse-prostate-slicerrt: the RTDOSE
// rebuilt from SlicerRT's NRRD (derived/), the original RTSTRUCT and RTPLAN (see its README).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type PlanFilePaths = { readonly rtdose: string; readonly rtstruct: string; readonly rtplan: string };

export function planFilePaths(dir: string): PlanFilePaths {
  const names = readdirSync(dir);
  const rs = names.find((n) => n.startsWith("RS.") && n.endsWith(".dcm"));
  const rp = names.find((n) => n.startsWith("RP.") && n.endsWith(".dcm"));
  if (rs === undefined || rp === undefined) throw new Error(`${dir}: RS.*.dcm or RP.*.dcm missing`);
  return {
    rtdose: join(dir, "derived", "RD.reconstructed-from-nrrd.dcm"),
    rtstruct: join(dir, rs),
    rtplan: join(dir, rp),
  };
}

export function planCheckFiles(dir: string): { rtdose: Buffer; rtstruct: Buffer; rtplan: Buffer } {
  const p = planFilePaths(dir);
  return {
    rtdose: readFileSync(p.rtdose),
    rtstruct: readFileSync(p.rtstruct),
    rtplan: readFileSync(p.rtplan),
  };
}
