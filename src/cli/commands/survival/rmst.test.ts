// `oligoscope survival rmst` in-process: the RMST per group and the group difference of
// reference-public.json (R 4.2.2 survival 3.5-3, survRM2 conventions: lung, veteran, aml) through
// --json to 1e-6 relative; τ defaulted as survRM2 and stated; errors and exit codes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "../../../../test/support/cli-harness.ts";
import { assertClose, type Json, readReferenceJson } from "../../../../test/support/cox-reference-data.ts";
import { needsSharedData, sharedDataPath } from "../../../../test/support/shared-data.ts";

const REL = 1e-6;
const shared = needsSharedData("survival", "reference-public.json");
const csv = (name: string): string => sharedDataPath("survival", name) ?? `missing/${name}`;
const input = (file: string) => ["--csv", csv(file), "--time", "time", "--event", "status"];

async function rmstJson(args: readonly string[]): Promise<Json> {
  const r = await runCli(["survival", "rmst", ...args, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const DIFFERENCES: readonly [string, string, string, string[]][] = [
  ["lung", "by_sex", "sex", input("lung.csv")],
  ["veteran", "by_trt", "trt", input("veteran.csv")],
  ["aml", "by_x", "x", input("aml.csv")],
];

describe("survival rmst --json equals R (reference-public.json)", shared, () => {
  for (const [dataset, fit, group, args] of DIFFERENCES) {
    test(`${dataset} ${fit}: per-curve RMST and the difference with CI`, async () => {
      const ref = readReferenceJson().datasets[dataset];
      const d = ref.rmst_difference[fit];
      const r = await rmstJson([...args, "--group", group, "--tau", String(d.tau)]);
      assert.equal(r.tau, d.tau);
      assert.equal(r.tauDefaulted, false);
      for (const [s, e] of (ref.km[fit].strata as Json[]).entries()) {
        assert.equal(e.rmst.tau, d.tau);
        assert.equal(r.curves[s].label, e.stratum);
        assertClose(r.curves[s].rmst, e.rmst.rmst, REL, `${dataset} ${e.stratum} rmst`);
        assertClose(r.curves[s].se, e.rmst.se, REL, `${dataset} ${e.stratum} se`);
      }
      assert.equal(r.differences.length, 1);
      const x = r.differences[0];
      assert.equal(x.contrast, d.contrast);
      for (const k of ["diff", "se", "lower", "upper", "z", "p"] as const)
        assertClose(x[k], d[k], REL, `${dataset} difference ${k}`);
    });
  }

  test("overall curve (no group): RMST equals the overall KM reference, no difference rows", async () => {
    const e = readReferenceJson().datasets.lung.km.overall.strata[0];
    const r = await rmstJson([...input("lung.csv"), "--tau", String(e.rmst.tau)]);
    assert.equal(r.curves.length, 1);
    assertClose(r.curves[0].rmst, e.rmst.rmst, REL, "lung overall rmst");
    assertClose(r.curves[0].se, e.rmst.se, REL, "lung overall se");
    assert.deepEqual(r.differences, []);
  });
});

describe("survival rmst: default τ, human report, errors", shared, () => {
  test("τ defaults to the smallest last follow-up time (survRM2) and is stated", async () => {
    // aml: last times 161 (Maintained) and 45 (Nonmaintained) → τ = 45, the reference's τ
    const r = await runCli(["survival", "rmst", ...input("aml.csv"), "--group", "x"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /τ = 45 \(default: the smallest of the curves' last follow-up times, as R's survRM2\)/,
    );
    // R: Nonmaintained − Maintained = −8.0303 (se 5.866), p 0.171
    assert.match(
      r.stdout,
      /x=Nonmaintained minus x=Maintained +-8\.0303 +5\.866 +-19\.5268 – 3\.46618 +-1\.37 +0\.171/,
    );
  });

  test("--group-levels picks the reference group (the sign of the difference flips)", async () => {
    const a = await rmstJson([...input("aml.csv"), "--group", "x"]);
    const b = await rmstJson([
      ...input("aml.csv"),
      "--group",
      "x",
      "--group-levels",
      "Nonmaintained,Maintained",
    ]);
    assert.equal(b.differences[0].contrast, "x=Maintained minus x=Nonmaintained");
    assertClose(b.differences[0].diff, -a.differences[0].diff, 1e-12, "flipped difference");
  });

  test("τ beyond a curve's follow-up is flagged", async () => {
    const r = await runCli(["survival", "rmst", ...input("aml.csv"), "--group", "x", "--tau", "100"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /NOTE: follow-up ends before τ for x=Nonmaintained/);
  });

  const cases: readonly [string, string[], number, RegExp][] = [
    ["τ = 0", ["survival", "rmst", ...input("aml.csv"), "--tau", "0"], 1, /--tau must be a time > 0/],
    [
      "τ not a number",
      ["survival", "rmst", ...input("aml.csv"), "--tau", "1y"],
      1,
      /--tau must be a time > 0 .* \(got "1y"\)/,
    ],
    ["bad --conf-level", ["survival", "rmst", ...input("aml.csv"), "--conf-level", "1"], 1, /--conf-level/],
    [
      "unknown group level",
      ["survival", "rmst", ...input("aml.csv"), "--group", "x", "--group-levels", "A,B"],
      1,
      /A|B/,
    ],
  ];
  for (const [name, args, code, message] of cases) {
    test(name, async () => {
      const r = await runCli(args);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, message);
    });
  }
});
