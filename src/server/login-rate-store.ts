// The login rate limit's counter store for @fastify/rate-limit, kept in the database
// (countLoginAttemptShared) instead of the plugin's per-process memory: with `serve --workers N`
// the N processes share one count per client IP + username, so the limit stays `max` attempts
// per window, not N × max. Fixed window, as the plugin's own store.
import { type AppContext, countLoginAttemptShared } from "../app/index.ts";

type IncrCallback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store class as @fastify/rate-limit expects (`new Store(globalParams)`; incr / child). The
 * plugin passes the route's window to `incr` (its typings omit it); `defaultWindowMs` otherwise.
 */
export function sharedLoginRateStore(ctx: AppContext, defaultWindowMs: number) {
  return class SharedLoginRateStore {
    incr(key: string, callback: IncrCallback, timeWindowMs?: number): void {
      countLoginAttemptShared(ctx, key, timeWindowMs ?? defaultWindowMs).then(
        (c) =>
          callback(null, { current: c.attempts, ttl: Math.max(0, c.windowEndsMs - ctx.now().getTime()) }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    /** route-level limits share the one table (only the login route is limited) */
    child(): SharedLoginRateStore {
      return this;
    }
  };
}
