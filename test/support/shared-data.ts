// Locates ../shared/data beside the clone. A test that needs it and finds it missing
// skips with a visible notice instead of failing (see README, "Tests").
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Absolute path of ../shared/data/<sub>, or undefined when shared/ is not beside the clone. */
export function sharedDataPath(...sub: string[]): string | undefined {
  const base = process.env["OLIGOSCOPE_SHARED_DATA"] ?? join(repoRoot, "..", "shared", "data");
  const p = join(base, ...sub);
  return existsSync(p) ? p : undefined;
}

/** Options for node:test's `test()`/`describe()`: skip with a notice when shared data is missing. */
export function needsSharedData(...sub: string[]): { skip: string | false } {
  const p = sharedDataPath(...sub);
  if (p) return { skip: false };
  const msg = `shared data ../shared/data/${sub.join("/")} not found beside the clone: skipped`;
  process.stderr.write(`NOTICE: ${msg}\n`);
  return { skip: msg };
}

export { repoRoot };
