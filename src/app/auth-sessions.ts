// Login, session lookup and logout. Sessions live in the database; the client holds only a random
// token (cookie), the database only its sha256. Each session carries its own CSRF token.
import {
  countLoginAttempt,
  deleteExpiredSessions,
  deleteSession,
  findSession,
  findUserByUsername,
  insertSession,
  type LoginAttemptCount,
  type Role,
  sessionIdFromToken,
  touchSession,
} from "../store/index.ts";
import { type Actor, type AppContext, type Caller, randomToken } from "./app-context.ts";
import { AppError } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { TIMING_DUMMY_HASH, verifyPassword } from "./password-hashing.ts";

export type SessionUser = { readonly username: string; readonly role: Role; readonly siteId: string | null };

export type LoginResult = {
  /** goes into the HttpOnly cookie only */
  readonly token: string;
  readonly csrfToken: string;
  readonly user: SessionUser;
  readonly expiresAt: string;
};

export type ActiveSession = {
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly actor: Extract<Actor, { kind: "user" }>;
  readonly user: SessionUser;
  readonly expiresAt: string;
};

/** Refresh last_seen at most this often, to keep reads free of writes. */
const TOUCH_INTERVAL_MS = 60_000;

const addMs = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
const minIso = (a: Date, b: Date): string => (a.getTime() < b.getTime() ? a : b).toISOString();

export async function login(
  ctx: AppContext,
  input: { readonly username: string; readonly password: string; readonly ip: string | null },
): Promise<LoginResult> {
  const user = await findUserByUsername(ctx.store.db, input.username);
  const passwordOk = await verifyPassword(user?.passwordHash ?? TIMING_DUMMY_HASH, input.password);
  const anonymous: Caller = { actor: { kind: "system", name: "login" }, ip: input.ip };
  if (!user || !passwordOk || user.disabled) {
    await ctx.store.transaction((trx) =>
      recordAudit(ctx, trx, anonymous, "auth.login_failed", `user:${input.username.slice(0, 64)}`, {
        reason: !user ? "unknown_user" : !passwordOk ? "wrong_password" : "disabled",
      }),
    );
    // one message for every reason: do not reveal which usernames exist
    throw new AppError("unauthenticated", "invalid_credentials", "wrong username or password");
  }
  const now = ctx.now();
  const token = randomToken(ctx, 32);
  const csrfToken = randomToken(ctx, 32);
  const expiresAt = minIso(
    addMs(now, ctx.settings.sessionIdleMinutes * 60_000),
    addMs(now, ctx.settings.sessionAbsoluteHours * 3_600_000),
  );
  const sessionUser: SessionUser = { username: user.username, role: user.role, siteId: user.siteId };
  const caller: Caller = {
    actor: { kind: "user", userId: user.id, username: user.username, role: user.role, siteId: user.siteId },
    ip: input.ip,
  };
  await ctx.store.transaction(async (trx) => {
    await deleteExpiredSessions(trx, now.toISOString());
    await insertSession(trx, {
      id: sessionIdFromToken(token),
      userId: user.id,
      csrfToken,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt,
      ip: input.ip,
    });
    await recordAudit(ctx, trx, caller, "auth.login", `user:${user.username}`);
  });
  return { token, csrfToken, user: sessionUser, expiresAt };
}

/** The live session for a cookie token, sliding its idle expiry; undefined when unknown or expired. */
export async function resolveSession(ctx: AppContext, token: string): Promise<ActiveSession | undefined> {
  if (token.length < 20 || token.length > 200) return undefined;
  const now = ctx.now();
  const id = sessionIdFromToken(token);
  const s = await findSession(ctx.store.db, id, now.toISOString());
  if (!s) return undefined;
  let expiresAt = s.expiresAt;
  if (now.getTime() - Date.parse(s.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    expiresAt = minIso(
      addMs(now, ctx.settings.sessionIdleMinutes * 60_000),
      addMs(new Date(s.createdAt), ctx.settings.sessionAbsoluteHours * 3_600_000),
    );
    await touchSession(ctx.store.db, id, now.toISOString(), expiresAt);
  }
  return {
    sessionId: id,
    csrfToken: s.csrfToken,
    actor: { kind: "user", userId: s.userId, username: s.username, role: s.role, siteId: s.siteId },
    user: { username: s.username, role: s.role, siteId: s.siteId },
    expiresAt,
  };
}

export async function logout(ctx: AppContext, caller: Caller, sessionId: string): Promise<void> {
  await ctx.store.transaction(async (trx) => {
    await deleteSession(trx, sessionId);
    await recordAudit(
      ctx,
      trx,
      caller,
      "auth.logout",
      caller.actor.kind === "user" ? `user:${caller.actor.username}` : null,
    );
  });
}

/**
 * Counts a login attempt for a rate-limit key (client IP + username) in the database, so every
 * server process (serve --workers) shares one count; `attempts` includes this one.
 */
export function countLoginAttemptShared(
  ctx: AppContext,
  key: string,
  windowMs: number,
): Promise<LoginAttemptCount> {
  return countLoginAttempt(ctx.store, key, ctx.now().getTime(), windowMs);
}
