// `oligoscope serve`: the web application and its API on one port. Embedded SQLite in --data-dir
// by default, PostgreSQL when OLIGOSCOPE_DATABASE_URL is set. (Imports src/server: see
// docs/decisions/0004.)
import { existsSync, readFileSync } from "node:fs";
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
};

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

/** Opens the store, prepares it, starts listening; the caller closes it. */
export async function startServe(opts: ServeOptions, io: CliIo): Promise<RunningServer> {
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
  const config = storeConfigFrom(opts);
  const ctx = await openAppContext(config);
  try {
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
      if (reindexed > 0)
        io.stderr.write(`\nclassification rules changed: re-derived ${reindexed} patients\n`);
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
    const app = await buildServer({
      ctx,
      webRoot: opts.webRoot,
      secureCookies: opts.secureCookies === true,
      trustProxy: opts.trustProxy === true,
      uploadLimitBytes: Math.round(uploadLimitMb * 1024 * 1024),
      logger: opts.logLevel === "silent" ? false : { level: opts.logLevel, stream: io.stderr },
    });
    const address = await app.listen({ port, host: opts.host });
    const url = address.replace("[::1]", "localhost");
    return {
      url,
      ctx,
      demo,
      close: async () => {
        await app.close();
        await ctx.store.close();
      },
    };
  } catch (err) {
    await ctx.store.close();
    if (err instanceof AppError) throw new InputError(err.message, err.issues);
    throw err;
  }
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
      .option("--no-demo", "do not load the demo registry into an empty database")
      .option(
        "--demo-password <password>",
        "password for the three demo accounts (at least 12 characters); default: a random one each, printed once",
      ),
  ).action(async (opts: ServeOptions) => {
    const server = await startServe(opts, io);
    io.stdout.write(`Oligoscope is running at ${server.url}\n`);
    if (server.demo) {
      io.stdout.write(
        `\nDemo mode: ${server.demo.patients} synthetic patients and three demo accounts (shown once; change or\n` +
          "disable them with 'oligoscope user passwd|disable' before real use):\n",
      );
      for (const a of server.demo.accounts) {
        io.stdout.write(
          `  ${a.username.padEnd(11)} ${a.password}  (${a.role}${a.siteId ? `, site ${a.siteId}` : ""})\n`,
        );
      }
    }
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        io.stderr.write("stopping...\n");
        server.close().then(resolveStop, resolveStop);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
  });
}
