// Cox model against extra R references in test/fixtures/cox/cox-r-reference.json (made by
// test/fixtures/cox/make-cox-reference.R with R 4.2.2, survival 3.5-3, coxph.control(eps = 1e-12)):
// survival curves for a covariate profile (survfit.coxph), cluster-robust variance, case weights,
// an offset, cox.zph for Breslow and stratified fits, and the other datasets of ../shared/data.
// Tolerance 1e-6 relative with our default control, as the reference tests.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  assertAllClose,
  assertClose,
  coxDataFromCsv,
  type Json,
  type ModelSpec,
  readCoxFixture,
  readSurvivalCsv,
} from "../../../test/support/cox-reference-data.ts";
import { needsSharedData } from "../../../test/support/shared-data.ts";
import {
  type CoxFit,
  type CoxOptions,
  type CoxSurvivalCurve,
  coxSurvivalFromState,
  coxZph,
  fitCoxState,
} from "../index.ts";

const shared = needsSharedData("survival");
const fx: Json = readCoxFixture();
const REL = 1e-6;

function checkFit(f: CoxFit, e: Json, label: string): void {
  assert.equal(f.n, e.n, `${label} n`);
  assert.equal(f.nEvents, e.nevent, `${label} nevent`);
  assert.deepEqual(f.names, e.terms, `${label} terms`);
  assertAllClose(f.coef, e.coef, REL, `${label} coef`);
  assertAllClose(f.se, e.se, REL, `${label} se`);
  if (e.naive_se !== undefined) assertAllClose(f.naiveSe ?? [], e.naive_se, REL, `${label} naive_se`);
  for (const [i, row] of f.var.entries()) assertAllClose(row, e.var[i], REL, `${label} var[${i}]`);
  assertAllClose(f.means, e.means, 1e-12, `${label} means`);
  assertAllClose(f.p, e.p, REL, `${label} p`);
  assertAllClose(f.hrLower, e.hr_lower, REL, `${label} hr_lower`);
  assertAllClose(f.hrUpper, e.hr_upper, REL, `${label} hr_upper`);
  assertClose(f.loglikNull, e.loglik_null, REL, `${label} loglik_null`);
  assertClose(f.loglik, e.loglik, REL, `${label} loglik`);
  for (const [mine, theirs, name] of [
    [f.lrTest, e.lr_test, "lr"],
    [f.waldTest, e.wald_test, "wald"],
    [f.scoreTest, e.score_test, "score"],
    ...(e.robust_score_test ? [[f.robustScoreTest, e.robust_score_test, "robust score"]] : []),
  ] as const) {
    assert.ok(mine !== undefined, `${label} ${name} test missing`);
    assertClose(mine.stat, theirs.stat, REL, `${label} ${name} stat`);
    assert.equal(mine.df, theirs.df, `${label} ${name} df`);
    assertClose(mine.p, theirs.p, REL, `${label} ${name} p`);
  }
  const c = f.concordance!;
  assertClose(c.c, e.concordance.c, 1e-12, `${label} concordance`);
  assertClose(c.se, e.concordance.se, REL, `${label} concordance se`);
  // weighted pair counts (exact integers when unweighted; R's JSON has 15 digits)
  assertAllClose(
    [c.concordant, c.discordant, c.tiedX, c.tiedY, c.tiedXY],
    [
      e.concordance.concordant,
      e.concordance.discordant,
      e.concordance.tied_x,
      e.concordance.tied_y,
      e.concordance.tied_xy,
    ],
    1e-13,
    `${label} concordance counts`,
  );
}

function checkCurves(curves: readonly CoxSurvivalCurve[], e: Json, label: string): void {
  // R concatenates the strata; e.strata gives their sizes
  const sizes: number[] = e.strata === undefined ? [e.time.length] : e.strata.size;
  assert.equal(curves.length, sizes.length, `${label} number of curves`);
  let offset = 0;
  for (const [s, curve] of curves.entries()) {
    const slice = (k: string): unknown[] => e[k].slice(offset, offset + sizes[s]!);
    assertAllClose(curve.time, slice("time"), 0, `${label} time`);
    assertAllClose(curve.nRisk, slice("n_risk"), 0, `${label} n_risk`);
    assertAllClose(curve.nEvent, slice("n_event"), 0, `${label} n_event`);
    assertAllClose(curve.nCensor, slice("n_censor"), 0, `${label} n_censor`);
    assertAllClose(curve.surv, slice("surv"), REL, `${label} surv`, 1e-300);
    assertAllClose(curve.cumhaz, slice("cumhaz"), REL, `${label} cumhaz`);
    assertAllClose(curve.stdErr, slice("std_err"), REL, `${label} std_err`);
    assertAllClose(curve.lower, slice("lower"), REL, `${label} lower`, 1e-300);
    assertAllClose(curve.upper, slice("upper"), REL, `${label} upper`);
    offset += sizes[s]!;
  }
}

