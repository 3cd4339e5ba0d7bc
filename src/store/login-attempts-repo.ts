// Login attempts per rate-limit key in a fixed window, shared by every server process through the
// database (serve --workers): counting is one transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: the
// upsert locks the row), so N processes together allow exactly `max` attempts per window, as one.
import { sql } from "kysely";
import type { Store } from "./open-store.ts";

export type LoginAttemptCount = {
  /** attempts in the current window, this one included */
  readonly attempts: number;
  /** when the current window ends, epoch ms */
  readonly windowEndsMs: number;
};

/**
 * Counts one attempt for `key` at `nowMs`. A key whose window has ended starts a new window of
 * `windowMs` (ended windows of every key are deleted on the way: the table stays small).
 */
export async function countLoginAttempt(
  store: Pick<Store, "transaction">,
  key: string,
  nowMs: number,
  windowMs: number,
): Promise<LoginAttemptCount> {
  return store.transaction(async (trx) => {
    await trx.deleteFrom("login_attempts").where("window_ends_ms", "<=", nowMs).execute();
    const row = await trx
      .insertInto("login_attempts")
      .values({ key, attempts: 1, window_ends_ms: nowMs + windowMs })
      .onConflict((oc) => oc.column("key").doUpdateSet({ attempts: sql`login_attempts.attempts + 1` }))
      .returning(["attempts", "window_ends_ms"])
      .executeTakeFirstOrThrow();
    return { attempts: Number(row.attempts), windowEndsMs: Number(row.window_ends_ms) };
  });
}
