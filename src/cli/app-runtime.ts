// Shared by the commands that work on the database (serve, user, audit): the --data-dir option,
// OLIGOSCOPE_DATABASE_URL, and the AppContext with the real clock and random source.
import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { type AppContext, DEFAULT_APP_SETTINGS } from "../app/index.ts";
import {
  DEFAULT_DATA_DIR,
  openStore,
  redactDatabaseUrl,
  resolveStoreConfig,
  type StoreConfig,
  StoreOpenError,
} from "../store/index.ts";
import { InputError } from "./io.ts";

export const DATABASE_URL_ENV = "OLIGOSCOPE_DATABASE_URL";

export type StoreCliOptions = { readonly dataDir?: string };

export function addStoreOptions(cmd: Command): Command {
  return cmd.option(
    "--data-dir <dir>",
    `folder of the embedded SQLite database (oligoscope.sqlite); ignored when ${DATABASE_URL_ENV} is set`,
    DEFAULT_DATA_DIR,
  );
}

export function storeConfigFrom(opts: StoreCliOptions, env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return resolveStoreConfig({ databaseUrl: env[DATABASE_URL_ENV], dataDir: opts.dataDir });
}

export function describeStore(config: StoreConfig): string {
  return config.kind === "sqlite" ? `SQLite ${config.file}` : `PostgreSQL ${redactDatabaseUrl(config.url)}`;
}

/** Opens the store (running migrations) and returns the context for use cases. */
export async function openAppContext(config: StoreConfig): Promise<AppContext> {
  try {
    const store = await openStore(config);
    return {
      store,
      now: () => new Date(),
      randomBytes: (n) => randomBytes(n),
      settings: DEFAULT_APP_SETTINGS,
    };
  } catch (err) {
    if (err instanceof StoreOpenError) {
      const where = config.kind === "postgres" ? DATABASE_URL_ENV : "--data-dir";
      throw new InputError(`${describeStore(config)}: ${err.message} (check ${where})`);
    }
    throw err;
  }
}
