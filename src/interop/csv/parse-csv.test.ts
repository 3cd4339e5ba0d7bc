import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { isMissingField, parseDecimal } from "./csv-values.ts";
import { parseCsv, wrongDelimiterIssue } from "./parse-csv.ts";

function parsed(text: string) {
  const r = parseCsv(text);
  assert.ok(r.ok, r.ok ? "" : JSON.stringify(r.issues));
  return r.value;
}

describe("parseCsv (RFC 4180)", () => {
  test("table of cases", () => {
    const cases: { text: string; header: string[]; rows: string[][] }[] = [
      {
        text: "a,b\n1,2\n3,4\n",
        header: ["a", "b"],
        rows: [
          ["1", "2"],
          ["3", "4"],
        ],
      },
      {
        text: "a,b\r\n1,2\r\n3,4",
        header: ["a", "b"],
        rows: [
          ["1", "2"],
          ["3", "4"],
        ],
      },
      {
        text: "a,b\r1,2\r3,4\r",
        header: ["a", "b"],
        rows: [
          ["1", "2"],
          ["3", "4"],
        ],
      },
      { text: "\uFEFFa,b\n1,2", header: ["a", "b"], rows: [["1", "2"]] },
      { text: 'a,b\n"x, y","say ""hi"""\n', header: ["a", "b"], rows: [["x, y", 'say "hi"']] },
      { text: 'a,b\n"two\nlines",2\n', header: ["a", "b"], rows: [["two\nlines", "2"]] },
      {
        text: "a,b\n1,\n,2\n",
        header: ["a", "b"],
        rows: [
          ["1", ""],
          ["", "2"],
        ],
      },
      { text: "a,b\n\n1,2\n\n", header: ["a", "b"], rows: [["1", "2"]] },
      { text: " a , b \n1,2", header: ["a", "b"], rows: [["1", "2"]] },
      { text: 'a\n""\n', header: ["a"], rows: [[""]] },
    ];
    for (const c of cases) {
      const t = parsed(c.text);
      assert.deepEqual(t.header, c.header, JSON.stringify(c.text));
      const rows = Array.from({ length: t.rowCount }, (_, r) => t.columns.map((col) => col[r]));
      assert.deepEqual(rows, c.rows, JSON.stringify(c.text));
    }
  });

  test("line numbers of rows count embedded line breaks", () => {
    const t = parsed('a,b\n"x\ny",1\n2,3\n');
    assert.deepEqual([...t.lineOfRow], [2, 4]);
  });

  test("errors name the line and report every ragged row", () => {
    const r = parseCsv("a,b\n1,2,3\n4\n5,6\n");
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.path]),
      [
        ["csv_ragged_row", "line 2"],
        ["csv_ragged_row", "line 3"],
      ],
    );
    const q = parseCsv('a,b\n"open,1\n');
    assert.ok(!q.ok);
    assert.equal(q.issues[0]!.code, "csv_unterminated_quote");
    const after = parseCsv('a,b\n"x"y,1\n');
    assert.ok(!after.ok);
    assert.equal(after.issues[0]!.code, "csv_invalid_quote");
    const dup = parseCsv("a,a\n1,2\n");
    assert.ok(!dup.ok);
    assert.equal(dup.issues[0]!.code, "csv_duplicate_column");
    const empty = parseCsv("\n\n");
    assert.ok(!empty.ok);
    assert.equal(empty.issues[0]!.code, "csv_empty");
  });

  test("round trip: quoting any field and parsing gives it back (property)", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "1", ",", '"', "\n", "\r\n", " ", "é") });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
        const text = ["h1,h2", ...rows.map((r) => r.map(quote).join(","))].join("\r\n");
        const t = parseCsv(text);
        if (!t.ok) return false;
        return (
          t.value.rowCount === rows.length &&
          rows.every((r, i) => t.value.columns[0]![i] === r[0] && t.value.columns[1]![i] === r[1])
        );
      }),
    );
  });
});

/**
 * The straightforward reader the fast one must agree with: splits the text into records of field
 * strings (the previous implementation, kept as the reference), then checks the header and widths.
 */
