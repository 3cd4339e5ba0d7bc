// `survival km --weights / --entry` in-process against R 4.2.2 / survival 3.5-3 survfit
// (test/fixtures/survival, PROVENANCE.md): the fixture's weights and entry times are formulas of
// the shared CSVs' columns, so the test writes those columns into temporary CSVs first.
// Tolerance 1e-6 relative (the estimator is tested to 1e-9 in src/stats/km-weights-entry.test.ts).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runCli } from "../../../../test/support/cli-harness.ts";
import { assertClose, type Json, num } from "../../../../test/support/cox-reference-data.ts";
import { needsSharedData, sharedDataPath } from "../../../../test/support/shared-data.ts";
import { readSurvivalFixture } from "../../../../test/support/survival-fixture.ts";

const REL = 1e-6;
const shared = needsSharedData("survival", "lung.csv");
const fixture = readSurvivalFixture();
const dir = mkdtempSync(join(tmpdir(), "oligoscope-km-we-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The shared CSV with extra columns computed from each row (empty = missing). */
function withColumns(file: string, extra: Record<string, (row: Record<string, string>) => string>): string {
  const lines = readFileSync(sharedDataPath("survival", file)!, "utf8").trimEnd().split(/\r?\n/);
  const header = lines[0]!.split(",");
  const names = Object.keys(extra);
  const out = [[...header, ...names].join(",")];
  for (const line of lines.slice(1)) {
    const fields = line.split(",");
    const row = Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ""]));
    out.push([...fields, ...names.map((n) => extra[n]!(row))].join(","));
  }
  const path = join(dir, file);
  writeFileSync(path, `${out.join("\n")}\n`);
  return path;
}

function compare(c: Json, r: Json, label: string): void {
  const t = c.table;
  assert.deepEqual(t.time, r.time, `${label} time`);
  for (let j = 0; j < r.time.length; j++) {
    assertClose(t.nRisk[j], r.n_risk[j], REL, `${label} n_risk[${j}]`);
    assertClose(t.nEvent[j], r.n_event[j], REL, `${label} n_event[${j}]`);
    assertClose(t.surv[j], r.surv[j], REL, `${label} surv[${j}]`, 1e-12);
    const se = num(r.logse ? t.stdErrLogSurv[j] : t.stdErrSurv[j]);
    // the fixture writes R's Inf as null; it occurs where S = 0
    if (r.std_err[j] === null && t.surv[j] === 0) assert.ok(!Number.isFinite(se));
    else assertClose(se, r.std_err[j], REL, `${label} std_err[${j}]`, 1e-12);
    assertClose(t.cumhaz[j], r.cumhaz[j], REL, `${label} cumhaz[${j}]`);
    assertClose(t.stdErrCumhaz[j], r.std_chaz[j], REL, `${label} std_chaz[${j}]`);
    assertClose(num(t.lower[j]), r.lower[j], REL, `${label} lower[${j}]`, 1e-12);
    assertClose(num(t.upper[j]), r.upper[j], REL, `${label} upper[${j}]`, 1e-12);
  }
}

async function km(args: readonly string[]): Promise<Json> {
  const r = await runCli(["survival", "km", ...args, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe("survival km with case weights and delayed entry vs R", shared, () => {
  const aml = () =>
    withColumns("aml.csv", {
      w_int: (r) => String(1 + (Number(r["time"]) % 3)),
      w_frac: (r) => String(1 + (Number(r["time"]) % 3) / 2),
      entry: (r) => String(Math.min(Number(r["time"]) / 2, 5)),
    });

  test("lung, --entry min((inst mod 7)·10, time/2) (rows without inst dropped), by sex", async () => {
    const csv = withColumns("lung.csv", {
      entry: (r) =>
        r["inst"] === "" ? "" : String(Math.min((Number(r["inst"]) % 7) * 10, Number(r["time"]) / 2)),
    });
    const r = await km([
      "--csv",
      csv,
      "--time",
      "time",
      "--event",
      "status",
      "--group",
      "sex",
      "--entry",
      "entry",
    ]);
    assert.equal(r.nDropped, 1);
    assert.equal(r.entry, "entry");
    for (const [s, c] of r.curves.entries())
      compare(c, fixture.lung_entry.curves[s], `lung entry ${c.label}`);
  });

  test("aml, --weights 1 + time mod 3 (integer: weighted Greenwood)", async () => {
    const r = await km([
      "--csv",
      aml(),
      "--time",
      "time",
      "--event",
      "status",
      "--group",
      "x",
      "--weights",
      "w_int",
    ]);
    assert.equal(r.variance, "greenwood");
    for (const [s, c] of r.curves.entries())
      compare(c, fixture.aml_weights_integer.curves[s], `aml w_int ${c.label}`);
  });

  test("aml, --weights 1 + (time mod 3)/2 (fractional: infinitesimal jackknife, as R)", async () => {
    const r = await km([
      "--csv",
      aml(),
      "--time",
      "time",
      "--event",
      "status",
      "--group",
      "x",
      "--weights",
      "w_frac",
    ]);
    assert.equal(r.variance, "infinitesimal-jackknife");
    for (const [s, c] of r.curves.entries())
      compare(c, fixture.aml_weights_fractional.curves[s], `aml w_frac ${c.label}`);
  });

  test("aml, fractional weights with --entry min(time/2, 5)", async () => {
    const r = await km([
      "--csv",
      aml(),
      "--time",
      "time",
      "--event",
      "status",
      "--weights",
      "w_frac",
      "--entry",
      "entry",
    ]);
    compare(r.curves[0], fixture.aml_weights_fractional_entry.curves[0], "aml weights + entry");
  });
});
