#!/usr/bin/env node
// Runs every bench/*.bench.ts (or the ones whose name contains an argument) one after another, each
// in its own node process with --expose-gc. Benchmarks print their own results; docs/benchmarks.md
// records them with machine and date.
// Each bench runs as the product runs (decision 0009): bundled by esbuild into dist/bench/ (npm
// packages external), not through tsx, whose keepNames wrapping slows closure-heavy code.
// `npm run bench -- --tsx [filter]` runs the sources through tsx instead, for comparison.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { buildCliBundle, cliBundleStaleReason } from "./cli-bundle.mjs";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const viaTsx = args.includes("--tsx");
const filters = args.filter((a) => a !== "--tsx");
const files = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();
// dist/bench sits two levels below the root, as test/support does: paths found from
// import.meta.url (shared data, node_modules) resolve the same way in the bundle.
const outDir = join(root, "dist", "bench");
mkdirSync(outDir, { recursive: true });
// worker-thread modules run from dist/workers when the code is bundled (decision 0010)
if (!viaTsx && cliBundleStaleReason() !== undefined) await buildCliBundle();
let failed = 0;
for (const f of files) {
  console.log(`\n=== bench/${f}${viaTsx ? " (tsx)" : ""}`);
  let nodeArgs;
  if (viaTsx) {
    nodeArgs = ["--expose-gc", "--import", "tsx", join("bench", f)];
  } else {
    const out = join(outDir, f.replace(/\.ts$/, ".mjs"));
    await build({
      entryPoints: [join(root, "bench", f)],
      outfile: out,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20.19",
      packages: "external",
      logLevel: "error",
    });
    nodeArgs = ["--expose-gc", out];
  }
  const r = spawnSync(process.execPath, nodeArgs, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
