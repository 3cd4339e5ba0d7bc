// `oligoscope constraints`, in-process.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runCli } from "../../../test/support/cli-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "oligoscope-constraints-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const userSet = {
  format: "oligoscope.constraint-set/1",
  id: "local-lung",
  name: "Local lung SABR",
  version: "1",
  source: { citation: "Local protocol", table: "Table 1", page: "2" },
  verification: { required: false, verifiedBy: [] },
  fractions: [5],
  constraints: [
    {
      id: "cord",
      structure: "Spinal cord",
      organs: ["SpinalCord"],
      metric: "D0.1cc",
      endpoint: "myelopathy",
      status: "C",
      sourceRow: "Table 1 row 1",
      limits: { "5": { optimal: 25, mandatory: 28 } },
    },
  ],
};

describe("oligoscope constraints", () => {
  test("list names both built-in sets and marks the template", async () => {
    const r = await runCli(["constraints", "list"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /aapm-tg101 +AAPM TG-101/);
    assert.match(r.stdout, /uk-sabr-v6.1 +\[template: refuses to run until verified\]/);
    const json = JSON.parse((await runCli(["constraints", "list", "--json"])).stdout) as {
      id: string;
      runnable: boolean;
    }[];
    assert.deepEqual(
      json.map((s) => [s.id, s.runnable]),
      [
        ["aapm-tg101", true],
        ["uk-sabr-v6.1", false],
      ],
    );
  });

  test("show tg101 --fractions 3 lists the Table III values for 3 fractions", async () => {
    const r = await runCli(["constraints", "show", "tg101", "--fractions", "3"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /spinal-cord-d0\.35cc +SpinalCord +D0\.35cc +- +18\.00 Gy +C/);
    assert.match(r.stdout, /chest-wall-d30cc +Chestwall +D30cc +- +30\.00 Gy/);
    assert.match(r.stdout, /lungs-1500cc +Lungs +CV1500cc +- +11\.60 Gy +C/);
    const four = await runCli(["constraints", "show", "tg101", "--fractions", "4"]);
    assert.match(four.stdout, /no constraint for 4 fractions in this set \(not interpolated/);
  });

  test("convert: cord 23 Gy/5 → 8 fractions with α/β 2 from the organ: BED 75.9, EQD2 37.95, 27.75 Gy", async () => {
    // BED = 23(1 + 4.6/2) = 75.9; EQD2 = 75.9/2 = 37.95; d8 = −1 + sqrt(1 + 4·75.9/16) = 3.4689…, D8 = 27.75
    const r = await runCli([
      "constraints",
      "convert",
      "tg101",
      "--constraint",
      "spinal-cord-d0.35cc",
      "--to-fractions",
      "8",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /α\/β +2 Gy \(organ SpinalCord, α\/β table "spinal-cord"\)/);
    assert.match(r.stdout, /23\.00 Gy → BED 75\.90 Gy, EQD2 37\.95 Gy → 27\.75 Gy in 8 fractions/);
    assert.match(r.stdout, /LQ-converted from 5 to 8 fractions with α\/β = 2 Gy; not a limit of the source/);
    const json = JSON.parse(
      (
        await runCli([
          "constraints",
          "convert",
          "tg101",
          "--constraint",
          "spinal-cord-d0.35cc",
          "--to-fractions",
          "8",
          "--json",
        ])
      ).stdout,
    ) as { limit: { mandatory: number } };
    assert.ok(Math.abs(json.limit.mandatory - 8 * (-1 + Math.sqrt(1 + (4 * 75.9) / 16))) < 1e-9);
  });

  test("check: a valid user set, then one with errors named by JSON path (exit 1)", async () => {
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(userSet));
    const ok = await runCli(["constraints", "check", good]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(
      ok.stdout,
      /valid constraint set "Local lung SABR" \(local-lung, version 1\): 1 constraints for 5 fractions/,
    );
    const bad = join(dir, "bad.json");
    const broken = structuredClone(userSet);
    broken.constraints[0]!.metric = "Dmaxx";
    broken.constraints[0]!.limits["5"] = { optimal: 30, mandatory: 28 };
    writeFileSync(bad, JSON.stringify(broken));
    const r = await runCli(["constraints", "check", bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /constraints\[0\]\.metric: "Dmaxx" is not a constraint metric/);
    assert.match(
      r.stderr,
      /constraints\[0\]\.limits\.5\.optimal: the optimal limit 30 must not exceed the mandatory limit 28/,
    );
    const notJson = join(dir, "x.json");
    writeFileSync(notJson, "{ nope");
    assert.match((await runCli(["constraints", "check", notJson])).stderr, /not valid JSON/);
  });

  test("show a user set file; the UK template shows as not verified", async () => {
    const good = join(dir, "good2.json");
    writeFileSync(good, JSON.stringify(userSet));
    const r = await runCli(["constraints", "show", good]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /cord +SpinalCord +D0\.1cc +25\.00 Gy +28\.00 Gy/);
    const uk = await runCli(["constraints", "show", "uk-sabr-v6.1", "--fractions", "8"]);
    assert.match(uk.stdout, /REQUIRED, NOT VERIFIED: refuses to run/);
  });

  const errors: readonly { args: string[]; code: number; stderr: RegExp }[] = [
    { args: ["show", "rtog0915"], code: 1, stderr: /<set>: "rtog0915" is neither a built-in set/ },
    {
      args: ["show", "tg101", "--fractions", "0"],
      code: 1,
      stderr: /--fractions: must be a whole number >= 1/,
    },
    { args: ["check", "/no/such/file.json"], code: 1, stderr: /no file/ },
    {
      args: ["convert", "tg101", "--constraint", "nope", "--to-fractions", "4"],
      code: 1,
      stderr: /--constraint: no constraint "nope" in aapm-tg101; ids: optic-pathway-d0\.2cc/,
    },
    {
      args: ["convert", "tg101", "--constraint", "heart-d15cc", "--to-fractions", "0"],
      code: 1,
      stderr: /--to-fractions: the number of fractions must be >= 1/,
    },
    {
      args: [
        "convert",
        "tg101",
        "--constraint",
        "heart-d15cc",
        "--to-fractions",
        "4",
        "--from-fractions",
        "4",
      ],
      code: 1,
      stderr: /--from-fractions: heart-d15cc has no limit for 4 fractions/,
    },
    {
      args: ["convert", "tg101", "--constraint", "heart-d15cc", "--to-fractions", "4", "--organ", "Liver"],
      code: 1,
      stderr: /--organ: heart-d15cc applies to Heart, Pericardium, not to "Liver"/,
    },
    {
      args: ["convert", "tg101", "--constraint", "heart-d15cc"],
      code: 2,
      stderr: /required option '--to-fractions/,
    },
    {
      args: [
        "convert",
        "tg101",
        "--constraint",
        "heart-d15cc",
        "--to-fractions",
        "4",
        "--ab",
        "3",
        "--organ",
        "Heart",
      ],
      code: 2,
      stderr: /give --ab or --organ, not both/,
    },
    { args: ["nonsense"], code: 2, stderr: /unknown command/ },
  ];
  for (const c of errors) {
    test(`constraints ${c.args.join(" ")} → exit ${c.code}`, async () => {
      const r = await runCli(["constraints", ...c.args]);
      assert.equal(r.code, c.code, r.stderr);
      assert.match(r.stderr, c.stderr);
    });
  }

  test("--help of every subcommand", async () => {
    for (const sub of ["list", "show", "check", "convert"]) {
      const r = await runCli(["constraints", sub, "--help"]);
      assert.equal(r.code, 0, sub);
      assert.match(r.stdout, new RegExp(`Usage: oligoscope constraints ${sub}`));
    }
  });
});
