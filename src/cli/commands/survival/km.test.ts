// `oligoscope survival km` in-process: every Kaplan–Meier fit of reference-public.json (lung,
// veteran, aml; R 4.2.2 survival 3.5-3) through the CLI's --json, for the three CI types, to 1e-6
// relative (absolute 1e-12 where R gives 0); the human report; errors and exit codes; the SVG plot
// (one step path per curve, at-risk numbers equal to the report's risk table at the ticks).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runCli } from "../../../../test/support/cli-harness.ts";
import {
  assertClose,
  type Json,
  num,
  readReferenceJson,
} from "../../../../test/support/cox-reference-data.ts";
import { needsSharedData, sharedDataPath } from "../../../../test/support/shared-data.ts";

const REL = 1e-6;
const ABS = 1e-12;
const shared = needsSharedData("survival", "reference-public.json");
const csv = (name: string): string => sharedDataPath("survival", name) ?? `missing/${name}`;
const CONF_TYPES = ["plain", "log", "log-log"] as const;
const nums = (a: readonly unknown[]): number[] => a.map(num);

/** assertAllClose, with R's ±Inf (e.g. se of −log S once S = 0) matched exactly. */
function allClose(
  actual: readonly number[],
  expected: readonly unknown[],
  rel: number,
  label: string,
  abs = 0,
): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (const [i, e] of expected.entries()) {
    if (Number.isFinite(num(e)) || Number.isNaN(num(e)))
      assertClose(actual[i]!, e, rel, `${label}[${i}]`, abs);
    else assert.equal(actual[i], num(e), `${label}[${i}]`);
  }
}

