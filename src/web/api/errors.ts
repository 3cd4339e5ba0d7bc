// Errors from the HTTP API as values the pages can show: status, code, message and, for
// validation errors (400), every failing field with its model path (contract: docs/api.md).

export type ApiIssue = {
  readonly code: string;
  /** model path such as `imagingStudies[0].lesions[1].sizeMm`; "" for the whole record */
  readonly path: string;
  readonly message: string;
};

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached */
  readonly status: number;
  /** snake_case error code from the server (docs/errors.md), or a client code such as `network_error` */
  readonly code: string;
  readonly issues: readonly ApiIssue[];

  constructor(status: number, code: string, message: string, issues: readonly ApiIssue[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function toIssue(v: unknown): ApiIssue | undefined {
  if (!isRecord(v)) return undefined;
  const { code, path, message } = v;
  if (typeof message !== "string") return undefined;
  return {
    code: typeof code === "string" ? code : "invalid_value",
    path: typeof path === "string" ? path : "",
    message,
  };
}

const statusMessages: Readonly<Record<number, string>> = {
  400: "The request was not valid.",
  401: "You are not signed in (or your session has ended).",
  403: "You are not allowed to do this.",
  404: "Not found.",
  409: "The record was changed by someone else or already exists.",
  413: "The upload is too large.",
  429: "Too many requests: wait a moment and try again.",
  500: "The server failed. The error has been logged.",
};

/** Builds an ApiError from a status and the parsed JSON body `{error: {code, message, issues?}}`. */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const err = isRecord(body) && isRecord(body["error"]) ? body["error"] : undefined;
  const code = typeof err?.["code"] === "string" ? err["code"] : `http_${status}`;
  const fallback = statusMessages[status] ?? `The server answered with status ${status}.`;
  const message = typeof err?.["message"] === "string" && err["message"] !== "" ? err["message"] : fallback;
  const rawIssues = Array.isArray(err?.["issues"]) ? (err["issues"] as unknown[]) : [];
  const issues = rawIssues.map(toIssue).filter((i): i is ApiIssue => i !== undefined);
  return new ApiError(status, code, message, issues);
}

/** A short sentence for the user, e.g. shown in an alert banner. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return `Cannot reach the Oligoscope server: ${err.message}`;
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
