// Classification options, their defaults and validation. Every default is a design decision [D]
// of clinical-reference 1.4 / 1.6 and is configurable here.
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import { isIsoDate } from "../dates/calendar.ts";
import {
  DEFAULT_GATE_ID,
  GATE_IDS,
  GATE_PRESETS,
  type GateDefinition,
  type GateId,
  isGateId,
} from "./gates.ts";

export type ClassifyOptions = {
  /** data dated after this day are ignored; required (time is a parameter) */
  readonly asOf: string;
  /** OMD gate preset id or a custom gate (default "le5", 1.4.6) */
  readonly gate?: GateId | GateDefinition;
  /** last anticancer administration within this many days before the index date = active (A4; default 28) */
  readonly systemicWindowDays?: number;
  /** lesion growth threshold, relative (A8; default 20 % as RECIST 1.1) */
  readonly progressionMinIncreasePercent?: number;
  /** lesion growth threshold, absolute (A8; default 5 mm as RECIST 1.1) */
  readonly progressionMinIncreaseMm?: number;
  /** progressing lesions up to this number = oligoprogression pattern (6.3; default 5, allowed 3–5) */
  readonly oligoprogressionMaxLesions?: number;
  /** unlabelled studies within this many days of a work-up's first study join that work-up (1.4.1; default 30) */
  readonly workupWindowDays?: number;
  /** classify at the work-up containing the study of this date (overrides the patient's setting) */
  readonly indexDate?: string;
  /** report the classification at the first OMD diagnosis as the main result (A3; overrides the patient's setting) */
  readonly classifyAtFirstOmdDiagnosis?: boolean;
  /** definition preset ids to evaluate (default: all) */
  readonly definitions?: readonly string[];
  /**
   * "full" (default): the whole result. "compact": only what `classify --json --compact` carries
   * (the category, its path of reasons, index date, missing fields and the definition results) is
   * guaranteed; the timeline, the characterisation factors, the main result's lesions and warnings
   * are not built (empty arrays) and `firstOmd` is null. Category, path and definitions are the
   * same as with "full" (tested).
   */
  readonly detail?: ClassifyDetail;
};

export const CLASSIFY_DETAILS = ["full", "compact"] as const;
export type ClassifyDetail = (typeof CLASSIFY_DETAILS)[number];

export type ResolvedOptions = {
  readonly asOf: string;
  readonly gate: GateDefinition;
  readonly systemicWindowDays: number;
  readonly progressionMinIncreasePercent: number;
  readonly progressionMinIncreaseMm: number;
  readonly oligoprogressionMaxLesions: number;
  readonly workupWindowDays: number;
  readonly indexDate: string | undefined;
  readonly classifyAtFirstOmdDiagnosis: boolean | undefined;
  readonly definitions: readonly string[] | undefined;
  readonly detail: ClassifyDetail;
};

export const CLASSIFY_DEFAULTS = {
  gate: DEFAULT_GATE_ID,
  systemicWindowDays: 28, // A4: ≈ one typical cycle (clinical-reference 1.4.5)
  progressionMinIncreasePercent: 20, // RECIST 1.1 PD threshold applied per lesion (1.4.7, Eisenhauer 2009)
  progressionMinIncreaseMm: 5, // RECIST 1.1 absolute increase ≥5 mm (1.4.7, Eisenhauer 2009)
  oligoprogressionMaxLesions: 5, // CURB ≤5 progressive lesions (clinical-reference 6.3)
  workupWindowDays: 30, // [D] one staging work-up spans at most ~one month; label studies with `workup` to be exact
} as const;

function intIn(
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  path: string,
  out: Issue[],
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    out.push(issue("invalid_option", path, `must be a whole number from ${min} to ${max} (got ${value})`));
    return fallback;
  }
  return value;
}

