// The R reference fixture for the survival estimators (test/fixtures/survival, see PROVENANCE.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Json } from "./cox-reference-data.ts";
import { repoRoot } from "./shared-data.ts";

export function readSurvivalFixture(): Json {
  return JSON.parse(
    readFileSync(join(repoRoot, "test", "fixtures", "survival", "survival-r-reference.json"), "utf8"),
  );
}
