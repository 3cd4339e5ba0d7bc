// Cox model against R: every Cox number in ../shared/data/survival/reference-public.json
// (R 4.2.2, survival 3.5-3; the calls are in each entry's "call", fitted with
// coxph.control(eps = 1e-12)) to 1e-6 relative with R's default control and to 1e-8 when we also
// iterate to eps = 1e-12. Concordance counts exact.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  assertAllClose,
  assertClose,
  coxDataFromCsv,
  type Json,
  type ModelSpec,
  readReferenceJson,
  readSurvivalCsv,
} from "../../../test/support/cox-reference-data.ts";
import { needsSharedData } from "../../../test/support/shared-data.ts";
import { buildDesign, type CoxFit, coxZph, fitCoxState } from "../index.ts";

const models: { dataset: string; model: string; csv: string; spec: ModelSpec }[] = [
  {
    dataset: "lung",
    model: "age_sex_ph_ecog",
    csv: "lung.csv",
    spec: {
      time: "time",
      eventValue: "2",
      covariates: [{ name: "age" }, { name: "sex" }, { name: "ph.ecog" }],
    },
  },
  {
    dataset: "veteran",
    model: "trt_karno_celltype",
    csv: "veteran.csv",
    spec: {
      time: "time",
      eventValue: "1",
      covariates: [
        { name: "trt" },
        { name: "karno" },
        { name: "celltype", categorical: true, levels: ["squamous", "smallcell", "adeno", "large"] },
      ],
    },
  },
  {
    dataset: "veteran",
    model: "trt_karno_strata_celltype",
    csv: "veteran.csv",
    spec: {
      time: "time",
      eventValue: "1",
      covariates: [{ name: "trt" }, { name: "karno" }],
      strata: "celltype",
    },
  },
  {
    dataset: "aml",
    model: "x",
    csv: "aml.csv",
    spec: { time: "time", eventValue: "1", covariates: [{ name: "x", categorical: true }] },
  },
];

function checkFit(f: CoxFit, e: Json, rel: number, label: string): void {
  assert.equal(f.n, e.n, `${label} n`);
  assert.equal(f.nEvents, e.nevent, `${label} nevent`);
  assert.deepEqual(f.names, e.terms, `${label} terms`);
  assert.equal(f.ties, e.ties, `${label} ties`);
  assertAllClose(f.coef, e.coef, rel, `${label} coef`);
  assertAllClose(f.se, e.se, rel, `${label} se`);
  if (e.naive_se !== undefined) assertAllClose(f.naiveSe ?? [], e.naive_se, rel, `${label} naive_se`);
  else assert.equal(f.naiveSe, undefined);
  assertAllClose(f.z, e.z, rel, `${label} z`);
  assertAllClose(f.p, e.p, rel, `${label} p`);
  assertAllClose(f.hr, e.hr, rel, `${label} hr`);
  assertAllClose(f.hrLower, e.hr_lower, rel, `${label} hr_lower`);
  assertAllClose(f.hrUpper, e.hr_upper, rel, `${label} hr_upper`);
  for (const [i, row] of f.var.entries()) assertAllClose(row, e.var[i], rel, `${label} var[${i}]`);
  assertAllClose(f.means, e.means, 1e-12, `${label} means`);
  assertClose(f.loglikNull, e.loglik_null, rel, `${label} loglik_null`);
  assertClose(f.loglik, e.loglik, rel, `${label} loglik`);
  for (const [mine, theirs, name] of [
    [f.lrTest, e.lr_test, "lr_test"],
    [f.waldTest, e.wald_test, "wald_test"],
    [f.scoreTest, e.score_test, "score_test"],
    ...(e.robust_score_test ? [[f.robustScoreTest, e.robust_score_test, "robust_score_test"]] : []),
  ] as const) {
    assert.ok(mine !== undefined, `${label} ${name} missing`);
    assertClose(mine.stat, theirs.stat, rel, `${label} ${name}.stat`);
    assert.equal(mine.df, theirs.df, `${label} ${name}.df`);
    assertClose(mine.p, theirs.p, rel, `${label} ${name}.p`);
  }
  const c = f.concordance!;
  assertClose(c.c, e.concordance.c, 1e-12, `${label} concordance.c`);
  assertClose(c.se, e.concordance.se, 1e-6, `${label} concordance.se`);
  assert.deepEqual(
    [c.concordant, c.discordant, c.tiedX, c.tiedY, c.tiedXY],
    [
      e.concordance.concordant,
      e.concordance.discordant,
      e.concordance.tied_x,
      e.concordance.tied_y,
      e.concordance.tied_xy,
    ],
    `${label} concordance counts`,
  );
  assert.equal(f.robust, e.robust, `${label} robust`);
}

