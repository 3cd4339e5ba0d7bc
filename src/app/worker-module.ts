// Where a worker thread's module is, and how to start a pool of them (decision 0010: piscina).
// A worker module is `src/app/<name>.worker.ts` with a default export (the task function).
// From the sources (tests, `OLIGOSCOPE_FROM_SOURCE=1`, `npm run bench -- --tsx`) the pool loads
// that file through tsx; from a bundle (the CLI, `npm run bench`: decision 0009) it loads
// `dist/workers/<name>.mjs`, which scripts/cli-bundle.mjs builds together with the CLI bundle.
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Piscina } from "piscina";

const WORKER_NAME = /^[a-z][a-z0-9-]*$/;

/** True when this module runs from its TypeScript source (through tsx), not from a bundle. */
export function runningFromSources(): boolean {
  return import.meta.url.endsWith(".ts");
}

/** The checkout: the nearest folder above `fromDir` holding Oligoscope's package.json. */
function findCheckout(fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && /"name":\s*"oligoscope"/.test(readFileSync(pkg, "utf8"))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The module a worker thread named `name` runs (a file URL), for the sources or the bundle. */
export function workerModuleUrl(name: string): URL {
  if (!WORKER_NAME.test(name)) throw new Error(`worker name "${name}" must be kebab-case (a-z, 0-9, -)`);
  if (runningFromSources()) return new URL(`./${name}.worker.ts`, import.meta.url);
  const here = dirname(fileURLToPath(import.meta.url));
  const checkout = findCheckout(here);
  if (checkout === undefined) {
    throw new Error(`cannot find the Oligoscope checkout above ${here} to load the "${name}" worker bundle`);
  }
  const file = join(checkout, "dist", "workers", `${name}.mjs`);
  if (!existsSync(file)) {
    throw new Error(
      `worker bundle ${file} is missing: run "node scripts/cli-bundle.mjs" (it builds the CLI and every src/app/*.worker.ts)`,
    );
  }
  return pathToFileURL(file);
}

// Options of this process that a worker thread takes over: module loading and resolution only.
// Node refuses V8 and process-wide options in a worker's execArgv (ERR_WORKER_INVALID_EXEC_ARGV:
// --expose-gc, --max-old-space-size, --cpu-prof, --inspect …), so the rest stay with the process.
const WORKER_FLAGS = new Set([
  "--import",
  "--require",
  "-r",
  "--loader",
  "--experimental-loader",
  "--conditions",
  "-C",
]);
const WORKER_SWITCHES = /^--(enable-source-maps|no-warnings|no-deprecation|experimental-[a-z-]+)$/;

/** The part of `execArgv` a worker thread accepts: loaders (`--import x`, `--import=x`,
 * `--require`, `--loader`), `--conditions` and a few switches; V8 and process options dropped. */
export function workerSafeExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] as string;
    const flag = arg.split("=", 1)[0] as string;
    if (WORKER_FLAGS.has(flag)) {
      if (arg.includes("=")) kept.push(arg);
      else if (i + 1 < execArgv.length) kept.push(arg, execArgv[++i] as string);
    } else if (WORKER_SWITCHES.test(arg)) {
      kept.push(arg);
    }
  }
  return kept;
}

/** Node options for worker threads: this process's loaders (see workerSafeExecArgv); from the
 * sources a worker needs the tsx loader to import `.ts`, added unless already there (node --import
 * tsx, the tsx CLI). */
export function workerExecArgv(): string[] {
  const argv = workerSafeExecArgv(process.execArgv);
  if (!runningFromSources() || argv.some((a) => a.includes("tsx"))) return argv;
  return [...argv, "--import", import.meta.resolve("tsx")];
}

export type WorkerPoolOptions = {
  /** Number of threads (≥ 1); default os.availableParallelism(). */
  readonly threads?: number;
  /** Milliseconds an idle thread waits before exiting (default piscina's). */
  readonly idleTimeoutMs?: number;
  /**
   * Tasks handed to a thread before it has finished the earlier ones (default 1). With more, a
   * thread's next tasks already wait in its own queue, so it goes on even while the thread that
   * gives out the tasks is busy and cannot hear that one finished.
   */
  readonly tasksPerThread?: number;
};

/** A piscina pool running the worker module `name` on `threads` threads (all started at once, so
 * the first task does not pay their start-up). Close it with `await pool.destroy()`. Piscina is
 * loaded by the first pool (≈ 30 ms), so a command that never starts one does not load it. */
export async function newWorkerPool(name: string, options: WorkerPoolOptions = {}): Promise<Piscina> {
  const threads = options.threads ?? availableThreads();
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(`threads must be an integer ≥ 1, got ${threads}`);
  const { Piscina } = await import("piscina");
  return new Piscina({
    filename: workerModuleUrl(name).href,
    minThreads: threads,
    maxThreads: threads,
    execArgv: workerExecArgv(),
    ...(options.idleTimeoutMs === undefined ? {} : { idleTimeout: options.idleTimeoutMs }),
    ...(options.tasksPerThread === undefined ? {} : { concurrentTasksPerWorker: options.tasksPerThread }),
  });
}

/** Threads this machine can run in parallel (os.availableParallelism, at least 1). */
export function availableThreads(): number {
  return Math.max(1, availableParallelism());
}