async function kmJson(args: readonly string[]): Promise<Json> {
  const r = await runCli(["survival", "km", ...args, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

// dataset, fit name in the reference, CLI arguments (R's factor order for veteran's celltype)
const FITS: readonly [string, string, string[]][] = [
  ["lung", "overall", ["--csv", csv("lung.csv"), "--time", "time", "--event", "status"]],
  ["lung", "by_sex", ["--csv", csv("lung.csv"), "--time", "time", "--event", "status", "--group", "sex"]],
  ["veteran", "overall", ["--csv", csv("veteran.csv"), "--time", "time", "--event", "status"]],
  [
    "veteran",
    "by_trt",
    ["--csv", csv("veteran.csv"), "--time", "time", "--event", "status", "--group", "trt"],
  ],
  [
    "veteran",
    "by_celltype",
    [
      ...["--csv", csv("veteran.csv"), "--time", "time", "--event", "status", "--group", "celltype"],
      ...["--group-levels", "squamous,smallcell,adeno,large"],
    ],
  ],
  ["aml", "overall", ["--csv", csv("aml.csv"), "--time", "time", "--event", "status"]],
  ["aml", "by_x", ["--csv", csv("aml.csv"), "--time", "time", "--event", "status", "--group", "x"]],
];

describe("survival km --json equals R (reference-public.json)", shared, () => {
  for (const [dataset, fit, args] of FITS) {
    for (const confType of CONF_TYPES) {
      test(`${dataset} ${fit}, conf.type ${confType}`, async () => {
        const ref = readReferenceJson().datasets[dataset].km[fit].strata as Json[];
        const first = ref[0];
        const r = await kmJson([
          ...args,
          "--conf-type",
          confType,
          "--times",
          first.at_times.times.join(","),
          "--tau",
          String(first.rmst.tau),
        ]);
        assert.equal(r.confType, confType);
        assert.equal(r.curves.length, ref.length);
        for (const [s, e] of ref.entries()) {
          const c = r.curves[s];
          const label = `${dataset} ${fit} ${e.stratum ?? "all"} ${confType}`;
          if (e.stratum !== undefined) assert.equal(c.label, e.stratum, `${label} label`);
          assert.equal(c.n, e.n, `${label} n`);
          assert.equal(c.events, e.events, `${label} events`);
          const t = e.table;
          assert.deepEqual(c.table.time, t.time, `${label} times`);
          assert.deepEqual(c.table.nRisk, t.n_risk, `${label} n.risk`);
          assert.deepEqual(c.table.nEvent, t.n_event, `${label} n.event`);
          assert.deepEqual(c.table.nCensor, t.n_censor, `${label} n.censor`);
          allClose(nums(c.table.surv), t.surv, REL, `${label} surv`, ABS);
          allClose(nums(c.table.stdErrSurv), t.std_err_surv, REL, `${label} se(S)`, ABS);
          allClose(nums(c.table.stdErrLogSurv), t.std_err_log_surv, REL, `${label} se(-log S)`, ABS);
          allClose(nums(c.table.cumhaz), t.cumhaz, REL, `${label} cumhaz`, ABS);
          allClose(nums(c.table.stdErrCumhaz), t.std_err_cumhaz, REL, `${label} se(cumhaz)`, ABS);
          allClose(nums(c.table.lower), t.ci[confType].lower, REL, `${label} lower`, ABS);
          allClose(nums(c.table.upper), t.ci[confType].upper, REL, `${label} upper`, ABS);
          const m = e.median[confType];
          allClose(
            nums([c.median.time, c.median.lower, c.median.upper]),
            [m.median, m.lower, m.upper],
            REL,
            `${label} median`,
          );
          assert.deepEqual(c.quantiles.probs, e.quantiles.probs);
          const q = e.quantiles[confType];
          allClose(nums(c.quantiles.time), q.time, REL, `${label} quantiles`);
          allClose(nums(c.quantiles.lower), q.lower, REL, `${label} quantile lower`);
          allClose(nums(c.quantiles.upper), q.upper, REL, `${label} quantile upper`);
          const a = e.at_times;
          assert.deepEqual(c.atTimes.time, a.times, `${label} at times`);
          assert.deepEqual(c.atTimes.nRisk, a.n_risk, `${label} at n.risk`);
          assert.deepEqual(c.atTimes.nEvent, a.n_event, `${label} at n.event`);
          assert.deepEqual(c.atTimes.nCensor, a.n_censor, `${label} at n.censor`);
          allClose(nums(c.atTimes.surv), a.surv, REL, `${label} at surv`, ABS);
          allClose(nums(c.atTimes.stdErrSurv), a.std_err_surv, REL, `${label} at se`, ABS);
          allClose(nums(c.atTimes.lower), a.ci[confType].lower, REL, `${label} at lower`, ABS);
          allClose(nums(c.atTimes.upper), a.ci[confType].upper, REL, `${label} at upper`, ABS);
          assertClose(c.rmst.rmst, e.rmst.rmst, REL, `${label} rmst`);
          assertClose(c.rmst.se, e.rmst.se, REL, `${label} rmst se`);
        }
        const lr = readReferenceJson().datasets[dataset].logrank[fit.replace(/^by_/, "")];
        if (lr !== undefined) {
          assertClose(r.logRank.chisq, lr.chisq, REL, `${dataset} ${fit} log-rank chisq`);
          assertClose(r.logRank.p, lr.p, REL, `${dataset} ${fit} log-rank p`);
        } else assert.equal(r.logRank, undefined);
      });
    }
  }
});

describe("survival km --conf-level", shared, () => {
  test("aml, 90% log-log: quantiles and the at-times band equal R", async () => {
    // R 4.2.2 survival 3.5-3: survfit(Surv(time, status) ~ 1, aml, conf.type = "log-log",
    // conf.int = 0.9); quantile(f, c(.25, .5, .75)): 12 27 43 (5 18 31 – 23 34 48);
    // summary(f, times = 20): 0.646, 90% CI 0.455 – 0.785
    const r = await kmJson([
      ...["--csv", csv("aml.csv"), "--time", "time", "--event", "status"],
      ...["--conf-level", "0.9", "--conf-type", "log-log", "--times", "0,20"],
    ]);
    const c = r.curves[0];
    assert.equal(r.confLevel, 0.9);
    assert.deepEqual(c.quantiles.time, [12, 27, 43]);
    assert.deepEqual(c.quantiles.lower, [5, 18, 31]);
    assert.deepEqual(c.quantiles.upper, [23, 34, 48]);
    assertClose(c.atTimes.surv[1], 0.646, 0.001, "S(20)");
    assertClose(c.atTimes.lower[1], 0.455, 0.001, "lower(20)");
    assertClose(c.atTimes.upper[1], 0.785, 0.001, "upper(20)");
  });
});

describe("survival km human report", shared, () => {
  test("lung by sex: drop-free input, R's 1/2 coding stated, medians, risk table, log-rank", async () => {
    const r = await runCli([
      ...["survival", "km", "--csv", csv("lung.csv"), "--time", "time", "--event", "status"],
      ...["--group", "sex", "--time-unit", "days", "--tau", "730"],
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /n = 228\n/);
    assert.match(r.stdout, /status 2 = event, 1 = censored/);
    // R: median 270 (212, 310) for sex=1, 426 (348, 550) for sex=2 (reference-public.json)
    assert.match(r.stdout, /sex=1 +138 +112 +270 +212 – 310/);
    assert.match(r.stdout, /sex=2 +90 +53 +426 +348 – 550/);
    assert.match(r.stdout, /Restricted mean survival time to τ = 730 \(days\)/);
    // R survdiff: chisq 10.3267 on 1 df, p 0.00131
    assert.match(r.stdout, /Log-rank test: chisq = 10\.33 on 1 df, p = 0\.00131/);
    assert.equal(r.stderr, "");
  });

  test("dropped rows are counted with their CSV lines (lung by ph.ecog: one missing)", async () => {
    const r = await runCli([
      ...["survival", "km", "--csv", csv("lung.csv"), "--time", "time", "--event", "status"],
      ...["--group", "ph.ecog", "--full"],
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /n = 227 \(1 row dropped for missing values, CSV line \d+\)/);
    assert.match(r.stdout, /Event table \(every distinct time/);
  });
});

describe("survival km errors and exit codes", shared, () => {
  const base = ["survival", "km", "--csv", csv("aml.csv"), "--time", "time", "--event", "status"];
  const cases: readonly [string, string[], number, RegExp][] = [
    ["unknown column", [...base, "--group", "arm"], 1, /arm/],
    [
      "time column not numeric",
      ["survival", "km", "--csv", csv("aml.csv"), "--time", "x", "--event", "status"],
      1,
      /x/,
    ],
    ["bad --conf-type", [...base, "--conf-type", "logit"], 2, /--conf-type must be log, log-log or plain/],
    ["bad --conf-level", [...base, "--conf-level", "95"], 1, /--conf-level must be a number between 0 and 1/],
    ["bad --times", [...base, "--times", "0,ten"], 1, /--times: "ten" is not a time/],
    ["bad --tau", [...base, "--tau", "-3"], 1, /--tau must be a time > 0/],
    ["missing --time", ["survival", "km", "--csv", csv("aml.csv"), "--event", "status"], 2, /--time/],
    [
      "missing file",
      ["survival", "km", "--csv", "nope.csv", "--time", "t", "--event", "e"],
      1,
      /--csv: cannot read "nope.csv" \(no such file\)/,
    ],
    ["--group-levels without --group", [...base, "--group-levels", "a,b"], 2, /--group-levels needs --group/],
    ["cox-only option", [...base, "--ties", "efron"], 2, /unknown option '--ties'/],
  ];
  for (const [name, args, code, message] of cases) {
    test(name, async () => {
      const r = await runCli(args);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }

  test("--help lists the options and exits 0", async () => {
    const r = await runCli(["survival", "km", "--help"]);
    assert.equal(r.code, 0);
    for (const o of [
      "--csv",
      "--time",
      "--event",
      "--group",
      "--strata",
      "--conf-type",
      "--times",
      "--tau",
      "--svg",
      "--no-ci",
    ])
      assert.ok(r.stdout.includes(o), o);
  });
});

describe("survival km --svg", shared, () => {
  const dir = mkdtempSync(join(tmpdir(), "oligoscope-km-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The <g> element of a mark, found by its aria-description. */
  function groups(svg: string, description: string): string[] {
    const out: string[] = [];
    const re = new RegExp(`<g[^>]*aria-description="${description}"[^>]*>([\\s\\S]*?)</g>`, "g");
    for (const m of svg.matchAll(re)) out.push(m[1]!);
    return out;
  }

  test("veteran by celltype: a step path and CI band per curve, at-risk row = KM risk table at the ticks", async () => {
    const svgPath = join(dir, "veteran.svg");
    const args = [
      ...["survival", "km", "--csv", csv("veteran.csv"), "--time", "time", "--event", "status"],
      ...["--group", "celltype", "--times", "0,100,200,300,400,500", "--time-unit", "days"],
    ];
    const r = await runCli([...args, "--svg", svgPath, "--median-lines", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /plot written to/);
    const report = JSON.parse(r.stdout);
    const svg = readFileSync(svgPath, "utf8");
    assert.match(svg, /^<\?xml/);
    assert.match(svg, /<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const curves = groups(svg, "km-curve");
    assert.equal(curves.length, 1);
    assert.equal(curves[0]!.match(/<path/g)?.length, 4, "one step path per cell type");
    assert.equal(groups(svg, "km-ci")[0]!.match(/<path/g)?.length, 4, "one CI band per cell type");
    assert.ok((groups(svg, "km-censor")[0]?.match(/<path/g)?.length ?? 0) > 0, "censor marks");
    assert.ok(groups(svg, "km-median").length > 0, "median lines");
    // the x ticks are the --times; each at-risk row holds the report's n.risk at those times
    const ticks = [...svg.matchAll(/<g[^>]*aria-label="x-axis tick label"[^>]*>([\s\S]*?)<\/g>/g)][0]![1]!;
    assert.deepEqual(
      [...ticks.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]),
      ["0", "100", "200", "300", "400", "500"],
    );
    for (const [i, c] of report.curves.entries()) {
      const row = groups(svg, `km-at-risk ${i}`)[0]!;
      const numbers = [...row.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => Number(m[1]));
      assert.deepEqual(numbers, c.atTimes.nRisk, `at-risk row ${c.label}`);
    }
    assert.match(svg, /Log-rank p &lt; 0\.0001|Log-rank p < 0\.0001/);
    assert.match(svg, /Time \(days\)/);
  });

  test("--no-ci leaves the bands out; an unwritable --svg path is invalid input", async () => {
    const base = [
      "survival",
      "km",
      "--csv",
      csv("aml.csv"),
      "--time",
      "time",
      "--event",
      "status",
      "--group",
      "x",
    ];
    const svgPath = join(dir, "aml.svg");
    const r = await runCli([...base, "--svg", svgPath, "--no-ci"]);
    assert.equal(r.code, 0, r.stderr);
    const svg = readFileSync(svgPath, "utf8");
    assert.equal(groups(svg, "km-ci").length, 0);
    assert.equal(groups(svg, "km-curve")[0]!.match(/<path/g)?.length, 2);
    const bad = await runCli([...base, "--svg", join(dir, "no", "such", "dir.svg")]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--svg: cannot write/);
  });
});
