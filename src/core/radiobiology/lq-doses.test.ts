import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { bedGy, eqd2Gy, eqdxGy } from "./lq.ts";
import { computeLqDoses, convertIsoeffective } from "./lq-doses.ts";

// Expected values: clinical-reference §3.3 "Worked examples (test vectors)", printed to 2 decimals.
// A value printed to 2 decimals is within 0.005 of the exact one; tolerance 0.005 + 1e-9.
const PRINTED = 0.005 + 1e-9;

type Vector = {
  totalGy: number;
  n: number;
  d: number;
  bed10: number;
  eqd2_10: number;
  bed3: number;
  eqd2_3: number;
  bed2: number;
  eqd2_2: number;
};
// prettier-ignore
const TABLE_3_3: readonly Vector[] = [
  { totalGy: 54, n: 3, d: 18, bed10: 151.2, eqd2_10: 126, bed3: 378, eqd2_3: 226.8, bed2: 540, eqd2_2: 270 },
  {
    totalGy: 55,
    n: 5,
    d: 11,
    bed10: 115.5,
    eqd2_10: 96.25,
    bed3: 256.67,
    eqd2_3: 154,
    bed2: 357.5,
    eqd2_2: 178.75,
  },
  { totalGy: 48, n: 4, d: 12, bed10: 105.6, eqd2_10: 88, bed3: 240, eqd2_3: 144, bed2: 336, eqd2_2: 168 },
  { totalGy: 60, n: 8, d: 7.5, bed10: 105, eqd2_10: 87.5, bed3: 210, eqd2_3: 126, bed2: 285, eqd2_2: 142.5 },
  {
    totalGy: 34,
    n: 1,
    d: 34,
    bed10: 149.6,
    eqd2_10: 124.67,
    bed3: 419.33,
    eqd2_3: 251.6,
    bed2: 612,
    eqd2_2: 306,
  },
  { totalGy: 50, n: 5, d: 10, bed10: 100, eqd2_10: 83.33, bed3: 216.67, eqd2_3: 130, bed2: 300, eqd2_2: 150 },
  {
    totalGy: 45,
    n: 3,
    d: 15,
    bed10: 112.5,
    eqd2_10: 93.75,
    bed3: 270,
    eqd2_3: 162,
    bed2: 382.5,
    eqd2_2: 191.25,
  },
  { totalGy: 60, n: 5, d: 12, bed10: 132, eqd2_10: 110, bed3: 300, eqd2_3: 180, bed2: 420, eqd2_2: 210 },
  {
    totalGy: 35,
    n: 5,
    d: 7,
    bed10: 59.5,
    eqd2_10: 49.58,
    bed3: 116.67,
    eqd2_3: 70,
    bed2: 157.5,
    eqd2_2: 78.75,
  },
  { totalGy: 30, n: 3, d: 10, bed10: 60, eqd2_10: 50, bed3: 130, eqd2_3: 78, bed2: 180, eqd2_2: 90 },
  { totalGy: 20, n: 1, d: 20, bed10: 60, eqd2_10: 50, bed3: 153.33, eqd2_3: 92, bed2: 220, eqd2_2: 110 },
  { totalGy: 24, n: 1, d: 24, bed10: 81.6, eqd2_10: 68, bed3: 216, eqd2_3: 129.6, bed2: 312, eqd2_2: 156 },
  {
    totalGy: 27,
    n: 3,
    d: 9,
    bed10: 51.3,
    eqd2_10: 42.75,
    bed3: 108,
    eqd2_3: 64.8,
    bed2: 148.5,
    eqd2_2: 74.25,
  },
  { totalGy: 30, n: 5, d: 6, bed10: 48, eqd2_10: 40, bed3: 90, eqd2_3: 54, bed2: 120, eqd2_2: 60 },
];

