import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../../test/support/cli-harness.ts";

test("--help prints usage and exits 0", async () => {
  const r = await runCli(["--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: oligoscope/);
});

test("an unknown command is a usage error: exit 2 with a message on stderr", async () => {
  const r = await runCli(["no-such-command"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command|too many arguments/);
});

test("an unknown option is a usage error: exit 2", async () => {
  const r = await runCli(["--no-such-option"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option/);
});
