// `--delimiter` of the survival subcommands, in-process: semicolon- and tab-separated copies of a
// comma-separated table give the same report; a semicolon file read as comma-separated, and decimal
// commas, are refused with a hint naming the option, the column and the line; bad values are usage errors.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runCli } from "../../../../test/support/cli-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "oligoscope-delimiter-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// aml (Miller 1981, survival::aml): weeks to relapse, status, maintained chemotherapy or not
const ROWS = [
  [9, 1, "Maintained"],
  [13, 1, "Maintained"],
  [13, 0, "Maintained"],
  [18, 1, "Maintained"],
  [23, 1, "Maintained"],
  [28, 0, "Maintained"],
  [31, 1, "Maintained"],
  [5, 1, "Nonmaintained"],
  [5, 1, "Nonmaintained"],
  [8, 1, "Nonmaintained"],
  [8, 1, "Nonmaintained"],
  [12, 1, "Nonmaintained"],
  [16, 0, "Nonmaintained"],
  [23, 1, "Nonmaintained"],
];

function write(name: string, sep: string, rows: readonly (readonly (string | number)[])[] = ROWS): string {
  const path = join(dir, name);
  writeFileSync(path, `time${sep}status${sep}x\n${rows.map((r) => r.join(sep)).join("\n")}\n`);
  return path;
}

const km = (path: string, ...extra: string[]) =>
  runCli(["survival", "km", "--csv", path, "--time", "time", "--event", "status", "--group", "x", ...extra]);

describe("survival --delimiter", () => {
  test("semicolon and tab files give the report of the comma file", async () => {
    const comma = await km(write("aml.csv", ","), "--json");
    assert.equal(comma.code, 0, comma.stderr);
    const expected = comma.stdout.replaceAll(join(dir, "aml.csv"), "FILE");
    const cases: [file: string, sep: string, option: string][] = [
      ["aml-semicolon.csv", ";", ";"],
      ["aml-tab.tsv", "\t", "tab"],
      ["aml-tab2.tsv", "\t", "\\t"],
      ["aml-pipe.txt", "|", "|"],
    ];
    for (const [file, sep, option] of cases) {
      const path = write(file, sep);
      const r = await km(path, "--delimiter", option, "--json");
      assert.equal(r.code, 0, `${file}: ${r.stderr}`);
      assert.equal(r.stdout.replaceAll(path, "FILE"), expected, file);
    }
    const explicitComma = await km(join(dir, "aml.csv"), "--delimiter", ",", "--json");
    assert.equal(explicitComma.stdout, comma.stdout);
  });

  test("a semicolon file read with commas: the hint names --delimiter ';'", async () => {
    const r = await km(write("semi.csv", ";"));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /looks like a semicolon-separated file: use --delimiter ';'/);
    assert.match(r.stderr, /csv_wrong_delimiter/);
    const tab = await km(write("tab.csv", "\t"));
    assert.equal(tab.code, 1);
    assert.match(tab.stderr, /looks like a tab-separated file: use --delimiter tab/);
  });

  test("decimal commas are refused, naming the column and the line", async () => {
    const rows = ROWS.map((r, i) => (i === 2 ? ["13,5", r[1]!, r[2]!] : r));
    const r = await km(write("comma-decimal.csv", ";", rows), "--delimiter", ";");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /time column 'time': '13,5' on line 4 is not a number: .*decimal comma/);
    assert.match(r.stderr, /time \(line 4\)/);
  });

  test("a delimiter that is not one character is a usage error", async () => {
    for (const bad of ["ab", '"', ""]) {
      const r = await km(join(dir, "aml.csv"), "--delimiter", bad);
      assert.equal(r.code, 2, `'${bad}': ${r.stderr}`);
      assert.match(r.stderr, /--delimiter must be one character/);
    }
  });
  test("cox reads the same semicolon file as the comma file", async () => {
    const cox = (path: string, ...extra: string[]) =>
      runCli([
        "survival",
        "cox",
        "--csv",
        path,
        "--time",
        "time",
        "--event",
        "status",
        "--covariates",
        "x",
        "--categorical",
        "x",
        "--json",
        ...extra,
      ]);
    const comma = await cox(write("aml-cox.csv", ","));
    assert.equal(comma.code, 0, comma.stderr);
    const semiPath = write("aml-cox-semicolon.csv", ";");
    const semi = await cox(semiPath, "--delimiter", ";");
    assert.equal(semi.code, 0, semi.stderr);
    assert.equal(
      semi.stdout.replaceAll(semiPath, "FILE"),
      comma.stdout.replaceAll(join(dir, "aml-cox.csv"), "FILE"),
    );
    const bad = await cox(semiPath, "--delimiter", "ab");
    assert.equal(bad.code, 2, bad.stderr);
  });
});
