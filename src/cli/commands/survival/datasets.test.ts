// Every dataset of ../shared/data/survival through `survival km | logrank | rmst` (and `cif` where
// the status has competing causes): the commands run, the output is coherent (S non-increasing in
// [0, 1], CI around S, everyone at risk at 0, km's log-rank = logrank's, km's RMST = rmst's), and
// the medians, their CIs and the log-rank chi-square equal R 4.2.2 / survival 3.5-3 run on these
// CSVs on 2026-11-23 (read.csv; survfit + quantile(probs = 0.5), survdiff; 1e-6 relative). lung,
// veteran and aml are checked number by number in km/logrank/rmst.test.ts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "../../../../test/support/cli-harness.ts";
import { assertClose, type Json, num } from "../../../../test/support/cox-reference-data.ts";
import { needsSharedData, sharedDataPath } from "../../../../test/support/shared-data.ts";

const shared = needsSharedData("survival");
const csv = (name: string): string => sharedDataPath("survival", name) ?? `missing/${name}`;

type Spec = {
  readonly name: string;
  readonly args: readonly string[];
  /** R: n per group, medians with log CI (null = NA), survdiff chi-square */
  readonly r?: {
    readonly n: readonly number[];
    readonly events: number;
    readonly median: readonly (number | null)[];
    readonly lower: readonly (number | null)[];
    readonly upper: readonly (number | null)[];
    readonly chisq: number;
  };
};

const input = (file: string, time: string, event: string, group: string) => [
  ...["--csv", csv(file), "--time", time, "--event", event, "--group", group],
];

const SPECS: readonly Spec[] = [
  { name: "lung by sex", args: input("lung.csv", "time", "status", "sex") },
  { name: "veteran by trt", args: input("veteran.csv", "time", "status", "trt") },
  { name: "aml by x", args: input("aml.csv", "time", "status", "x") },
  {
    name: "colon_death by rx",
    args: input("colon_death.csv", "time", "status", "rx"),
    r: {
      n: [310, 304, 315],
      events: 452,
      median: [2152, null, 2083],
      lower: [1540, 2725, 1656],
      upper: [null, null, 2789],
      chisq: 11.6830927106392,
    },
  },
  {
    name: "colon_recurrence by rx",
    args: input("colon_recurrence.csv", "time", "status", "rx"),
    r: {
      n: [310, 304, 315],
      events: 468,
      median: [1183, null, 1236],
      lower: [797, null, 803],
      upper: [2067, null, 2036],
      chisq: 23.0617381583185,
    },
  },
  {
    name: "ovarian by rx",
    args: input("ovarian.csv", "futime", "fustat", "rx"),
    r: {
      n: [13, 13],
      events: 12,
      median: [638, null],
      lower: [268, 475],
      upper: [null, null],
      chisq: 1.06273986129141,
    },
  },
  {
    name: "pbc312 death (transplant censored) by trt",
    args: [...input("pbc312.csv", "time", "status", "trt"), "--event-value", "2"],
    r: {
      n: [158, 154],
      events: 125,
      median: [3282, 3428],
      lower: [2583, 3090],
      upper: [null, null],
      chisq: 0.101705474004902,
    },
  },
  {
    name: "mgus2 death by sex",
    args: input("mgus2.csv", "futime", "death", "sex"),
    r: {
      n: [631, 753],
      events: 963,
      median: [108, 88],
      lower: [100, 79],
      upper: [121, 97],
      chisq: 9.66546733345639,
    },
  },
  {
    name: "gbsg recurrence-free by hormon",
    args: input("gbsg.csv", "rfstime", "status", "hormon"),
    r: {
      n: [440, 246],
      events: 299,
      median: [1528, 2018],
      lower: [1296, 1918],
      upper: [1814, null],
      chisq: 8.56478085353896,
    },
  },
  {
    name: "rotterdam death by chemo",
    args: input("rotterdam.csv", "dtime", "death", "chemo"),
    r: {
      n: [2402, 580],
      events: 1272,
      median: [4033, 3990],
      lower: [3885, 3522],
      upper: [4239, 5291],
      chisq: 0.49474303348356,
    },
  },
];

