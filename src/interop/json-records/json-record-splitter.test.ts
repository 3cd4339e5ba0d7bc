import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { JsonRecordSplitter, type SplitEvent } from "./json-record-splitter.ts";

function split(chunks: readonly string[]): SplitEvent[] {
  const s = new JsonRecordSplitter();
  const out: SplitEvent[] = [];
  for (const c of chunks) s.push(c, out);
  s.end(out);
  return out;
}

const texts = (events: SplitEvent[]) =>
  events.map((e) => (e.kind === "record" ? JSON.parse(e.text) : e.kind));

describe("JsonRecordSplitter", () => {
  test("a single pretty-printed object", () => {
    const e = split(['{\n  "id": "a",\n  "x": [1, {"y": "}"}]\n}\n']);
    assert.deepEqual(texts(e), [{ id: "a", x: [1, { y: "}" }] }]);
  });
  test("a JSON array: each element a record, with its start line", () => {
    const e = split(['[\n {"id": "a"},\n {"id": "b", "s": "a, \\"quoted\\" ]"}\n]\n']);
    assert.deepEqual(texts(e), [{ id: "a" }, { id: "b", s: 'a, "quoted" ]' }]);
    assert.deepEqual(
      e.map((x) => x.line),
      [2, 3],
    );
  });
  test("NDJSON with blank lines and CRLF", () => {
    const e = split(['{"id":"a"}\r\n\r\n{"id":"b"}\r\n{"id":"c"}']);
    assert.deepEqual(texts(e), [{ id: "a" }, { id: "b" }, { id: "c" }]);
    assert.deepEqual(
      e.map((x) => [x.index, x.line]),
      [
        [0, 1],
        [1, 3],
        [2, 4],
      ],
    );
  });
  test("a garbage line: an error before NDJSON is recognised, a record (failing JSON.parse) after", () => {
    const first = split(['not json at all\n{"id":"a"}\n{"id":"b"}\n']);
    assert.deepEqual(texts(first), ["error", { id: "a" }, { id: "b" }]);
    assert.equal(first[0]?.line, 1);
    const later = split(['{"id":"a"}\nnot json at all\n{"id":"b"}\n']);
    assert.deepEqual(
      later.map((x) => (x.kind === "record" ? x.text : x.kind)),
      ['{"id":"a"}', "not json at all", '{"id":"b"}'],
    );
    assert.equal(later[1]?.line, 2);
  });
  test("NDJSON: a broken line stays one record and cannot swallow the following lines", () => {
    const e = split(['{"id":"a"}\n{"id": "b", "x": [1\n{"id":"c"}\n']);
    assert.deepEqual(
      e.map((x) => [x.kind, x.line, x.kind === "record" ? x.text : ""]),
      [
        ["record", 1, '{"id":"a"}'],
        ["record", 2, '{"id": "b", "x": [1'],
        ["record", 3, '{"id":"c"}'],
      ],
    );
  });
  test("an unterminated pretty-printed record is an error at the end", () => {
    const e = split(['{\n "id": "a"\n}\n{"id": "b", "x": [1, 2\n']);
    assert.equal(e.length, 2);
    assert.equal(e[1]?.kind, "error");
    assert.match(e[1]?.kind === "error" ? e[1].message : "", /unexpected end of input/);
  });
  test("an array that is never closed, and content after ]", () => {
    assert.equal(split(['[{"id":"a"}'])[1]?.kind, "error");
    const after = split(['[{"id":"a"}] {"id":"b"}']);
    assert.deepEqual(texts(after), [{ id: "a" }, "error"]);
  });
  test("empty input and an empty array give no records", () => {
    assert.deepEqual(split([""]), []);
    assert.deepEqual(split(["  [ ]  "]), []);
  });
  test("a byte-order mark is skipped", () => {
    assert.deepEqual(texts(split(['\ufeff{"id":"a"}'])), [{ id: "a" }]);
  });
  test("property: any chunking gives the same records as the whole text", () => {
    const record = fc.record({
      id: fc.string(),
      n: fc.integer(),
      s: fc.string({ unit: "binary" }),
      a: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        (recs, asArray, cuts) => {
          const text = asArray
            ? JSON.stringify(recs, null, 1)
            : recs.map((r) => JSON.stringify(r)).join("\n");
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let prev = 0;
          for (const p of points) {
            chunks.push(text.slice(prev, p));
            prev = p;
          }
          chunks.push(text.slice(prev));
          assert.deepEqual(texts(split(chunks)), JSON.parse(JSON.stringify(recs)));
        },
      ),
    );
  });
});
