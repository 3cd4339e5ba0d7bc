// `oligoscope survival cif` in-process against R 4.2.2 (test/fixtures/survival, PROVENANCE.md):
// survival 3.5-3 survfit with a factor status (Aalen–Johansen, infinitesimal-jackknife SE, three
// CI types) on mgus2 by sex, and cmprsk 2.2-11 cuminc (delta-method variance, Gray's test) on mgus2
// and pbc312, through --json to 1e-6 relative; the human report; errors and exit codes.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runCli } from "../../../../test/support/cli-harness.ts";
import { assertClose, type Json, num } from "../../../../test/support/cox-reference-data.ts";
import { needsSharedData, sharedDataPath } from "../../../../test/support/shared-data.ts";
import { readSurvivalFixture } from "../../../../test/support/survival-fixture.ts";

const REL = 1e-6;
const ABS = 1e-12;
const shared = needsSharedData("survival", "mgus2.csv");
const csv = (name: string): string => sharedDataPath("survival", name) ?? `missing/${name}`;
const fixture = readSurvivalFixture();
const mgus2 = ["--csv", csv("mgus2.csv"), "--time", "cr_time", "--event", "cr_status", "--group", "sex"];
const pbc = ["--csv", csv("pbc312.csv"), "--time", "time", "--event", "status"];

