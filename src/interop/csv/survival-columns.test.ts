import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { needsSharedData, sharedDataPath } from "../../../test/support/shared-data.ts";
import { parseCsv } from "./parse-csv.ts";
import { type SurvivalCsvSpec, survivalColumns } from "./survival-columns.ts";

function read(text: string, spec: SurvivalCsvSpec) {
  const t = parseCsv(text);
  assert.ok(t.ok);
  return survivalColumns(t.value, spec);
}

describe("survivalColumns", () => {
  test("R's Surv status codings", () => {
    const cases: [string[], number[], string][] = [
      [["0", "1", "1", "0"], [0, 1, 1, 0], "1 = event"],
      [["1", "2", "2", "1"], [0, 1, 1, 0], "2 = event, 1 = censored"],
      [["TRUE", "FALSE", "TRUE", "TRUE"], [1, 0, 1, 1], "TRUE = event"],
      [["1", "1", "1", "1"], [1, 1, 1, 1], "1 = event"],
    ];
    for (const [values, expected, words] of cases) {
      const text = `t,s\n${values.map((v, i) => `${i + 1},${v}`).join("\n")}\n`;
      const r = read(text, { time: "t", event: "s" });
      assert.ok(r.ok, JSON.stringify(values));
      assert.deepEqual([...r.value.status], expected);
      assert.match(r.value.eventCoding, new RegExp(words.replace("(", "\\(")));
    }
    const bad = read("t,s\n1,0\n2,3\n", { time: "t", event: "s" });
    assert.ok(!bad.ok);
    assert.equal(bad.issues[0]!.code, "csv_invalid_status");
  });

  test("explicit event values, numeric equality and lists", () => {
    const r = read("t,s\n1,2.0\n2,1\n3,0\n", { time: "t", event: "s", eventValues: ["2", "1"] });
    assert.ok(r.ok);
    assert.deepEqual([...r.value.status], [1, 1, 0]);
    const absent = read("t,s\n1,a\n2,b\n", { time: "t", event: "s", eventValues: ["dead"] });
    assert.ok(!absent.ok);
    assert.equal(absent.issues[0]!.code, "csv_event_value_absent");
  });

  test("na.omit over used columns only; lines of dropped rows", () => {
    const r = read("t,s,g,unused\n1,1,a,\n,1,b,x\n3,NA,a,x\n4,0,,x\n5,1,b,x\n", {
      time: "t",
      event: "s",
      group: "g",
    });
    assert.ok(r.ok);
    assert.equal(r.value.n, 2);
    assert.equal(r.value.nDropped, 3);
    assert.deepEqual(r.value.droppedLines, [3, 4, 5]);
    assert.deepEqual([...r.value.lines], [2, 6]);
    assert.deepEqual(r.value.group?.labels, ["a", "b"]);
  });

  test("every problem named with its column and line", () => {
    const r = read("time,status,entry,w\nabc,1,0,1\n-2,1,0,1\n5,1,6,1\n4,0,0,-1\n", {
      time: "time",
      event: "status",
      entry: "entry",
      weights: "w",
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.path]),
      [
        ["csv_not_numeric", "time (line 2)"],
        ["csv_invalid_value", "time (line 3)"],
        ["csv_entry_not_before_time", "entry (line 4)"],
        ["csv_invalid_value", "w (line 5)"],
      ],
    );
    const missing = read("time,status\n1,1\n", { time: "Time", event: "stat" });
    assert.ok(!missing.ok);
    assert.equal(missing.issues.length, 2);
    assert.match(missing.issues[0]!.message, /did you mean 'time'/);
  });

  test("group levels: R order (numeric when numeric), or as given", () => {
    const r = read("t,s,g\n1,1,10\n2,1,9\n3,0,10\n", { time: "t", event: "s", group: "g" });
    assert.ok(r.ok);
    assert.deepEqual(r.value.group?.labels, ["9", "10"]);
    assert.deepEqual([...r.value.group!.codes], [1, 0, 1]);
    const given = read("t,s,g\n1,1,b\n2,1,a\n", {
      time: "t",
      event: "s",
      group: "g",
      groupLevels: ["b", "a"],
    });
    assert.ok(given.ok);
    assert.deepEqual([...given.value.group!.codes], [0, 1]);
    const wrong = read("t,s,g\n1,1,b\n2,1,a\n", {
      time: "t",
      event: "s",
      group: "g",
      groupLevels: ["b", "c"],
    });
    assert.ok(!wrong.ok);
    assert.equal(wrong.issues[0]!.code, "csv_bad_levels");
  });

  test("competing risks: censor value and causes in R order", () => {
    const r = read("t,s\n1,0\n2,2\n3,1\n4,2\n", { time: "t", event: "s", competing: {} });
    assert.ok(r.ok);
    assert.deepEqual(r.value.causes, ["1", "2"]);
    assert.deepEqual([...r.value.cause!], [0, 2, 1, 2]);
    assert.deepEqual([...r.value.status], [0, 1, 1, 1]);
  });

  test("covariates: numeric or categorical", () => {
    const r = read("t,s,age,sex\n1,1,50,m\n2,0,61.5,f\n", {
      time: "t",
      event: "s",
      covariates: ["age", "sex"],
      categorical: ["sex"],
    });
    assert.ok(r.ok);
    assert.equal(r.value.covariates[0]!.kind, "numeric");
    assert.deepEqual(r.value.covariates[1], { kind: "categorical", name: "sex", values: ["m", "f"] });
    const labels = read("t,s,sex\n1,1,m\n", { time: "t", event: "s", covariates: ["sex"] });
    assert.ok(!labels.ok);
    assert.match(labels.issues[0]!.message, /--categorical sex/);
  });

  test("status read as numbers: 1.0 = 1, the text shown as first written; mixed text by the text rules", () => {
    const r = read("t,s\n1,0\n2,1.0\n3, 1 \n4,0.0\n", { time: "t", event: "s" });
    assert.ok(r.ok);
    assert.deepEqual([...r.value.status], [0, 1, 1, 0]);
    const bad = read("t,s\n1,0\n2,3.0\n3,3\n", { time: "t", event: "s" });
    assert.ok(!bad.ok);
    assert.match(bad.issues[0]!.message, /found 0, 3\.0\)/);
    const text = read("t,s\n1,dead\n2,alive\n3,1\n", { time: "t", event: "s", eventValues: ["dead", "1"] });
    assert.ok(text.ok);
    assert.deepEqual([...text.value.status], [1, 0, 1]);
  });

  test("a semicolon file read with commas, and decimal commas: hints naming the option, column and line", () => {
    const semi = read("time;status\n1;0\n2;1\n", { time: "time", event: "status" });
    assert.ok(!semi.ok);
    assert.deepEqual(
      semi.issues.map((i) => i.code),
      ["csv_wrong_delimiter"],
    );
    assert.match(semi.issues[0]!.message, /use --delimiter ';'/);
    const t = parseCsv("time;status;age\n1,5;0;61\n2;1;70,25\n", { delimiter: ";" });
    assert.ok(t.ok);
    const comma = survivalColumns(t.value, { time: "time", event: "status" });
    assert.ok(!comma.ok);
    assert.equal(comma.issues[0]!.path, "time (line 2)");
    assert.match(
      comma.issues[0]!.message,
      /'1,5' on line 2 is not a number: it is written with a decimal comma/,
    );
    const covariate = survivalColumns(t.value, { time: "status", event: "status", covariates: ["age"] });
    assert.ok(!covariate.ok);
    assert.equal(covariate.issues[0]!.path, "age (line 3)");
    assert.match(covariate.issues[0]!.message, /decimal comma, which is not converted/);
  });

  test("lung.csv: 1/2 coding and R's na.omit counts", needsSharedData("survival", "lung.csv"), () => {
    const text = readFileSync(sharedDataPath("survival", "lung.csv")!, "utf8");
    const all = read(text, { time: "time", event: "status" });
    assert.ok(all.ok);
    assert.equal(all.value.n, 228);
    assert.equal(
      all.value.status.reduce((a, b) => a + b, 0),
      165,
    );
    // coxph(Surv(time, status) ~ age + sex + ph.ecog, lung): 1 row dropped (README)
    const cox = read(text, { time: "time", event: "status", covariates: ["age", "sex", "ph.ecog"] });
    assert.ok(cox.ok);
    assert.equal(cox.value.nDropped, 1);
  });
});