function near(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: got ${actual}, expected ${expected} ± ${tolerance}`,
  );
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T {
  if (!r.ok) assert.fail(`unexpected issues: ${JSON.stringify(r.issues)}`);
  return r.value;
}

describe("BED and EQD2: every vector of clinical-reference §3.3 to 0.01 Gy", () => {
  for (const v of TABLE_3_3) {
    test(`${v.totalGy} Gy / ${v.n}`, () => {
      for (const [ab, bed, eqd2] of [
        [10, v.bed10, v.eqd2_10],
        [3, v.bed3, v.eqd2_3],
        [2, v.bed2, v.eqd2_2],
      ] as const) {
        const byTotal = unwrap(computeLqDoses({ totalDoseGy: v.totalGy, fractions: v.n, alphaBetaGy: ab }));
        near(byTotal.fractionation.dosePerFractionGy, v.d, PRINTED, "d");
        near(byTotal.bedGy, bed, PRINTED, `BED${ab}`);
        near(byTotal.eqd2Gy, eqd2, PRINTED, `EQD2 (α/β ${ab})`);
        // the same schedule given as dose per fraction gives the same numbers
        const byFraction = unwrap(
          computeLqDoses({ dosePerFractionGy: v.d, fractions: v.n, alphaBetaGy: ab }),
        );
        near(byFraction.bedGy, byTotal.bedGy, 1e-9, "BED by dose per fraction");
      }
    });
  }

  test("literature cross-checks: 54/3 → BED10 151.2 (radiologykey); 48/4 → 105.6, 60/8 → 105, 60/15 → 84 (Shirata 2012)", () => {
    near(bedGy(54, 3, 10), 151.2, 1e-9, "54/3");
    near(bedGy(48, 4, 10), 105.6, 1e-9, "48/4");
    near(bedGy(60, 8, 10), 105, 1e-9, "60/8");
    near(bedGy(60, 15, 10), 84, 1e-9, "60/15");
  });

  test("EQDx with x = 2 is EQD2; with x = d it is the physical dose", () => {
    near(eqdxGy(55, 5, 10, 2), eqd2Gy(55, 5, 10), 1e-12, "EQD2");
    near(eqdxGy(55, 5, 10, 11), 55, 1e-12, "EQD11 of 11 Gy fractions");
  });

  test("a tissue key takes α/β from the table and says so", () => {
    const r = unwrap(computeLqDoses({ totalDoseGy: 30, fractions: 5, tissue: "Spinal cord" }));
    assert.equal(r.alphaBeta.alphaBetaGy, 2);
    assert.equal(r.alphaBeta.source.kind, "table");
    near(r.bedGy, 120, 1e-9, "BED2 of 30/5");
  });
});

describe("iso-effective conversion: the conversion vectors of §3.3", () => {
  test("BED10 = 100 Gy needs 50.00/5 (10.00), 41.79/3 (13.93), 57.98/8 (7.25), 27.02/1", () => {
    const r = unwrap(convertIsoeffective({ bedGy: 100, alphaBetaGy: 10, toFractions: [5, 3, 8, 1] }));
    const expected = [
      [50, 10],
      [41.79, 13.93],
      [57.98, 7.25],
      [27.02, 27.02],
    ] as const;
    r.schedules.forEach((s, i) => {
      const [total, perFraction] = expected[i]!;
      near(s.totalDoseGy, total, PRINTED, `total in ${s.fractions} fx`);
      near(s.dosePerFractionGy, perFraction, PRINTED, `d in ${s.fractions} fx`);
    });
    assert.deepEqual(
      r.schedules.map((s) => s.fractions),
      [5, 3, 8, 1],
    );
  });

  test("54 Gy/3 (BED10 151.2) ≡ 65.47 Gy in 5 fractions (13.09 Gy/fx)", () => {
    const r = unwrap(
      convertIsoeffective({ from: { totalDoseGy: 54, fractions: 3 }, alphaBetaGy: 10, toFractions: [5] }),
    );
    near(r.bedGy, 151.2, 1e-9, "BED10");
    near(r.schedules[0]!.totalDoseGy, 65.47, PRINTED, "D5");
    near(r.schedules[0]!.dosePerFractionGy, 13.09, PRINTED, "d5");
  });

  test("30 Gy/5 to cord (α/β 2; BED2 120) ≡ 36.54 Gy in 8 fractions (4.568 Gy/fx)", () => {
    const r = unwrap(
      convertIsoeffective({
        from: { totalDoseGy: 30, fractions: 5 },
        tissue: "spinal-cord",
        toFractions: [8],
      }),
    );
    near(r.bedGy, 120, 1e-9, "BED2");
    near(r.schedules[0]!.totalDoseGy, 36.54, PRINTED, "D8");
    near(r.schedules[0]!.dosePerFractionGy, 4.568, 0.0005 + 1e-9, "d8 (printed to 3 decimals)");
  });

  test("EQDx of 54/3 (α/β 10): EQD2 126 Gy (§3.3) in 63 fractions of 2 Gy", () => {
    const r = unwrap(
      convertIsoeffective({
        from: { totalDoseGy: 54, fractions: 3 },
        alphaBetaGy: 10,
        eqdxDosesPerFractionGy: [2],
      }),
    );
    near(r.eqdx[0]!.totalDoseGy, 126, 1e-9, "EQD2");
    near(r.eqdx[0]!.fractions, 63, 1e-9, "equivalent 2-Gy fractions");
    near(r.eqd2Gy, 126, 1e-9, "eqd2Gy");
  });
});

describe("round trips (property tests)", () => {
  const dose = fc.double({ min: 0.5, max: 200, noNaN: true, noDefaultInfinity: true });
  const fractions = fc.integer({ min: 1, max: 40 });
  const alphaBeta = fc.double({ min: 0.5, max: 20, noNaN: true, noDefaultInfinity: true });

  test("a schedule converted to m fractions has the same BED, and converting back returns the dose", () => {
    fc.assert(
      fc.property(dose, fractions, alphaBeta, fractions, (totalGy, n, ab, m) => {
        const there = unwrap(
          convertIsoeffective({
            from: { totalDoseGy: totalGy, fractions: n },
            alphaBetaGy: ab,
            toFractions: [m],
          }),
        );
        const iso = there.schedules[0]!;
        const bedThere = bedGy(iso.totalDoseGy, iso.fractions, ab);
        assert.ok(
          Math.abs(bedThere - there.bedGy) <= 1e-9 * there.bedGy,
          `BED ${bedThere} vs ${there.bedGy}`,
        );
        const back = unwrap(
          convertIsoeffective({
            from: { totalDoseGy: iso.totalDoseGy, fractions: m },
            alphaBetaGy: ab,
            toFractions: [n],
          }),
        );
        const d = back.schedules[0]!.totalDoseGy;
        assert.ok(Math.abs(d - totalGy) <= 1e-9 * totalGy, `back ${d} vs ${totalGy}`);
      }),
    );
  });

  test("EQDx has the BED of the schedule it comes from", () => {
    fc.assert(
      fc.property(
        dose,
        fractions,
        alphaBeta,
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        (totalGy, n, ab, x) => {
          const r = unwrap(
            convertIsoeffective({
              from: { totalDoseGy: totalGy, fractions: n },
              alphaBetaGy: ab,
              eqdxDosesPerFractionGy: [x],
            }),
          );
          const eqdx = r.eqdx[0]!;
          // BED of EQDx given in fractions of x Gy: EQDx·(1 + x/(α/β))
          const bedBack = eqdx.totalDoseGy * (1 + x / ab);
          assert.ok(Math.abs(bedBack - r.bedGy) <= 1e-9 * r.bedGy);
          assert.ok(Math.abs(eqdxGy(totalGy, n, ab, x) - eqdx.totalDoseGy) <= 1e-9 * eqdx.totalDoseGy);
        },
      ),
    );
  });
});

describe("input validation names every failing field", () => {
  const cases: readonly {
    name: string;
    input: Parameters<typeof computeLqDoses>[0];
    expected: readonly [code: string, path: string][];
  }[] = [
    {
      name: "zero dose, fractional n and negative α/β: three issues",
      input: { totalDoseGy: 0, fractions: 2.5, alphaBetaGy: -3 },
      expected: [
        ["out_of_range", "totalDoseGy"],
        ["invalid_type", "fractions"],
        ["out_of_range", "alphaBetaGy"],
      ],
    },
    {
      name: "no dose, no fractions, no α/β",
      input: {},
      expected: [
        ["required", "fractions"],
        ["required", "totalDoseGy"],
        ["required", "alphaBetaGy"],
      ],
    },
    {
      name: "n = 0",
      input: { totalDoseGy: 10, fractions: 0, alphaBetaGy: 10 },
      expected: [["out_of_range", "fractions"]],
    },
    {
      name: "NaN and Infinity",
      input: { totalDoseGy: Number.NaN, fractions: 5, alphaBetaGy: Number.POSITIVE_INFINITY },
      expected: [
        ["invalid_type", "totalDoseGy"],
        ["out_of_range", "alphaBetaGy"],
      ],
    },
    {
      name: "total and per-fraction dose that disagree",
      input: { totalDoseGy: 55, dosePerFractionGy: 10, fractions: 5, alphaBetaGy: 10 },
      expected: [["conflicting_fields", "dosePerFractionGy"]],
    },
    {
      name: "α/β and a tissue together",
      input: { totalDoseGy: 55, fractions: 5, alphaBetaGy: 10, tissue: "tumour" },
      expected: [["conflicting_fields", "tissue"]],
    },
    {
      name: "an unknown tissue",
      input: { totalDoseGy: 55, fractions: 5, tissue: "spleen" },
      expected: [["unknown_tissue", "tissue"]],
    },
    {
      name: "a tissue with only a range (breast cancer 3.5–4 Gy)",
      input: { totalDoseGy: 40, fractions: 15, tissue: "breast-cancer" },
      expected: [["alpha_beta_range", "tissue"]],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = computeLqDoses(c.input);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.deepEqual(
        r.issues.map((i) => [i.code, i.path]),
        c.expected,
      );
      for (const i of r.issues) assert.ok(i.message.length > 10, `message for ${i.path}`);
    });
  }

  test("a total and per-fraction dose that agree are accepted", () => {
    const r = unwrap(
      computeLqDoses({ totalDoseGy: 55, dosePerFractionGy: 11, fractions: 5, alphaBetaGy: 10 }),
    );
    assert.equal(r.fractionation.totalDoseGy, 55);
  });

  test("conversion: BED and schedule together, bad target fractions and bad x", () => {
    const r = convertIsoeffective({
      bedGy: 100,
      from: { totalDoseGy: 50, fractions: 5 },
      alphaBetaGy: 10,
      toFractions: [3, 0, 1.5],
      eqdxDosesPerFractionGy: [-2],
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.path]),
      [
        ["conflicting_fields", "bedGy"],
        ["out_of_range", "toFractions[1]"],
        ["invalid_type", "toFractions[2]"],
        ["out_of_range", "eqdxDosesPerFractionGy[0]"],
      ],
    );
  });

  test("conversion: a bad source schedule is reported under from.*", () => {
    const r = convertIsoeffective({ from: { totalDoseGy: -1, fractions: 3 }, alphaBetaGy: 10 });
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.deepEqual(
        r.issues.map((i) => i.path),
        ["from.totalDoseGy"],
      );
  });
});
