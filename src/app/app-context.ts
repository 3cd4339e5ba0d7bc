// What every use case receives from the composition root (server or CLI): the store, the clock,
// randomness and configuration. Nothing in app/ reads the clock or a random source directly.
import type { Role, Store } from "../store/index.ts";

export type AppContext = {
  readonly store: Store;
  /** the current instant */
  readonly now: () => Date;
  /** cryptographically secure random bytes */
  readonly randomBytes: (n: number) => Uint8Array;
  readonly settings: AppSettings;
};

export type AppSettings = {
  /** a session ends after this many minutes without a request (default 120) */
  readonly sessionIdleMinutes: number;
  /** a session ends this many hours after login regardless of activity (default 12) */
  readonly sessionAbsoluteHours: number;
};

export const DEFAULT_APP_SETTINGS: AppSettings = { sessionIdleMinutes: 120, sessionAbsoluteHours: 12 };

/** Who is acting: a logged-in user, or the system itself (CLI, demo loader). */
export type Actor =
  | {
      readonly kind: "user";
      readonly userId: string;
      readonly username: string;
      readonly role: Role;
      /** clinician's site; null for admin and researcher */
      readonly siteId: string | null;
    }
  | { readonly kind: "system"; readonly name: string };

/** The actor plus request facts recorded in the audit log. */
export type Caller = { readonly actor: Actor; readonly ip: string | null };

export const systemCaller = (name: string): Caller => ({ actor: { kind: "system", name }, ip: null });

/** Current date as YYYY-MM-DD (UTC). */
export const todayIso = (ctx: AppContext): string => ctx.now().toISOString().slice(0, 10);

/** URL-safe base64 of `n` random bytes. */
export const randomToken = (ctx: AppContext, n = 32): string =>
  Buffer.from(ctx.randomBytes(n)).toString("base64url");
