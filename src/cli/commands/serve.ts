// `oligoscope serve`: the web application and its API on one port. Embedded SQLite in --data-dir
// by default, PostgreSQL when OLIGOSCOPE_DATABASE_URL is set. (Imports src/server: see
// docs/decisions/0004.) With --workers N (node:cluster) the primary process migrates and prepares
// the database (demo registry, re-derivation), then forks N workers that run the same CLI command
// and share the port; every worker opens its own connection (SQLite in WAL with a busy timeout:
// writes, incl. the audit chain, are serialised by BEGIN IMMEDIATE; the login rate limit and the
// sessions live in the database). SIGINT/SIGTERM stop every worker gracefully.
import cluster, { type Worker } from "node:cluster";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import {
  type AppContext,
  AppError,
  countAccounts,
  type DemoLoadResult,
  isDatabaseEmpty,
  loadDemoCohort,
  reindexStalePatients,
  startDvhWorkers,
  stopDvhWorkers,
} from "../../app/index.ts";
import { buildServer } from "../../server/index.ts";
import {
  addStoreOptions,
  DATABASE_URL_ENV,
  describeStore,
  openAppContext,
  type StoreCliOptions,
  storeConfigFrom,
} from "../app-runtime.ts";
import { type CliIo, InputError, UsageError } from "../io.ts";

/** The checkout: the nearest folder above this module with Oligoscope's package.json (the module
 * runs from src/cli/commands or from the CLI bundle in dist/cli). */
function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && /"name":\s*"oligoscope"/.test(readFileSync(pkg, "utf8"))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
    dir = up;
  }
}
const repoRoot = findRepoRoot();
export const DEFAULT_WEB_ROOT = join(repoRoot, "dist", "web");

export type ServeOptions = StoreCliOptions & {
  readonly port: string;
  readonly host: string;
  readonly webRoot: string;
  readonly secureCookies?: boolean;
  readonly trustProxy?: boolean;
  readonly logLevel: string;
  readonly uploadLimitMb?: string;
  /** false with --no-demo: never load the demo registry */
  readonly demo?: boolean;
  readonly demoPassword?: string;
  /** server processes: a whole number or "auto" (default 1 = this process serves) */
  readonly workers?: string;
  /** DVH threads per server process for plan checks: a whole number or "auto" (default) */
  readonly dvhThreads?: string;
};

/** Set in the environment of the processes `serve --workers` forks. */
export const SERVE_WORKER_ENV = "OLIGOSCOPE_SERVE_WORKER";
export const MAX_SERVE_WORKERS = 64;

/** --workers: 1..64 or "auto" (one per available CPU). */
export function parseWorkers(value: string | undefined): number {
  if (value === undefined) return 1;
  if (value === "auto") return Math.min(MAX_SERVE_WORKERS, Math.max(1, availableParallelism()));
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 1 || n > MAX_SERVE_WORKERS) {
    throw new UsageError(
      `--workers must be a whole number from 1 to ${MAX_SERVE_WORKERS} or "auto" (got "${value}")`,
    );
  }
  return n;
}

/**
 * --dvh-threads: worker threads per server process that compute the DVHs of uploaded plans, so a
 * plan check does not hold up the other requests of its process. "auto": the machine's cores
 * shared among the server processes, at least 2 (the pool's smallest size), none on one core;
 * 1 = in the request's own thread (no pool).
 */
export function parseDvhThreads(value: string | undefined, processes: number): number {
  if (value === undefined || value === "auto") {
    const cores = Math.max(1, availableParallelism());
    return cores < 2 ? 1 : Math.max(2, Math.floor(cores / Math.max(1, processes)));
  }
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError(`--dvh-threads must be a whole number from 1 to 64 or "auto" (got "${value}")`);
  }
  return n;
}

export type RunningServer = {
  readonly url: string;
  readonly ctx: AppContext;
  /** set when an empty database was filled with the demo registry */
  readonly demo: DemoLoadResult | undefined;
  close(): Promise<void>;
};

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port must be 0-65535 (got "${value}")`);
  return n;
}

/** How this process takes part: alone, or as one of the workers (the primary prepared the database). */
export type ServeRole = "single" | "worker";

/** Checks the options that do not need the database; returns port and upload limit. */
function checkServeOptions(opts: ServeOptions): { port: number; uploadLimitMb: number } {
  const port = parsePort(opts.port);
  if (!LOG_LEVELS.includes(opts.logLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")} (got "${opts.logLevel}")`);
  }
  const uploadLimitMb = Number(opts.uploadLimitMb ?? "512");
  if (!Number.isFinite(uploadLimitMb) || uploadLimitMb <= 0 || uploadLimitMb > 8192) {
    throw new UsageError(
      `--upload-limit-mb must be a number of MiB from 1 to 8192 (got "${opts.uploadLimitMb}")`,
    );
  }
  parseDvhThreads(opts.dvhThreads, parseWorkers(opts.workers));
  return { port, uploadLimitMb };
}

