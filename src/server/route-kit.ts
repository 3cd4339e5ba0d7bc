// How a route is declared: method, url, who may call it, Zod schemas for params/query/body (the
// same schemas validate the request and document it in the OpenAPI file), and a handler that
// calls one use case. Validation reports every failing field; authentication runs first, so an
// anonymous request gets 401 before any 400.
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";
import * as z from "zod";
import { type ActiveSession, AppError, authorize, type Caller, type Permission } from "../app/index.ts";
import { formatPath, type Issue, issue } from "../core/index.ts";

export type Access =
  /** anyone (login, health, OpenAPI) */
  | "public"
  /** any logged-in user */
  | "session"
  /** a logged-in user whose role has this permission (site checks happen in the use case) */
  | Permission;

export type RouteInput<P, Q, B> = {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** set for every access level except "public" */
  readonly caller: Caller;
  readonly session: ActiveSession | undefined;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
};

export type RouteSpec<P, Q, B> = {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly url: string;
  readonly access: Access;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** documents the body in OpenAPI without parsing it (the use case validates, e.g. parsePatient) */
  readonly bodyDoc?: z.ZodType;
  /** request content types for OpenAPI (default application/json), e.g. multipart/form-data */
  readonly consumes?: readonly string[];
  /** documented response (OpenAPI only; not used to serialise) */
  readonly response?: Readonly<Record<number, { description: string; schema?: z.ZodType }>>;
  /** state-changing requests need the session's CSRF token unless this is false (login only) */
  readonly csrf?: boolean;
  /** extra Fastify route options (rate limit config, body limit) */
  readonly options?: RouteShorthandOptions;
  /** multipart routes parse their own body */
  readonly rawBody?: boolean;
  readonly handler: (input: RouteInput<P, Q, B>) => Promise<unknown>;
};

declare module "fastify" {
  interface FastifyRequest {
    oligoscopeSession: ActiveSession | undefined;
  }
  interface FastifyContextConfig {
    /** documented responses for the OpenAPI document */
    docResponses?: Readonly<Record<number, { description: string; schema?: z.ZodType }>> | undefined;
  }
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const jsonSchemaOf = (schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> =>
  z.toJSONSchema(schema, { io, target: "openapi-3.0", unrepresentable: "any" }) as Record<string, unknown>;

/** Zod issues -> project issues; `prefix` names the request part ("query", "params"; "" for the body). */
export function zodIssuesToIssues(issues: readonly z.core.$ZodIssue[], prefix: string): Issue[] {
  return issues.map((i) => {
    const inner = formatPath(i.path);
    const path = prefix === "" ? inner : inner === "" ? prefix : `${prefix}.${inner}`;
    const code =
      i.code === "invalid_type"
        ? "invalid_type"
        : i.code === "unrecognized_keys"
          ? "unknown_field"
          : "invalid_value";
    return issue(code, path, i.message);
  });
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix: string, out: Issue[]): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  out.push(...zodIssuesToIssues(r.error.issues, prefix));
  return undefined as T;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function callerOf(request: FastifyRequest): Caller {
  const s = request.oligoscopeSession;
  if (!s) throw new AppError("unauthenticated", "not_logged_in", "log in first");
  return { actor: s.actor, ip: request.ip };
}

/** Checks access for a request: 401 without session, 403 for role or CSRF. */
function checkAccess(
  spec: RouteSpec<unknown, unknown, unknown>,
  request: FastifyRequest,
): Caller | undefined {
  if (spec.access === "public") return undefined;
  const session = request.oligoscopeSession;
  if (!session) throw new AppError("unauthenticated", "not_logged_in", "log in first");
  if (STATE_CHANGING.has(spec.method) && spec.csrf !== false) {
    const header = request.headers["x-csrf-token"];
    if (typeof header !== "string" || !sameToken(header, session.csrfToken)) {
      throw new AppError(
        "forbidden",
        "csrf_token_invalid",
        "missing or wrong x-csrf-token header (take the token from /api/auth/login or /api/auth/me)",
      );
    }
  }
  if (spec.access !== "session") authorize(session.actor, spec.access);
  return { actor: session.actor, ip: request.ip };
}

export function addRoute<P, Q, B>(app: FastifyInstance, spec: RouteSpec<P, Q, B>): void {
  const schema: Record<string, unknown> = {
    summary: spec.summary,
    tags: [...spec.tags],
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.params ? { params: jsonSchemaOf(spec.params) } : {}),
    ...(spec.query ? { querystring: jsonSchemaOf(spec.query) } : {}),
    ...(spec.body && !spec.rawBody ? { body: jsonSchemaOf(spec.body) } : {}),
    ...(spec.bodyDoc ? { body: jsonSchemaOf(spec.bodyDoc) } : {}),
    ...(spec.consumes ? { consumes: [...spec.consumes] } : {}),
    ...(spec.access === "public" ? {} : { security: [{ sessionCookie: [] }] }),
  };
  const docResponses = spec.response;
  const generic = spec as RouteSpec<unknown, unknown, unknown>;
  app.route({
    method: spec.method,
    url: spec.url,
    ...spec.options,
    schema,
    config: {
      ...((spec.options?.config as Record<string, unknown> | undefined) ?? {}),
      docResponses,
    },
    preValidation: async (request) => {
      checkAccess(generic, request);
    },
    handler: async (request, reply) => {
      const caller = spec.access === "public" ? undefined : callerOf(request);
      const issues: Issue[] = [];
      const params = parsePart(spec.params, request.params, "params", issues);
      const query = parsePart(spec.query, request.query, "query", issues);
      const body =
        spec.rawBody || !spec.body ? (request.body as B) : parsePart(spec.body, request.body, "", issues);
      if (issues.length > 0)
        throw new AppError("invalid", "validation_failed", "the request is invalid", issues);
      const result = await spec.handler({
        params,
        query,
        body,
        caller: caller ?? { actor: { kind: "system", name: "anonymous" }, ip: request.ip },
        session: request.oligoscopeSession,
        request,
        reply,
      });
      if (reply.sent) return reply;
      return result;
    },
  });
}

/** Adds documented responses to the OpenAPI document (used by @fastify/swagger's transform). */
export function responseDocs(
  docs: Readonly<Record<number, { description: string; schema?: z.ZodType }>> | undefined,
): Record<string, unknown> | undefined {
  if (!docs) return undefined;
  const out: Record<string, unknown> = {};
  for (const [status, d] of Object.entries(docs)) {
    out[status] = {
      description: d.description,
      ...(d.schema ? { content: { "application/json": { schema: jsonSchemaOf(d.schema, "output") } } } : {}),
    };
  }
  return out;
}
