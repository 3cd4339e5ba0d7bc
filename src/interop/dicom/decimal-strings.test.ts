import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseDecimalString, parseIntegerString } from "./decimal-strings.ts";

const values = (s: string, integer = false) => {
  const r = integer ? parseIntegerString(s) : parseDecimalString(s);
  if (!r.ok) assert.fail(r.reason);
  return Array.from(r.values);
};

describe("DS parsing (PS3.5 Table 6.2-1)", () => {
  const cases: [string, number[]][] = [
    ["", []],
    ["  ", []],
    ["0", [0]],
    ["-0", [0]],
    ["1.5", [1.5]],
    [" 1.5 ", [1.5]],
    ["+2", [2]],
    [".5", [0.5]],
    ["5.", [5]],
    ["1e3", [1000]],
    ["1.25E-2", [0.0125]],
    ["-93.19\\-49.63\\-160", [-93.19, -49.63, -160]],
    ["0.0007242407579", [0.0007242407579]],
    ["189.431250000000", [189.43125]],
    ["1.676381E-08", [1.676381e-8]],
    ["12345678901234567890", [Number("12345678901234567890")]],
    ["1.0000000000000002", [1.0000000000000002]],
    ["1\0", [1]],
  ];
  for (const [text, expected] of cases) {
    test(JSON.stringify(text), () => assert.deepEqual(values(text), expected));
  }

  const bad = [
    "abc",
    "1\\\\2",
    "1\\",
    "\\1",
    "1.2.3",
    "1e",
    "e5",
    "-",
    "+",
    ".",
    "0x1A",
    "Infinity",
    "NaN",
    "1 2",
    "1,5",
    "1e999",
  ];
  for (const text of bad) {
    test(`rejects ${JSON.stringify(text)}`, () => {
      const r = parseDecimalString(text);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, /value \d+ of \d+/);
    });
  }

  test("agrees with Number() on every double written with up to 17 significant digits (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 1, max: 17 }),
        fc.constantFrom("precision", "fixed", "exponential", "plain"),
        (x, digits, style) => {
          const text =
            style === "precision"
              ? x.toPrecision(digits)
              : style === "fixed" && Math.abs(x) < 1e15
                ? x.toFixed(Math.min(digits, 15))
                : style === "exponential"
                  ? x.toExponential(digits - 1)
                  : String(x);
          const r = parseDecimalString(text);
          const expected = Number(text);
          if (!Number.isFinite(expected)) {
            assert.equal(r.ok, false, `${text} overflows a double and must be refused`);
            return;
          }
          assert.ok(r.ok, text);
          assert.equal(r.values[0], expected === 0 ? 0 : expected, text);
        },
      ),
      { numRuns: 3000, seed: 20261123 },
    );
  });

  test("multi-valued lists agree with split + Number (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const text = xs.map((x) => x.toFixed(2)).join("\\");
          const r = parseDecimalString(text);
          assert.ok(r.ok);
          assert.deepEqual(
            Array.from(r.values),
            text.split("\\").map((t) => (Number(t) === 0 ? 0 : Number(t))),
          );
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe("IS parsing", () => {
  test("integers with padding and sign", () => assert.deepEqual(values(" 12\\-3\\+4 ", true), [12, -3, 4]));
  for (const text of ["1.5", "2147483648", "1e3", "x"]) {
    test(`rejects ${text}`, () => assert.equal(parseIntegerString(text).ok, false));
  }
});
