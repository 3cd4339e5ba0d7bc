// The CLI runs from one esbuild bundle of its TypeScript sources (dist/cli/oligoscope.mjs), built
// on first use and again whenever a source is newer than the bundle; the sources are the truth
// (decision 0009). Plain JavaScript so that bin/oligoscope.js can use it before tsx is loaded.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { barrelImports } from "./barrel-imports.mjs";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const bundlePath = join(repoRoot, "dist", "cli", "oligoscope.mjs");
export const workersDir = join(repoRoot, "dist", "workers");
const srcDir = join(repoRoot, "src");

/** Worker-thread modules (decision 0010): every src/app/<name>.worker.ts, bundled to dist/workers/<name>.mjs. */
export function workerEntries() {
  const appDir = join(repoRoot, "src", "app");
  return readdirSync(appDir)
    .filter((f) => f.endsWith(".worker.ts"))
    .sort()
    .map((f) => ({ source: join(appDir, f), bundle: join(workersDir, f.replace(/\.worker\.ts$/, ".mjs")) }));
}

// what the CLI bundle is made of (src/web is the browser app, built by Vite, never imported here),
// and how it is built
const SOURCES = [
  "src",
  "package-lock.json",
  "tsconfig.json",
  "scripts/cli-bundle.mjs",
  "scripts/barrel-imports.mjs",
];
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

/**
 * A worker module is started once per thread, so what it loads is paid per thread: it keeps only
 * the modules of ours it uses (as the CLI's chunks do) and carries its npm packages in itself (one
 * file to load instead of a package's many: the classify worker starts in ≈ 0.18 s instead of
 * ≈ 0.33 s, the DVH worker in ≈ 0.08 s instead of ≈ 0.29 s). Except piscina: the module that runs
 * the worker is node_modules' piscina, and `Piscina.move` marks a result with a symbol private to
 * that module instance, so the worker must import the same one.
 */
const WORKER_OPTIONS = {
  ...BUILD_OPTIONS,
  packages: undefined,
  external: ["piscina"],
};

/** Bundles one worker entry into `out` through a temp file and a rename, so concurrent builds are safe. */
async function bundleWorkerAtomically(build, entry, out) {
  const tmp = `${out}.${process.pid}.tmp`;
  await build({
    ...WORKER_OPTIONS,
    entryPoints: [entry],
    outfile: tmp,
    plugins: [barrelImports(srcDir), sourcesWithoutSideEffects],
  });
  renameSync(tmp, out);
}

/** Bundles src/cli/main.ts into dist/cli/oligoscope.mjs, split so that each command's code (and
 * the npm packages only it uses) is a chunk under dist/cli/chunks/ loaded when the command runs
 * (decision 0012), and every worker module into dist/workers/ (with its npm packages but piscina). The
 * build goes to a private folder first; content-hashed chunks are moved into place, then the entry
 * last: when the entry is fresh, so are its chunks and the workers. */
export async function buildCliBundle() {
  const { build } = await import("esbuild");
  const cliDir = join(repoRoot, "dist", "cli");
  const chunksDir = join(cliDir, "chunks");
  mkdirSync(chunksDir, { recursive: true });
  mkdirSync(workersDir, { recursive: true });
  await Promise.all(workerEntries().map((w) => bundleWorkerAtomically(build, w.source, w.bundle)));
  const staging = join(cliDir, `.build-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    await build({
      ...BUILD_OPTIONS,
      // npm packages stay in node_modules, except zod: imported as a namespace (`import * as z`,
      // enforced by biome), its used part (≈ 210 kB of 755) loads faster from one chunk than its
      // ≈ 100 modules do from node_modules (`classify` of one patient 0.28 → 0.22 s)
      packages: undefined,
      external: EXTERNAL_BUT_ZOD,
      entryPoints: { oligoscope: join(repoRoot, "src", "cli", "main.ts") },
      outdir: staging,
      outExtension: { ".js": ".mjs" },
      splitting: true,
      chunkNames: "chunks/[name]-[hash]",
      plugins: [barrelImports(srcDir), sourcesWithoutSideEffects],
    });
    const fresh = new Set(readdirSync(join(staging, "chunks")));
    for (const f of fresh) renameSync(join(staging, "chunks", f), join(chunksDir, f));
    renameSync(join(staging, "oligoscope.mjs"), bundlePath);
    // chunks of earlier builds: removed once no process can still be starting from them
    for (const f of readdirSync(chunksDir)) {
      const path = join(chunksDir, f);
      if (!fresh.has(f) && Date.now() - statSync(path).mtimeMs > STALE_CHUNK_MS)
        rmSync(path, { force: true });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

// the runtime dependencies (and their subpaths) the CLI bundle leaves in node_modules
const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
const EXTERNAL_BUT_ZOD = Object.keys(pkg.dependencies ?? {})
  .filter((d) => d !== "zod")
  .flatMap((d) => [d, `${d}/*`]);

// an older bundle's chunks are kept this long after a rebuild, for processes started from it
const STALE_CHUNK_MS = 60 * 60 * 1000;

/** Our modules declare their exports and do nothing else when imported, so a command's chunk
 * keeps only the modules (and npm packages) whose exports it uses, even through a layer's index. */
const sourcesWithoutSideEffects = {
  name: "oligoscope-sources-without-side-effects",
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === "resolving") return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: "resolving",
      });
      if (r.errors.length > 0 || !r.path.startsWith(srcDir)) return r;
      return { ...r, sideEffects: false };
    });
  },
};

// `node scripts/cli-bundle.mjs` builds now
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  await buildCliBundle();
  console.log(`CLI bundle written to ${bundlePath} in ${Math.round(performance.now() - t0)} ms`);
}
