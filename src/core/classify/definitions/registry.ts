// The definition presets, in display order. To add one: write <id>.ts exporting a DefinitionPreset
// (id, name, version, source, evaluate) with tests beside it, and add it to this list.
import { EORTC_LCG_2019 } from "./eortc-lcg-2019.ts";
import { ESTRO_ASTRO_2020 } from "./estro-astro-2020.ts";
import { GENERIC_3, GENERIC_5 } from "./generic.ts";
import { SABR_COMET } from "./sabr-comet.ts";
import type { DefinitionPreset } from "./types.ts";
import { UK_CTE } from "./uk-cte.ts";

export const DEFINITION_PRESETS: readonly DefinitionPreset[] = [
  GENERIC_3,
  GENERIC_5,
  EORTC_LCG_2019,
  ESTRO_ASTRO_2020,
  SABR_COMET,
  UK_CTE,
];

export const DEFINITION_IDS: readonly string[] = DEFINITION_PRESETS.map((d) => d.id);

export type DefinitionInfo = {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly summary: string;
  readonly evaluatedAt: "index" | "presentation";
};

/** The presets as plain data (for `oligoscope definitions` and GET /api/definitions). */
export function listDefinitions(): DefinitionInfo[] {
  return DEFINITION_PRESETS.map(({ id, name, version, source, summary, evaluatedAt }) => ({
    id,
    name,
    version,
    source,
    summary,
    evaluatedAt,
  }));
}
