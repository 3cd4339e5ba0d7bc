import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../../test/support/cli-harness.ts";
import { syntheticRtDose, syntheticRtPlan, syntheticRtStruct } from "../../../test/support/dicom-writer.ts";
import { polygonAreaMm2 } from "../../../test/support/dvh-phantoms.ts";
import { needsSharedData, sharedDataPath } from "../../../test/support/shared-data.ts";

// A synthetic plan: 1 mm dose grid, x ∈ [−20, 20], y ∈ [−20, 20], z = 0 … 40 (2 mm frames),
// dose = 20 + 0.5·x Gy. PTV: a 64-gon of radius 5 around x = y = 0 on planes z = 10 … 20 (2 mm),
// half end caps → 12 mm long: V = A(64-gon, r 5) × 12 mm; by symmetry Dmean = 20 Gy.
const dir = mkdtempSync(join(tmpdir(), "oligoscope-dvh-"));
const ngon = (r: number, z: number, n = 64) =>
  Array.from({ length: n }, (_, i) => [
    r * Math.cos((2 * Math.PI * i) / n),
    r * Math.sin((2 * Math.PI * i) / n),
    z,
  ]).flat();
const files = {
  dose: join(dir, "RD.dcm"),
  struct: join(dir, "RS.dcm"),
  plan: join(dir, "RP.dcm"),
};
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
        name: "PTV",
        interpretedType: "PTV",
        contours: [10, 12, 14, 16, 18, 20].map((z) => ({ points: ngon(5, z) })),
      },
      {
        number: 2,
        name: "Spinal Cord",
        contours: [10, 12, 14].map((z) => ({ points: [8, -2, z, 12, -2, z, 12, 2, z, 8, 2, z] })),
      },
      { number: 3, name: "iso", contours: [{ geometry: "POINT", points: [1, 2, 15] }] },
    ],
  }),
);
writeFileSync(
  files.plan,
  syntheticRtPlan({ label: "SBRT", fractions: [5], targets: [{ doseGy: 20, roiNumber: 1 }] }),
);
const base = ["dvh", "--dose", files.dose, "--struct", files.struct];

