// `oligoscope user add|list|passwd|disable|enable`: local accounts (Argon2id). There are no
// default accounts: outside demo mode every account is created here (or by an admin in the app).
import type { Command } from "commander";
import {
  type AppContext,
  AppError,
  addUser,
  listUsers,
  MIN_PASSWORD_LENGTH,
  randomToken,
  setDisabled,
  setPassword,
  systemCaller,
} from "../../app/index.ts";
import { addStoreOptions, openAppContext, type StoreCliOptions, storeConfigFrom } from "../app-runtime.ts";
import { type CliIo, InputError } from "../io.ts";

const caller = systemCaller("cli");

async function readPasswordFromStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  const first = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
  if (first === "")
    throw new InputError("--password-stdin: stdin is empty; send the password as the first line");
  return first;
}

/** Maps use-case errors to CLI errors (exit 1) naming the field. */
function toInputError(err: unknown): unknown {
  if (err instanceof AppError) return new InputError(err.message, err.issues);
  return err;
}

async function withContext<T>(opts: StoreCliOptions, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openAppContext(storeConfigFrom(opts));
  try {
    return await fn(ctx);
  } catch (err) {
    throw toInputError(err);
  } finally {
    await ctx.store.close();
  }
}

type PasswordOptions = { passwordStdin?: boolean };

async function choosePassword(
  ctx: AppContext,
  io: CliIo,
  opts: PasswordOptions,
): Promise<{ password: string; generated: boolean }> {
  if (opts.passwordStdin) return { password: await readPasswordFromStdin(io), generated: false };
  return { password: randomToken(ctx, 15), generated: true };
}

export function register(program: Command, io: CliIo): void {
  const user = program
    .command("user")
    .description("manage local user accounts (roles: admin, clinician, researcher)");

  addStoreOptions(
    user
      .command("add <username>")
      .description(
        "create an account; without --password-stdin a random password is generated and printed once",
      )
      .requiredOption("--role <role>", "admin | clinician | researcher")
      .option(
        "--site <siteId>",
        "the clinician's site (required for clinicians; patients of other sites stay hidden)",
      )
      .option(
        "--password-stdin",
        `read the password from the first line of stdin (at least ${MIN_PASSWORD_LENGTH} characters)`,
      ),
  ).action(
    async (username: string, opts: StoreCliOptions & PasswordOptions & { role: string; site?: string }) => {
      await withContext(opts, async (ctx) => {
        const { password, generated } = await choosePassword(ctx, io, opts);
        const created = await addUser(ctx, caller, {
          username,
          password,
          role: opts.role,
          siteId: opts.site ?? null,
        });
        io.stdout.write(
          `created ${created.role} ${created.username}${created.siteId ? ` (site ${created.siteId})` : ""}\n`,
        );
        if (generated)
          io.stdout.write(`password: ${password}\n(shown once; change it with 'oligoscope user passwd')\n`);
      });
    },
  );

  addStoreOptions(user.command("list").description("list accounts").option("--json", "print JSON")).action(
    async (opts: StoreCliOptions & { json?: boolean }) => {
      await withContext(opts, async (ctx) => {
        const users = await listUsers(ctx, caller);
        if (opts.json) {
          io.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
          return;
        }
        if (users.length === 0) {
          io.stdout.write("no accounts (create one with: oligoscope user add <name> --role admin)\n");
          return;
        }
        for (const u of users) {
          io.stdout.write(
            `${u.username.padEnd(24)} ${u.role.padEnd(10)} ${(u.siteId ?? "-").padEnd(16)} ${u.disabled ? "disabled" : "active"}\n`,
          );
        }
      });
    },
  );

  addStoreOptions(
    user
      .command("passwd <username>")
      .description(
        "set a new password (ends the user's sessions); random and printed once unless --password-stdin",
      )
      .option("--password-stdin", "read the password from the first line of stdin"),
  ).action(async (username: string, opts: StoreCliOptions & PasswordOptions) => {
    await withContext(opts, async (ctx) => {
      const { password, generated } = await choosePassword(ctx, io, opts);
      await setPassword(ctx, caller, username, password);
      io.stdout.write(`password of ${username} changed\n`);
      if (generated) io.stdout.write(`password: ${password}\n(shown once)\n`);
    });
  });

  for (const [name, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    addStoreOptions(
      user
        .command(`${name} <username>`)
        .description(
          disabled
            ? "block an account from logging in (ends its sessions)"
            : "allow a disabled account to log in again",
        ),
    ).action(async (username: string, opts: StoreCliOptions) => {
      await withContext(opts, async (ctx) => {
        await setDisabled(ctx, caller, username, disabled);
        io.stdout.write(`${username} ${disabled ? "disabled" : "enabled"}\n`);
      });
    });
  }
}