function referenceParse(
  text: string,
  delimiter = ",",
): { ok: true; header: string[]; rows: string[][]; lines: number[] } | { ok: false; codes: string[] } {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: string[][] = [];
  const recordLines: number[] = [];
  const codes: string[] = [];
  let pos = 0;
  let line = 1;
  const isEnd = (ch: string | undefined) => ch === delimiter || ch === "\n" || ch === "\r";
  while (pos < src.length) {
    const startLine = line;
    const fields: string[] = [];
    let quoted = false;
    for (;;) {
      let value = "";
      if (src[pos] === '"') {
        quoted = true;
        let i = pos + 1;
        let closed = false;
        while (i < src.length) {
          if (src[i] === '"') {
            if (src[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          if (src[i] === "\n" || (src[i] === "\r" && src[i + 1] !== "\n")) line++;
          value += src[i];
          i++;
        }
        if (!closed) return { ok: false, codes: [...codes, "csv_unterminated_quote"] };
        pos = i;
        if (pos < src.length && !isEnd(src[pos])) {
          codes.push("csv_invalid_quote");
          while (pos < src.length && !isEnd(src[pos])) pos++;
        }
      } else {
        while (pos < src.length && !isEnd(src[pos])) value += src[pos++];
      }
      fields.push(value);
      if (pos >= src.length) break;
      if (src[pos] === delimiter) {
        pos++;
        if (pos >= src.length) {
          fields.push("");
          break;
        }
        continue;
      }
      pos += src[pos] === "\r" && src[pos + 1] === "\n" ? 2 : 1;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0] === "" && !quoted) continue;
    records.push(fields);
    recordLines.push(startLine);
  }
  if (records.length === 0) return { ok: false, codes: ["csv_empty"] };
  const header = records[0]!.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") codes.push("csv_bad_header");
    else if (seen.has(h)) codes.push("csv_duplicate_column");
    seen.add(h);
  }
  for (const rec of records.slice(1)) if (rec.length !== header.length) codes.push("csv_ragged_row");
  if (codes.length > 0) return { ok: false, codes };
  return { ok: true, header, rows: records.slice(1), lines: recordLines.slice(1) };
}

describe("parseCsv agrees with the reference reader (property)", () => {
  const unit = fc.constantFrom(
    "a",
    "1",
    "2.5",
    ",",
    ";",
    '"',
    '""',
    "\n",
    "\r",
    "\r\n",
    " ",
    "NA",
    "é",
    "\t",
  );
  test("random text: same table, same lines, or the same problems", () => {
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 40 }).map((u) => u.join("")),
        fc.constantFrom(",", ";", "\t"),
        fc.boolean(),
        (body, delimiter, bom) => {
          const text = `${bom ? "\uFEFF" : ""}h1${delimiter}h2\n${body}`;
          const expected = referenceParse(text, delimiter);
          const got = parseCsv(text, { delimiter, maxIssues: 1000 });
          if (!expected.ok) {
            assert.ok(!got.ok, JSON.stringify(text));
            const codes = got.issues.map((i) => i.code).filter((c) => c !== "csv_wrong_delimiter");
            assert.deepEqual(codes, expected.codes, JSON.stringify(text));
            return;
          }
          assert.ok(got.ok, JSON.stringify(text));
          const t = got.value;
          assert.deepEqual(t.header, expected.header);
          assert.equal(t.rowCount, expected.rows.length);
          assert.deepEqual([...t.lineOfRow], expected.lines, JSON.stringify(text));
          for (let r = 0; r < t.rowCount; r++)
            for (let c = 0; c < t.header.length; c++) {
              assert.equal(t.field(c, r), expected.rows[r]![c], JSON.stringify(text));
              assert.equal(t.columns[c]![r], expected.rows[r]![c]);
            }
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("well-formed random tables with quoted fields: the same fields", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "1", ".", "-", ",", ";", '"', "\n", "\r\n", " ") });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
        fc.constantFrom(",", ";"),
        (rows, delimiter) => {
          const cell = (s: string) => (/[",;\r\n]/.test(s) || s === "" ? `"${s.replaceAll('"', '""')}"` : s);
          const text = [
            ["x", "y", "z"].join(delimiter),
            ...rows.map((r) => r.map(cell).join(delimiter)),
          ].join("\r\n");
          const expected = referenceParse(text, delimiter);
          const got = parseCsv(text, { delimiter });
          assert.ok(expected.ok && got.ok);
          assert.equal(got.value.rowCount, rows.length);
          for (let r = 0; r < rows.length; r++)
            for (let c = 0; c < 3; c++) assert.equal(got.value.field(c, r), rows[r]![c]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("typed reads of a field", () => {
  const numberText = fc.oneof(
    fc.double({ noNaN: true }).map(String),
    fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((v) => v.toFixed(3)),
    fc.double({ noNaN: true }).map((v) => v.toExponential(4)),
    fc.integer().map(String),
    fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
    fc
      .array(
        fc.constantFrom("0", "1", "9", ".", "-", "+", "e", "E", " ", "\t", "N", "A", "a", ",", "I", "n", "f"),
        {
          maxLength: 12,
        },
      )
      .map((u) => u.join("")),
    fc.constantFrom(
      "NA",
      "NaN",
      " NA ",
      "Inf",
      "-Inf",
      "+Inf",
      "Infinity",
      "1.",
      ".5",
      ".",
      "-.5e-3",
      "\u00a01\u00a0",
    ),
  );

  test("number() and isMissing() equal parseDecimal() and isMissingField() of the field (property)", () => {
    fc.assert(
      fc.property(fc.array(numberText, { minLength: 1, maxLength: 6 }), fc.boolean(), (values, quote) => {
        const text = `v\n${values.map((v) => (quote || v === "" || /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join("\n")}\n`;
        const t = parseCsv(text);
        assert.ok(t.ok);
        assert.equal(t.value.rowCount, values.length);
        for (let r = 0; r < values.length; r++) {
          assert.equal(t.value.field(0, r), values[r]);
          assert.ok(Object.is(t.value.number(0, r), parseDecimal(values[r]!)), JSON.stringify(values[r]));
          assert.equal(t.value.isMissing(0, r), isMissingField(values[r]!), JSON.stringify(values[r]));
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("numbers as R reads them, to the last bit (table)", () => {
    const cases: [string, number][] = [
      ["0.1", 0.1],
      ["86.87697192775775", 86.87697192775775],
      ["0.07851550754852887", 0.07851550754852887],
      ["1e22", 1e22],
      ["1e23", 1e23],
      ["123456789012345678", 123456789012345680],
      ["-0", -0],
      ["  42  ", 42],
      ["2.5E-3", 0.0025],
      ["9007199254740993", 9007199254740992],
      ['"say ""1"""', Number.NaN],
    ];
    const t = parseCsv(`v\n${cases.map(([s]) => s).join("\n")}\n`);
    assert.ok(t.ok);
    for (const [r, [s, v]] of cases.entries()) assert.ok(Object.is(t.value.number(0, r), v), s);
  });
});

describe("delimiter", () => {
  test("semicolon and tab tables; a wrong delimiter is named in the errors", () => {
    const semi = parseCsv("a;b\n1,5;2\n", { delimiter: ";" });
    assert.ok(semi.ok);
    assert.equal(semi.value.field(0, 0), "1,5");
    assert.ok(Number.isNaN(semi.value.number(0, 0)), "decimal comma is not a number");
    const tab = parseCsv("a\tb\n1\t2\n", { delimiter: "\t" });
    assert.ok(tab.ok);
    assert.equal(tab.value.number(1, 0), 2);
    const wrong = parseCsv("a;b\n1,5;2\n");
    assert.ok(!wrong.ok);
    assert.deepEqual(
      wrong.issues.map((i) => i.code),
      ["csv_wrong_delimiter", "csv_ragged_row"],
    );
    assert.match(wrong.issues[0]!.message, /semicolon-separated file: use --delimiter ';'/);
    assert.equal(wrongDelimiterIssue(["a", "b"], ","), undefined);
    assert.match(wrongDelimiterIssue(["a\tb"], ",")!.message, /use --delimiter tab/);
    for (const bad of ["", ";;", '"', "\n"]) {
      const r = parseCsv("a\n1\n", { delimiter: bad });
      assert.ok(!r.ok);
      assert.equal(r.issues[0]!.code, "csv_bad_delimiter");
    }
  });
});
