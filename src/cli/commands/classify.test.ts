import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { describe, test } from "node:test";
import { runCli } from "../../../test/support/cli-harness.ts";
import { repoRoot } from "../../../test/support/shared-data.ts";
import { generateDemoCohort } from "../../core/index.ts";
import type { CliIo } from "../io.ts";
import { main } from "../main.ts";

const scenario = (name: string) =>
  JSON.parse(readFileSync(join(repoRoot, "test", "fixtures", "scenarios", `${name}.json`), "utf8")) as {
    patient: Record<string, unknown>;
  };
const egfr = scenario("01-nsclc-egfr-osimertinib-oligoprogression").patient;
const prostate = scenario("02-prostate-psma-oligorecurrence-after-adt").patient;
const tmp = mkdtempSync(join(tmpdir(), "oligoscope-classify-"));
function file(name: string, content: string): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}
const AS_OF = ["--as-of", "2026-11-23"];

describe("oligoscope classify", () => {
  test("one patient file: full reasons, exit 0", async () => {
    const r = await runCli(["classify", file("one.json", JSON.stringify(egfr, null, 2)), ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Patient S01-NSCLC-EGFR: Repeat oligoprogression \(REPEAT_OLIGOPROGRESSION\)/);
    assert.match(r.stdout, /Why:\n {4}Gate \(≤5 lesions, no diffuse disease\)/);
    assert.match(r.stdout, /Q5 progression of any metastatic lesion on current imaging: yes/);
    assert.match(r.stdout, /At the first OMD diagnosis \(2023-02-27\): De-novo synchronous OMD/);
    assert.match(r.stdout, /eortc-lcg-2019 +met/);
    assert.match(r.stdout, /to be verified against Guckenberger 2020, Table 2/);
  });

  test("a JSON array: a table row per patient", async () => {
    const r = await runCli(["classify", file("array.json", JSON.stringify([egfr, prostate])), ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 3);
    assert.match(
      lines[0] ?? "",
      /^ID +ESTRO\/EORTC 2020 \(gate le5\) +INDEX DATE +FIRST OMD DIAGNOSIS +DEFINITIONS MET$/,
    );
    assert.match(
      lines[1] ?? "",
      /^S01-NSCLC-EGFR +Repeat oligoprogression +2024-09-16 +2023-02-27 De-novo synchron/,
    );
    assert.match(lines[2] ?? "", /^S02-PROSTATE-PSMA +De-novo metachronous oligorecurrence +2024-03-12/);
  });

  test("NDJSON on stdin with --json: one object per patient with id, code, path, definitions", async () => {
    const ndjson = `${JSON.stringify(egfr)}\n${JSON.stringify(prostate)}\n`;
    const r = await runCli(["classify", "-", "--json", ...AS_OF], ndjson);
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      out.map((o) => [o.id, o.estroEortc.code]),
      [
        ["S01-NSCLC-EGFR", "REPEAT_OLIGOPROGRESSION"],
        ["S02-PROSTATE-PSMA", "DE_NOVO_METACHRONOUS_OLIGORECURRENCE"],
      ],
    );
    assert.ok(Array.isArray(out[0].estroEortc.path) && out[0].estroEortc.path.length === 5);
    assert.equal(out[1].definitions["uk-cte"].result, "met");
    assert.equal(out[0].asOf, "2026-11-23");
  });

  test("--json --compact: exactly the named fields, each equal to the full output's", async () => {
    const ndjson = `${JSON.stringify(egfr)}\n${JSON.stringify(prostate)}\n`;
    const lines = (out: string) =>
      out
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l));
    for (const extra of [[], ["--gate", "le3", "--first-omd"]]) {
      const full = await runCli(["classify", "-", "--json", ...extra, ...AS_OF], ndjson);
      const compact = await runCli(["classify", "-", "--json", "--compact", ...extra, ...AS_OF], ndjson);
      assert.equal(compact.code, 0, compact.stderr);
      const f = lines(full.stdout);
      const c = lines(compact.stdout);
      assert.equal(c.length, 2);
      for (const [i, o] of c.entries()) {
        const e = f[i].estroEortc;
        assert.deepEqual(o, {
          id: f[i].id,
          estroEortc: {
            code: e.code,
            label: e.label,
            path: e.path,
            indexDate: e.indexDate,
            ...(e.missing !== undefined ? { missing: e.missing } : {}),
          },
          definitions: Object.fromEntries(
            Object.entries(f[i].definitions as Record<string, { result: string }>).map(([k, d]) => [
              k,
              { result: d.result },
            ]),
          ),
        });
      }
    }
    // INSUFFICIENT_DATA carries its missing fields
    const early = await runCli(["classify", "-", "--json", "--compact", "--as-of", "2015-01-01"], ndjson);
    assert.equal(early.code, 0, early.stderr);
    const first = lines(early.stdout)[0];
    assert.equal(first.estroEortc.code, "INSUFFICIENT_DATA");
    assert.deepEqual(first.estroEortc.missing, ["imagingStudies"]);
    assert.equal(first.estroEortc.indexDate, null);
  });

  test("--compact without --json is a usage error (exit 2)", async () => {
    const r = await runCli(["classify", file("c.json", JSON.stringify(egfr)), "--compact", ...AS_OF]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--compact applies to --json output only/);
  });

  test("--gate, --index-date and --definitions change the result", async () => {
    const f = file("egfr.json", JSON.stringify(egfr));
    const r = await runCli([
      "classify",
      f,
      "--json",
      "--index-date",
      "2023-06-05",
      "--definitions",
      "generic-3,uk-cte",
      "--gate",
      "le3",
      ...AS_OF,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.equal(o.estroEortc.code, "REPEAT_OLIGOPERSISTENCE");
    assert.equal(o.estroEortc.gate.id, "le3");
    assert.deepEqual(Object.keys(o.definitions), ["generic-3", "uk-cte"]);
  });

  test("invalid records: each is listed with record number, line, id and field paths; valid ones still classified; exit 1", async () => {
    const bad = {
      ...prostate,
      id: "BAD-1",
      imagingStudies: [{ id: "S", date: "2024-02-30", modality: "pet" }],
    };
    const ndjson = [JSON.stringify(egfr), JSON.stringify(bad), "{not json", JSON.stringify(prostate)].join(
      "\n",
    );
    const r = await runCli(["classify", "-", "--brief", ...AS_OF], ndjson);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /record 2 \(line 2, id "BAD-1"\): invalid patient record/);
    assert.match(r.stderr, /imagingStudies\[0\]\.date: must be a calendar date .*\(invalid_date\)/);
    assert.match(r.stderr, /imagingStudies\[0\]\.modality: must be one of .*\(got "pet"\) \(invalid_value\)/);
    assert.match(r.stderr, /record 3 \(line 3\): invalid patient record\n {2}\(record\): not valid JSON/);
    assert.match(r.stderr, /2 of 4 records invalid/);
    assert.match(r.stdout, /S01-NSCLC-EGFR/);
    assert.match(r.stdout, /S02-PROSTATE-PSMA/);
  });

  test("--workers 2 writes the bytes, invalid-record reports and exit code of --workers 1", async () => {
    const dir = join(repoRoot, "test", "fixtures", "scenarios");
    const records = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => JSON.stringify(scenario(f.replace(/\.json$/, "")).patient));
    const demo = Array.from(generateDemoCohort({ seed: 5, asOf: "2026-11-23", count: 60 }), (p) =>
      JSON.stringify(p),
    );
    const ndjson = [...records.slice(0, 3), "{not json", ...records.slice(3), '{"id":"BAD-2"}', ...demo].join(
      "\n",
    );
    for (const extra of [["--json"], ["--json", "--compact", "--gate", "le5-3organs", "--first-omd"]]) {
      const one = await runCli(["classify", "-", ...extra, "--workers", "1", ...AS_OF], ndjson);
      const two = await runCli(["classify", "-", ...extra, "--workers", "2", ...AS_OF], ndjson);
      assert.equal(one.code, 1);
      assert.match(one.stderr, /record 4 \(line 4\): invalid patient record/);
      assert.equal(one.stdout.split("\n").length, records.length + demo.length + 1);
      assert.deepEqual(two, one);
    }
    const bad = await runCli(["classify", "-", "--json", "--workers", "0", ...AS_OF], ndjson);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--workers must be "auto" or a whole number from 1 to 256 \(got "0"\)/);
  });

  test("a closed output pipe ends the run with a message, no stack trace (both paths)", async () => {
    const ndjson = `${JSON.stringify(egfr)}\n${JSON.stringify(prostate)}\n`;
    for (const workers of ["1", "2"]) {
      let stderr = "";
      const io: CliIo = {
        stdout: new Writable({
          write(_chunk, _enc, done) {
            done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
          },
        }),
        stderr: new Writable({
          write(chunk, _enc, done) {
            stderr += String(chunk);
            done();
          },
        }),
        stdin: Readable.from([ndjson]),
        interactive: false,
      };
      const code = await main(
        ["node", "oligoscope", "classify", "-", "--json", "--workers", workers, ...AS_OF],
        io,
      );
      assert.equal(code, 1);
      assert.match(
        stderr,
        /^oligoscope: error: cannot write the output: the reader closed the pipe \(EPIPE\)\n$/,
      );
    }
  });

  test("input errors exit 1: missing file, empty input", async () => {
    const missing = await runCli(["classify", join(tmp, "nope.json"), ...AS_OF]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.json: no such file/);
    const empty = await runCli(["classify", "-", ...AS_OF], "  \n");
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /contains no patient record/);
  });

  test("usage errors exit 2: unknown gate, bad as-of date, bad window, missing argument", async () => {
    const f = file("u.json", JSON.stringify(egfr));
    const gate = await runCli(["classify", f, "--gate", "le7", ...AS_OF]);
    assert.equal(gate.code, 2);
    assert.match(gate.stderr, /--gate: unknown preset "le7"; choose one of le5, le3, le5-3organs/);
    const asOf = await runCli(["classify", f, "--as-of", "2024-13-01"]);
    assert.equal(asOf.code, 2);
    assert.match(asOf.stderr, /--as-of: must be a calendar date/);
    const window = await runCli(["classify", f, "--systemic-window-days", "four", ...AS_OF]);
    assert.equal(window.code, 2);
    const defs = await runCli(["classify", f, "--definitions", "nope", ...AS_OF]);
    assert.equal(defs.code, 2);
    assert.match(defs.stderr, /unknown definition preset "nope"/);
    const noArg = await runCli(["classify"]);
    assert.equal(noArg.code, 2);
  });

  test("--help describes every option", async () => {
    const r = await runCli(["classify", "--help"]);
    assert.equal(r.code, 0);
    for (const o of [
      "--as-of",
      "--gate",
      "--systemic-window-days",
      "--workup-window-days",
      "--index-date",
      "--first-omd",
      "--definitions",
      "--json",
      "--compact",
      "--explain",
      "--brief",
      "--workers",
    ]) {
      assert.ok(r.stdout.includes(o), o);
    }
    assert.match(r.stdout, /Exit codes: 0/);
  });
});

describe("oligoscope definitions", () => {
  test("lists the presets with version and source, and the gates", async () => {
    const r = await runCli(["definitions"]);
    assert.equal(r.code, 0);
    for (const id of [
      "generic-3",
      "generic-5",
      "eortc-lcg-2019",
      "estro-astro-2020",
      "sabr-comet",
      "uk-cte",
      "le5 (default)",
      "le5-3organs",
    ]) {
      assert.ok(r.stdout.includes(id), id);
    }
    assert.match(r.stdout, /Dingemans A-MC, et al\./);
  });
  test("--json", async () => {
    const r = await runCli(["definitions", "--json"]);
    const o = JSON.parse(r.stdout);
    assert.equal(o.definitions.length, 6);
    assert.equal(o.gates.find((g: { default: boolean }) => g.default).id, "le5");
  });
});