const lungSpec: ModelSpec = {
  time: "time",
  eventValue: "2",
  covariates: [{ name: "age" }, { name: "sex" }, { name: "ph.ecog" }],
};

describe("Cox survival curves vs R survfit.coxph", shared, () => {
  test("lung, Efron: profile age 60, female, ECOG 1 (log, log-log, plain) and the default curve", () => {
    const { data } = coxDataFromCsv(readSurvivalCsv("lung.csv"), lungSpec);
    const state = fitCoxState(data);
    assert.ok(state.ok);
    const e = fx.lung_curve_efron;
    for (const [type, key] of [
      ["log", "log"],
      ["log-log", "loglog"],
      ["plain", "plain"],
    ] as const) {
      const r = coxSurvivalFromState(state.value, { profile: [60, 2, 1], confType: type });
      assert.ok(r.ok);
      checkCurves(r.value.curves, e[key], `lung efron ${type}`);
    }
    const d = coxSurvivalFromState(state.value);
    assert.ok(d.ok);
    assert.equal(d.value.risk, 1);
    checkCurves(d.value.curves, e.default, "lung efron default");
  });

  test("lung, Breslow: profile age 70, male, ECOG 2 and the default curve", () => {
    const { data } = coxDataFromCsv(readSurvivalCsv("lung.csv"), lungSpec);
    const state = fitCoxState(data, { ties: "breslow" });
    assert.ok(state.ok);
    const r = coxSurvivalFromState(state.value, { profile: [70, 1, 2] });
    assert.ok(r.ok);
    checkCurves(r.value.curves, fx.lung_curve_breslow.log, "lung breslow");
    const d = coxSurvivalFromState(state.value);
    assert.ok(d.ok);
    checkCurves(d.value.curves, fx.lung_curve_breslow.default, "lung breslow default");
  });

  test("veteran stratified by cell type: one curve per stratum for trt 1, karno 60", () => {
    const { data, strataLabels } = coxDataFromCsv(readSurvivalCsv("veteran.csv"), {
      time: "time",
      eventValue: "1",
      covariates: [{ name: "trt" }, { name: "karno" }],
      strata: "celltype",
    });
    // R's strata follow the factor order squamous, smallcell, adeno, large; ours are alphabetical
    const rOrder = ["squamous", "smallcell", "adeno", "large"];
    const codeOf = (label: string): number => strataLabels.indexOf(label);
    const remapped = {
      ...data,
      strata: Int32Array.from(data.strata!, (c) => rOrder.indexOf(strataLabels[c]!)),
    };
    assert.ok(rOrder.every((l) => codeOf(l) >= 0));
    const state = fitCoxState(remapped);
    assert.ok(state.ok);
    const r = coxSurvivalFromState(state.value, { profile: [1, 60] });
    assert.ok(r.ok);
    checkCurves(r.value.curves, fx.veteran_strata_curve.log, "veteran strata");
    const z = coxZph(state.value);
    assert.ok(z.ok);
    assert.deepEqual(z.value.rows, fx.veteran_strata_curve.zph.rows);
    assertAllClose(z.value.chisq, fx.veteran_strata_curve.zph.chisq, REL, "zph chisq");
    assertAllClose(z.value.p, fx.veteran_strata_curve.zph.p, REL, "zph p");
  });

  test("aml, robust variance: the curve's SE uses the robust variance (as R)", () => {
    const { data } = coxDataFromCsv(readSurvivalCsv("aml.csv"), {
      time: "time",
      eventValue: "1",
      covariates: [{ name: "x", categorical: true }],
    });
    const state = fitCoxState(data, { robust: true });
    assert.ok(state.ok);
    const r = coxSurvivalFromState(state.value, { profile: [1] });
    assert.ok(r.ok);
    checkCurves(r.value.curves, fx.aml_robust_curve.log, "aml robust");
  });

  test("lung Breslow cox.zph", () => {
    const { data } = coxDataFromCsv(readSurvivalCsv("lung.csv"), lungSpec);
    const state = fitCoxState(data, { ties: "breslow" });
    assert.ok(state.ok);
    const z = coxZph(state.value);
    assert.ok(z.ok);
    assertAllClose(z.value.chisq, fx.lung_breslow_zph.chisq, REL, "zph chisq");
    assertAllClose(z.value.p, fx.lung_breslow_zph.p, REL, "zph p");
  });
});

