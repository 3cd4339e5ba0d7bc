// Facts shared by the definition presets: counts, brain imaging, staging modalities.
import type { Patient } from "../../model/patient-schema.ts";
import { DIFFUSE_FINDING_LABELS } from "../../model/vocabularies.ts";
import type { TimePoint } from "../time-points.ts";

export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function lesionsText(n: number): string {
  return plural(n, "distant lesion", "distant lesions");
}

export function diffuseText(tp: TimePoint): string {
  return tp.state.diffuseFindings.map((d) => DIFFUSE_FINDING_LABELS[d]).join(", ");
}

/** Brain imaging in the work-up: MRI preferred, else CT of the brain (contrast or not). */
export function brainImaging(tp: TimePoint): "mri" | "ct_contrast" | "ct" | undefined {
  let best: "mri" | "ct_contrast" | "ct" | undefined;
  for (const s of tp.studies) {
    if (s.region !== "brain" && s.region !== "head_neck") continue;
    if (s.modality === "mri" && s.region === "brain") return "mri";
    if (s.modality === "ct" && s.region === "brain")
      best = s.contrast === true ? "ct_contrast" : (best ?? "ct");
  }
  return best;
}

export function hasModality(tp: TimePoint, modality: string): boolean {
  return tp.studies.some((s) => s.modality === modality);
}

function biomarker(p: Patient, name: string): string | undefined {
  return p.primary.biomarkers.find((b) => b.name === name)?.result;
}

/**
 * Brain imaging indicated (ESTRO-ASTRO 2.2 item 5: e.g. NSCLC, melanoma, HER2+ or triple-negative
 * breast; SCLC added as standard staging [D]). Returns the reason or undefined.
 */
export function brainImagingIndication(p: Patient): string | undefined {
  switch (p.primary.site) {
    case "nsclc":
      return "NSCLC";
    case "sclc":
      return "SCLC";
    case "melanoma":
      return "melanoma";
    case "breast": {
      if (biomarker(p, "HER2") === "positive") return "HER2-positive breast cancer";
      if (
        biomarker(p, "ER") === "negative" &&
        biomarker(p, "PR") === "negative" &&
        biomarker(p, "HER2") === "negative"
      ) {
        return "triple-negative breast cancer";
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The standard warning when brain imaging is indicated and absent from the work-up. */
export function brainImagingWarning(p: Patient, tp: TimePoint): string | undefined {
  const indication = brainImagingIndication(p);
  if (indication === undefined) return undefined;
  const b = brainImaging(tp);
  if (b === undefined)
    return `no brain MRI in the staging work-up of ${tp.date} (brain imaging indicated: ${indication})`;
  if (b !== "mri")
    return `brain imaging on ${tp.date} was CT${b === "ct_contrast" ? " with contrast" : " without contrast"}; MRI preferred (${indication})`;
  return undefined;
}

export function incompleteWarning(tp: TimePoint): string | undefined {
  return tp.complete
    ? undefined
    : `the work-up of ${tp.date} has no whole-body imaging; lesions outside the imaged regions are carried forward or unknown`;
}

export function noImaging(asOf: string): {
  result: "not_applicable";
  reasons: string[];
  warnings: string[];
  at: null;
} {
  return {
    result: "not_applicable",
    reasons: [`no imaging study dated on or before ${asOf}`],
    warnings: [],
    at: null,
  };
}

export function compact(xs: readonly (string | undefined)[]): string[] {
  return xs.filter((x): x is string => x !== undefined);
}

/**
 * The criterion lines of one evaluation and whether every criterion was met. A class rather than
 * a closure per evaluation: closures created on every call are costly under the tsx loader (each
 * gets its `name` redefined) and this runs for every preset of every patient.
 */
export class Criteria {
  readonly reasons: string[] = [];
  met = true;
  /** Adds "line: met" or "line: not met". */
  check(ok: boolean, line: string): void {
    this.reasons.push(`${line}: ${ok ? "met" : "not met"}`);
    if (!ok) this.met = false;
  }
}
