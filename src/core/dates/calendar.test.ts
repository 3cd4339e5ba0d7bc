import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  addCalendarMonths,
  addDays,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  parseIsoDate,
  toDayNumber,
  wholeMonthsBetween,
} from "./calendar.ts";

describe("addCalendarMonths (clinical-reference 1.4.3: calendar months, clamped)", () => {
  // Expected values: the examples of clinical-reference 1.4.3 and hand derivations (last day of month).
  const cases: [string, number, string][] = [
    ["2023-08-31", 6, "2024-02-29"], // 1.4.3: leap-year February, clamped (JS Date would give 2024-03-02)
    ["2023-03-31", 6, "2023-09-30"], // 1.4.3: September has 30 days
    ["2023-03-15", 6, "2023-09-15"], // 1.4.3: plain case
    ["2022-08-31", 6, "2023-02-28"], // non-leap February
    ["2024-02-29", 12, "2025-02-28"], // leap day + 1 year
    ["2024-02-29", 48, "2028-02-29"], // leap day + 4 years
    ["2023-12-15", 1, "2024-01-15"], // year rollover
    ["2023-07-31", 6, "2024-01-31"], // target month has 31 days
    ["2024-01-31", 1, "2024-02-29"],
    ["2024-03-31", -1, "2024-02-29"], // negative months also clamp
    ["2024-05-10", 0, "2024-05-10"],
    ["2000-02-29", 12, "2001-02-28"], // 2000 is a leap year (divisible by 400)
    ["1900-01-31", 1, "1900-02-28"], // 1900 is not a leap year
  ];
  for (const [from, months, expected] of cases) {
    test(`${from} + ${months} months = ${expected}`, () => {
      assert.equal(addCalendarMonths(from, months), expected);
    });
  }
  test("rejects fractional months and invalid dates", () => {
    assert.throws(() => addCalendarMonths("2024-01-01", 1.5), RangeError);
    assert.throws(() => addCalendarMonths("2023-02-29", 1), RangeError);
  });
});

describe("day numbers and differences", () => {
  test("epoch and known day numbers", () => {
    // 1970-01-01 is day 0; 2000-03-01 is day 11017 (30 years incl. 7 leap days = 10957 days to 2000-01-01, + 31 + 29)
    assert.equal(toDayNumber("1970-01-01"), 0);
    assert.equal(toDayNumber("2000-03-01"), 11017);
    assert.equal(toDayNumber("1969-12-31"), -1);
  });
  test("daysBetween across a leap day and a year", () => {
    assert.equal(daysBetween("2024-02-28", "2024-03-01"), 2);
    assert.equal(daysBetween("2023-02-28", "2023-03-01"), 1);
    assert.equal(daysBetween("2023-01-01", "2024-01-01"), 365);
    assert.equal(daysBetween("2024-01-01", "2025-01-01"), 366);
    assert.equal(daysBetween("2024-03-01", "2024-02-20"), -10);
  });
  test("addDays", () => {
    assert.equal(addDays("2024-02-28", 1), "2024-02-29");
    assert.equal(addDays("2024-12-31", 1), "2025-01-01");
    assert.equal(addDays("2024-03-01", -1), "2024-02-29");
  });
  test("round trip day number <-> date, and agreement with UTC Date for every day 1900-2100", () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber("1900-01-01"), max: toDayNumber("2100-12-31") }), (n) => {
        const iso = fromDayNumber(n);
        assert.equal(toDayNumber(iso), n);
        // independent path: UTC milliseconds (no local time zone involved)
        assert.equal(new Date(n * 86_400_000).toISOString().slice(0, 10), iso);
      }),
    );
  });
});

describe("isIsoDate", () => {
  const cases: [string, boolean][] = [
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-04-31", false],
    ["2024-13-01", false],
    ["2024-1-01", false],
    ["24-01-01", false],
    ["2024-01-01T00:00", false],
  ];
  for (const [s, expected] of cases) test(`${s} -> ${expected}`, () => assert.equal(isIsoDate(s), expected));
});

describe("wholeMonthsBetween", () => {
  const cases: [string, string, number][] = [
    ["2023-03-15", "2023-09-15", 6],
    ["2023-03-15", "2023-09-14", 5],
    ["2023-08-31", "2024-02-29", 6], // clamped month end counts as reached
    ["2023-08-31", "2024-02-28", 5],
    ["2024-01-10", "2024-01-20", 0],
  ];
  for (const [a, b, m] of cases) test(`${a} -> ${b} = ${m}`, () => assert.equal(wholeMonthsBetween(a, b), m));
});

describe("parseIsoDate by character codes agrees with the regular-expression reading", () => {
  // the previous implementation: regex split, then the Gregorian day check
  const reference = (s: string): { year: number; month: number; day: number } | undefined => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (m === null) return undefined;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    return { year, month, day };
  };
  const dateLike = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.constantFrom("-", "/", "", "--"),
      fc.constantFrom("", " ", "\n", "0"),
    )
    .map(
      ([y, m, d, sep, tail]) =>
        `${String(y).padStart(4, "0")}${sep}${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}${tail}`,
    );
  test("on date-like text and arbitrary strings (incl. non-ASCII digits)", () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 }), fc.constant("２０２４-01-01")), (s) => {
        assert.deepEqual(parseIsoDate(s), reference(s));
      }),
      { numRuns: 5000, seed: 42 },
    );
  });
});
