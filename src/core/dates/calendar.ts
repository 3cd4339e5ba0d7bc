// Calendar dates `YYYY-MM-DD` without time zone, computed with integer arithmetic only.
// No JavaScript Date: `Date.setMonth` overflows (2023-08-31 + 6 months -> 2024-03-02), and time
// zones shift dates; clinical-reference 1.4.3 forbids both.

export type IsoDate = string;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year, Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const ZERO = 48;
const HYPHEN = 45;

/** Value of the ASCII digits s[from..to), or -1 when one is not a digit 0–9. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Splits `YYYY-MM-DD` into numbers; undefined when the text is not a real calendar date.
 * Read by character codes (the same strings as /^(\d{4})-(\d{2})-(\d{2})$/, without a regex).
 */
export function parseIsoDate(s: string): { year: number; month: number; day: number } | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== HYPHEN || s.charCodeAt(7) !== HYPHEN) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== undefined;
}

function must(s: IsoDate): { year: number; month: number; day: number } {
  const p = parseIsoDate(s);
  if (p === undefined) throw new RangeError(`not a calendar date YYYY-MM-DD: "${s}"`);
  return p;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number): string => String(n).padStart(4, "0");

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Days since 1970-01-01 of a civil date (proleptic Gregorian), exact integer arithmetic.
 * Algorithm "days_from_civil" (H. Hinnant, chrono-Compatible Low-Level Date Algorithms).
 */
export function toDayNumber(s: IsoDate): number {
  const { year, month, day } = must(s);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** Inverse of toDayNumber ("civil_from_days", same source). */
export function fromDayNumber(z0: number): IsoDate {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate(year, month, day);
}

/** Signed number of days from `from` to `to` (to − from). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds calendar months, clamping to the last day of the target month when the day does not
 * exist (clinical-reference 1.4.3): 2023-08-31 + 6 = 2024-02-29; 2023-03-31 + 6 = 2023-09-30.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  const { year, month, day } = must(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Whole calendar months from `from` to `to` (to >= from), counting a month only when its day is reached (clamped). */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  const a = must(from);
  const b = must(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (months > 0 && addCalendarMonths(from, months) > to) months--;
  if (months < 0 && addCalendarMonths(from, months) < to) months++;
  return months;
}

/** The later / earlier of two ISO dates (string order equals date order for YYYY-MM-DD). */
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