const fits: { key: string; csv: string; spec: ModelSpec; options?: CoxOptions }[] = [
  { key: "lung_cluster_inst", csv: "lung.csv", spec: { ...lungSpec, cluster: "inst" } },
  {
    key: "lung_cluster_inst_breslow",
    csv: "lung.csv",
    spec: { ...lungSpec, cluster: "inst" },
    options: { ties: "breslow" },
  },
  {
    key: "lung_weights_integer",
    csv: "lung.csv",
    spec: { ...lungSpec, weights: (r) => 1 + (Number(r("age")) % 3) },
  },
  {
    key: "lung_weights_fractional",
    csv: "lung.csv",
    spec: { ...lungSpec, weights: (r) => Number(r("age")) / 60 },
  },
  {
    key: "lung_offset",
    csv: "lung.csv",
    spec: {
      time: "time",
      eventValue: "2",
      covariates: [{ name: "sex" }, { name: "ph.ecog" }],
      alsoRequire: ["age"],
      offset: (r) => 0.01 * Number(r("age")),
    },
  },
  {
    key: "colon_death",
    csv: "colon_death.csv",
    spec: {
      time: "time",
      eventValue: "1",
      covariates: [
        { name: "rx", categorical: true },
        { name: "sex" },
        { name: "age" },
        { name: "obstruct" },
        { name: "nodes" },
        { name: "extent" },
      ],
    },
  },
  {
    key: "colon_recurrence_breslow",
    csv: "colon_recurrence.csv",
    spec: {
      time: "time",
      eventValue: "1",
      covariates: [{ name: "rx", categorical: true }, { name: "node4" }],
      strata: "surg",
    },
    options: { ties: "breslow" },
  },
  {
    key: "ovarian",
    csv: "ovarian.csv",
    spec: {
      time: "futime",
      status: "fustat",
      eventValue: "1",
      covariates: [{ name: "age" }, { name: "resid.ds" }, { name: "rx" }, { name: "ecog.ps" }],
    },
  },
  {
    key: "pbc312",
    csv: "pbc312.csv",
    spec: {
      time: "time",
      eventValue: "2",
      covariates: [
        { name: "age" },
        { name: "edema" },
        { name: "bili" },
        { name: "albumin" },
        { name: "protime" },
        { name: "stage", categorical: true },
      ],
    },
  },
  {
    key: "mgus2_pcm",
    csv: "mgus2.csv",
    spec: {
      time: "cr_time",
      status: "cr_status",
      eventValue: "1",
      covariates: [
        { name: "age" },
        { name: "sex", categorical: true },
        { name: "hgb" },
        { name: "creat" },
        { name: "mspike" },
      ],
    },
  },
  {
    key: "gbsg",
    csv: "gbsg.csv",
    spec: {
      time: "rfstime",
      eventValue: "1",
      covariates: [
        { name: "age" },
        { name: "size" },
        { name: "grade", categorical: true },
        { name: "nodes" },
        { name: "pgr" },
        { name: "er" },
        { name: "hormon" },
      ],
      strata: "meno",
    },
  },
];

describe("Cox fits vs R: clusters, weights, offset, other datasets", shared, () => {
  for (const f of fits) {
    test(`${f.key}: ${fx[f.key].call}`, () => {
      const { data } = coxDataFromCsv(readSurvivalCsv(f.csv), f.spec);
      const state = fitCoxState(data, f.options ?? {});
      assert.ok(state.ok, state.ok ? "" : JSON.stringify(state.issues));
      checkFit(state.value.fit, fx[f.key], f.key);
    });
  }
});
