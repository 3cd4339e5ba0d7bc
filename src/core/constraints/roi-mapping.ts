// ROI-to-organ mapping for constraint evaluation (clinical-reference §4.4: TG-263 names, with a
// mapping table for local names). Automatic by TG-263 name or a known local variant, case-insensitive,
// reading laterality ("_L", " Left", "Lt_" …), PRV ("_PRV05") and a subtracted target ("Lungs-GTV");
// explicit overrides "ROI=organ" win. Targets (PTV, GTV …) and the external contour are recognised
// and left out; every other ROI that matches no organ is reported as unmapped.
import { type Issue, issue } from "../common/result.ts";
import { findOrganByKey, findOrganByName, normaliseName, type OrganAtRisk } from "./organs.ts";

export type Side = "L" | "R";

/** An organ as constraints name it: "SpinalCord", "BrachialPlex_L", "SpinalCanal_PRV". */
export type OrganRef = {
  /** catalogue key (TG-263) when known, else the name as the constraint set wrote it */
  readonly organ: string;
  readonly side?: Side;
  readonly prv: boolean;
};

export type RoiMapping = {
  readonly roi: string;
  readonly how: "override" | "tg263" | "local_variant" | "target" | "external" | "ignored" | "unmapped";
  readonly organ?: string;
  readonly side?: Side;
  readonly prv?: boolean;
  /** "GTV" for "Lungs-GTV": the organ minus a target */
  readonly minusTarget?: string;
  readonly note?: string;
};

type NameParts = {
  readonly base: string;
  readonly side?: Side;
  readonly prv: boolean;
  readonly minusTarget?: string;
};

// targets, also with the TG-263 prefixes "z" (not for evaluation) and "opt" (optimisation structure)
const TARGET = /^(?:z|x|opt)?[_\s-]?(PTV|GTV|CTV|ITV|IGTV|BTV)/i;
const EXTERNAL = /^(external|body|outline|ext|body_?contour|bodyoutline)$/i;
const MINUS_TARGET = /^(.*?\S)\s*[-–]\s*(PTV|GTV|CTV|ITV|IGTV)[\w.+]*$/i;
const PRV_SUFFIX = /^(.*?)[\s_-]*PRV[\s_-]*\d*(?:\.\d+)?\s*(?:mm)?$/i;
const PRV_PREFIX = /^PRV[\s_-]*\d*(?:mm)?[\s_-]+(.+)$/i;
const SIDE_SUFFIX = /^(.*?)[\s_.-]+(L|R|Lt|Rt|Left|Right|Li|Re|Links|Rechts)$/i;
const SIDE_PREFIX = /^(L|R|Lt|Rt|Left|Right)[\s_.-]+(.+)$/i;
const SIDE_CAMEL = /^(.*[a-z])(Left|Right)$/;

function sideOf(word: string): Side {
  return /^(l|lt|left|li|links)$/i.test(word) ? "L" : "R";
}

/** Splits an ROI name into base name, side, PRV and subtracted target. */
export function parseRoiName(name: string): NameParts {
  let rest = name.trim();
  let minusTarget: string | undefined;
  let prv = false;
  let side: Side | undefined;
  const minus = MINUS_TARGET.exec(rest);
  if (minus) {
    rest = minus[1] as string;
    minusTarget = (minus[2] as string).toUpperCase();
  }
  const prvSuffix = PRV_SUFFIX.exec(rest);
  const prvPrefix = PRV_PREFIX.exec(rest);
  if (prvSuffix && (prvSuffix[1] as string).length > 0) {
    rest = prvSuffix[1] as string;
    prv = true;
  } else if (prvPrefix) {
    rest = prvPrefix[1] as string;
    prv = true;
  }
  const suffix = SIDE_SUFFIX.exec(rest);
  const prefix = SIDE_PREFIX.exec(rest);
  const camel = SIDE_CAMEL.exec(rest);
  if (suffix) {
    rest = suffix[1] as string;
    side = sideOf(suffix[2] as string);
  } else if (prefix) {
    rest = prefix[2] as string;
    side = sideOf(prefix[1] as string);
  } else if (camel) {
    rest = camel[1] as string;
    side = sideOf(camel[2] as string);
  }
  return {
    base: rest,
    prv,
    ...(side !== undefined ? { side } : {}),
    ...(minusTarget !== undefined ? { minusTarget } : {}),
  };
}

/** Reads an organ reference ("BrachialPlex_L", "SpinalCanal_PRV", "Lungs"); unknown names stay as written. */
export function parseOrganRef(text: string): OrganRef {
  const exact = findOrganByKey(text.trim());
  if (exact) return { organ: exact.key, prv: false };
  const parts = parseRoiName(text);
  const organ = findOrganByName(parts.base);
  return {
    organ: organ?.key ?? parts.base,
    prv: parts.prv,
    ...(parts.side !== undefined ? { side: parts.side } : {}),
  };
}

/** "BrachialPlex_L", "SpinalCanal_PRV" … */
export function organRefName(ref: OrganRef): string {
  return `${ref.organ}${ref.side ? `_${ref.side}` : ""}${ref.prv ? "_PRV" : ""}`;
}