describe("oligoscope dvh", () => {
  it("--json: per ROI name, number, volumeCc, min/mean/max, metrics, curve, warnings", async () => {
    const r = await runCli([
      ...base,
      "--plan",
      files.plan,
      "--metrics",
      "D95%,Dmean,V20Gy%,D0.5cc,CI",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as {
      rois: {
        name: string;
        number: number;
        volumeCc: number;
        meanGy: number;
        metrics: Record<string, number | null>;
        curve: { doseGy: number[]; volumeCc: number[] };
        warnings: unknown[];
        pointDosesGy?: number[];
      }[];
      metricNames: string[];
      prescriptionGy: number;
    };
    assert.deepEqual(
      j.rois.map((x) => x.name),
      ["PTV", "Spinal Cord", "iso"],
    );
    const ptv = j.rois[0]!;
    assert.ok(Math.abs(ptv.volumeCc - (polygonAreaMm2(5, 64) * 12) / 1000) < 1e-5, `${ptv.volumeCc}`);
    assert.ok(Math.abs(ptv.meanGy - 20) < 1e-3);
    assert.ok(Math.abs(ptv.metrics["Dmean"]! - 20) < 1e-3);
    // half the disc lies at x ≥ 0, i.e. dose ≥ 20 Gy
    assert.ok(Math.abs(ptv.metrics["V20Gy%"]! - 50) < 0.5);
    assert.equal(j.prescriptionGy, 20, "prescription taken from the RTPLAN");
    // 20 Gy isodose = the half-grid x ≥ 0 between voxel centres: PIV = 20 × 40 × 40 mm³ = 32 cc,
    // TV_PIV = TV/2 → CI = (TV/2)² / (TV · 32) = TV / 128
    assert.ok(Math.abs(ptv.metrics["CI"]! / (ptv.volumeCc / 128) - 1) < 0.02, `CI ${ptv.metrics["CI"]}`);
    assert.deepEqual(j.metricNames, ["D95%", "Dmean", "V20Gy%", "D0.5cc", "CI"]);
    assert.equal(ptv.curve.doseGy.length, ptv.curve.volumeCc.length);
    assert.ok(Math.abs(ptv.curve.volumeCc[0]! - ptv.volumeCc) < 1e-6);
    // POINT ROI: trilinear dose at (1, 2, 15) = 20 + 0.5 Gy
    assert.ok(Math.abs(j.rois[2]!.pointDosesGy![0]! - 20.5) < 1e-3);
  });

  it("--csv: one row per ROI, metric columns with units", async () => {
    const r = await runCli([...base, "--roi", "ptv", "--metrics", "D95%,V20Gy", "--csv"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines[0], "roi,number,volume_cc,outside_grid_cc,D95% [Gy],V20Gy [cc]");
    assert.equal(lines.length, 2);
    assert.ok(lines[1]!.startsWith("PTV,1,"));
  });

  it("table for people, and an SVG plot", async () => {
    const svg = join(dir, "dvh.svg");
    const r = await runCli([...base, "--plan", files.plan, "--roi", "PTV", "Spinal Cord", "--svg", svg]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /plan SBRT · 5 fractions · prescription 20\.00 Gy/);
    assert.match(r.stdout, /^PTV\s+0\.9\d\d\s+/m);
    const text = readFileSync(svg, "utf8");
    assert.match(text, /^<\?xml/);
    assert.match(text, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(text, /Spinal Cord/);
  });

  const failures: [string, string[], number, RegExp][] = [
    [
      "a missing file names the option",
      ["dvh", "--dose", join(dir, "nope.dcm"), "--struct", files.struct],
      1,
      /--dose ".*nope\.dcm": cannot read the file \(no such file\)/,
    ],
    [
      "files swapped: the reader's refusal names --dose",
      ["dvh", "--dose", files.struct, "--struct", files.dose],
      1,
      /--dose/,
    ],
    [
      "bad metrics are all named with their index",
      [...base, "--metrics", "D95%,Dfoo,V20"],
      1,
      /--metrics\[1\].*Dfoo[\s\S]*--metrics\[2\]/,
    ],
    [
      "an unknown ROI lists the ROIs there are",
      [...base, "--roi", "Liver"],
      1,
      /no ROI named "Liver".*PTV, Spinal Cord, iso/,
    ],
    ["--json with --csv is a usage error", [...base, "--json", "--csv"], 2, /cannot be used together/],
    ["a missing --struct is a usage error", ["dvh", "--dose", files.dose], 2, /--struct/],
    [
      "a bad --end-cap is a usage error",
      [...base, "--end-cap", "round"],
      2,
      /--end-cap must be none, half, full or tapered/,
    ],
    ["a bad --rx is invalid input", [...base, "--rx", "-3"], 1, /--rx must be a dose in Gy > 0/],
    [
      "a bad --threads is a usage error",
      [...base, "--threads", "0"],
      2,
      /--threads must be a whole number ≥ 1 or auto \(got "0"\)/,
    ],
  ];
  for (const [name, args, code, message] of failures) {
    it(`${name} (exit ${code})`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });
  }

  it("--threads 2 (worker threads) prints the same report as --threads 1 and auto", async () => {
    const args = [...base, "--plan", files.plan, "--metrics", "D95%,Dmean,V20Gy,CI", "--json"];
    const one = await runCli([...args, "--threads", "1"]);
    assert.equal(one.code, 0, one.stderr);
    const two = await runCli([...args, "--threads", "2"]);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.stdout, one.stdout);
    const auto = await runCli([...args, "--threads", "auto"]);
    assert.equal(auto.stdout, one.stdout);
  });

  it("--help explains every option", async () => {
    const r = await runCli(["dvh", "--help"]);
    assert.equal(r.code, 0);
    for (const o of [
      "--dose",
      "--struct",
      "--plan",
      "--roi",
      "--metrics",
      "--json",
      "--csv",
      "--svg",
      "--rx",
      "--end-cap",
      "--threads",
    ]) {
      assert.match(r.stdout, new RegExp(o));
    }
  });

  it(
    "the brain SRS plan: every PTV of 0.3–4.5 cc gets D99% > 0",
    needsSharedData("dicom-rt", "raystation-srs-brain-pps"),
    async () => {
      const d = sharedDataPath("dicom-rt", "raystation-srs-brain-pps", "BrainSRSRaystationIMRT")!;
      const f = readdirSync(d);
      const r = await runCli([
        "dvh",
        "--dose",
        join(d, f.find((x) => x.startsWith("RD"))!),
        "--struct",
        join(d, f.find((x) => x.startsWith("RS"))!),
        "--roi",
        "PTV_1",
        "PTV_2",
        "PTV_3",
        "PTV_4",
        "PTV_5",
        "--metrics",
        "D99%",
        "--json",
      ]);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout) as { rois: { name: string; metrics: { "D99%": number } }[] };
      assert.equal(j.rois.length, 5);
      for (const roi of j.rois)
        assert.ok(roi.metrics["D99%"] > 30, `${roi.name} D99% ${roi.metrics["D99%"]}`);
    },
  );
});
