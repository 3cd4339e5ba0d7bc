// `oligoscope bed` and `oligoscope eqd2`, in-process. Expected numbers: clinical-reference §3.3
// (printed to 2 decimals; JSON is compared within 0.005 Gy).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "../../../test/support/cli-harness.ts";

// [total Gy, n, BED10, EQD2 (α/β 10), BED3, EQD2 (α/β 3), BED2, EQD2 (α/β 2)] — §3.3 table
const TABLE_3_3: readonly (readonly [number, number, number, number, number, number, number, number])[] = [
  [54, 3, 151.2, 126, 378, 226.8, 540, 270],
  [55, 5, 115.5, 96.25, 256.67, 154, 357.5, 178.75],
  [48, 4, 105.6, 88, 240, 144, 336, 168],
  [60, 8, 105, 87.5, 210, 126, 285, 142.5],
  [34, 1, 149.6, 124.67, 419.33, 251.6, 612, 306],
  [50, 5, 100, 83.33, 216.67, 130, 300, 150],
  [45, 3, 112.5, 93.75, 270, 162, 382.5, 191.25],
  [60, 5, 132, 110, 300, 180, 420, 210],
  [35, 5, 59.5, 49.58, 116.67, 70, 157.5, 78.75],
  [30, 3, 60, 50, 130, 78, 180, 90],
  [20, 1, 60, 50, 153.33, 92, 220, 110],
  [24, 1, 81.6, 68, 216, 129.6, 312, 156],
  [27, 3, 51.3, 42.75, 108, 64.8, 148.5, 74.25],
  [30, 5, 48, 40, 90, 54, 120, 60],
];

describe("oligoscope bed / eqd2: every §3.3 vector to 0.01 Gy", () => {
  for (const [total, n, ...expected] of TABLE_3_3) {
    test(`${total} Gy / ${n}`, async () => {
      for (const [k, ab] of [10, 3, 2].entries()) {
        const r = await runCli([
          "bed",
          "--dose",
          String(total),
          "--fractions",
          String(n),
          "--ab",
          String(ab),
          "--json",
        ]);
        assert.equal(r.code, 0, r.stderr);
        const out = JSON.parse(r.stdout) as { bedGy: number; eqd2Gy: number };
        assert.ok(Math.abs(out.bedGy - expected[2 * k]!) <= 0.005 + 1e-9, `BED${ab} ${out.bedGy}`);
        assert.ok(Math.abs(out.eqd2Gy - expected[2 * k + 1]!) <= 0.005 + 1e-9, `EQD2 ${out.eqd2Gy}`);
      }
    });
  }
});

