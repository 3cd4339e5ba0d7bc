import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { scenarioAndDemoPatients } from "../../test/support/scenario-records.ts";
import { type ClassifyOptions, classifyPatient } from "../core/index.ts";
import { Utf8Sink, writeClassificationLine } from "./classify-json-bytes.ts";
import { classificationJson } from "./classify-output.ts";

const encoder = new TextEncoder();
const utf8 = (s: string): Uint8Array => encoder.encode(s);

// any UTF-16 code unit (lone surrogates included) or a whole astral character, and the characters
// JSON.stringify escapes, often
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom(
    '"',
    "\\",
    "\n",
    "\r",
    "\t",
    "\b",
    "\f",
    "\u0000",
    "\u001f",
    "\u007f",
    "≤",
    "→",
    "é",
    "\u2028",
  ),
  fc.constantFrom("\ud800", "\udfff", "\ud83d", "\ude00"),
);
const anyString = fc.oneof(
  fc.string({ unit, maxLength: 40 }),
  // long strings: the native path when nothing needs escaping
  fc.string({ unit: fc.constantFrom("a", " ", "≤", "→", "1", "é", '"'), minLength: 20, maxLength: 120 }),
);

describe("Utf8Sink", () => {
  test("jsonString writes the UTF-8 bytes of JSON.stringify(s), for any string", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const sink = new Utf8Sink(1); // grows
        sink.jsonString(s);
        assert.deepEqual(sink.bytes(), utf8(JSON.stringify(s)));
      }),
      { numRuns: 3000 },
    );
  });

  test("hand-picked strings: escapes, lone surrogates, pairs, long reason texts", () => {
    const cases = [
      "",
      '"',
      "\\",
      "a\u0001b",
      "\ud800",
      "x\udc00y",
      "😀",
      "\ud83d\ude00\ud83d",
      "Gate (≤5 lesions, no diffuse disease) on 2021-09-09: 3 distant metastases",
      "B1 bone 12 → 19 mm, +58.3 % and +7 mm; lesion rule 1.4.7: new, or growth ≥20 % and ≥5 mm",
      `a long text with a "quote" in it, past the native-path length`,
      "a long text with a lone surrogate \ud800 past the native-path length",
    ];
    const sink = new Utf8Sink(4);
    for (const s of cases) sink.jsonString(s);
    sink.jsonStrings(cases);
    sink.jsonStrings([]);
    assert.deepEqual(
      sink.bytes(),
      utf8(cases.map((s) => JSON.stringify(s)).join("") + JSON.stringify(cases) + JSON.stringify([])),
    );
  });

  test("text and raw append as they are", () => {
    const sink = new Utf8Sink(2);
    sink.text("≤ x → y");
    sink.raw(utf8("{}"));
    sink.byte(10);
    assert.deepEqual(sink.bytes(), utf8("≤ x → y{}\n"));
  });
});

const patients = scenarioAndDemoPatients(5, 300);

test("the bytes of a classification line are the UTF-8 of its JSON text and a newline", () => {
  const optionSets: ClassifyOptions[] = [
    { asOf: "2026-11-23" },
    { asOf: "2026-11-23", detail: "compact" },
    { asOf: "2024-06-30", gate: "le3", classifyAtFirstOmdDiagnosis: true, detail: "compact" },
    { asOf: "2026-11-23", definitions: ["uk-cte", "generic-3"], detail: "compact" },
    // two other definitions: the same number key as the pair above for the same results, other ids
    { asOf: "2026-11-23", definitions: ["generic-5", "sabr-comet"], detail: "compact" },
    { asOf: "2026-11-23", definitions: [], detail: "compact" },
    // no imaging yet: INSUFFICIENT_DATA with its missing fields
    { asOf: "2015-01-01", detail: "compact" },
    { asOf: "2026-11-23", indexDate: "2023-06-05", detail: "compact" },
  ];
  let insufficient = 0;
  for (const o of optionSets) {
    const sink = new Utf8Sink(16);
    let text = "";
    for (const p of patients) {
      // ids that need escaping in JSON
      for (const id of [p.id, `${p.id} "quoted" \\ ≤ \ud800 😀`]) {
        const c = classifyPatient({ ...p, id }, o);
        if (c.estroEortc.missing !== undefined) insufficient++;
        const compact = o.detail === "compact";
        writeClassificationLine(sink, c, compact);
        text += `${classificationJson(c, compact)}\n`;
      }
    }
    assert.deepEqual(sink.bytes(), utf8(text), JSON.stringify(o));
  }
  assert.ok(insufficient > 0, "INSUFFICIENT_DATA results with missing fields were compared");
});
