// The one place where errors become HTTP responses:
// `{ error: { code, message, issues? } }` with 400 / 401 / 403 / 404 / 409 / 413 / 415 / 429 / 500.
// A 500 never carries a stack trace or internal message; it is logged with the request id.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type AppErrorKind } from "../app/index.ts";
import type { Issue } from "../core/index.ts";

export type ErrorBody = { error: { code: string; message: string; issues?: readonly Issue[] } };

const STATUS: Readonly<Record<AppErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

export function errorBody(code: string, message: string, issues?: readonly Issue[]): ErrorBody {
  return { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } };
}

/** A rate-limit rejection (thrown by @fastify/rate-limit through errorResponseBuilder). */
export class RateLimitedError extends Error {
  readonly statusCode = 429;
  constructor(retryAfter: string) {
    super(`too many attempts; retry in ${retryAfter}`);
    this.name = "RateLimitedError";
  }
}

function mapError(err: unknown): { status: number; body: ErrorBody } | undefined {
  if (err instanceof AppError)
    return { status: STATUS[err.kind], body: errorBody(err.code, err.message, err.issues) };
  if (err instanceof RateLimitedError) return { status: 429, body: errorBody("rate_limited", err.message) };
  const fe = err as Partial<FastifyError> & { code?: string };
  switch (fe.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        status: 415,
        body: errorBody("unsupported_media_type", "send JSON (content-type: application/json)"),
      };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_FILES_LIMIT":
    case "FST_PARTS_LIMIT":
      return { status: 413, body: errorBody("payload_too_large", fe.message ?? "request too large") };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return {
        status: 400,
        body: errorBody("invalid_json", "the request body is empty; send a JSON object"),
      };
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, body: errorBody("invalid_json", "the request body is not valid JSON") };
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return { status: 400, body: errorBody("bad_request", "invalid content-length") };
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return { status: 415, body: errorBody("unsupported_media_type", "send multipart/form-data") };
    default:
      break;
  }
  if (err instanceof SyntaxError && fe.statusCode === 400) {
    return {
      status: 400,
      body: errorBody("invalid_json", `the request body is not valid JSON: ${err.message}`),
    };
  }
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: errorBody("bad_request", fe.message ?? "bad request") };
  }
  return undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = mapError(err);
    if (mapped) {
      if (mapped.status === 429) reply.header("retry-after", "60");
      return reply.code(mapped.status).type("application/json; charset=utf-8").send(mapped.body);
    }
    request.log.error({ err }, "unhandled error");
    return reply
      .code(500)
      .type("application/json; charset=utf-8")
      .send(
        errorBody("internal_error", `internal error (request id ${request.id}); the server log has details`),
      );
  });
}
