#!/usr/bin/env node
// Builds the browser app (src/web -> dist/web) with Vite.
//   node --import tsx scripts/build-web.ts             build now
//   node --import tsx scripts/build-web.ts --if-stale  build only when a source is newer than the build
// "Sources" are everything the bundle is made of: src/web, src/core, src/stats, vite.config.ts and
// package-lock.json (a dependency update). `npm start` and the e2e tests use --if-stale.
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
export const webOutDir = join(repoRoot, "dist", "web");
const STAMP = join(webOutDir, ".build-stamp");

const SOURCES = ["src/web", "src/core", "src/stats", "vite.config.ts", "package-lock.json"];

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtimeMs(join(path, name)));
  }
  return newest;
}

/** Why a build is needed, or undefined when dist/web is up to date. */
export function webBuildStaleReason(): string | undefined {
  if (!existsSync(join(webOutDir, "index.html")) || !existsSync(STAMP)) return "dist/web has no build yet";
  const built = statSync(STAMP).mtimeMs;
  for (const s of SOURCES) {
    if (newestMtimeMs(join(repoRoot, s)) > built) return `${s} changed since the last build`;
  }
  return undefined;
}

/** Runs the Vite production build (vite.config.ts at the repository root). */
export async function buildWeb(options: { quiet?: boolean } = {}): Promise<void> {
  const { build } = await import("vite");
  await build({
    configFile: join(repoRoot, "vite.config.ts"),
    logLevel: options.quiet === true ? "warn" : "info",
  });
  writeFileSync(STAMP, `${new Date(Date.now()).toISOString()}\n`);
}

/** Builds when stale; returns true when a build ran. */
export async function ensureWebBuild(options: { quiet?: boolean } = {}): Promise<boolean> {
  const reason = webBuildStaleReason();
  if (reason === undefined) return false;
  if (options.quiet !== true) process.stderr.write(`build-web: building (${reason})\n`);
  await buildWeb(options);
  return true;
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const ifStale = process.argv.includes("--if-stale");
  try {
    if (ifStale) {
      const built = await ensureWebBuild();
      if (!built) process.stderr.write("build-web: dist/web is up to date\n");
    } else {
      await buildWeb();
    }
  } catch (err) {
    process.stderr.write(`build-web: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
