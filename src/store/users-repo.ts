// Local accounts. Passwords are stored only as Argon2id hashes (hashing happens in app/).
import type { Role } from "./database-types.ts";
import type { Db } from "./open-store.ts";

export type UserRecord = {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly siteId: string | null;
  readonly createdAt: string;
  readonly disabled: boolean;
};

type Row = {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  site_id: string | null;
  created_at: string;
  disabled: number;
};

const toUser = (r: Row): UserRecord => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role,
  siteId: r.site_id,
  createdAt: r.created_at,
  disabled: Number(r.disabled) === 1,
});

export async function insertUser(db: Db, u: UserRecord): Promise<void> {
  await db
    .insertInto("users")
    .values({
      id: u.id,
      username: u.username,
      password_hash: u.passwordHash,
      role: u.role,
      site_id: u.siteId,
      created_at: u.createdAt,
      disabled: u.disabled ? 1 : 0,
    })
    .execute();
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
  const r = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  const r = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("username").execute();
  return rows.map(toUser);
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updateUserPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
}

export async function setUserDisabled(db: Db, id: string, disabled: boolean): Promise<void> {
  await db
    .updateTable("users")
    .set({ disabled: disabled ? 1 : 0 })
    .where("id", "=", id)
    .execute();
}
