import assert from "node:assert/strict";
import { PassThrough, Readable } from "node:stream";
import { test } from "node:test";
import { Command } from "commander";
import { runCli } from "../../test/support/cli-harness.ts";
import { commands } from "./commands/index.ts";
import type { CliIo } from "./io.ts";
import { buildProgram } from "./main.ts";

const quietIo = (): CliIo => ({
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  stdin: Readable.from([""]),
  interactive: false,
});

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

test("every entry of the command list registers the command it is named for", async () => {
  for (const entry of commands) {
    const program = new Command("oligoscope");
    (await entry.load()).register(program, quietIo());
    assert.deepEqual(
      program.commands.map((c) => c.name()),
      [entry.name],
      `${entry.name}: its module registers exactly that command`,
    );
  }
  assert.equal(new Set(commands.map((c) => c.name)).size, commands.length, "command names are unique");
});

test("a command runs with only its own module loaded; help and an unknown command see them all", async () => {
  const only = await buildProgram(quietIo(), ["node", "oligoscope", "bed", "--dose", "55"]);
  assert.deepEqual(
    only.commands.map((c) => c.name()),
    ["bed"],
  );
  const version = await buildProgram(quietIo(), ["node", "oligoscope", "--version"]);
  assert.deepEqual(version.commands, []);
  for (const argv of [
    ["node", "oligoscope"],
    ["node", "oligoscope", "--help"],
    ["node", "oligoscope", "nope"],
  ]) {
    const all = await buildProgram(quietIo(), argv);
    assert.deepEqual(
      all.commands.map((c) => c.name()),
      commands.map((c) => c.name),
      argv.join(" "),
    );
  }
});

test("--version prints the version", async () => {
  const r = await runCli(["--version"]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), "0.1.0");
});
