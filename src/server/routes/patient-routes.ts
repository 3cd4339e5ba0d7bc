// Patients: list, read, register, replace, delete, classify with options. Bodies are validated by
// the model (parsePatient: every failing field with its model path).
import type { FastifyInstance, FastifyReply } from "fastify";
import * as z from "zod";
import {
  type AppContext,
  AppError,
  classifyStoredPatient,
  deletePatient,
  getPatient,
  listPatients,
  type PatientView,
  registerPatient,
  updatePatient,
} from "../../app/index.ts";
import { GATE_IDS, patientSchema } from "../../core/index.ts";
import { cohortFilterQuery, idParams, isoDateParam, pageQuery, toCohortFilters } from "../query-schemas.ts";
import { addRoute } from "../route-kit.ts";

const listItem = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string().nullable(),
  birthYear: z.number().nullable(),
  sex: z.string().nullable(),
  primarySite: z.string(),
  indexDate: z.string().nullable(),
  stateCode: z.string(),
  stateLabel: z.string(),
  updatedAt: z.string(),
});

const patientResponse = z.object({
  patient: z.unknown().meta({ description: "the patient model JSON (docs/schema)" }),
  classification: z.unknown().meta({ description: "classifyPatient output as of the last write" }),
  version: z.number(),
  updatedAt: z.string(),
});

const PATIENT_OPEN = Buffer.from('{"patient":');
const CLASSIFICATION_OPEN = Buffer.from(',"classification":');

/**
 * Sends the stored JSON texts without parsing and re-serialising them: as one string, or, when the
 * store handed over their UTF-8 bytes (the patient page), as one buffer of the same bytes.
 */
function sendView(reply: FastifyReply, view: PatientView, status = 200): FastifyReply {
  const tail = `,"version":${view.version},"updatedAt":${JSON.stringify(view.updatedAt)}}`;
  const { patientJson: p, classificationJson: c } = view;
  const body =
    typeof p === "string" && typeof c === "string"
      ? `{"patient":${p},"classification":${c}${tail}`
      : Buffer.concat([PATIENT_OPEN, bytesOf(p), CLASSIFICATION_OPEN, bytesOf(c), Buffer.from(tail)]);
  return reply
    .code(status)
    .header("etag", `"v${view.version}"`)
    .type("application/json; charset=utf-8")
    .send(body);
}

const bytesOf = (x: string | Uint8Array): Uint8Array => (typeof x === "string" ? Buffer.from(x) : x);

/** If-Match: "v3", v3, 3 or W/"v3" -> 3; absent -> undefined. */
function expectedVersion(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const h = Array.isArray(header) ? header[0] : header;
  const m = /^(?:W\/)?"?v?(\d+)"?$/.exec((h ?? "").trim());
  if (!m) {
    throw new AppError(
      "invalid",
      "validation_failed",
      'If-Match must be the ETag of the patient, e.g. "v3"',
      [{ code: "invalid_value", path: "headers.if-match", message: `cannot read a version from "${h}"` }],
    );
  }
  return Number(m[1]);
}

export function registerPatientRoutes(app: FastifyInstance, ctx: AppContext): void {
  addRoute(app, {
    method: "GET",
    url: "/api/patients",
    access: "patient.read",
    summary: "List patients (clinician: own site; admin: all)",
    tags: ["patients"],
    query: cohortFilterQuery.extend(pageQuery.shape),
    response: {
      200: { description: "one page", schema: z.object({ total: z.number(), items: z.array(listItem) }) },
    },
    handler: async ({ caller, query }) =>
      listPatients(ctx, caller, toCohortFilters(query), { limit: query.limit, offset: query.offset }),
  });

  addRoute(app, {
    method: "POST",
    url: "/api/patients",
    access: "patient.write",
    summary: "Register (import) a patient",
    description:
      "201 when created; 200 when the identical record already exists (idempotent re-import); 409 when a different record has this id. Validation errors: 400 with every failing field (model paths).",
    tags: ["patients"],
    bodyDoc: patientSchema,
    response: {
      201: { description: "created", schema: patientResponse },
      200: { description: "identical record already stored", schema: patientResponse },
      400: { description: "invalid record; error.issues lists every failing field" },
      409: { description: "another record with this id exists" },
    },
    handler: async ({ caller, body, reply }) => {
      const result = await registerPatient(ctx, caller, body);
      return sendView(reply, result.view, result.created ? 201 : 200);
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/api/patients/:id",
    access: "patient.read",
    summary: "A patient's record and classification",
    tags: ["patients"],
    params: idParams,
    response: { 200: { description: "record and classification", schema: patientResponse } },
    handler: async ({ caller, params, reply }) => sendView(reply, await getPatient(ctx, caller, params.id)),
  });

  addRoute(app, {
    method: "PUT",
    url: "/api/patients/:id",
    access: "patient.write",
    summary: "Replace a patient's record",
    description:
      'Send If-Match: "v<version>" (the ETag of GET) to refuse overwriting someone else\'s change (409).',
    tags: ["patients"],
    params: idParams,
    bodyDoc: patientSchema,
    response: {
      200: {
        description: "stored (version unchanged when the record is identical)",
        schema: patientResponse,
      },
      409: { description: "changed meanwhile (If-Match)" },
    },
    handler: async ({ caller, params, body, request, reply }) => {
      const result = await updatePatient(
        ctx,
        caller,
        params.id,
        body,
        expectedVersion(request.headers["if-match"]),
      );
      return sendView(reply, result.view);
    },
  });

  addRoute(app, {
    method: "DELETE",
    url: "/api/patients/:id",
    access: "patient.delete",
    summary: "Delete a patient (admin)",
    tags: ["patients"],
    params: idParams,
    response: { 204: { description: "deleted" } },
    handler: async ({ caller, params, reply }) => {
      await deletePatient(ctx, caller, params.id);
      return reply.code(204).send();
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/api/patients/:id/classification",
    access: "patient.read",
    summary: "Classify the stored record as of a date and with an OMD gate preset",
    tags: ["patients"],
    params: idParams,
    query: z.object({
      asOf: isoDateParam.optional().meta({ description: "default today" }),
      gate: z
        .enum(GATE_IDS as [string, ...string[]])
        .optional()
        .meta({ description: "OMD gate preset (default le5)" }),
    }),
    handler: async ({ caller, params, query }) => classifyStoredPatient(ctx, caller, params.id, query),
  });
}
