// Errors of use cases, as values with a kind. The server maps each kind to one HTTP status and
// the CLI to one exit code, each in exactly one place.
import type { Issue } from "../core/index.ts";

export type AppErrorKind =
  /** input failed validation; `issues` names every failing field */
  | "invalid"
  /** no valid session / wrong credentials */
  | "unauthenticated"
  /** role, site or CSRF check failed */
  | "forbidden"
  | "not_found"
  /** version mismatch, duplicate id or username */
  | "conflict";

export class AppError extends Error {
  readonly kind: AppErrorKind;
  /** snake_case code listed in docs/errors.md */
  readonly code: string;
  readonly issues: readonly Issue[];
  constructor(kind: AppErrorKind, code: string, message: string, issues: readonly Issue[] = []) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.code = code;
    this.issues = issues;
  }
}

export const invalid = (message: string, issues: readonly Issue[]): AppError =>
  new AppError("invalid", "validation_failed", message, issues);