/**
 * Fills an empty database with the demo registry (unless --no-demo) or re-derives patients whose
 * classification rules changed; says so on stderr. Runs once per start: in the single process, or
 * in the primary before it forks the workers.
 */
async function prepareDatabase(
  opts: ServeOptions,
  io: CliIo,
  ctx: AppContext,
  config: ReturnType<typeof storeConfigFrom>,
): Promise<DemoLoadResult | undefined> {
  io.stderr.write(`database: ${describeStore(config)}\n`);
  let demo: DemoLoadResult | undefined;
  if (opts.demo !== false && (await isDatabaseEmpty(ctx))) {
    io.stderr.write("empty database: loading the demo registry (600 synthetic patients)...\n");
    demo = await loadDemoCohort(ctx, {
      password: opts.demoPassword,
      onProgress: (done, total) => {
        if (io.interactive) io.stderr.write(`\r  ${done}/${total} patients`);
        if (io.interactive && done === total) io.stderr.write("\n");
      },
    });
  } else {
    const { reindexed, invalid } = await reindexStalePatients(ctx, (n) => {
      if (io.interactive) io.stderr.write(`\r  re-derived ${n} patients`);
    });
    if (reindexed > 0) io.stderr.write(`\nclassification rules changed: re-derived ${reindexed} patients\n`);
    if (invalid.length > 0) {
      io.stderr.write(
        `warning: ${invalid.length} stored patients no longer pass validation and keep their old cohort columns (first: ${invalid.slice(0, 5).join(", ")})\n`,
      );
    }
  }
  if (!demo && (await countAccounts(ctx)) === 0) {
    io.stderr.write(
      "no user accounts yet: create an administrator with\n" +
        `  npx oligoscope user add <name> --role admin${config.kind === "sqlite" ? ` --data-dir ${opts.dataDir}` : ""}\n`,
    );
  }
  return demo;
}

/** Opens the store, prepares it (unless a worker), starts listening; the caller closes it. */
export async function startServe(
  opts: ServeOptions,
  io: CliIo,
  role: ServeRole = "single",
): Promise<RunningServer> {
  const { port, uploadLimitMb } = checkServeOptions(opts);
  const config = storeConfigFrom(opts);
  const ctx = await openAppContext(config);
  try {
    const demo = role === "single" ? await prepareDatabase(opts, io, ctx, config) : undefined;
    const app = await buildServer({
      ctx,
      webRoot: opts.webRoot,
      secureCookies: opts.secureCookies === true,
      trustProxy: opts.trustProxy === true,
      uploadLimitBytes: Math.round(uploadLimitMb * 1024 * 1024),
      logger: opts.logLevel === "silent" ? false : { level: opts.logLevel, stream: io.stderr },
    });
    const dvhThreads = parseDvhThreads(opts.dvhThreads, role === "worker" ? parseWorkers(opts.workers) : 1);
    // plan checks go to the warm pool (checkPlanAsync, threads "auto"), not this event loop
    if (dvhThreads >= 2) await startDvhWorkers(dvhThreads);
    const address = await app.listen({ port, host: opts.host });
    const url = address.replace("[::1]", "localhost");
    return {
      url,
      ctx,
      demo,
      close: async () => {
        await app.close();
        await ctx.store.close();
        await stopDvhWorkers();
      },
    };
  } catch (err) {
    await stopDvhWorkers();
    await ctx.store.close();
    if (err instanceof AppError) throw new InputError(err.message, err.issues);
    throw err;
  }
}

export type RunningCluster = {
  readonly url: string;
  readonly workers: number;
  /** set when an empty database was filled with the demo registry */
  readonly demo: DemoLoadResult | undefined;
  /** resolves when every worker has exited (after close(), or by themselves); failed = none could be replaced */
  readonly stopped: Promise<{ readonly failed: boolean }>;
  /** asks every worker to finish its requests and exit; resolves when they have */
  close(): Promise<void>;
};

