// Opens the database (SQLite or PostgreSQL), applies pending migrations and returns the Store.
// One query path: every repository takes a Kysely<Database> and works on both dialects.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { Database } from "./database-types.ts";
import { migrationProvider } from "./migrations/index.ts";
import type { StoreConfig } from "./store-config.ts";

export type Dialect = "sqlite" | "postgres";
/** A database handle or a transaction: repositories accept either. */
export type Db = Kysely<Database>;

export type Store = {
  readonly db: Db;
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one transaction: all of it is written or none of it. On SQLite the transaction
   * starts with BEGIN IMMEDIATE (takes the write lock first) so a read-then-write sequence such as
   * the audit hash chain cannot be interleaved by another process; while another process holds the
   * lock it retries on timers for up to 5 s without blocking the event loop, then throws
   * StoreBusyError.
   */
  transaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export class StoreOpenError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = "StoreOpenError";
  }
}

const SQLITE_BUSY_TIMEOUT_MS = 5000;

export async function openStore(config: StoreConfig): Promise<Store> {
  const store = config.kind === "sqlite" ? openSqlite(config.file) : await openPostgres(config);
  try {
    await migrateToLatest(store.db, config.kind === "postgres" ? config.schema : undefined);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

function openSqlite(file: string): Store {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(file);
  } catch (err) {
    throw new StoreOpenError(`cannot open SQLite database ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (file !== ":memory:") database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // WAL + NORMAL: durable across application crashes; a power loss may drop the last commits.
  database.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  const tryBeginImmediate = writeLockAttempt(database);
  return {
    db,
    dialect: "sqlite",
    transaction: async (fn) => {
      const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
      for (let attempt = 0; ; attempt += 1) {
        const outcome = await db.connection().execute(async (conn) => {
          if (!tryBeginImmediate()) return WRITE_LOCK_BUSY;
          try {
            const result = await fn(conn);
            await sql`commit`.execute(conn);
            return { result };
          } catch (err) {
            if (database.inTransaction) await sql`rollback`.execute(conn);
            throw err;
          }
        });
        if (outcome !== WRITE_LOCK_BUSY) return outcome.result;
        if (Date.now() >= deadline) {
          throw new StoreBusyError(
            `the SQLite database stayed locked by another process for ${SQLITE_BUSY_TIMEOUT_MS / 1000} s`,
          );
        }
        await writeLockBackoff(attempt);
      }
    },
    close: () => db.destroy(),
  };
}

/** The write lock is held by another connection (another server process): retry later. */
const WRITE_LOCK_BUSY = Symbol("write lock busy");

export class StoreBusyError extends Error {
  readonly code = "SQLITE_BUSY";
  constructor(message: string) {
    super(message);
    this.name = "StoreBusyError";
  }
}

/**
 * BEGIN IMMEDIATE without SQLite's busy handler: that handler sleeps inside the call (1, 2, 5, 10
 * ... 100 ms), which would stop this process's event loop while another process (serve --workers)
 * holds the write lock. Here the attempt fails at once; the transaction gives the connection back
 * and waits on a timer (other requests of this process go on), then tries again, up to the busy
 * timeout. Other statements keep the 5 s busy timeout.
 */
function writeLockAttempt(database: BetterSqlite3.Database): () => boolean {
  const begin = database.prepare("begin immediate");
  return () => {
    database.pragma("busy_timeout = 0");
    try {
      begin.run();
      return true;
    } catch (err) {
      if ((err as { code?: unknown }).code === "SQLITE_BUSY") return false;
      throw err;
    } finally {
      database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    }
  };
}

/** First retries on the next turns of the event loop, then 1, 2, ... 8 ms apart. */
function writeLockBackoff(attempt: number): Promise<void> {
  return new Promise((resolve) => {
    if (attempt < 2) setImmediate(resolve);
    else setTimeout(resolve, Math.min(8, attempt - 1));
  });
}

/** Prepared statements kept per SQL text (Kysely prepares every query anew; preparing was a quarter
 * of the server's time per API request). Bounded: cleared when full (IN lists vary in length). */
export const SQLITE_STATEMENT_CACHE_SIZE = 512;

function withStatementCache(database: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (stmt === undefined) {
        stmt = database.prepare(text);
        if (cache.size >= SQLITE_STATEMENT_CACHE_SIZE) cache.clear();
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

async function openPostgres(config: Extract<StoreConfig, { kind: "postgres" }>): Promise<Store> {
  const schema = config.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreOpenError(`PostgreSQL schema name "${schema}" must match [a-z_][a-z0-9_]*`);
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.maxConnections ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`create schema if not exists ${schema}`);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw new StoreOpenError(`cannot connect to PostgreSQL: ${(err as Error).message}`, { cause: err });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    transaction: (fn) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}

/**
 * Applies every pending migration; throws with the failing migration's name. The bookkeeping
 * tables are named oligoscope_migration(_lock) so they cannot collide with another Kysely
 * application in the same database; `schema` pins them to that PostgreSQL schema.
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: "oligoscope_migration",
    migrationLockTableName: "oligoscope_migration_lock",
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "(unknown)";
    throw new StoreOpenError(`database migration ${failed} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Resolves when the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
