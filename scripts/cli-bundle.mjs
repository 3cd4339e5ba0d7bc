// The CLI runs from one esbuild bundle of its TypeScript sources (dist/cli/oligoscope.mjs), built
// on first use and again whenever a source is newer than the bundle; the sources are the truth
// (decision 0009). Plain JavaScript so that bin/oligoscope.js can use it before tsx is loaded.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const bundlePath = join(repoRoot, "dist", "cli", "oligoscope.mjs");

// what the CLI bundle is made of (src/web is the browser app, built by Vite, never imported here)
const SOURCES = ["src", "package-lock.json", "tsconfig.json"];
const SKIP_DIRS = new Set(["web", "node_modules"]);

function newestMtimeMs(path, top) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return path.endsWith(".test.ts") ? 0 : st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name.startsWith(".") || (top && SKIP_DIRS.has(name))) continue;
    newest = Math.max(newest, newestMtimeMs(join(path, name), false));
  }
  return newest;
}

/** Why the bundle must be (re)built, or undefined when it is up to date. */
export function cliBundleStaleReason() {
  if (!existsSync(bundlePath)) return "no CLI bundle yet";
  const built = statSync(bundlePath).mtimeMs;
  for (const s of SOURCES) {
    if (newestMtimeMs(join(repoRoot, s), true) > built) return `${s} changed since the CLI bundle was built`;
  }
  return undefined;
}

/** Bundles src/cli/main.ts (npm packages stay external) into dist/cli/oligoscope.mjs, atomically. */
export async function buildCliBundle() {
  const { build } = await import("esbuild");
  mkdirSync(join(repoRoot, "dist", "cli"), { recursive: true });
  const tmp = `${bundlePath}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(repoRoot, "src", "cli", "main.ts")],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    packages: "external",
    sourcemap: false,
    legalComments: "none",
    logLevel: "error",
  });
  renameSync(tmp, bundlePath);
}

// `node scripts/cli-bundle.mjs` builds now
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  await buildCliBundle();
  console.log(`CLI bundle written to ${bundlePath} in ${Math.round(performance.now() - t0)} ms`);
}
