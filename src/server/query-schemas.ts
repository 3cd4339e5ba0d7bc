// Zod schemas of query parameters shared by several routes: cohort filters (lists may repeat the
// parameter or separate values by commas), paging, dates.
import * as z from "zod";
import type { CohortFilters } from "../app/index.ts";
import { isIsoDate, NON_OMD_CODES, OMD_CATEGORY_CODES, PRIMARY_SITES } from "../core/index.ts";
import { TREATMENT_FILTERS } from "../store/index.ts";

const STATE_CODES = [...OMD_CATEGORY_CODES, ...NON_OMD_CODES] as const;

/** `a,b` or repeated `x=a&x=b` -> ["a", "b"], each value one of `allowed` when given. */
function listOf<T extends string>(allowed?: readonly T[]) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v])
            .flatMap((x) => x.split(","))
            .map((x) => x.trim())
            .filter((x) => x !== ""),
    )
    .superRefine((values, ctx) => {
      if (!allowed || !values) return;
      for (const v of values) {
        if (!(allowed as readonly string[]).includes(v)) {
          ctx.addIssue({ code: "custom", message: `"${v}" is not one of ${allowed.join(", ")}` });
        }
      }
    })
    .transform((v) => v as T[] | undefined);
}

export const isoDateParam = z
  .string()
  .refine(isIsoDate, { message: "must be a calendar date YYYY-MM-DD" })
  .meta({ description: "calendar date YYYY-MM-DD" });

export const cohortFilterQuery = z.object({
  q: z.string().max(200).optional().meta({ description: "text in id, name or MRN (not for researchers)" }),
  primarySite: listOf(PRIMARY_SITES).meta({ description: `primary site codes: ${PRIMARY_SITES.join(", ")}` }),
  state: listOf(STATE_CODES).meta({ description: "ESTRO/EORTC codes of the registry classification" }),
  treatment: listOf(TREATMENT_FILTERS).meta({
    description: "all listed must apply: sbrt, surgery, ablation, systemic, no_local",
  }),
  siteId: listOf().meta({ description: "treating sites (clinicians: their own only)" }),
  from: isoDateParam.optional().meta({ description: "index date on or after" }),
  to: isoDateParam.optional().meta({ description: "index date on or before" }),
});

export type CohortFilterQuery = z.output<typeof cohortFilterQuery>;

export const toCohortFilters = (q: CohortFilterQuery): CohortFilters => ({
  q: q.q,
  primarySite: q.primarySite,
  state: q.state,
  treatment: q.treatment,
  siteId: q.siteId,
  from: q.from,
  to: q.to,
});

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const idParams = z.object({ id: z.string().min(1).max(128) });
