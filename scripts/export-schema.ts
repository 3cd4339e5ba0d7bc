// Writes docs/schema/patient.schema.json from the Zod model (`npm run schema`).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { patientJsonSchema } from "../src/core/index.ts";

const root = new URL("..", import.meta.url).pathname;
const target = join(root, "docs", "schema", "patient.schema.json");
writeFileSync(target, `${JSON.stringify(patientJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