/** Whether an ROI mapping satisfies an organ reference of a constraint (any side unless the reference names one). */
export function mappingMatches(m: RoiMapping, ref: OrganRef): boolean {
  if (m.organ === undefined) return false;
  if (normaliseName(m.organ) !== normaliseName(ref.organ)) return false;
  if ((m.prv ?? false) !== ref.prv) return false;
  return ref.side === undefined || ref.side === m.side;
}

/** Override value that leaves an ROI out of the evaluation. */
export const IGNORE_ROI = ["none", "ignore", "-"] as const;

export type RoiMappingResult = {
  readonly mappings: readonly RoiMapping[];
  /** ROIs that are neither targets, the external contour, nor a known organ */
  readonly unmapped: readonly string[];
  /** overrides that could not be used (invalid organ, or naming no ROI) */
  readonly issues: readonly Issue[];
  readonly warnings: readonly Issue[];
};

function fromParts(
  roi: string,
  parts: NameParts,
  organ: OrganAtRisk,
  how: "tg263" | "local_variant",
): RoiMapping {
  return {
    roi,
    how,
    organ: organ.key,
    prv: parts.prv,
    ...(parts.side !== undefined ? { side: parts.side } : {}),
    ...(parts.minusTarget !== undefined
      ? { minusTarget: parts.minusTarget, note: `${organ.key} minus ${parts.minusTarget}` }
      : {}),
  };
}

/**
 * Maps ROI names to organs. `overrides` maps an ROI name (exact, else case-insensitive) to an organ
 * reference or "none"; `knownOrgans` are organ names used by the constraint set that the TG-263
 * catalogue lacks (user sets), matched by normalised name.
 */
export function mapRois(
  roiNames: readonly string[],
  overrides: Readonly<Record<string, string>> = {},
  knownOrgans: readonly string[] = [],
): RoiMappingResult {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const extra = new Map(knownOrgans.map((o) => [normaliseName(o), o]));
  const overrideFor = new Map<string, string>();
  const lowerOverride = new Map<string, string>();
  for (const [roi, target] of Object.entries(overrides)) {
    overrideFor.set(roi.trim(), target.trim());
    lowerOverride.set(roi.trim().toLowerCase(), target.trim());
  }
  const usedOverrides = new Set<string>();

  const mappings = roiNames.map((roi): RoiMapping => {
    const key = roi.trim();
    const target = overrideFor.get(key) ?? lowerOverride.get(key.toLowerCase());
    if (target !== undefined) {
      usedOverrides.add(key.toLowerCase());
      if ((IGNORE_ROI as readonly string[]).includes(target.toLowerCase())) {
        return { roi, how: "ignored", note: "left out by an explicit mapping" };
      }
      const ref = parseOrganRef(target);
      const known = findOrganByKey(ref.organ) ?? extra.get(normaliseName(ref.organ));
      if (known === undefined) {
        issues.push(
          issue(
            "unknown_organ",
            `roiMap.${roi}`,
            `"${target}" is not an organ of the TG-263 catalogue or of the constraint set (see docs/constraints.md)`,
          ),
        );
        return { roi, how: "unmapped" };
      }
      return {
        roi,
        how: "override",
        organ: typeof known === "string" ? known : known.key,
        prv: ref.prv,
        ...(ref.side !== undefined ? { side: ref.side } : {}),
      };
    }
    if (EXTERNAL.test(key)) return { roi, how: "external" };
    if (TARGET.test(key)) return { roi, how: "target" };
    const parts = parseRoiName(key);
    const organ = findOrganByName(parts.base);
    if (organ !== undefined) {
      if (organ.laterality === "required" && parts.side === undefined) {
        return {
          roi,
          how: "unmapped",
          note: `ambiguous: name the side (${organ.key}_L / _R) or map it explicitly`,
        };
      }
      if (organ.laterality === "none" && parts.side !== undefined) {
        return { roi, how: "unmapped", note: `${organ.key} has no sides` };
      }
      const how = parts.base.toLowerCase() === organ.key.toLowerCase() ? "tg263" : "local_variant";
      return fromParts(roi, parts, organ, how);
    }
    const user = extra.get(normaliseName(parts.base));
    if (user !== undefined) {
      return {
        roi,
        how: "tg263",
        organ: user,
        prv: parts.prv,
        ...(parts.side !== undefined ? { side: parts.side } : {}),
        ...(parts.minusTarget !== undefined ? { minusTarget: parts.minusTarget } : {}),
      };
    }
    return { roi, how: "unmapped" };
  });

  for (const roi of overrideFor.keys()) {
    if (!usedOverrides.has(roi.toLowerCase())) {
      warnings.push(
        issue("roi_override_unused", `roiMap.${roi}`, `no ROI named "${roi}" in the structure set`),
      );
    }
  }
  return {
    mappings,
    unmapped: mappings.filter((m) => m.how === "unmapped").map((m) => m.roi),
    issues,
    warnings,
  };
}