async function json(sub: string, args: readonly string[]): Promise<Json> {
  const r = await runCli(["survival", sub, ...args, "--json"]);
  assert.equal(r.code, 0, `${sub}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function coherentCurve(c: Json, label: string): void {
  const t = c.table;
  let previous = 1;
  for (let k = 0; k < t.time.length; k++) {
    const s = t.surv[k];
    assert.ok(s >= 0 && s <= previous + 1e-15, `${label}: S not non-increasing at ${t.time[k]}`);
    previous = s;
    if (t.lower[k] !== null) assert.ok(t.lower[k] <= s + 1e-12, `${label}: lower > S at ${t.time[k]}`);
    if (t.upper[k] !== null) assert.ok(t.upper[k] >= s - 1e-12, `${label}: upper < S at ${t.time[k]}`);
    if (k > 0) assert.ok(t.time[k] > t.time[k - 1], `${label}: times not ascending`);
  }
  assert.equal(c.atTimes.time[0], 0);
  assert.equal(c.atTimes.nRisk[0], c.n, `${label}: everyone at risk at 0`);
  assert.equal(
    t.nEvent.reduce((a: number, b: number) => a + b, 0),
    c.events,
    `${label}: events in the table`,
  );
}

describe("survival commands on every shared dataset", shared, () => {
  for (const spec of SPECS) {
    test(spec.name, async () => {
      const km = await json("km", [...spec.args, "--tau", "365"]);
      assert.ok(km.curves.length >= 2);
      for (const c of km.curves) coherentCurve(c, `${spec.name} ${c.label}`);
      const lr = await json("logrank", spec.args);
      assert.equal(lr.test.df, km.curves.length - 1);
      assertClose(km.logRank.chisq, lr.test.chisq, 1e-12, `${spec.name}: km's log-rank = logrank's`);
      assert.ok(lr.test.p >= 0 && lr.test.p <= 1);
      const rm = await json("rmst", [...spec.args, "--tau", "365"]);
      for (const [i, c] of rm.curves.entries()) {
        assertClose(c.rmst, km.curves[i].rmst.rmst, 1e-12, `${spec.name}: rmst = km --tau`);
        assert.ok(c.rmst > 0 && c.rmst <= 365 && c.lower <= c.rmst && c.upper >= c.rmst);
      }
      assert.equal(rm.differences.length, km.curves.length - 1);
      const byDefault = await json("rmst", spec.args);
      assert.equal(byDefault.tauDefaulted, true);
      assert.equal(byDefault.tau, Math.min(...byDefault.curves.map((c: Json) => c.maxTime)));
      if (spec.r !== undefined) {
        const r = spec.r;
        assert.deepEqual(
          km.curves.map((c: Json) => c.n),
          r.n,
        );
        assert.equal(
          km.curves.reduce((a: number, c: Json) => a + c.events, 0),
          r.events,
        );
        for (const [i, c] of km.curves.entries()) {
          assertClose(num(c.median.time), r.median[i], 1e-6, `${spec.name} ${c.label} median`);
          assertClose(num(c.median.lower), r.lower[i], 1e-6, `${spec.name} ${c.label} median lower`);
          assertClose(num(c.median.upper), r.upper[i], 1e-6, `${spec.name} ${c.label} median upper`);
        }
        assertClose(lr.test.chisq, r.chisq, 1e-6, `${spec.name} log-rank chisq`);
      }
      for (const sub of ["km", "logrank", "rmst"]) {
        const human = await runCli(["survival", sub, ...spec.args]);
        assert.equal(human.code, 0, human.stderr);
        assert.ok(!/NaN|undefined/.test(human.stdout), `${sub} report shows NaN/undefined`);
      }
    });
  }

  test("rotterdam: Kaplan–Meier of recurrence by grade", async () => {
    const km = await json("km", input("rotterdam.csv", "rtime", "recur", "grade"));
    assert.deepEqual(
      km.curves.map((c: Json) => c.group),
      ["2", "3"],
    );
    for (const c of km.curves) coherentCurve(c, `rotterdam recurrence ${c.label}`);
  });

  test("pbc312 and mgus2 competing risks through cif: incidences of all causes plus event-free sum to 1", async () => {
    for (const args of [
      ["--csv", csv("pbc312.csv"), "--time", "time", "--event", "status", "--group", "trt"],
      ["--csv", csv("mgus2.csv"), "--time", "cr_time", "--event", "cr_status", "--group", "sex"],
    ]) {
      const cif = await json("cif", args);
      const km = await json("km", [...args.slice(0, 6), "--event-value", ...cif.causes, ...args.slice(6)]);
      for (const [g, c] of cif.curves.entries()) {
        // all-cause Kaplan–Meier S(t) = 1 − Σ_k CIF_k(t) (Aalen–Johansen without entry/weights)
        const k = km.curves[g];
        for (const [j, t] of c.causes[0].table.time.entries()) {
          const total = c.causes.reduce((a: number, cause: Json) => a + cause.table.cif[j], 0);
          const row = k.table.time.indexOf(t);
          assertClose(1 - total, k.table.surv[row], 1e-9, `${c.label} t=${t}`, 1e-12);
        }
      }
    }
  });
});
