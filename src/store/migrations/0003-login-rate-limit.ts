// Login rate limit shared by every server process (serve --workers): one row per rate-limit key
// (client IP + username tried) with its attempt count in the current window and when the window
// ends (epoch milliseconds). An in-memory counter per process would allow N times the attempts.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("login_attempts")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("window_ends_ms", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempts_window_ends")
    .on("login_attempts")
    .column("window_ends_ms")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("login_attempts").execute();
}
