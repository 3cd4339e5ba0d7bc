// The BED10 ≥ 100 Gy local-control threshold for lung SABR (clinical-reference §3.4).
// Onishi H et al., Cancer 2004;101(7):1623–1631 (doi:10.1002/cncr.20539): local recurrence 8.1 % with
// BED10 ≥ 100 Gy vs 26.4 % below; BED computed at the isocentre with α/β 10 [C: abstract].
// Platform rule [D]: a lung SABR prescription with BED10 < 100 Gy is flagged as information (not
// an error), BED10 reported at the prescription point and, when given, at the isocentre; targets
// outside the lung and palliative intent are exempt.
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import { type Fractionation, type FractionationInput, parseFractionation } from "./fractionation.ts";
import { bedGy } from "./lq.ts";

/** α/β (Gy) of the threshold: Onishi 2004 computed BED with α/β 10 (clinical-reference §3.4). */
export const BED10_ALPHA_BETA_GY = 10;
/** The threshold (Gy): BED10 ≥ 100 Gy (Onishi 2004). */
export const BED10_THRESHOLD_GY = 100;
/** Float guard: a BED10 within this of 100 Gy counts as 100 (e.g. 50 Gy/5 must not be flagged). */
const THRESHOLD_TOLERANCE_GY = 1e-9;

export const BED10_THRESHOLD_SOURCE = "Onishi H et al., Cancer 2004;101(7):1623-1631, doi:10.1002/cncr.20539";

export type Bed10Point = {
  readonly point: "prescription" | "isocentre";
  readonly fractionation: Fractionation;
  readonly bed10Gy: number;
  readonly belowThreshold: boolean;
};

export type Bed10Assessment =
  | {
      readonly kind: "exempt";
      /** why the rule does not apply (site other than lung, palliative intent) */
      readonly reason: string;
      readonly points: readonly Bed10Point[];
    }
  | {
      /** flagged: the prescription-point BED10 is below 100 Gy (information, not an error) */
      readonly kind: "below_threshold" | "meets_threshold";
      readonly message: string;
      readonly points: readonly Bed10Point[];
      readonly source: string;
    };

export type Bed10Input = {
  /** schedule at the prescription point (e.g. the PTV-covering isodose) */
  readonly prescription: FractionationInput;
  /** schedule at the isocentre, when known (its fractions default to the prescription's and must equal them) */
  readonly isocentre?: FractionationInput | undefined;
  /** treated site; the rule applies to "lung" only (case-insensitive) */
  readonly site: string;
  readonly intent: "radical" | "palliative";
};

function point(p: Bed10Point["point"], f: Fractionation): Bed10Point {
  const bed10 = bedGy(f.totalDoseGy, f.fractions, BED10_ALPHA_BETA_GY);
  return {
    point: p,
    fractionation: f,
    bed10Gy: bed10,
    belowThreshold: bed10 < BED10_THRESHOLD_GY - THRESHOLD_TOLERANCE_GY,
  };
}

/**
 * Assesses a prescription against the BED10 100 Gy threshold. The flag follows the prescription
 * point; the isocentre BED10 (Onishi's reference point) is reported beside it so the reader sees both.
 */
export function assessBed10Threshold(input: Bed10Input): Result<Bed10Assessment> {
  const issues: Issue[] = [];
  const rx = parseFractionation(input.prescription, "prescription.");
  if (!rx.ok) issues.push(...rx.issues);
  // the isocentre receives the same fractions as the prescription point; default to them
  const isoInput =
    input.isocentre === undefined
      ? undefined
      : { ...input.isocentre, fractions: input.isocentre.fractions ?? input.prescription.fractions };
  const iso = isoInput === undefined ? undefined : parseFractionation(isoInput, "isocentre.");
  if (iso !== undefined && !iso.ok) issues.push(...iso.issues);
  if (rx.ok && iso?.ok && iso.value.fractions !== rx.value.fractions) {
    issues.push(
      issue(
        "conflicting_fields",
        "isocentre.fractions",
        `the isocentre receives the prescription's ${rx.value.fractions} fractions (got ${iso.value.fractions})`,
      ),
    );
  }
  if (!rx.ok || issues.length > 0) return fail(issues);

  const points: Bed10Point[] = [point("prescription", rx.value)];
  if (iso?.ok) points.push(point("isocentre", iso.value));

  if (input.site.trim().toLowerCase() !== "lung") {
    return ok({
      kind: "exempt",
      reason: `site "${input.site}" is not lung: the threshold applies to lung SABR only`,
      points,
    });
  }
  if (input.intent === "palliative") {
    return ok({
      kind: "exempt",
      reason: "palliative intent: the threshold applies to radical treatment only",
      points,
    });
  }
  const rxPoint = points[0] as Bed10Point;
  // messages carry no numbers: values stay in `points` at full precision, adapters format them
  const isoNote =
    points[1] === undefined
      ? ""
      : " (the isocentre BED10 is reported too: Onishi computed BED at the isocentre)";
  return ok({
    kind: rxPoint.belowThreshold ? "below_threshold" : "meets_threshold",
    message: rxPoint.belowThreshold
      ? `below the BED10 100 Gy local-control threshold (Onishi 2004) at the prescription point${isoNote}`
      : `meets the BED10 >= 100 Gy local-control threshold (Onishi 2004) at the prescription point${isoNote}`,
    points,
    source: BED10_THRESHOLD_SOURCE,
  });
}