describe("oligoscope bed: output", () => {
  test("human output to 2 decimals", async () => {
    const r = await runCli(["bed", "--dose", "55", "--fractions", "5", "--ab", "10"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Schedule\s+55\.00 Gy in 5 fractions \(11\.00 Gy per fraction\)/);
    assert.match(r.stdout, /BED \(α\/β 10 Gy\)\s+115\.50 Gy/);
    assert.match(r.stdout, /EQD2 \(α\/β 10 Gy\)\s+96\.25 Gy/);
    assert.match(r.stdout, /LQ model may over-estimate/, "11 Gy per fraction: the LQ caveat");
    assert.equal(r.stderr, "");
  });

  test("eqd2 puts EQD2 first; a tissue key names the table entry", async () => {
    const r = await runCli(["eqd2", "--dose", "30", "--fractions", "5", "--tissue", "Spinal cord"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split("\n");
    assert.match(lines[2] ?? "", /^EQD2 \(α\/β 2 Gy\)\s+60\.00 Gy$/);
    assert.match(lines[3] ?? "", /^BED \(α\/β 2 Gy\)\s+120\.00 Gy$/);
    assert.match(r.stdout, /α\/β table: spinal-cord, Spinal cord \(neural\), status K/);
    assert.doesNotMatch(r.stdout, /over-estimate/);
  });

  test("dose per fraction instead of total dose", async () => {
    const r = await runCli(["bed", "--dose-per-fraction", "7.5", "--fractions", "8", "--ab", "10", "--json"]);
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout) as { schedule: { totalDoseGy: number }; bedGy: number };
    assert.equal(out.schedule.totalDoseGy, 60);
    assert.equal(out.bedGy, 105);
  });

  test("BED10 check for lung: 35 Gy/5 is flagged as information (exit 0), isocentre reported", async () => {
    // isocentre 43.75 Gy/5: BED10 = 43.75·(1 + 8.75/10) = 82.03
    const r = await runCli([
      "bed",
      "--dose",
      "35",
      "--fractions",
      "5",
      "--ab",
      "3",
      "--site",
      "lung",
      "--isocentre-dose",
      "43.75",
    ]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /INFO: below the BED10 100 Gy local-control threshold \(Onishi 2004\)/);
    assert.match(r.stdout, /BED10 at prescription 59\.50 Gy, isocentre 82\.03 Gy/);
    const palliative = await runCli([
      "bed",
      "--dose",
      "20",
      "--fractions",
      "5",
      "--ab",
      "10",
      "--site",
      "lung",
      "--intent",
      "palliative",
    ]);
    assert.match(palliative.stdout, /BED10 check\s+not applicable: palliative intent/);
    const json = await runCli([
      "bed",
      "--dose",
      "54",
      "--fractions",
      "3",
      "--ab",
      "10",
      "--site",
      "lung",
      "--json",
    ]);
    assert.equal(
      (JSON.parse(json.stdout) as { bed10Check: { kind: string } }).bed10Check.kind,
      "meets_threshold",
    );
  });

  test("--help documents every option and lists the α/β table", async () => {
    const r = await runCli(["bed", "--help"]);
    assert.equal(r.code, 0);
    for (const opt of [
      "--dose",
      "--dose-per-fraction",
      "--fractions",
      "--ab",
      "--tissue",
      "--site",
      "--intent",
      "--isocentre-dose",
      "--json",
    ]) {
      assert.match(r.stdout, new RegExp(opt));
    }
    assert.match(r.stdout, /prostate-cancer\s+1\.5 Gy/);
  });
});

describe("oligoscope bed: errors", () => {
  const cases: readonly { args: string[]; code: number; stderr: RegExp }[] = [
    {
      args: ["--dose", "-5", "--fractions", "5", "--ab", "10"],
      code: 1,
      stderr: /--dose: the total dose \(Gy\) must be > 0/,
    },
    {
      args: ["--dose", "abc", "--fractions", "5", "--ab", "10"],
      code: 1,
      stderr: /--dose: must be a number \(got "abc"\)/,
    },
    {
      args: ["--dose", "50", "--fractions", "2.5", "--ab", "10"],
      code: 1,
      stderr: /--fractions: the number of fractions must be a whole number/,
    },
    {
      args: ["--dose", "50", "--fractions", "0", "--ab", "10"],
      code: 1,
      stderr: /--fractions: the number of fractions must be >= 1/,
    },
    {
      args: ["--dose", "50", "--fractions", "5", "--ab", "0"],
      code: 1,
      stderr: /--ab: α\/β \(Gy\) must be > 0/,
    },
    {
      args: ["--dose", "50", "--fractions", "5", "--tissue", "spleen"],
      code: 1,
      stderr: /--tissue: "spleen" is not in the α\/β table/,
    },
    {
      args: ["--dose", "50", "--fractions", "5", "--tissue", "breast-cancer"],
      code: 1,
      stderr: /--tissue: .*3\.5–4 Gy/,
    },
    {
      args: ["--dose", "50", "--dose-per-fraction", "9", "--fractions", "5", "--ab", "10"],
      code: 1,
      stderr: /--dose-per-fraction: .*differs/,
    },
    {
      args: ["--dose", "50", "--fractions", "5", "--ab", "10", "--site", "lung", "--intent", "curative"],
      code: 1,
      stderr: /--intent: must be radical or palliative/,
    },
    {
      args: ["--dose", "50", "--fractions", "5", "--ab", "10", "--site", "lung", "--isocentre-dose", "-1"],
      code: 1,
      stderr: /--isocentre-dose: the total dose/,
    },
    {
      args: ["--fractions", "5", "--ab", "10"],
      code: 2,
      stderr: /give the dose: --dose or --dose-per-fraction/,
    },
    { args: ["--dose", "50", "--ab", "10"], code: 2, stderr: /--fractions/ },
    { args: ["--dose", "50", "--fractions", "5"], code: 2, stderr: /give alpha\/beta: --ab or --tissue/ },
    {
      args: ["--dose", "50", "--fractions", "5", "--ab", "10", "--tissue", "lung"],
      code: 2,
      stderr: /cannot be used with option '--tissue/,
    },
    {
      args: ["--dose", "50", "--fractions", "5", "--ab", "10", "--isocentre-dose", "60"],
      code: 2,
      stderr: /give --site too/,
    },
    {
      args: ["--dose", "50", "--fractions", "5", "--ab", "10", "--bogus"],
      code: 2,
      stderr: /unknown option/,
    },
  ];
  for (const c of cases) {
    test(`${c.args.join(" ")} → exit ${c.code}`, async () => {
      const r = await runCli(["bed", ...c.args]);
      assert.equal(r.code, c.code, r.stderr);
      assert.match(r.stderr, c.stderr);
      assert.equal(r.stdout.includes("BED ("), false);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, "no stack trace");
    });
  }
});
