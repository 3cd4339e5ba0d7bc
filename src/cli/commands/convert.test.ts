// `oligoscope convert`, in-process. Expected numbers: the conversion vectors of clinical-reference §3.3.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "../../../test/support/cli-harness.ts";

type Out = {
  bedGy: number;
  eqd2Gy: number;
  schedules: { totalDoseGy: number; dosePerFractionGy: number; fractions: number }[];
  eqdx: { referenceDosePerFractionGy: number; totalDoseGy: number; fractions: number }[];
};
const within = (a: number, b: number, tol = 0.005 + 1e-9): boolean => Math.abs(a - b) <= tol;

describe("oligoscope convert: §3.3 conversion vectors", () => {
  test("BED10 100 Gy → 50.00/5, 41.79/3, 57.98/8, 27.02/1 (human output, 2 decimals)", async () => {
    const r = await runCli([
      "convert",
      "--bed",
      "100",
      "--ab",
      "10",
      "--to-fractions",
      "5,3",
      "--to-fractions",
      "8,1",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Same BED in 5 fx\s+50\.00 Gy in 5 fractions \(10\.00 Gy per fraction\)/);
    assert.match(r.stdout, /Same BED in 3 fx\s+41\.79 Gy in 3 fractions \(13\.93 Gy per fraction\)/);
    assert.match(r.stdout, /Same BED in 8 fx\s+57\.98 Gy in 8 fractions \(7\.25 Gy per fraction\)/);
    assert.match(r.stdout, /Same BED in 1 fx\s+27\.02 Gy in 1 fraction \(27\.02 Gy per fraction\)/);
  });

  test("54 Gy/3 (α/β 10) ≡ 65.47 Gy/5 (13.09 Gy/fx); EQD2 126 Gy", async () => {
    const r = await runCli([
      "convert",
      "--dose",
      "54",
      "--fractions",
      "3",
      "--ab",
      "10",
      "--to-fractions",
      "5",
      "--eqdx",
      "2",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Out;
    assert.ok(within(out.bedGy, 151.2));
    assert.ok(within(out.schedules[0]!.totalDoseGy, 65.47));
    assert.ok(within(out.schedules[0]!.dosePerFractionGy, 13.09));
    assert.ok(within(out.eqdx[0]!.totalDoseGy, 126));
  });

  test("30 Gy/5 to cord (tissue spinal-cord, α/β 2) ≡ 36.54 Gy/8 (4.568 Gy/fx)", async () => {
    const r = await runCli([
      "convert",
      "--dose",
      "30",
      "--fractions",
      "5",
      "--tissue",
      "spinal-cord",
      "--to-fractions",
      "8",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Out;
    assert.ok(within(out.bedGy, 120));
    assert.ok(within(out.schedules[0]!.totalDoseGy, 36.54));
    assert.ok(within(out.schedules[0]!.dosePerFractionGy, 4.568, 0.0005 + 1e-9));
  });

  test("EQDx lists the equivalent number of x-Gy fractions", async () => {
    // 30 Gy/3 (α/β 10): BED 60, EQD3 = 60/(1 + 3/10) = 46.15 Gy = 15.38 fractions of 3 Gy
    const r = await runCli(["convert", "--dose", "30", "--fractions", "3", "--ab", "10", "--eqdx", "3"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /EQD3\s+46\.15 Gy \(= 15\.38 fractions of 3\.00 Gy\)/);
  });
});

describe("oligoscope convert: errors", () => {
  const cases: readonly { args: string[]; code: number; stderr: RegExp }[] = [
    {
      args: ["--bed", "0", "--ab", "10", "--to-fractions", "5"],
      code: 1,
      stderr: /--bed: the BED \(Gy\) must be > 0/,
    },
    {
      args: ["--bed", "100", "--ab", "10", "--to-fractions", "5,0,x"],
      code: 1,
      stderr: /--to-fractions: must be a number \(got "x"\)/,
    },
    {
      args: ["--bed", "100", "--ab", "10", "--to-fractions", "5,0"],
      code: 1,
      stderr: /--to-fractions: the number of fractions must be >= 1/,
    },
    {
      args: ["--bed", "100", "--ab", "10", "--eqdx", "-2"],
      code: 1,
      stderr: /--eqdx: the reference dose per fraction \(Gy\) must be > 0/,
    },
    {
      args: ["--dose", "54", "--fractions", "3.5", "--ab", "10", "--to-fractions", "5"],
      code: 1,
      stderr: /--fractions: .*whole number/,
    },
    { args: ["--bed", "100", "--ab", "10"], code: 2, stderr: /give --to-fractions and\/or --eqdx/ },
    { args: ["--ab", "10", "--to-fractions", "5"], code: 2, stderr: /give what to convert/ },
    { args: ["--dose", "54", "--ab", "10", "--to-fractions", "5"], code: 2, stderr: /give --fractions/ },
    {
      args: ["--bed", "100", "--dose", "54", "--fractions", "3", "--ab", "10", "--to-fractions", "5"],
      code: 2,
      stderr: /cannot be used with/,
    },
    { args: ["--bed", "100", "--to-fractions", "5"], code: 2, stderr: /give alpha\/beta/ },
  ];
  for (const c of cases) {
    test(`${c.args.join(" ")} → exit ${c.code}`, async () => {
      const r = await runCli(["convert", ...c.args]);
      assert.equal(r.code, c.code, r.stderr);
      assert.match(r.stderr, c.stderr);
      assert.equal(r.stdout, "");
    });
  }

  test("--help documents every option", async () => {
    const r = await runCli(["convert", "--help"]);
    assert.equal(r.code, 0);
    for (const opt of [
      "--bed",
      "--dose",
      "--dose-per-fraction",
      "--fractions",
      "--ab",
      "--tissue",
      "--to-fractions",
      "--eqdx",
      "--json",
    ]) {
      assert.match(r.stdout, new RegExp(opt));
    }
  });
});