type WorkerMessage = { readonly type: "listening"; readonly url: string };
const isListening = (m: unknown): m is WorkerMessage =>
  typeof m === "object" && m !== null && (m as { type?: unknown }).type === "listening";

/** How long a worker may take to finish its requests after SIGINT/SIGTERM before it is killed. */
const WORKER_STOP_TIMEOUT_MS = 10_000;

/**
 * The primary of `serve --workers N`: migrates and prepares the database in this process, then
 * forks N processes running this same command (they see SERVE_WORKER_ENV) that share the port.
 * A worker that crashes is replaced; one that fails before listening stops the start.
 */
export async function startServeCluster(
  opts: ServeOptions,
  io: CliIo,
  workers: number,
): Promise<RunningCluster> {
  checkServeOptions(opts);
  const config = storeConfigFrom(opts);
  const ctx = await openAppContext(config);
  let demo: DemoLoadResult | undefined;
  try {
    demo = await prepareDatabase(opts, io, ctx, config);
  } catch (err) {
    if (err instanceof AppError) throw new InputError(err.message, err.issues);
    throw err;
  } finally {
    await ctx.store.close();
  }
  io.stderr.write(`starting ${workers} server processes\n`);
  const live = new Set<Worker>();
  const listening = new Set<Worker>();
  let stopping = false;
  let failed = false;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<{ failed: boolean }>((r) => {
    resolveStopped = () => r({ failed });
  });
  let pendingRestarts = 0;
  /** every worker is gone and no replacement could start: stop with exit code 1 */
  const giveUpIfNoneLeft = () => {
    if (live.size > 0 || pendingRestarts > 0 || stopping) return;
    failed = true;
    stopping = true;
    resolveStopped();
  };
  const fork = (onListening: (url: string) => void, onEarlyExit: (why: string) => void): Worker => {
    const worker = cluster.fork({ [SERVE_WORKER_ENV]: "1" });
    live.add(worker);
    worker.on("message", (m: unknown) => {
      if (isListening(m)) {
        listening.add(worker);
        onListening(m.url);
      }
    });
    worker.once("exit", (code, signal) => {
      live.delete(worker);
      const wasListening = listening.delete(worker);
      const why = signal ? `signal ${signal}` : `code ${code}`;
      if (!wasListening) onEarlyExit(why);
      else if (!stopping && (signal || code !== 0)) {
        io.stderr.write(`server process ${worker.process.pid} exited (${why}); starting a new one\n`);
        pendingRestarts += 1;
        setTimeout(() => {
          pendingRestarts -= 1;
          if (stopping) return;
          fork(
            () => {},
            (w) => {
              if (stopping) return;
              io.stderr.write(`replacement server process failed to start (${w})\n`);
              giveUpIfNoneLeft();
            },
          );
        }, 1000);
      }
      if (live.size === 0 && (stopping || code === 0)) {
        stopping = true;
        resolveStopped();
      }
    });
    return worker;
  };
  const close = async () => {
    stopping = true;
    for (const w of live) {
      // a worker still starting may not listen for messages yet: a signal reaches it either way
      if (listening.has(w) && w.isConnected()) w.send({ type: "shutdown" });
      else w.process.kill("SIGTERM");
    }
    const killer = setTimeout(() => {
      for (const w of live) w.process.kill("SIGKILL");
    }, WORKER_STOP_TIMEOUT_MS);
    if (live.size === 0) resolveStopped();
    await stopped;
    clearTimeout(killer);
  };
  const url = await new Promise<string>((resolveUrl, reject) => {
    let ready = 0;
    let first: string | undefined;
    for (let i = 0; i < workers; i++) {
      fork(
        (u) => {
          first ??= u;
          ready += 1;
          if (ready === workers) resolveUrl(first);
        },
        (why) => {
          if (stopping) return;
          close().then(
            () =>
              reject(
                new InputError(
                  `a server process stopped before it was listening (${why}); see the messages above`,
                ),
              ),
            reject,
          );
        },
      );
    }
  });
  return { url, workers, demo, stopped, close };
}

