// Local accounts: add, list, change password, disable. Admin only (or the system, for the CLI).
import { type Issue, issue } from "../core/index.ts";
import {
  countUsers,
  deleteSessionsOfUser,
  findUserByUsername,
  insertUser,
  listUsers as listUserRecords,
  ROLES,
  type Role,
  setUserDisabled,
  updateUserPassword,
} from "../store/index.ts";
import { type AppContext, type Caller, randomToken } from "./app-context.ts";
import { AppError, invalid } from "./app-error.ts";
import { recordAudit } from "./audit-trail.ts";
import { authorize } from "./authorization.ts";
import { hashPassword } from "./password-hashing.ts";

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;
const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const SITE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type NewUser = {
  readonly username: string;
  readonly password: string;
  readonly role: string;
  /** required for clinicians; null/absent for admin and researcher */
  readonly siteId?: string | null | undefined;
};

export type UserView = {
  readonly username: string;
  readonly role: Role;
  readonly siteId: string | null;
  readonly createdAt: string;
  readonly disabled: boolean;
};

/** Every problem with a new password (empty when acceptable). */
export function passwordIssues(password: unknown, username: string, path = "password"): Issue[] {
  if (typeof password !== "string") return [issue("required", path, "password is required (a string)")];
  const out: Issue[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) {
    out.push(
      issue(
        "weak_password",
        path,
        `must be at least ${MIN_PASSWORD_LENGTH} characters (got ${password.length})`,
      ),
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    out.push(issue("out_of_range", path, `must be at most ${MAX_PASSWORD_LENGTH} characters`));
  }
  if (username !== "" && password.toLowerCase().includes(username.toLowerCase())) {
    out.push(issue("weak_password", path, "must not contain the username"));
  }
  return out;
}

function newUserIssues(u: NewUser): Issue[] {
  const out: Issue[] = [];
  if (typeof u.username !== "string" || !USERNAME_RE.test(u.username)) {
    out.push(
      issue(
        "invalid_username",
        "username",
        "must be 2-64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
      ),
    );
  }
  out.push(...passwordIssues(u.password, typeof u.username === "string" ? u.username : ""));
  if (!(ROLES as readonly string[]).includes(u.role)) {
    out.push(
      issue("invalid_value", "role", `must be one of ${ROLES.join(", ")} (got ${JSON.stringify(u.role)})`),
    );
  }
  const site = u.siteId ?? null;
  if (site !== null && (typeof site !== "string" || !SITE_RE.test(site))) {
    out.push(issue("invalid_value", "siteId", "must be 1-64 characters: letters, digits, '.', '_' or '-'"));
  }
  if (u.role === "clinician" && site === null) {
    out.push(issue("required", "siteId", "a clinician account needs the site whose patients they see"));
  }
  if (u.role === "researcher" && site !== null) {
    out.push(
      issue(
        "invalid_value",
        "siteId",
        "a researcher account sees de-identified data of every site; omit siteId",
      ),
    );
  }
  return out;
}

const view = (u: {
  username: string;
  role: Role;
  siteId: string | null;
  createdAt: string;
  disabled: boolean;
}): UserView => ({
  username: u.username,
  role: u.role,
  siteId: u.siteId,
  createdAt: u.createdAt,
  disabled: u.disabled,
});

export async function addUser(ctx: AppContext, caller: Caller, input: NewUser): Promise<UserView> {
  authorize(caller.actor, "users.manage");
  const issues = newUserIssues(input);
  if (issues.length > 0) throw invalid("the new user is invalid", issues);
  const passwordHash = await hashPassword(input.password);
  const createdAt = ctx.now().toISOString();
  const record = {
    id: randomToken(ctx, 16),
    username: input.username,
    passwordHash,
    role: input.role as Role,
    siteId: input.siteId ?? null,
    createdAt,
    disabled: false,
  };
  return ctx.store.transaction(async (trx) => {
    if (await findUserByUsername(trx, input.username)) {
      throw new AppError("conflict", "username_taken", `username "${input.username}" is already taken`, [
        issue("username_taken", "username", `"${input.username}" is already taken`),
      ]);
    }
    await insertUser(trx, record);
    await recordAudit(ctx, trx, caller, "user.create", `user:${input.username}`, {
      role: record.role,
      siteId: record.siteId,
    });
    return view(record);
  });
}

export async function listUsers(ctx: AppContext, caller: Caller): Promise<UserView[]> {
  authorize(caller.actor, "users.manage");
  return (await listUserRecords(ctx.store.db)).map(view);
}

/** Sets a new password and ends every session of the user. */
export async function setPassword(
  ctx: AppContext,
  caller: Caller,
  username: string,
  password: string,
): Promise<void> {
  authorize(caller.actor, "users.manage");
  const issues = passwordIssues(password, username);
  if (issues.length > 0) throw invalid("the new password is invalid", issues);
  const passwordHash = await hashPassword(password);
  await ctx.store.transaction(async (trx) => {
    const u = await findUserByUsername(trx, username);
    if (!u) throw new AppError("not_found", "user_not_found", `no user "${username}"`);
    await updateUserPassword(trx, u.id, passwordHash);
    await deleteSessionsOfUser(trx, u.id);
    await recordAudit(ctx, trx, caller, "user.password_set", `user:${username}`);
  });
}

/** Disables (or re-enables) an account; disabling ends its sessions. */
export async function setDisabled(
  ctx: AppContext,
  caller: Caller,
  username: string,
  disabled: boolean,
): Promise<void> {
  authorize(caller.actor, "users.manage");
  await ctx.store.transaction(async (trx) => {
    const u = await findUserByUsername(trx, username);
    if (!u) throw new AppError("not_found", "user_not_found", `no user "${username}"`);
    await setUserDisabled(trx, u.id, disabled);
    if (disabled) await deleteSessionsOfUser(trx, u.id);
    await recordAudit(ctx, trx, caller, disabled ? "user.disable" : "user.enable", `user:${username}`);
  });
}

/** Number of accounts (used at start to tell a new operator how to create the first one). */
export async function countAccounts(ctx: AppContext): Promise<number> {
  return countUsers(ctx.store.db);
}
