/**
 * Errors are values: every parse/validate function returns a Result holding every issue found,
 * not only the first. Codes are snake_case and listed in docs/errors.md.
 */
export type Issue = {
  /** snake_case code, listed in docs/errors.md */
  readonly code: string;
  /** path to the failing field, e.g. "imagingStudies[2].lesions[0].sizeMm"; "" for the whole value */
  readonly path: string;
  /** human-readable reason, naming the field and why it failed */
  readonly message: string;
};

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(issues: readonly Issue[]): Result<T> => ({ ok: false, issues });
export const issue = (code: string, path: string, message: string): Issue => ({ code, path, message });

/** Formats a list of issues one per line: "path: message (code)". */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path === "" ? "(root)" : i.path}: ${i.message} (${i.code})`).join("\n");
}

/** Thrown only at adapter boundaries that need an exception; carries the issues unchanged. */
export class IssuesError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(formatIssues(issues));
    this.name = "IssuesError";
    this.issues = issues;
  }
}