const shared = needsSharedData("survival", "reference-public.json");

describe("Cox model vs R survival 3.5-3 (reference-public.json)", shared, () => {
  const ref = shared.skip === false ? readReferenceJson() : undefined;
  for (const m of models) {
    const variants = Object.keys(ref?.datasets[m.dataset].cox[m.model] ?? {});
    if (ref !== undefined) assert.ok(variants.length >= 2, `${m.model}: references missing`);
    for (const variant of variants) {
      test(`${m.dataset} ${m.model} ${variant}`, () => {
        const e = ref.datasets[m.dataset].cox[m.model][variant];
        const csv = readSurvivalCsv(m.csv);
        const { data, nDropped } = coxDataFromCsv(csv, m.spec);
        // term meanings of categorical columns say what the reference says ("… smallcell vs squamous")
        for (const c of m.spec.covariates.filter((cv) => cv.categorical === true)) {
          const d = buildDesign([
            {
              kind: "categorical",
              name: c.name,
              values: csv[c.name]!,
              ...(c.levels ? { levels: c.levels } : {}),
            },
          ]);
          assert.ok(d.ok);
          for (const [k, name] of d.value.names.entries()) {
            const j = (e.terms as string[]).indexOf(name);
            assert.ok(
              d.value.meaning[k]!.endsWith(e.term_meaning[j]),
              `term_meaning ${name}: ${d.value.meaning[k]}`,
            );
          }
        }
        assert.equal(nDropped, e.n_dropped_missing);
        const options = {
          ties: variant === "breslow" ? "breslow" : "efron",
          robust: variant === "efron_robust",
        } as const;
        // R's default control: within 1e-6
        const loose = fitCoxState(data, options);
        assert.ok(loose.ok, JSON.stringify(loose.ok ? "" : loose.issues));
        checkFit(loose.value.fit, e, 1e-6, `${m.model} ${variant} (eps 1e-9)`);
        // iterated as the reference was: within 1e-8, same iteration count
        const tight = fitCoxState(data, { ...options, eps: 1e-12 });
        assert.ok(tight.ok);
        checkFit(tight.value.fit, e, 1e-8, `${m.model} ${variant} (eps 1e-12)`);
        assert.equal(tight.value.fit.iterations, e.iterations, "iterations");
        // R's default control stops up to max_abs_coef_diff_vs_default_control early; so do we
        const drift = Math.max(...tight.value.fit.coef.map((b, k) => Math.abs(b - loose.value.fit.coef[k]!)));
        assert.ok(
          drift <= Math.max(10 * e.max_abs_coef_diff_vs_default_control, 1e-9),
          `default-control drift ${drift}`,
        );
        if (e.cox_zph !== undefined) {
          const z = coxZph(tight.value);
          assert.ok(z.ok);
          assert.deepEqual(z.value.rows, e.cox_zph.rows);
          assertAllClose(z.value.chisq, e.cox_zph.chisq, 1e-6, "cox_zph chisq");
          assert.deepEqual(z.value.df, e.cox_zph.df);
          assertAllClose(z.value.p, e.cox_zph.p, 1e-6, "cox_zph p");
        }
      });
    }
  }
});
