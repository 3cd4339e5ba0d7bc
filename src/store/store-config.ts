// Where the data lives: embedded SQLite in a data folder by default, PostgreSQL when
// OLIGOSCOPE_DATABASE_URL is set. Resolved once at the composition root (CLI), never deep inside.
import { join } from "node:path";

export type StoreConfig =
  | {
      readonly kind: "sqlite";
      /** file path, or ":memory:" */
      readonly file: string;
    }
  | {
      readonly kind: "postgres";
      readonly url: string;
      /** PostgreSQL schema to use (search_path); tests use a fresh schema per run */
      readonly schema?: string;
      /** pool size, default 10 */
      readonly maxConnections?: number;
    };

export const DEFAULT_DATA_DIR = "data";
export const SQLITE_FILE_NAME = "oligoscope.sqlite";

/** PostgreSQL when a URL is given (OLIGOSCOPE_DATABASE_URL), else SQLite in `<dataDir>/oligoscope.sqlite`. */
export function resolveStoreConfig(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): StoreConfig {
  const url = options.databaseUrl?.trim();
  if (url) return { kind: "postgres", url };
  return { kind: "sqlite", file: join(options.dataDir ?? DEFAULT_DATA_DIR, SQLITE_FILE_NAME) };
}

/** The URL with any password replaced by "***", for logs and messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable database URL)";
  }
}
