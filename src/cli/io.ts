// The one place where CLI outcomes become exit codes: 0 ok, 1 invalid input, 2 usage.
import type { Issue } from "../core/index.ts";
import { formatIssues } from "../core/index.ts";

export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;

/** Invalid input (file content, field values): exit code 1, message on stderr. */
export class InputError extends Error {
  readonly issues: readonly Issue[];
  constructor(message: string, issues: readonly Issue[] = []) {
    super(issues.length > 0 ? `${message}\n${formatIssues(issues)}` : message);
    this.name = "InputError";
    this.issues = issues;
  }
}

/** Wrong command-line usage (unknown option, missing argument): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Streams a command writes to; injectable so commands can be tested without a process. */
export type CliIo = {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  /** true when stderr is a terminal (progress bars); false in CI and pipes */
  readonly interactive: boolean;
};

export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  interactive: Boolean(process.stderr.isTTY) && !process.env["CI"],
});
