// A fingerprint of the code that fills the denormalised columns: DERIVATION_SCHEMA plus the hash
// of what the classifier and the outcome rules produce for a fixed sample of demo patients. When a
// new release changes a clinical rule, the fingerprint changes and `serve` re-derives every stored
// patient at start (reindex-patients.ts), so cohort columns never lag behind the rules.
import { createHash } from "node:crypto";
import { generateDemoCase, parsePatient } from "../core/index.ts";
import { DERIVATION_SCHEMA, derivePatient } from "./patient-derivation.ts";

const SAMPLE_SIZE = 48;
const SAMPLE_AS_OF = "2026-01-01";
let cached: string | undefined;

export function derivationFingerprint(): string {
  if (cached !== undefined) return cached;
  const h = createHash("sha256").update(DERIVATION_SCHEMA);
  for (let i = 0; i < SAMPLE_SIZE; i += 1) {
    const parsed = parsePatient(generateDemoCase(i, { seed: 1, asOf: SAMPLE_AS_OF }).patient);
    if (!parsed.ok) {
      h.update(`invalid:${i}`);
      continue;
    }
    const { derived } = derivePatient(parsed.value, SAMPLE_AS_OF, `${SAMPLE_AS_OF}T00:00:00.000Z`, "");
    h.update(JSON.stringify({ ...derived, classifiedAt: "" }));
  }
  cached = `${DERIVATION_SCHEMA}.${h.digest("hex").slice(0, 16)}`;
  return cached;
}
