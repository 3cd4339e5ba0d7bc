// Organs at risk by their AAPM TG-263 names (Mayo CS et al., Int J Radiat Oncol Biol Phys
// 2018;100(4):1057–1066), with common local variants and the α/β used for LQ conversion of their
// constraints (clinical-reference §3.2, or a design reading marked "D"). Data: organs.json.
import * as z from "zod";
import { findAlphaBetaEntry } from "../radiobiology/alpha-beta.ts";
import organsJson from "./organs.json" with { type: "json" };

export type Laterality = "none" | "optional" | "required";

export type OrganAtRisk = {
  /** TG-263 name without laterality (e.g. "BrachialPlex"; ROIs BrachialPlex_L/_R map here with a side) */
  readonly key: string;
  readonly label: string;
  /** false for the few names that TG-263 does not define (e.g. SpinalCord_Partial) */
  readonly tg263: boolean;
  /** none: no sides; optional: _L/_R or both; required: only a sided ROI maps (Lung_L, Kidney_R) */
  readonly laterality: Laterality;
  /** local variants, normalised (lower case, no spaces, "_", "-" or ".") */
  readonly aliases: readonly string[];
  /** key of the α/β table entry used for this organ */
  readonly alphaBetaTissue: string;
  /** "table": the §3.2 table names this tissue; "D": a design reading (see note) */
  readonly alphaBetaReading: "table" | "D";
  readonly note?: string;
};

const organSchema = z
  .object({
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
    label: z.string().min(1),
    tg263: z.boolean(),
    laterality: z.enum(["none", "optional", "required"]),
    aliases: z.array(z.string().regex(/^[a-z0-9]+$/)),
    alphaBetaTissue: z.string(),
    alphaBetaReading: z.enum(["table", "D"]),
    note: z.string().optional(),
  })
  .strict();

const catalogueSchema = z
  .object({ name: z.string(), version: z.string(), source: z.string(), organs: z.array(organSchema) })
  .strict();

const parsed = catalogueSchema.parse(organsJson);

/** The organ catalogue, validated when this module loads. */
export const ORGANS_AT_RISK: readonly OrganAtRisk[] = parsed.organs as OrganAtRisk[];
export const ORGANS_AT_RISK_SOURCE = parsed.source;

/** Normalises a name for matching: lower case without spaces, "_", "-" and ".". */
export const normaliseName = (name: string): string => name.toLowerCase().replace(/[\s_.-]+/g, "");

const byAlias = new Map<string, OrganAtRisk>();
const byKey = new Map<string, OrganAtRisk>();
for (const organ of ORGANS_AT_RISK) {
  byKey.set(organ.key.toLowerCase(), organ);
  for (const alias of new Set([normaliseName(organ.key), ...organ.aliases])) {
    const other = byAlias.get(alias);
    if (other !== undefined && other !== organ) {
      throw new Error(`organs.json: alias "${alias}" names both ${other.key} and ${organ.key}`);
    }
    byAlias.set(alias, organ);
  }
  if (findAlphaBetaEntry(organ.alphaBetaTissue)?.alphaBetaGy === undefined) {
    throw new Error(
      `organs.json: ${organ.key} names α/β tissue "${organ.alphaBetaTissue}" without a single value`,
    );
  }
}

/** The organ of a TG-263 key (case-insensitive), e.g. "spinalcord" → SpinalCord. */
export function findOrganByKey(key: string): OrganAtRisk | undefined {
  return byKey.get(key.toLowerCase());
}

/** The organ of a base name (no side, PRV or subtraction), matched against keys and local variants. */
export function findOrganByName(baseName: string): OrganAtRisk | undefined {
  return byAlias.get(normaliseName(baseName));
}

/** α/β (Gy) of an organ from the table (every organ names a tissue with a single value). */
export function organAlphaBetaGy(organ: OrganAtRisk): number {
  return findAlphaBetaEntry(organ.alphaBetaTissue)?.alphaBetaGy as number;
}
