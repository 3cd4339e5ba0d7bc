import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../../test/support/cli-harness.ts";
import { syntheticRtDose, syntheticRtPlan, syntheticRtStruct } from "../../../test/support/dicom-writer.ts";

// Dose = 20 + 0.5·x Gy on a 1 mm grid (x, y ∈ [−20, 20], z ∈ [0, 40]). "SpinalCord": the box
// x ∈ [8, 12] × y ∈ [−10, 10] on planes z = 10 … 30 (2 mm, half caps → 22 mm): V = 80 × 22 mm³ = 1.76 cc,
// dose uniform on [24, 26] Gy along x, so D(v cc) = 26 − 2·v/1.76 Gy:
//   D0.35cc = 25.602 Gy (TG-101, 5 fx: < 23 Gy → fails by 2.602), D1.2cc = 24.636 Gy (< 14.5 → fails),
//   Dmax = D0.035cc = 25.960 Gy (< 30 Gy → passes by 4.040).
const dir = mkdtempSync(join(tmpdir(), "oligoscope-plan-check-"));
const files = { dose: join(dir, "RD.dcm"), struct: join(dir, "RS.dcm"), plan: join(dir, "RP.dcm") };
const box = (z: number) => [8, -10, z, 12, -10, z, 12, 10, z, 8, 10, z];
writeFileSync(
  files.dose,
  syntheticRtDose({
    rows: 41,
    columns: 41,
    frames: 21,
    originMm: [-20, -20, 0],
    pixelSpacingMm: [1, 1],
    sliceSpacingMm: 2,
    doseGridScaling: 0.001,
    doseGy: (c) => 20 + 0.5 * (c - 20),
  }),
);
writeFileSync(
  files.struct,
  syntheticRtStruct({
    rois: [
      {
        number: 1,
        name: "SpinalCord",
        contours: [10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30].map((z) => ({ points: box(z) })),
      },
      {
        number: 2,
        name: "Mystery",
        contours: [10, 12].map((z) => ({ points: [-12, -2, z, -8, -2, z, -8, 2, z, -12, 2, z] })),
      },
    ],
  }),
);
writeFileSync(files.plan, syntheticRtPlan({ label: "SBRT", fractions: [5] }));
const base = ["plan-check", "--dose", files.dose, "--struct", files.struct];

type Result = {
  organ: string;
  roi?: string;
  metric: string;
  value?: number;
  margin?: number;
  status: string;
  sourceRow: string;
};

