// The installed entry point (bin/oligoscope.js) as a user runs it: from the CLI bundle (built on
// first use when stale) and from the sources through tsx; both must answer the same, with the same
// exit codes (decision 0009).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function run(args: string[], fromSource: boolean, input?: string) {
  const env = { ...process.env, OLIGOSCOPE_FROM_SOURCE: fromSource ? "1" : "0" };
  const r = spawnSync(process.execPath, ["bin/oligoscope.js", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
    ...(input === undefined ? {} : { input }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bin/oligoscope.js", () => {
  const cases: { name: string; args: string[]; input?: string; code: number }[] = [
    { name: "definitions", args: ["definitions", "--json"], code: 0 },
    {
      name: "classify an example",
      args: ["classify", "examples/04-crc-synchronous-liver.json", "--json"],
      code: 0,
    },
    { name: "invalid record", args: ["classify", "-"], input: '{"id":"x"}\n', code: 1 },
    { name: "usage error", args: ["bed", "--dose", "55"], code: 2 },
  ];
  for (const c of cases) {
    test(`${c.name}: the bundle answers as the sources do (exit ${c.code})`, () => {
      const bundled = run(c.args, false, c.input);
      const source = run(c.args, true, c.input);
      assert.equal(bundled.code, c.code, bundled.stderr);
      assert.equal(source.code, c.code, source.stderr);
      assert.equal(bundled.stdout, source.stdout);
      assert.doesNotMatch(bundled.stderr, /running from the TypeScript sources/);
    });
  }
});
