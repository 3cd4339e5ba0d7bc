import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { estroEortcTree, type TreeFacts } from "./estro-eortc-tree.ts";
import type { StateKind } from "./time-points.ts";

// Expected codes: the table of clinical-reference 1.3 (one row per category), rule R5, A10.
type Row = {
  name: string;
  state?: StateKind;
  poly: boolean;
  omd: boolean;
  /** true synchronous, false metachronous, null missing */
  sync: boolean | null;
  onTherapy: boolean;
  progression: boolean;
  code: string;
  /** questions that must appear in the path, in order */
  asked: string[];
};

const rows: Row[] = [
  {
    name: "de-novo synchronous",
    poly: false,
    omd: false,
    sync: true,
    onTherapy: false,
    progression: true,
    code: "DE_NOVO_SYNCHRONOUS",
    asked: ["Gate", "Q1", "Q2", "Q3"],
  },
  {
    name: "A10: synchronous during adjuvant therapy stays synchronous (Q3 terminal)",
    poly: false,
    omd: false,
    sync: true,
    onTherapy: true,
    progression: true,
    code: "DE_NOVO_SYNCHRONOUS",
    asked: ["Gate", "Q1", "Q2", "Q3"],
  },
  {
    name: "de-novo metachronous oligorecurrence",
    poly: false,
    omd: false,
    sync: false,
    onTherapy: false,
    progression: true,
    code: "DE_NOVO_METACHRONOUS_OLIGORECURRENCE",
    asked: ["Gate", "Q1", "Q2", "Q3", "Q4"],
  },
  {
    name: "R5: de-novo metachronous on therapy is oligoprogression; Q5 not asked",
    poly: false,
    omd: false,
    sync: false,
    onTherapy: true,
    progression: false,
    code: "DE_NOVO_METACHRONOUS_OLIGOPROGRESSION",
    asked: ["Gate", "Q1", "Q2", "Q3", "Q4", "Q5 not asked"],
  },
  {
    name: "repeat oligorecurrence",
    poly: false,
    omd: true,
    sync: true,
    onTherapy: false,
    progression: true,
    code: "REPEAT_OLIGORECURRENCE",
    asked: ["Gate", "Q1", "Q2", "Q4"],
  },
  {
    name: "repeat oligoprogression",
    poly: false,
    omd: true,
    sync: false,
    onTherapy: true,
    progression: true,
    code: "REPEAT_OLIGOPROGRESSION",
    asked: ["Gate", "Q1", "Q2", "Q4", "Q5"],
  },
  {
    name: "repeat oligopersistence",
    poly: false,
    omd: true,
    sync: false,
    onTherapy: true,
    progression: false,
    code: "REPEAT_OLIGOPERSISTENCE",
    asked: ["Gate", "Q1", "Q2", "Q4", "Q5"],
  },
  {
    name: "induced oligorecurrence",
    poly: true,
    omd: false,
    sync: true,
    onTherapy: false,
    progression: true,
    code: "INDUCED_OLIGORECURRENCE",
    asked: ["Gate", "Q1", "Q4"],
  },
  {
    name: "induced oligoprogression",
    poly: true,
    omd: true,
    sync: false,
    onTherapy: true,
    progression: true,
    code: "INDUCED_OLIGOPROGRESSION",
    asked: ["Gate", "Q1", "Q4", "Q5"],
  },
  {
    name: "induced oligopersistence (Q1 first: both histories = induced)",
    poly: true,
    omd: true,
    sync: false,
    onTherapy: true,
    progression: false,
    code: "INDUCED_OLIGOPERSISTENCE",
    asked: ["Gate", "Q1", "Q4", "Q5"],
  },
  {
    name: "missing primary date matters only when Q3 is reached",
    poly: false,
    omd: false,
    sync: null,
    onTherapy: false,
    progression: true,
    code: "INSUFFICIENT_DATA",
    asked: ["Gate", "Q1", "Q2", "Q3"],
  },
  {
    name: "missing primary date ignored for repeat OMD",
    poly: false,
    omd: true,
    sync: null,
    onTherapy: false,
    progression: true,
    code: "REPEAT_OLIGORECURRENCE",
    asked: ["Gate", "Q1", "Q2", "Q4"],
  },
  {
    name: "polymetastatic: gate only",
    state: "polymetastatic",
    poly: true,
    omd: true,
    sync: true,
    onTherapy: true,
    progression: true,
    code: "NOT_OMD_POLYMETASTATIC",
    asked: ["Gate"],
  },
  {
    name: "diffuse disease: gate only",
    state: "diffuse",
    poly: false,
    omd: false,
    sync: true,
    onTherapy: false,
    progression: true,
    code: "NOT_OMD_DIFFUSE_DISEASE",
    asked: ["Gate"],
  },
  {
    name: "no distant metastases: gate only",
    state: "no_distant",
    poly: false,
    omd: true,
    sync: true,
    onTherapy: false,
    progression: false,
    code: "NOT_OMD_NO_DISTANT_METASTASES",
    asked: ["Gate"],
  },
];

function facts(r: Row): TreeFacts {
  return {
    state: r.state ?? "oligometastatic",
    gateLine: "Gate (≤5 lesions, no diffuse disease) on 2024-05-01: test",
    historyOfPolymetastaticDisease: { value: r.poly, reason: "poly fact" },
    historyOfOmd: { value: r.omd, reason: "omd fact" },
    interval:
      r.sync === null
        ? { missing: ["primary.diagnosisDate"], reason: "primary.diagnosisDate is missing" }
        : { value: r.sync, reason: "interval fact" },
    systemicTherapyActive: { value: r.onTherapy, reason: "therapy fact" },
    progression: { value: r.progression, reason: "progression fact" },
  };
}

describe("ESTRO/EORTC 2020 decision tree (clinical-reference 1.3)", () => {
  for (const r of rows) {
    test(`${r.name} -> ${r.code}`, () => {
      const out = estroEortcTree(facts(r));
      assert.equal(out.code, r.code);
      assert.equal(out.path.length, r.asked.length, out.path.join("\n"));
      for (const [i, q] of r.asked.entries()) {
        assert.ok(out.path[i]?.startsWith(q), `line ${i}: ${out.path[i]} should start with ${q}`);
      }
      if (r.code === "INSUFFICIENT_DATA") assert.deepEqual(out.missing, ["primary.diagnosisDate"]);
      else assert.equal(out.missing, undefined);
    });
  }
  test("every path line carries the fact that answered it", () => {
    const out = estroEortcTree(facts(rows[5] as Row));
    assert.match(out.path[1] ?? "", /^Q1 history of polymetastatic disease: no \(poly fact\)/);
    assert.match(out.path[2] ?? "", /^Q2 history of OMD: yes \(omd fact\): repeat OMD/);
    assert.match(out.path[3] ?? "", /^Q4 OMD diagnosed during active systemic therapy: yes \(therapy fact\)/);
    assert.match(
      out.path[4] ?? "",
      /^Q5 progression of any metastatic lesion on current imaging: yes \(progression fact\): oligoprogression/,
    );
  });
});
