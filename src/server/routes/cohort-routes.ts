// Cohort summary, definitions and exports.
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import * as z from "zod";
import {
  type AppContext,
  cohortSummary,
  exportPatientsCsv,
  researchExport,
  todayIso,
} from "../../app/index.ts";
import { GATE_PRESETS, listDefinitions } from "../../core/index.ts";
import { cohortFilterQuery, toCohortFilters } from "../query-schemas.ts";
import { addRoute } from "../route-kit.ts";

const countRow = z.object({ code: z.string(), label: z.string(), count: z.number() });

export function registerCohortRoutes(app: FastifyInstance, ctx: AppContext): void {
  addRoute(app, {
    method: "GET",
    url: "/api/cohort/summary",
    access: "cohort.analytics",
    summary: "Patients by ESTRO/EORTC state and by primary (aggregate)",
    tags: ["cohort"],
    query: cohortFilterQuery,
    response: {
      200: {
        description: "counts",
        schema: z.object({ total: z.number(), byState: z.array(countRow), byPrimary: z.array(countRow) }),
      },
    },
    handler: async ({ caller, query }) => cohortSummary(ctx, caller, toCohortFilters(query)),
  });

  addRoute(app, {
    method: "GET",
    url: "/api/definitions",
    access: "definitions.read",
    summary: "OMD definition presets evaluated with every classification",
    tags: ["cohort"],
    response: {
      200: {
        description: "presets",
        schema: z.array(
          z.object({ id: z.string(), name: z.string(), version: z.string(), source: z.string() }),
        ),
      },
    },
    handler: async () => listDefinitions(),
  });

  addRoute(app, {
    method: "GET",
    url: "/api/gates",
    access: "definitions.read",
    summary: "OMD gate presets for the classification (query parameter gate)",
    tags: ["cohort"],
    handler: async () => Object.values(GATE_PRESETS),
  });

  addRoute(app, {
    method: "GET",
    url: "/api/export/patients.csv",
    access: "export.csv",
    summary: "Patient list as CSV (identifying; clinician: own site)",
    tags: ["export"],
    query: cohortFilterQuery,
    handler: async ({ caller, query, reply }) => {
      const { lines } = await exportPatientsCsv(ctx, caller, toCohortFilters(query));
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="oligoscope-patients-${todayIso(ctx)}.csv"`)
        .header("cache-control", "no-store")
        .send(Readable.from(lines));
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/api/export/research.ndjson",
    access: "export.research",
    summary: "De-identified research export, one JSON record per line",
    description:
      "No names, MRNs or record ids (keyed pseudonyms), no free text, every date shifted by a secret per-patient offset (intervals kept), age at the index date capped at 90.",
    tags: ["export"],
    query: cohortFilterQuery,
    handler: async ({ caller, query, reply }) => {
      const { lines } = await researchExport(ctx, caller, toCohortFilters(query));
      return reply
        .type("application/x-ndjson; charset=utf-8")
        .header("content-disposition", `attachment; filename="oligoscope-research-${todayIso(ctx)}.ndjson"`)
        .header("cache-control", "no-store")
        .send(Readable.from(lines));
    },
  });
}
