import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { scenarioRecords } from "../../test/support/scenario-records.ts";
import { type ClassifyOptions, generateDemoCohort } from "../core/index.ts";
import { classificationJson } from "./classify-output.ts";
import { classifyJsonStream, type ParallelClassifyOptions } from "./classify-parallel.ts";
import { classifyPatientStream, prepareClassification } from "./classify-patients.ts";

const scenarios = scenarioRecords().map((r) => JSON.stringify(r));
const demo = Array.from(generateDemoCohort({ seed: 11, asOf: "2026-11-23", count: 120 }), (p) =>
  JSON.stringify(p),
);
// valid records with invalid ones among them: broken JSON, a failing field, a non-object line
const lines = [
  ...scenarios.slice(0, 5),
  "{not json",
  '{"id":"BAD-1","sex":"x"}',
  ...scenarios.slice(5),
  ...demo,
  "[1,2",
  "42",
  ...demo.slice(0, 3),
];
const ndjson = `${lines.join("\n")}\n`;

const utf8 = new TextDecoder();
/** The output parts as one text (a worker's parts are UTF-8 bytes). */
const joined = (parts: readonly (string | Uint8Array)[]): string =>
  parts.map((t) => (typeof t === "string" ? t : utf8.decode(t))).join("");

async function* chunked(chunks: readonly string[]): AsyncGenerator<string> {
  yield* chunks;
}

/** The reference: the in-thread record stream of `classify --json`, as lines and invalid records. */
async function reference(text: string, options: ClassifyOptions, compact: boolean) {
  const prepared = prepareClassification(options);
  assert.ok(prepared.ok);
  let out = "";
  const invalid: unknown[] = [];
  for await (const r of classifyPatientStream(chunked([text]), prepared.value)) {
    if (r.ok) out += `${classificationJson(r.classification, compact)}\n`;
    else invalid.push({ index: r.index, line: r.line, id: r.id, issues: r.issues });
  }
  return { out, invalid };
}

async function batched(
  chunks: readonly string[],
  options: ClassifyOptions,
  p: ParallelClassifyOptions,
): Promise<{ out: string; invalid: unknown[]; records: number; onWorker: number; inThread: number }> {
  const prepared = prepareClassification(options);
  assert.ok(prepared.ok);
  let out = "";
  const invalid: unknown[] = [];
  let records = 0;
  let onWorker = 0;
  let inThread = 0;
  for await (const b of classifyJsonStream(chunked(chunks), options, prepared.value, p)) {
    assert.equal(b.text.length, b.invalid.length + 1);
    out += joined(b.text);
    invalid.push(...b.invalid.map((r) => ({ index: r.index, line: r.line, id: r.id, issues: r.issues })));
    records += b.records;
    if (b.onWorker) onWorker++;
    else inThread++;
  }
  return { out, invalid, records, onWorker, inThread };
}

/** The text cut into pieces of `size` characters (records split across chunks). */
const pieces = (text: string, size: number): string[] =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, k) => text.slice(k * size, (k + 1) * size));

describe("classifyJsonStream: the bytes of the in-thread path, in input order", () => {
  const cases: { name: string; options: ClassifyOptions; compact: boolean }[] = [
    { name: "full", options: { asOf: "2026-11-23" }, compact: false },
    {
      name: "compact, gate le3, first OMD",
      options: { asOf: "2026-11-23", gate: "le3", classifyAtFirstOmdDiagnosis: true, detail: "compact" },
      compact: true,
    },
    {
      name: "compact, two definitions, 60-day systemic window",
      options: {
        asOf: "2026-11-23",
        definitions: ["generic-3", "uk-cte"],
        systemicWindowDays: 60,
        detail: "compact",
      },
      compact: true,
    },
  ];
  for (const c of cases) {
    test(`${c.name}: 2 worker threads, small batches, chunks cutting records`, async () => {
      const want = await reference(ndjson, c.options, c.compact);
      assert.equal(want.invalid.length, 4);
      const got = await batched(pieces(ndjson, 4093), c.options, {
        threads: 2,
        compact: c.compact,
        inThreadRecords: 40,
        batchChars: 9000,
      });
      assert.equal(got.out, want.out);
      assert.deepEqual(got.invalid, want.invalid);
      assert.equal(got.records, lines.length);
      assert.ok(got.onWorker > 0, "batches ran on the workers");
    });
  }

  test("a JSON array and a pretty-printed object: the same as in-thread", async () => {
    const options = { asOf: "2026-11-23", detail: "compact" } as const;
    const array = `[\n${[...scenarios, ...demo.slice(0, 20)].join(",\n")}\n]\n`;
    const pretty = JSON.stringify(JSON.parse(scenarios[0] as string), null, 2);
    for (const text of [array, pretty]) {
      const want = await reference(text, options, true);
      const got = await batched(pieces(text, 1000), options, {
        threads: 2,
        compact: true,
        inThreadRecords: 0,
        batchRecords: 8,
        batchChars: 20_000,
      });
      assert.equal(got.out, want.out);
      assert.deepEqual(got.invalid, want.invalid);
    }
  });

  test("NDJSON with a byte-order mark, CRLF, blank lines and no final newline; chunks cut inside characters", async () => {
    const options = { asOf: "2026-11-23", detail: "compact" } as const;
    const crlf = `\uFEFF\r\n${lines.slice(0, 60).join("\r\n\n  \n")}\n\uFEFF${scenarios[1]}\n${scenarios[2]}`;
    const bytes = new TextEncoder().encode(crlf);
    async function* byteChunks(): AsyncGenerator<Uint8Array> {
      for (let k = 0; k < bytes.length; k += 777) yield bytes.subarray(k, k + 777);
    }
    const want = await reference(crlf, options, true);
    const prepared = prepareClassification(options);
    assert.ok(prepared.ok);
    let out = "";
    const invalid: unknown[] = [];
    for await (const b of classifyJsonStream(byteChunks(), options, prepared.value, {
      threads: 2,
      compact: true,
      inThreadRecords: 10,
      batchChars: 5000,
    })) {
      out += joined(b.text);
      invalid.push(...b.invalid.map((r) => ({ index: r.index, line: r.line, id: r.id, issues: r.issues })));
    }
    assert.equal(out, want.out);
    assert.deepEqual(invalid, want.invalid);
    // the BOM inside the input stays a character: that line is not valid JSON, as in-thread
    assert.ok(want.invalid.length >= 3);
  });

  test("three threads: this thread classifies batches beside two workers once they each hold three", async () => {
    const options = { asOf: "2026-11-23", detail: "compact" } as const;
    const want = await reference(ndjson, options, true);
    // the whole input in one chunk of many small batches: the first six go to the two workers,
    // which are still starting (tens of ms) when this thread reaches the seventh and takes it
    const got = await batched([ndjson], options, {
      threads: 3,
      compact: true,
      inThreadRecords: 0,
      batchChars: 3000,
    });
    assert.equal(got.out, want.out);
    assert.deepEqual(got.invalid, want.invalid);
    assert.ok(got.onWorker >= 6, `batches on the workers: ${got.onWorker}`);
    assert.ok(got.inThread >= 1, `batches in this thread: ${got.inThread}`);
  });

  test("one thread: every batch in this thread, same bytes", async () => {
    const options = { asOf: "2026-11-23" };
    const want = await reference(ndjson, options, false);
    const got = await batched([ndjson], options, { threads: 1, compact: false, inThreadRecords: 0 });
    assert.equal(got.out, want.out);
    assert.deepEqual(got.invalid, want.invalid);
    assert.equal(got.onWorker, 0);
  });
});
