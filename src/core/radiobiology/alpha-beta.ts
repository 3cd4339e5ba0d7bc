// The α/β table of clinical-reference §3.2 (data in alpha-beta-table.json, with status marks and
// sources) and the checked choice of α/β: a value given by the user, or a table entry by tissue key.
import * as z from "zod";
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import table from "./alpha-beta-table.json" with { type: "json" };
import { checkPositive } from "./fractionation.ts";

/** Confirmation status, clinical-reference §0: C confirmed, K known (verify), U unconfirmed, D design. */
export const CONFIRMATION_STATUSES = ["C", "K", "U", "D"] as const;
export type ConfirmationStatus = (typeof CONFIRMATION_STATUSES)[number];

const entrySchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    aliases: z.array(z.string().regex(/^[a-z0-9-]+$/)),
    label: z.string().min(1),
    alphaBetaGy: z.number().positive().optional(),
    alphaBetaRangeGy: z.tuple([z.number().positive(), z.number().positive()]).optional(),
    status: z.enum(CONFIRMATION_STATUSES),
    source: z.string().min(1),
  })
  .strict()
  .refine((e) => (e.alphaBetaGy === undefined) !== (e.alphaBetaRangeGy === undefined), {
    message: "an entry has exactly one of alphaBetaGy and alphaBetaRangeGy",
  });

const tableSchema = z
  .object({ name: z.string(), version: z.string(), source: z.string(), entries: z.array(entrySchema) })
  .strict();

export type AlphaBetaEntry = {
  readonly key: string;
  readonly aliases: readonly string[];
  readonly label: string;
  /** a single value, or undefined when the source gives a range only */
  readonly alphaBetaGy?: number;
  readonly alphaBetaRangeGy?: readonly [number, number];
  readonly status: ConfirmationStatus;
  readonly source: string;
};

export type AlphaBetaTable = {
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly entries: readonly AlphaBetaEntry[];
};

/** The α/β table (clinical-reference §3.2), validated when this module loads. */
export const ALPHA_BETA_TABLE: AlphaBetaTable = tableSchema.parse(table) as AlphaBetaTable;

const byName = new Map<string, AlphaBetaEntry>();
for (const e of ALPHA_BETA_TABLE.entries) {
  for (const name of [e.key, ...e.aliases]) {
    if (byName.has(name)) throw new Error(`alpha-beta-table.json: "${name}" is used twice`);
    byName.set(name, e);
  }
}

const normaliseTissue = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");

/** The table entry for a tissue key or alias (case-insensitive; spaces and "_" read as "-"). */
export function findAlphaBetaEntry(tissue: string): AlphaBetaEntry | undefined {
  return byName.get(normaliseTissue(tissue));
}

/** Where an α/β value came from: given by the user, or a table entry. */
export type AlphaBetaChoice = {
  readonly alphaBetaGy: number;
  readonly source: { readonly kind: "user" } | { readonly kind: "table"; readonly entry: AlphaBetaEntry };
};

export type AlphaBetaInput = {
  readonly alphaBetaGy?: number | undefined;
  readonly tissue?: string | undefined;
};

/**
 * Chooses α/β from a user value (> 0) or a tissue key of the table; exactly one must be given.
 * A tissue whose source gives only a range (breast cancer 3.5–4 Gy) is refused: the user must
 * pick the value, the platform does not.
 */
export function resolveAlphaBeta(input: AlphaBetaInput, prefix = ""): Result<AlphaBetaChoice> {
  const issues: Issue[] = [];
  const pathAb = `${prefix}alphaBetaGy`;
  const pathTissue = `${prefix}tissue`;
  if (input.alphaBetaGy !== undefined && input.tissue !== undefined) {
    return fail([
      issue(
        "conflicting_fields",
        pathTissue,
        "give either α/β (Gy) or a tissue from the α/β table, not both",
      ),
    ]);
  }
  if (input.alphaBetaGy !== undefined) {
    const ab = checkPositive(input.alphaBetaGy, pathAb, "α/β (Gy)", issues);
    return ab === undefined ? fail(issues) : ok({ alphaBetaGy: ab, source: { kind: "user" } });
  }
  if (input.tissue === undefined) {
    return fail([issue("required", pathAb, "give α/β (Gy) or a tissue from the α/β table")]);
  }
  const entry = findAlphaBetaEntry(input.tissue);
  if (entry === undefined) {
    const keys = ALPHA_BETA_TABLE.entries.map((e) => e.key).join(", ");
    return fail([
      issue(
        "unknown_tissue",
        pathTissue,
        `"${input.tissue}" is not in the α/β table; known tissues: ${keys}`,
      ),
    ]);
  }
  if (entry.alphaBetaGy === undefined) {
    const [lo, hi] = entry.alphaBetaRangeGy ?? [Number.NaN, Number.NaN];
    return fail([
      issue(
        "alpha_beta_range",
        pathTissue,
        `${entry.label}: the table gives α/β ${lo}–${hi} Gy, a range without a single value; give α/β (Gy) explicitly`,
      ),
    ]);
  }
  return ok({ alphaBetaGy: entry.alphaBetaGy, source: { kind: "table", entry } });
}