describe("oligoscope plan-check", () => {
  it("TG-101 for the RTPLAN's 5 fractions: values, margins and statuses by hand", async () => {
    const r = await runCli([...base, "--plan", files.plan, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as {
      fractions: number;
      fractionsFrom: string;
      constraints: Result[];
      unmappedRois: string[];
      constraintSet: { id: string };
    };
    assert.equal(j.fractions, 5);
    assert.equal(j.fractionsFrom, "rtplan");
    assert.equal(j.constraintSet.id, "aapm-tg101");
    const cord = (metric: string) =>
      j.constraints.find((c) => c.roi === "SpinalCord" && c.metric === metric)!;
    const near = (got: number | undefined, want: number, what: string) =>
      assert.ok(got !== undefined && Math.abs(got - want) < 0.02, `${what}: ${got} vs ${want}`);
    near(cord("D0.35cc").value, 25.602, "D0.35cc");
    near(cord("D0.35cc").margin, 23 - 25.602, "D0.35cc margin");
    assert.equal(cord("D0.35cc").status, "mandatory_failed");
    near(cord("D1.2cc").value, 24.636, "D1.2cc");
    assert.equal(cord("D1.2cc").status, "mandatory_failed");
    near(cord("Dmax").value, 25.96, "Dmax as D0.035cc");
    assert.equal(cord("Dmax").status, "pass");
    assert.ok(cord("Dmax").sourceRow.includes("Table III"));
    assert.deepEqual(j.unmappedRois, ["Mystery"]);
  });

  it("--threads 2 (worker threads) prints the same check as --threads 1", async () => {
    const one = await runCli([...base, "--plan", files.plan, "--json", "--threads", "1"]);
    assert.equal(one.code, 0, one.stderr);
    const two = await runCli([...base, "--plan", files.plan, "--json", "--threads", "2"]);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.stdout, one.stdout);
  });

  it("table for people, --fractions overriding the plan with a warning, and the SVG", async () => {
    const svg = join(dir, "check.svg");
    const r = await runCli([...base, "--plan", files.plan, "--fractions", "3", "--svg", svg]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 fractions \(as given\)/);
    assert.match(r.stdout, /SpinalCord\s+SpinalCord\s+D0\.35cc\s+25\.60 Gy\s+< 18\.00 Gy\s+-7\.60\s+FAILED/);
    assert.match(r.stdout, /not mapped \(use --map ROI=organ\): Mystery/);
    assert.match(r.stderr, /plan_fractions_differ/);
    assert.match(readFileSync(svg, "utf8"), /SpinalCord D0\.35cc &lt; 18/);
  });

  it("--map renames and leaves out ROIs; --dmax voxel uses the true maximum", async () => {
    const r = await runCli([
      ...base,
      "--fractions",
      "5",
      "--map",
      "SpinalCord=none",
      "Mystery=SpinalCord",
      "--dmax",
      "voxel",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { constraints: Result[]; dmax: string };
    assert.equal(j.dmax, "voxel maximum");
    const rois = new Set(j.constraints.map((c) => c.roi).filter((x) => x !== undefined));
    assert.deepEqual([...rois], ["Mystery"]);
    // Mystery: x ∈ [−12, −8] → dose 14 … 16 Gy; its voxel maximum is 16 Gy (< 30)
    const dmax = j.constraints.find((c) => c.roi === "Mystery" && c.metric === "Dmax")!;
    assert.ok(Math.abs(dmax.value! - 16) < 0.01, `${dmax.value}`);
  });

  const failures: [string, string[], number, RegExp][] = [
    ["no RTPLAN and no --fractions", [...base], 1, /--fractions: the number of fractions is needed/],
    [
      "the UK SABR template refuses to run",
      [...base, "--fractions", "5", "--constraints", "uk-sabr-v6.1"],
      1,
      /constraint_set_unverified/,
    ],
    [
      "an unknown built-in set",
      [...base, "--fractions", "5", "--constraints", "rtog0915"],
      1,
      /no built-in constraint set "rtog0915"/,
    ],
    [
      "a user set file that is not JSON",
      [...base, "--fractions", "5", "--constraints", files.struct],
      1,
      /not valid JSON/,
    ],
    [
      "--map without =",
      [...base, "--fractions", "5", "--map", "SpinalCord"],
      1,
      /--map "SpinalCord": expected NAME=VALUE/,
    ],
    ["--fractions 0", [...base, "--fractions", "0"], 1, /--fractions must be a whole number ≥ 1/],
    ["--dmax nonsense", [...base, "--fractions", "5", "--dmax", "peak"], 2, /--dmax must be point or voxel/],
  ];
  for (const [name, args, code, message] of failures) {
    it(`${name} (exit ${code})`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });
  }

  it("a user constraint set from a JSON file", async () => {
    const set = {
      format: "oligoscope.constraint-set/1",
      id: "local-cord",
      name: "Local cord limits",
      version: "1",
      source: { citation: "department protocol", table: null, page: null },
      verification: { required: false, verifiedBy: [] },
      fractions: [5],
      constraints: [
        {
          id: "cord-max",
          structure: "Spinal cord",
          organs: ["SpinalCord"],
          metric: "Dmax",
          endpoint: "myelitis",
          status: "D",
          sourceRow: "protocol 1",
          limits: { "5": { mandatory: 25 } },
        },
      ],
    };
    const path = join(dir, "local.json");
    writeFileSync(path, JSON.stringify(set));
    const r = await runCli([...base, "--fractions", "5", "--constraints", path, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { constraints: Result[] };
    assert.equal(j.constraints.length, 1);
    // Dmax = D0.035cc = 25.96 Gy ≥ 25
    assert.equal(j.constraints[0]!.status, "mandatory_failed");
  });

  it("a user set with errors: every issue named with the file and the JSON path", async () => {
    const path = join(dir, "broken.json");
    writeFileSync(
      path,
      JSON.stringify({ format: "oligoscope.constraint-set/1", id: "x", constraints: [{ metric: "Dfoo" }] }),
    );
    const r = await runCli([...base, "--fractions", "5", "--constraints", path]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--constraints .*broken\.json: constraints\[0\]/);
  });
});
