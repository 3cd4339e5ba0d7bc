// Calendar ticks for a time axis in day numbers (core/dates): first days of years, quarters or
// months, depending on the span, so that about 4–12 ticks are shown.
import { formatIsoDate, fromDayNumber, parseIsoDate, toDayNumber } from "../../core/index.ts";

export type DateTick = { readonly day: number; readonly label: string };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function dateTicks(startDay: number, endDay: number): DateTick[] {
  if (!(endDay > startDay)) return [];
  const spanDays = endDay - startDay;
  const stepMonths =
    spanDays > 365 * 12
      ? 36
      : spanDays > 365 * 6
        ? 24
        : spanDays > 365 * 3
          ? 12
          : spanDays > 365 * 1.5
            ? 6
            : spanDays > 240
              ? 3
              : 1;
  const start = parseIsoDate(fromDayNumber(startDay));
  if (start === undefined) return [];
  // first tick: first day of the first month at or after the start that is on the step grid
  let year = start.year;
  let month = start.month; // 1-12
  if (start.day > 1) month += 1;
  const monthIndex = (y: number, m: number): number => y * 12 + (m - 1);
  let idx = monthIndex(year, month);
  const rem = idx % stepMonths;
  if (rem !== 0) idx += stepMonths - rem;
  const out: DateTick[] = [];
  for (;;) {
    year = Math.floor(idx / 12);
    month = (idx % 12) + 1;
    const day = toDayNumber(formatIsoDate(year, month, 1));
    if (day > endDay) break;
    // the year is written on yearly ticks, on January and on the first tick of the axis
    const withYear = stepMonths >= 12 || month === 1 || out.length === 0;
    const label =
      stepMonths >= 12 ? String(year) : withYear ? `${MONTHS[month - 1]} ${year}` : `${MONTHS[month - 1]}`;
    out.push({ day, label });
    idx += stepMonths;
  }
  return out;
}