/** Validates options and fills defaults; returns every invalid option. */
export function resolveClassifyOptions(
  o: ClassifyOptions,
  knownDefinitionIds: readonly string[],
): Result<ResolvedOptions> {
  const issues: Issue[] = [];
  if (!isIsoDate(o.asOf))
    issues.push(issue("invalid_option", "asOf", `must be a calendar date YYYY-MM-DD (got "${o.asOf}")`));
  let gate: GateDefinition = GATE_PRESETS[DEFAULT_GATE_ID];
  if (typeof o.gate === "string") {
    if (isGateId(o.gate)) gate = GATE_PRESETS[o.gate];
    else
      issues.push(
        issue("invalid_option", "gate", `unknown gate preset "${o.gate}"; known: ${GATE_IDS.join(", ")}`),
      );
  } else if (o.gate !== undefined) {
    const g = o.gate;
    if (!Number.isInteger(g.maxLesions) || g.maxLesions < 1 || g.maxLesions > 50) {
      issues.push(
        issue(
          "invalid_option",
          "gate.maxLesions",
          `must be a whole number from 1 to 50 (got ${g.maxLesions})`,
        ),
      );
    }
    if (
      g.maxOrgans !== undefined &&
      (!Number.isInteger(g.maxOrgans) || g.maxOrgans < 1 || g.maxOrgans > 13)
    ) {
      issues.push(
        issue("invalid_option", "gate.maxOrgans", `must be a whole number from 1 to 13 (got ${g.maxOrgans})`),
      );
    }
    gate = g;
  }
  const systemicWindowDays = intIn(
    o.systemicWindowDays,
    CLASSIFY_DEFAULTS.systemicWindowDays,
    0,
    365,
    "systemicWindowDays",
    issues,
  );
  const pct = o.progressionMinIncreasePercent ?? CLASSIFY_DEFAULTS.progressionMinIncreasePercent;
  if (!(pct >= 0 && pct <= 1000)) {
    issues.push(
      issue("invalid_option", "progressionMinIncreasePercent", `must be from 0 to 1000 (got ${pct})`),
    );
  }
  const mm = o.progressionMinIncreaseMm ?? CLASSIFY_DEFAULTS.progressionMinIncreaseMm;
  if (!(mm >= 0 && mm <= 1000)) {
    issues.push(issue("invalid_option", "progressionMinIncreaseMm", `must be from 0 to 1000 (got ${mm})`));
  }
  // 6.3: oligoprogression threshold configurable 3–5
  const oligoN = intIn(
    o.oligoprogressionMaxLesions,
    CLASSIFY_DEFAULTS.oligoprogressionMaxLesions,
    3,
    5,
    "oligoprogressionMaxLesions",
    issues,
  );
  const workupWindowDays = intIn(
    o.workupWindowDays,
    CLASSIFY_DEFAULTS.workupWindowDays,
    0,
    120,
    "workupWindowDays",
    issues,
  );
  if (o.indexDate !== undefined && !isIsoDate(o.indexDate)) {
    issues.push(
      issue("invalid_option", "indexDate", `must be a calendar date YYYY-MM-DD (got "${o.indexDate}")`),
    );
  }
  if (o.definitions !== undefined) {
    for (const d of o.definitions) {
      if (!knownDefinitionIds.includes(d)) {
        issues.push(
          issue(
            "invalid_option",
            "definitions",
            `unknown definition preset "${d}"; known: ${knownDefinitionIds.join(", ")}`,
          ),
        );
      }
    }
  }
  const detail = o.detail ?? "full";
  if (!CLASSIFY_DETAILS.includes(detail)) {
    issues.push(
      issue(
        "invalid_option",
        "detail",
        `unknown detail "${String(detail)}"; known: ${CLASSIFY_DETAILS.join(", ")}`,
      ),
    );
  }
  if (issues.length > 0) return fail(issues);
  return ok({
    asOf: o.asOf,
    gate,
    systemicWindowDays,
    progressionMinIncreasePercent: pct,
    progressionMinIncreaseMm: mm,
    oligoprogressionMaxLesions: oligoN,
    workupWindowDays,
    indexDate: o.indexDate,
    classifyAtFirstOmdDiagnosis: o.classifyAtFirstOmdDiagnosis,
    definitions: o.definitions,
    detail,
  });
}
