// The `survival` command group: its subcommands are mounted and usage errors exit 2.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "../../../test/support/cli-harness.ts";

describe("survival command group", () => {
  test("--help lists km, logrank, cox, cif and rmst", async () => {
    const r = await runCli(["survival", "--help"]);
    assert.equal(r.code, 0);
    for (const sub of ["km", "logrank", "cox", "cif", "rmst"])
      assert.match(r.stdout, new RegExp(`\\n  ${sub} \\[options\\]`));
  });

  test("every subcommand has --help naming its required options", async () => {
    for (const sub of ["km", "logrank", "cox", "cif", "rmst"]) {
      const r = await runCli(["survival", sub, "--help"]);
      assert.equal(r.code, 0, sub);
      for (const o of ["--csv <file>", "--time <column>", "--event <column>", "--json"])
        assert.ok(r.stdout.includes(o), `${sub} ${o}`);
      assert.match(r.stdout, /Exit codes: 0/);
    }
  });

  test("no subcommand, or an unknown one, is a usage error (exit 2)", async () => {
    assert.equal((await runCli(["survival"])).code, 2);
    const r = await runCli(["survival", "kaplan"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'kaplan'/);
  });
});