async function cifJson(args: readonly string[]): Promise<Json> {
  const r = await runCli(["survival", "cif", ...args, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function close(actual: unknown, expected: unknown, label: string): void {
  assertClose(num(actual), expected, REL, label, ABS);
}

describe("survival cif --json equals R survfit (Aalen–Johansen, IJ variance)", shared, () => {
  for (const confType of ["log", "plain", "log-log"] as const) {
    test(`mgus2 by sex, conf.type ${confType}`, async () => {
      const ref = fixture.mgus2_aj[confType];
      const r = await cifJson([...mgus2, "--conf-type", confType]);
      assert.deepEqual(r.causes, ["1", "2"]);
      assert.equal(r.curves.length, ref.curves.length);
      for (const [s, e] of (ref.curves as Json[]).entries()) {
        const c = r.curves[s];
        assert.equal(c.label, e.stratum);
        for (const [k, cause] of c.causes.entries()) {
          const t = cause.table;
          assert.deepEqual(t.time, e.time, `${e.stratum} times`);
          assert.deepEqual(t.nRisk, e.n_risk, `${e.stratum} n.risk`);
          for (let j = 0; j < e.time.length; j++) {
            const label = `${e.stratum} cause ${cause.cause} ${confType} [${j}]`;
            close(t.cif[j], e.pstate[j][k + 1], `${label} cif`);
            close(t.stdErr[j], e.std_err[j][k + 1], `${label} se`);
            close(t.lower[j], e.lower[j][k + 1], `${label} lower`);
            close(t.upper[j], e.upper[j][k + 1], `${label} upper`);
          }
        }
      }
    });
  }
});

describe("survival cif --variance delta and Gray's test equal cmprsk cuminc", shared, () => {
  for (const [name, args, ref] of [
    ["mgus2 by sex", mgus2, fixture.mgus2_cuminc],
    ["pbc312 by trt", [...pbc, "--group", "trt"], fixture.pbc_cuminc],
  ] as const) {
    test(`${name}: estimates and variances at times, Gray's test per cause`, async () => {
      const r = await cifJson([...args, "--variance", "delta", "--times", ref.times.join(",")]);
      const G = r.curves.length;
      // cuminc rows: "<group> <cause>", groups in level order within each cause
      for (const [row, rowName] of (ref.curves as string[]).entries()) {
        const a = r.curves[row % G].causes[Math.floor(row / G)].atTimes;
        assert.deepEqual(a.time, ref.times);
        for (const [q, t] of (ref.times as number[]).entries()) {
          close(a.cif[q], ref.est[row][q], `${name} est ${rowName} t=${t}`);
          close(a.stdErr[q] ** 2, ref.var[row][q], `${name} var ${rowName} t=${t}`);
        }
      }
      for (const [k, e] of (ref.tests as Json[]).entries()) {
        const g = r.grayTests[k];
        assert.equal(g.cause, e.cause);
        assert.equal(g.df, e.df);
        close(g.stat, e.stat, `${name} Gray stat cause ${e.cause}`);
        close(g.p, e.p, `${name} Gray p cause ${e.cause}`);
      }
    });
  }

  const tests: readonly [string, string[], Json][] = [
    ["mgus2 by sex, rho = 1", [...mgus2, "--rho", "1"], fixture.mgus2_cuminc_rho1.tests],
    [
      "pbc312 by trt, strata edema",
      [...pbc, "--group", "trt", "--strata", "edema"],
      fixture.pbc_cuminc_strata.tests,
    ],
    ["pbc312 by stage (4 groups)", [...pbc, "--group", "stage"], fixture.pbc_cuminc_stage.tests],
  ];
  for (const [name, args, ref] of tests) {
    test(`Gray's test: ${name}`, async () => {
      const r = await cifJson(args);
      for (const [k, e] of (ref as Json[]).entries()) {
        assert.equal(r.grayTests[k].df, e.df, `${name} df`);
        close(r.grayTests[k].stat, e.stat, `${name} stat cause ${e.cause}`);
        close(r.grayTests[k].p, e.p, `${name} p cause ${e.cause}`);
      }
    });
  }
});

describe("survival cif human report and errors", shared, () => {
  test("mgus2 by sex: event counts per cause, incidence at times, Gray's test", async () => {
    const r = await runCli(["survival", "cif", ...mgus2, "--times", "0,60,120", "--time-unit", "months"]);
    assert.equal(r.code, 0, r.stderr);
    // mgus2 (README): 115 PCM and 860 deaths; by sex F 59/370, M 56/490
    assert.match(r.stdout, /sex=F +631 +59 +370\n/);
    assert.match(r.stdout, /sex=M +753 +56 +490\n/);
    assert.match(r.stdout, /Cumulative incidence at chosen times \(months\) — sex=F/);
    // cmprsk: Gray's test cause 2 stat 11.65, p 0.000642
    assert.match(r.stdout, /2 +11\.65 +1 +0\.000642/);
  });

  test("--censor-value: pbc312 with transplant (1) as the censoring code leaves death (2) as the only cause", async () => {
    const r = await cifJson([...pbc, "--censor-value", "1"]);
    assert.deepEqual(r.causes, ["0", "2"]);
  });

  test("a censoring value that no row carries is warned about (every row is then an event)", async () => {
    const r = await runCli(["survival", "cif", ...mgus2, "--censor-value", "9"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /WARNING: no row of 'cr_status' has the censoring value '9'/);
    const ok = await cifJson(mgus2);
    assert.deepEqual(ok.warnings, []);
  });

  const cases: readonly [string, string[], number, RegExp][] = [
    [
      "--event-value is not a cif option",
      [...mgus2, "--event-value", "1"],
      2,
      /unknown option '--event-value'/,
    ],
    ["bad --variance", [...mgus2, "--variance", "bootstrap"], 2, /--variance must be ij .* or delta/],
    ["delta with weights", [...pbc, "--weights", "age", "--variance", "delta"], 1, /delta-method/],
  ];
  for (const [name, args, code, message] of cases) {
    test(name, async () => {
      const r = await runCli(["survival", "cif", ...args]);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, message);
    });
  }
});

describe("survival cif --svg", shared, () => {
  const dir = mkdtempSync(join(tmpdir(), "oligoscope-cif-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Inner text of every <g> with this aria-description. */
  function groups(svg: string, description: string): string[] {
    const re = new RegExp(`<g[^>]*aria-description="${description}"[^>]*>([\\s\\S]*?)</g>`, "g");
    return [...svg.matchAll(re)].map((m) => m[1]!);
  }

  test("mgus2 by sex: a step path per group and cause, at-risk rows = the report, named causes, Gray's test", async () => {
    const svgPath = join(dir, "mgus2.svg");
    const r = await runCli([
      ...["survival", "cif", ...mgus2, "--times", "0,100,200,300,400", "--time-unit", "months"],
      ...["--cause-labels", "1=PCM,2=death", "--svg", svgPath, "--json"],
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Cumulative incidence plot written to/);
    const report = JSON.parse(r.stdout);
    const svg = readFileSync(svgPath, "utf8");
    for (const k of [0, 1])
      assert.equal(groups(svg, `cif-curve ${k}`)[0]!.match(/<path/g)?.length, 2, `cause ${k + 1}`);
    assert.equal(groups(svg, "cif-ci").length, 0, "no bands by default");
    for (const [i, c] of report.curves.entries()) {
      const row = groups(svg, `cif-at-risk ${i}`)[0]!;
      const numbers = [...row.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => Number(m[1]));
      assert.deepEqual(numbers, c.causes[0].atTimes.nRisk, `at-risk row ${c.label}`);
    }
    assert.match(svg, />PCM</);
    assert.match(svg, />death</);
    assert.match(svg, /Gray's test: PCM p = 0\.274; death p = 0\.00064/);
    assert.match(svg, /Time \(months\)/);
  });

  test("--ci draws the bands; --cause-labels must name causes of the status column", async () => {
    const svgPath = join(dir, "pbc.svg");
    const ok = await runCli(["survival", "cif", ...pbc, "--group", "trt", "--ci", "--svg", svgPath]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(groups(readFileSync(svgPath, "utf8"), "cif-ci")[0]!.match(/<path/g)?.length, 4);
    const bad = await runCli(["survival", "cif", ...pbc, "--cause-labels", "3=relapse", "--svg", svgPath]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--cause-labels: '3' is not a cause of 'status' \(causes: 1, 2\)/);
    const malformed = await runCli(["survival", "cif", ...pbc, "--cause-labels", "relapse"]);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /--cause-labels expects VALUE=NAME pairs/);
  });
});
