// `oligoscope survival cox` in-process: the datasets of ../shared/data/survival through the CLI,
// checked against R (reference-public.json and test/fixtures/cox/cox-r-reference.json, 1e-6
// relative on the JSON output), plus human output, errors and exit codes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "../../../../test/support/cli-harness.ts";
import {
  assertAllClose,
  type Json,
  readCoxFixture,
  readReferenceJson,
} from "../../../../test/support/cox-reference-data.ts";
import { needsSharedData, sharedDataPath } from "../../../../test/support/shared-data.ts";

// The `survival` group (src/cli/commands/survival.ts) mounts `cox`.
const shared = needsSharedData("survival");
const always = {};
const csv = (name: string): string => sharedDataPath("survival", name) ?? `missing/${name}`;
const fx: Json = readCoxFixture();

async function fitJson(args: string[]): Promise<Json> {
  const r = await runCli(["survival", "cox", ...args, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function checkAgainst(report: Json, e: Json, label: string): void {
  const f = report.fit;
  assert.deepEqual(f.names, e.terms, `${label} terms`);
  assert.equal(f.n, e.n, `${label} n`);
  assert.equal(f.nEvents, e.nevent, `${label} events`);
  assertAllClose(f.coef, e.coef, 1e-6, `${label} coef`);
  assertAllClose(f.se, e.se, 1e-6, `${label} se`);
  assertAllClose(f.hrLower, e.hr_lower, 1e-6, `${label} hr_lower`);
  assertAllClose(
    [f.loglik, f.lrTest.stat, f.waldTest.stat, f.scoreTest.stat],
    [e.loglik, e.lr_test.stat, e.wald_test.stat, e.score_test.stat],
    1e-6,
    `${label} tests`,
  );
  assertAllClose(
    [f.concordance.c, f.concordance.se],
    [e.concordance.c, e.concordance.se],
    1e-6,
    `${label} concordance`,
  );
}

describe("survival cox on the shared datasets", shared, () => {
  test("lung: R's 1/2 status coding, na.omit count, Efron default", async () => {
    const ref = readReferenceJson().datasets.lung.cox.age_sex_ph_ecog.efron;
    const r = await fitJson([
      "--csv",
      csv("lung.csv"),
      "--time",
      "time",
      "--event",
      "status",
      "--covariates",
      "age,sex,ph.ecog",
    ]);
    assert.equal(r.nDropped, 1);
    assert.match(r.eventCoding, /2 = event/);
    checkAgainst(r, ref, "lung");
  });

  test("veteran: categorical covariate with R's level order, Breslow ties, PH test", async () => {
    const ref = readReferenceJson().datasets.veteran.cox.trt_karno_celltype;
    const args = [
      "--csv",
      csv("veteran.csv"),
      "--time",
      "time",
      "--event",
      "status",
      "--covariates",
      "trt,karno,celltype",
      "--categorical",
      "celltype",
      "--levels",
      "celltype=squamous,smallcell,adeno,large",
    ];
    const efron = await fitJson([...args, "--zph"]);
    checkAgainst(efron, ref.efron, "veteran efron");
    assertAllClose(efron.zph.chisq, ref.efron.cox_zph.chisq, 1e-6, "zph");
    checkAgainst(await fitJson([...args, "--ties", "breslow"]), ref.breslow, "veteran breslow");
    const robust = await fitJson([...args, "--robust"]);
    checkAgainst(robust, ref.efron_robust, "veteran robust");
    assertAllClose(robust.fit.naiveSe, ref.efron_robust.naive_se, 1e-6, "naive se");
  });

  test("lung with --cluster inst: robust variance over institutions", async () => {
    const r = await fitJson([
      "--csv",
      csv("lung.csv"),
      "--time",
      "time",
      "--event",
      "status",
      "--covariates",
      "age,sex,ph.ecog",
      "--cluster",
      "inst",
    ]);
    checkAgainst(r, fx.lung_cluster_inst, "cluster");
    assert.equal(r.cluster.count, 18);
  });

  const others: [string, string[]][] = [
    [
      "colon_death",
      [
        "--csv",
        csv("colon_death.csv"),
        "--time",
        "time",
        "--event",
        "status",
        "--covariates",
        "rx,sex,age,obstruct,nodes,extent",
        "--categorical",
        "rx",
      ],
    ],
    [
      "colon_recurrence_breslow",
      [
        "--csv",
        csv("colon_recurrence.csv"),
        "--time",
        "time",
        "--event",
        "status",
        "--covariates",
        "rx,node4",
        "--categorical",
        "rx",
        "--strata",
        "surg",
        "--ties",
        "breslow",
      ],
    ],
    [
      "ovarian",
      [
        "--csv",
        csv("ovarian.csv"),
        "--time",
        "futime",
        "--event",
        "fustat",
        "--covariates",
        "age,resid.ds,rx,ecog.ps",
      ],
    ],
    [
      "pbc312",
      [
        "--csv",
        csv("pbc312.csv"),
        "--time",
        "time",
        "--event",
        "status",
        "--event-value",
        "2",
        "--covariates",
        "age,edema,bili,albumin,protime,stage",
        "--categorical",
        "stage",
      ],
    ],
    [
      "mgus2_pcm",
      [
        "--csv",
        csv("mgus2.csv"),
        "--time",
        "cr_time",
        "--event",
        "cr_status",
        "--event-value",
        "1",
        "--covariates",
        "age,sex,hgb,creat,mspike",
        "--categorical",
        "sex",
      ],
    ],
    [
      "gbsg",
      [
        "--csv",
        csv("gbsg.csv"),
        "--time",
        "rfstime",
        "--event",
        "status",
        "--covariates",
        "age,size,grade,nodes,pgr,er,hormon",
        "--categorical",
        "grade",
        "--strata",
        "meno",
      ],
    ],
  ];
  for (const [key, args] of others) {
    test(`${key}: ${fx[key].call}`, async () => {
      checkAgainst(await fitJson(args), fx[key], key);
    });
  }

  test("human output: table, tests, prediction with times", async () => {
    const r = await runCli([
      "survival",
      "cox",
      "--csv",
      csv("lung.csv"),
      "--time",
      "time",
      "--event",
      "status",
      "--covariates",
      "age,sex,ph.ecog",
      "--predict",
      "age=60,sex=2,ph.ecog=1",
      "--times",
      "180,365",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /n = 227, events = 164 \(1 row dropped for missing values, CSV line 15\)/);
    assert.match(r.stdout, /sex\s+0\.5754\s+0\.4142 – 0\.7994\s+-0\.5526/);
    assert.match(r.stdout, /Likelihood ratio test:\s+30\.5 on 3 df, p = 1\.08e-06/);
    assert.match(r.stdout, /Concordance: 0\.637 \(se 0\.0251\)/);
    // survfit(fit, newdata = data.frame(age = 60, sex = 2, ph.ecog = 1)): S(365) from the fixture
    const e = fx.lung_curve_efron.log;
    const at = (t: number): number => e.time.filter((x: number) => x <= t).length - 1;
    const s365 = e.surv[at(365)] as number;
    assert.match(r.stdout, new RegExp(`\\n\\s+365\\s+\\d+\\s+${Number(s365.toPrecision(4))}\\s`));
  });
});

describe("survival cox errors", always, () => {
  test("missing columns are named with a suggestion; exit 1", { ...shared }, async () => {
    const r = await runCli([
      "survival",
      "cox",
      "--csv",
      csv("lung.csv"),
      "--time",
      "time",
      "--event",
      "stat",
      "--covariates",
      "age,sexx",
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /event column 'stat' is not in the CSV header \(did you mean 'status'\?\)/);
    assert.match(r.stderr, /'sexx'.*did you mean 'sex'/);
  });

  test("unknown reference level lists the levels present", { ...shared }, async () => {
    const r = await runCli([
      "survival",
      "cox",
      "--csv",
      csv("veteran.csv"),
      "--time",
      "time",
      "--event",
      "status",
      "--covariates",
      "celltype",
      "--categorical",
      "celltype",
      "--reference",
      "celltype=squam",
    ]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /reference level 'squam' of 'celltype' does not occur.*present: adeno, large, smallcell, squamous/,
    );
  });

  test("usage errors exit 2", async () => {
    const ties = await runCli([
      "survival",
      "cox",
      "--csv",
      "x.csv",
      "--time",
      "t",
      "--event",
      "e",
      "--covariates",
      "a",
      "--ties",
      "exact",
    ]);
    assert.equal(ties.code, 2);
    assert.match(ties.stderr, /--ties must be efron or breslow/);
    const missing = await runCli(["survival", "cox", "--csv", "x.csv", "--time", "t", "--event", "e"]);
    assert.equal(missing.code, 2);
    const times = await runCli([
      "survival",
      "cox",
      "--csv",
      "x.csv",
      "--time",
      "t",
      "--event",
      "e",
      "--covariates",
      "a",
      "--times",
      "1,2",
    ]);
    assert.equal(times.code, 2);
    assert.match(times.stderr, /--times and --conf-type apply to --predict/);
  });

  test("unreadable file and bad numbers exit 1", async () => {
    const r = await runCli([
      "survival",
      "cox",
      "--csv",
      "/nonexistent/file.csv",
      "--time",
      "t",
      "--event",
      "e",
      "--covariates",
      "a",
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read "\/nonexistent\/file.csv" \(no such file\)/);
    const c = await runCli([
      "survival",
      "cox",
      "--csv",
      "x.csv",
      "--time",
      "t",
      "--event",
      "e",
      "--covariates",
      "a",
      "--conf-level",
      "95",
    ]);
    assert.equal(c.code, 1);
    assert.match(c.stderr, /--conf-level must be a number between 0 and 1/);
  });

  test("a constant covariate is named", { ...shared }, async () => {
    const r = await runCli([
      "survival",
      "cox",
      "--csv",
      csv("colon_death.csv"),
      "--time",
      "time",
      "--event",
      "status",
      "--covariates",
      "study,age",
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /covariate 'study' has the same value \(1\) in every row/);
  });

  test("--help documents every option", async () => {
    const r = await runCli(["survival", "cox", "--help"]);
    assert.equal(r.code, 0);
    for (const opt of [
      "--csv",
      "--time",
      "--event",
      "--event-value",
      "--covariates",
      "--categorical",
      "--reference",
      "--levels",
      "--strata",
      "--cluster",
      "--weights",
      "--ties",
      "--robust",
      "--conf-level",
      "--max-iter",
      "--eps",
      "--allow-infinite",
      "--zph",
      "--predict",
      "--times",
      "--conf-type",
      "--json",
    ]) {
      assert.ok(r.stdout.includes(opt), `help lacks ${opt}`);
    }
  });
});
