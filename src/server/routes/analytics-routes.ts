// Cohort survival analytics (JSON) and the plan check (multipart upload of DICOM RT files).
import type { FastifyInstance, FastifyRequest } from "fastify";
import * as z from "zod";
import {
  type AppContext,
  AppError,
  checkUploadedPlan,
  cohortSurvival,
  MAX_RISK_TIMES,
  type PlanUpload,
  SURVIVAL_ENDPOINTS,
  SURVIVAL_GROUPINGS,
} from "../../app/index.ts";
import { cohortFilterQuery, toCohortFilters } from "../query-schemas.ts";
import { addRoute } from "../route-kit.ts";

const survivalBody = z
  .object({
    endpoint: z.enum(SURVIVAL_ENDPOINTS).meta({ description: "os: overall survival; pfs: progression-free" }),
    groupBy: z.enum(SURVIVAL_GROUPINGS).default("none"),
    filters: cohortFilterQuery.optional(),
    times: z
      .array(z.number().min(0))
      .max(MAX_RISK_TIMES)
      .optional()
      .meta({ description: "months for the number-at-risk table (default every 6 or 12 months)" }),
  })
  .strict();

const curve = z.object({
  time: z.array(z.number()),
  survival: z.array(z.number()),
  lower: z.array(z.number().nullable()),
  upper: z.array(z.number().nullable()),
  nRisk: z.array(z.number()),
  nEvent: z.array(z.number()),
  nCensor: z.array(z.number()),
});
const nullableNumber = z.number().nullable();
const survivalResponse = z.object({
  endpoint: z.enum(SURVIVAL_ENDPOINTS),
  timeUnit: z.literal("months"),
  groupBy: z.enum(SURVIVAL_GROUPINGS),
  matched: z.number(),
  excluded: z.number(),
  groups: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      n: z.number(),
      events: z.number(),
      curve,
      median: z.object({ value: nullableNumber, lower: nullableNumber, upper: nullableNumber }),
    }),
  ),
  numberAtRisk: z.object({ times: z.array(z.number()), byGroup: z.record(z.string(), z.array(z.number())) }),
  logRank: z.object({ chisq: z.number(), df: z.number(), p: z.number() }).nullable(),
  cox: z
    .object({
      reference: z.string(),
      terms: z.array(
        z.object({ name: z.string(), hr: z.number(), lower: z.number(), upper: z.number(), p: z.number() }),
      ),
      n: z.number(),
      events: z.number(),
    })
    .nullable(),
  warnings: z.array(z.string()),
});

const FILE_FIELDS = new Set(["rtdose", "rtstruct", "rtplan"]);
const TEXT_FIELDS = new Set(["constraints", "fractions", "map"]);

/** Reads the multipart form: the three files as bytes, the text fields; unknown fields are an error. */
async function readPlanUpload(request: FastifyRequest): Promise<PlanUpload> {
  if (!request.isMultipart()) {
    throw new AppError("invalid", "multipart_required", "send the files as multipart/form-data", [
      { code: "invalid_type", path: "", message: "content-type must be multipart/form-data" },
    ]);
  }
  const upload: Record<string, Uint8Array | string> = {};
  const unknown: string[] = [];
  for await (const part of request.parts()) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      if (FILE_FIELDS.has(part.fieldname)) upload[part.fieldname] = new Uint8Array(bytes);
      else unknown.push(part.fieldname);
    } else if (TEXT_FIELDS.has(part.fieldname) && typeof part.value === "string") {
      upload[part.fieldname] = part.value;
    } else {
      unknown.push(part.fieldname);
    }
  }
  if (unknown.length > 0) {
    throw new AppError(
      "invalid",
      "validation_failed",
      "the plan upload has unknown fields",
      unknown.map((f) => ({
        code: "unknown_field",
        path: f,
        message: "not a field of the plan check (rtdose, rtstruct, rtplan, constraints, fractions, map)",
      })),
    );
  }
  const file = (k: string) => (upload[k] instanceof Uint8Array ? (upload[k] as Uint8Array) : undefined);
  const text = (k: string) => (typeof upload[k] === "string" ? (upload[k] as string) : undefined);
  return {
    rtdose: file("rtdose"),
    rtstruct: file("rtstruct"),
    rtplan: file("rtplan"),
    constraints: text("constraints"),
    fractions: text("fractions"),
    map: text("map"),
  };
}

export function registerAnalyticsRoutes(app: FastifyInstance, ctx: AppContext): void {
  addRoute(app, {
    method: "POST",
    url: "/api/analytics/survival",
    access: "cohort.analytics",
    summary: "Kaplan–Meier curves, log-rank test and Cox model of OS or PFS by group",
    description:
      "Time from the ESTRO/EORTC index date in months (days / 30.4375). 95 % log-transformed pointwise limits and medians as R survfit; Cox with the group as a factor, first group = reference. Clinicians: own site; researchers and admins: every site (aggregate only; text search q is refused for researchers).",
    tags: ["analytics"],
    body: survivalBody,
    response: {
      200: { description: "curves, tests and model", schema: survivalResponse },
      400: { description: "invalid request; error.issues names every failing field" },
    },
    handler: async ({ caller, body }) =>
      cohortSurvival(ctx, caller, {
        endpoint: body.endpoint,
        groupBy: body.groupBy,
        filters: body.filters ? toCohortFilters(body.filters) : undefined,
        times: body.times,
      }),
  });

  addRoute(app, {
    method: "POST",
    url: "/api/plan-check",
    access: "plan.check",
    summary: "DVHs of an uploaded plan checked against a constraint set (TG-101 by default)",
    description:
      "multipart/form-data: rtdose and rtstruct files (required), rtplan file (optional, gives the fractions), constraints (set id, default tg101), fractions, map (lines ROI=organ). Nothing uploaded is stored.",
    tags: ["plan"],
    rawBody: true,
    consumes: ["multipart/form-data"],
    bodyDoc: z.object({
      rtdose: z.string().meta({ format: "binary", description: "RTDOSE file (required)" }),
      rtstruct: z.string().meta({ format: "binary", description: "RTSTRUCT file (required)" }),
      rtplan: z
        .string()
        .optional()
        .meta({ format: "binary", description: "RTPLAN file (gives the fractions)" }),
      constraints: z
        .string()
        .optional()
        .meta({ description: "constraint set id (default tg101; uk-sabr-v6.1)" }),
      fractions: z
        .string()
        .optional()
        .meta({ description: "number of fractions 1-100 (overrides the RTPLAN)" }),
      map: z.string().optional().meta({ description: "lines ROI=organ (organ none leaves an ROI out)" }),
    }),
    response: {
      200: { description: "DVH per ROI and the constraint results" },
      400: { description: "missing file, unreadable DICOM, unknown set; error.issues names each" },
      413: { description: "a file is larger than the upload limit" },
    },
    handler: async ({ caller, request }) => checkUploadedPlan(ctx, caller, await readPlanUpload(request)),
  });
}