/** A forked worker of `serve --workers`: serves until the primary (or a signal) says stop. */
async function runServeWorker(opts: ServeOptions, io: CliIo): Promise<void> {
  // listen for "stop" before starting: a stop that arrives during start-up is honoured after it
  let stopRequested = false;
  let stop: () => void = () => {
    stopRequested = true;
  };
  const onStop = () => stop();
  process.on("message", (m: unknown) => {
    if (typeof m === "object" && m !== null && (m as { type?: unknown }).type === "shutdown") onStop();
  });
  process.on("SIGINT", onStop);
  process.on("SIGTERM", onStop);
  // the primary is gone
  process.on("disconnect", onStop);
  const server = await startServe(opts, io, "worker");
  process.send?.({ type: "listening", url: server.url } satisfies WorkerMessage);
  await new Promise<void>((resolveStop) => {
    let stopping = false;
    stop = () => {
      if (stopping) return;
      stopping = true;
      server.close().then(resolveStop, resolveStop);
    };
    if (stopRequested) stop();
  });
  if (process.connected) process.disconnect();
}

/** Prints where the server runs and, after a demo load, the demo accounts (once). */
function announce(io: CliIo, url: string, demo: DemoLoadResult | undefined, workers: number): void {
  io.stdout.write(`Oligoscope is running at ${url}${workers > 1 ? ` (${workers} server processes)` : ""}\n`);
  if (demo) {
    io.stdout.write(
      `\nDemo mode: ${demo.patients} synthetic patients and three demo accounts (shown once; change or\n` +
        "disable them with 'oligoscope user passwd|disable' before real use):\n",
    );
    for (const a of demo.accounts) {
      io.stdout.write(
        `  ${a.username.padEnd(11)} ${a.password}  (${a.role}${a.siteId ? `, site ${a.siteId}` : ""})\n`,
      );
    }
  }
}

/** Waits for SIGINT/SIGTERM, then runs `stop` once. */
function untilSignal(io: CliIo, stop: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolveStop) => {
    const onSignal = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      io.stderr.write("stopping...\n");
      stop().then(resolveStop, resolveStop);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

export function register(program: Command, io: CliIo): void {
  addStoreOptions(
    program
      .command("serve")
      .description(
        `serve the web app and API (SQLite in --data-dir, or PostgreSQL when ${DATABASE_URL_ENV} is set); stops on Ctrl-C`,
      )
      .option("--port <port>", "TCP port (0 = any free port)", "3000")
      .option(
        "--host <host>",
        "interface to listen on (0.0.0.0 = every interface; put https in front)",
        "127.0.0.1",
      )
      .option("--web-root <dir>", "folder of the built web app", DEFAULT_WEB_ROOT)
      .option(
        "--secure-cookies",
        "mark the session cookie Secure (set when users reach the server over https)",
      )
      .option(
        "--trust-proxy",
        "trust X-Forwarded-For/-Proto from a reverse proxy (client IP in audit and rate limit)",
      )
      .option("--upload-limit-mb <mib>", "largest DICOM file accepted by the plan check, in MiB", "512")
      .option("--log-level <level>", `server log level on stderr: ${LOG_LEVELS.join(", ")}`, "warn")
      .option(
        "--workers <n|auto>",
        `server processes sharing the port (node:cluster; 1-${MAX_SERVE_WORKERS}, or auto = one per CPU); the first process prepares the database, then forks them`,
        "1",
      )
      .option(
        "--dvh-threads <n|auto>",
        "worker threads per server process for the DVHs of plan checks (1 = in the request's thread; auto = the cores shared among the processes, at least 2)",
        "auto",
      )
      .option("--no-demo", "do not load the demo registry into an empty database")
      .option(
        "--demo-password <password>",
        "password for the three demo accounts (at least 12 characters); default: a random one each, printed once",
      ),
  ).action(async (opts: ServeOptions) => {
    if (cluster.isWorker && process.env[SERVE_WORKER_ENV] === "1") {
      await runServeWorker(opts, io);
      return;
    }
    const workers = parseWorkers(opts.workers);
    if (workers > 1) {
      const running = await startServeCluster(opts, io, workers);
      announce(io, running.url, running.demo, workers);
      const outcome = await Promise.race([
        untilSignal(io, running.close).then(() => ({ failed: false })),
        running.stopped,
      ]);
      if (outcome.failed) {
        throw new InputError(
          "every server process has stopped and none could be restarted (see the messages above)",
        );
      }
      return;
    }
    const server = await startServe(opts, io);
    announce(io, server.url, server.demo, 1);
    await untilSignal(io, server.close);
  });
}
