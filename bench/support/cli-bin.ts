// Where bin/oligoscope.js is (it runs the CLI bundle, rebuilt when stale), for the benches that run
// the CLI in its own process. Found upwards from this file, so the path holds from bench/ (tsx) and
// from the bundled dist/bench/ alike.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function cliBinPath(): string {
  for (let d = dirname(fileURLToPath(import.meta.url)); d !== dirname(d); d = dirname(d)) {
    const bin = join(d, "bin", "oligoscope.js");
    if (existsSync(bin)) return bin;
  }
  throw new Error("bin/oligoscope.js not found above the bench");
}
