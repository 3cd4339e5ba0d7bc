// `oligoscope user` against a temp-file SQLite database, in-process.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runCli } from "../../../test/support/cli-harness.ts";
import { findUserByUsername, openStore } from "../../store/index.ts";

describe("oligoscope user", () => {
  const dir = mkdtempSync(join(tmpdir(), "oligoscope-user-"));
  const dataDir = join(dir, "data");
  after(() => rmSync(dir, { recursive: true, force: true }));
  delete process.env["OLIGOSCOPE_DATABASE_URL"];

  test("add with a generated password prints it once; the hash is Argon2id", async () => {
    const r = await runCli(["user", "add", "alice", "--role", "admin", "--data-dir", dataDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^created admin alice\npassword: [A-Za-z0-9_-]{20}\n/);
    const store = await openStore({ kind: "sqlite", file: join(dataDir, "oligoscope.sqlite") });
    const u = await findUserByUsername(store.db, "alice");
    await store.close();
    assert.match(u?.passwordHash ?? "", /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test("add with --password-stdin", async () => {
    const r = await runCli(
      [
        "user",
        "add",
        "bob",
        "--role",
        "clinician",
        "--site",
        "site-a",
        "--password-stdin",
        "--data-dir",
        dataDir,
      ],
      "a perfectly fine password\n",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "created clinician bob (site site-a)\n");
  });

  test("invalid input exits 1 naming every field", async () => {
    const r = await runCli(
      ["user", "add", "Bad Name", "--role", "clinician", "--password-stdin", "--data-dir", dataDir],
      "short\n",
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /username: must be 2-64 characters/);
    assert.match(r.stderr, /password: must be at least 12 characters \(got 5\)/);
    assert.match(r.stderr, /siteId: a clinician account needs the site/);
  });

  test("duplicate username exits 1", async () => {
    const r = await runCli(["user", "add", "alice", "--role", "researcher", "--data-dir", dataDir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /already taken/);
  });

  test("missing --role is a usage error (exit 2)", async () => {
    const r = await runCli(["user", "add", "carol", "--data-dir", dataDir]);
    assert.equal(r.code, 2);
  });

  test("list, disable, passwd", async () => {
    assert.equal((await runCli(["user", "disable", "bob", "--data-dir", dataDir])).code, 0);
    const list = await runCli(["user", "list", "--data-dir", dataDir]);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^alice\s+admin\s+-\s+active\nbob\s+clinician\s+site-a\s+disabled\n$/);
    const pw = await runCli(["user", "passwd", "nobody", "--data-dir", dataDir]);
    assert.equal(pw.code, 1);
    assert.match(pw.stderr, /no user "nobody"/);
    const ok = await runCli(
      ["user", "passwd", "bob", "--password-stdin", "--data-dir", dataDir],
      "another fine password\n",
    );
    assert.equal(ok.code, 0, ok.stderr);
  });

  test("audit verify sees every account change", async () => {
    const r = await runCli(["audit", "verify", "--data-dir", dataDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^audit log intact: 4 entries verified/);
    const list = await runCli(["audit", "list", "--resource", "user:bob", "--data-dir", dataDir]);
    assert.match(list.stdout, /user\.password_set user:bob/);
    assert.match(list.stdout, /user\.disable user:bob/);
    assert.match(list.stdout, /user\.create user:bob \{"role":"clinician","siteId":"site-a"\}/);
  });
});
