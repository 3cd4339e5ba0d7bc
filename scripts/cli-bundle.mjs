// The CLI runs from one esbuild bundle of its TypeScript sources (dist/cli/oligoscope.mjs), built
// on first use and again whenever a source is newer than the bundle; the sources are the truth
// (decision 0009). Plain JavaScript so that bin/oligoscope.js can use it before tsx is loaded.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const bundlePath = join(repoRoot, "dist", "cli", "oligoscope.mjs");
export const workersDir = join(repoRoot, "dist", "workers");

/** Worker-thread modules (decision 0010): every src/app/<name>.worker.ts, bundled to dist/workers/<name>.mjs. */
export function workerEntries() {
  const appDir = join(repoRoot, "src", "app");
  return readdirSync(appDir)
    .filter((f) => f.endsWith(".worker.ts"))
    .sort()
    .map((f) => ({ source: join(appDir, f), bundle: join(workersDir, f.replace(/\.worker\.ts$/, ".mjs")) }));
}

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
  for (const w of workerEntries()) if (!existsSync(w.bundle)) return `no worker bundle ${w.bundle} yet`;
  const built = statSync(bundlePath).mtimeMs;
  for (const s of SOURCES) {
    if (newestMtimeMs(join(repoRoot, s), true) > built) return `${s} changed since the CLI bundle was built`;
  }
  return undefined;
}

const BUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  packages: "external",
  sourcemap: false,
  legalComments: "none",
  logLevel: "error",
};

/** Bundles one entry into `out` through a temp file and a rename, so concurrent builds are safe. */
async function bundleAtomically(build, entry, out) {
  const tmp = `${out}.${process.pid}.tmp`;
  await build({ ...BUILD_OPTIONS, entryPoints: [entry], outfile: tmp });
  renameSync(tmp, out);
}

/** Bundles src/cli/main.ts into dist/cli/oligoscope.mjs and every worker module into dist/workers/
 * (npm packages stay external). The CLI bundle is written last: when it is fresh, so are the workers. */
export async function buildCliBundle() {
  const { build } = await import("esbuild");
  mkdirSync(join(repoRoot, "dist", "cli"), { recursive: true });
  mkdirSync(workersDir, { recursive: true });
  await Promise.all(workerEntries().map((w) => bundleAtomically(build, w.source, w.bundle)));
  await bundleAtomically(build, join(repoRoot, "src", "cli", "main.ts"), bundlePath);
}

// `node scripts/cli-bundle.mjs` builds now
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  await buildCliBundle();
  console.log(`CLI bundle written to ${bundlePath} in ${Math.round(performance.now() - t0)} ms`);
}
