// `oligoscope survival logrank` in-process: every log-rank test of reference-public.json (R 4.2.2
// survival 3.5-3 survdiff: lung, veteran, aml; rho 0 and 1; stratified) through --json to 1e-6
// relative; the human report (R's survdiff columns); errors and exit codes.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runCli } from "../../../../test/support/cli-harness.ts";
import {
  assertAllClose,
  assertClose,
  type Json,
  readReferenceJson,
} from "../../../../test/support/cox-reference-data.ts";
import { needsSharedData, sharedDataPath } from "../../../../test/support/shared-data.ts";

const REL = 1e-6;
const shared = needsSharedData("survival", "reference-public.json");
const csv = (name: string): string => sharedDataPath("survival", name) ?? `missing/${name}`;
const input = (file: string) => ["--csv", csv(file), "--time", "time", "--event", "status"];
const dir = mkdtempSync(join(tmpdir(), "oligoscope-logrank-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A three-row table whose group column has one value. */
function oneGroup(): string[] {
  const path = join(dir, "one-group.csv");
  writeFileSync(path, "time,status,arm\n1,1,A\n2,0,A\n3,1,A\n");
  return ["--csv", path, "--time", "time", "--event", "status"];
}

// dataset, test name in the reference, CLI arguments
const TESTS: readonly [string, string, string[]][] = [
  ["lung", "sex", [...input("lung.csv"), "--group", "sex"]],
  ["lung", "sex_peto", [...input("lung.csv"), "--group", "sex", "--rho", "1"]],
  ["lung", "sex_stratified_by_ph_ecog", [...input("lung.csv"), "--group", "sex", "--strata", "ph.ecog"]],
  ["veteran", "trt", [...input("veteran.csv"), "--group", "trt"]],
  [
    "veteran",
    "celltype",
    [...input("veteran.csv"), "--group", "celltype", "--group-levels", "squamous,smallcell,adeno,large"],
  ],
  [
    "veteran",
    "trt_stratified_by_celltype",
    [...input("veteran.csv"), "--group", "trt", "--strata", "celltype"],
  ],
  ["aml", "x", [...input("aml.csv"), "--group", "x"]],
];

describe("survival logrank --json equals R survdiff (reference-public.json)", shared, () => {
  for (const [dataset, name, args] of TESTS) {
    test(`${dataset} ${name}`, async () => {
      const e = readReferenceJson().datasets[dataset].logrank[name];
      const r = await runCli(["survival", "logrank", ...args, "--json"]);
      assert.equal(r.code, 0, r.stderr);
      const t = JSON.parse(r.stdout).test as Json;
      const label = `${dataset} ${name}`;
      assert.equal(t.rho, e.rho);
      assert.deepEqual(t.groups, e.groups, `${label} groups`);
      assert.deepEqual(t.n, e.n, `${label} n`);
      assertAllClose(t.observed, e.observed, REL, `${label} observed`);
      assertAllClose(t.expected, e.expected, REL, `${label} expected`);
      for (const [g, row] of (e.var as number[][]).entries())
        assertAllClose(t.variance[g], row, REL, `${label} var[${g}]`, 1e-9);
      assertClose(t.chisq, e.chisq, REL, `${label} chisq`);
      assert.equal(t.df, e.df, `${label} df`);
      assertClose(t.p, e.p, REL, `${label} p`);
    });
  }
});

describe("survival logrank human report and errors", shared, () => {
  test("lung by sex: survdiff's table and the test line", async () => {
    const r = await runCli(["survival", "logrank", ...input("lung.csv"), "--group", "sex"]);
    assert.equal(r.code, 0, r.stderr);
    // R: sex=1 N 138 O 112 E 91.6 (O-E)^2/E 4.55 (O-E)^2/V 10.3; Chisq 10.3 on 1 df, p 0.001
    assert.match(r.stdout, /^Log-rank test — /);
    assert.match(r.stdout, /sex=1 +138 +112 +91\.58 +4\.55 +10\.3\n/);
    assert.match(r.stdout, /Chisq = 10\.33 on 1 degree of freedom, p = 0\.00131/);
  });

  test("Peto–Peto is named and its weighted O/E explained", async () => {
    const r = await runCli(["survival", "logrank", ...input("aml.csv"), "--group", "x", "--rho", "1"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Peto–Peto test \(G-rho, rho = 1\)/);
    assert.match(r.stdout, /weighted by S\(t-\)\^rho/);
  });

  const cases: readonly [string, string[], number, RegExp][] = [
    ["no --group", ["survival", "logrank", ...input("aml.csv")], 2, /required option '--group <column>'/],
    [
      "one group only",
      ["survival", "logrank", ...oneGroup(), "--group", "arm"],
      1,
      /compares at least two groups; column .arm. has one value \(A\)/,
    ],
    [
      "negative --rho",
      ["survival", "logrank", ...input("aml.csv"), "--group", "x", "--rho", "-1"],
      1,
      /--rho must be a number ≥ 0/,
    ],
    [
      "unknown strata column",
      ["survival", "logrank", ...input("aml.csv"), "--group", "x", "--strata", "site"],
      1,
      /site/,
    ],
  ];
  for (const [name, args, code, message] of cases) {
    test(name, async () => {
      const r = await runCli(args);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }
});
