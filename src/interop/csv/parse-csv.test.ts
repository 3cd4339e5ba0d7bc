import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseCsv } from "./parse-csv.ts";

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
