// Database-backed sessions. The row id is sha256(token); the token itself lives only in the
// client's cookie, so a leaked database does not yield usable sessions.
import { createHash } from "node:crypto";
import { runCompiled } from "./compiled-query.ts";
import type { Role } from "./database-types.ts";
import type { Db } from "./open-store.ts";

export type SessionRecord = {
  readonly id: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly ip: string | null;
};

/** A session joined with its (enabled) user, as needed on every request. */
export type SessionWithUser = SessionRecord & {
  readonly username: string;
  readonly role: Role;
  readonly siteId: string | null;
};

export const sessionIdFromToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export async function insertSession(db: Db, s: SessionRecord): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      ip: s.ip,
    })
    .execute();
}

/** The session and its user, or undefined when unknown, expired at `nowIso`, or the user is disabled. */
export async function findSession(db: Db, id: string, nowIso: string): Promise<SessionWithUser | undefined> {
  // runs on every API request: compiled once (compiled-query.ts)
  const [r] = await runCompiled(db, "findSession", [id, nowIso, 0], (qb) =>
    qb
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.id",
        "sessions.user_id",
        "sessions.csrf_token",
        "sessions.created_at",
        "sessions.last_seen_at",
        "sessions.expires_at",
        "sessions.ip",
        "users.username",
        "users.role",
        "users.site_id",
      ])
      .where("sessions.id", "=", id)
      .where("sessions.expires_at", ">", nowIso)
      .where("users.disabled", "=", 0),
  );
  if (!r) return undefined;
  return {
    id: r.id,
    userId: r.user_id,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    username: r.username,
    role: r.role,
    siteId: r.site_id,
  };
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where("id", "=", id)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<number> {
  const r = await db.deleteFrom("sessions").where("expires_at", "<=", nowIso).executeTakeFirst();
  return Number(r.numDeletedRows);
}
