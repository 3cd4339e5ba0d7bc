// Number and date formatting shared by pages and charts (fixed English, dot decimals, so
// values read the same in screenshots, exports and tests).

/** Fixed decimals, "—" for missing values. */
export function fmt(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toFixed(decimals);
}

/**
 * A count's share of a total in whole per cent, "—" for an empty total. A share that rounds to
 * 0 or 100 without being so reads "< 1" or "> 99" (1 of 264 is not 0 %).
 */
export function fmtShare(count: number, total: number): string {
  if (!(total > 0)) return "—";
  const pct = (100 * count) / total;
  if (count > 0 && pct < 0.5) return "< 1";
  if (count < total && pct >= 99.5) return "> 99";
  return pct.toFixed(0);
}

/** p-value as reported in clinical papers: "< 0.001" below 0.001, else 3 decimals. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  if (p < 0.001) return "< 0.001";
  return p.toFixed(3);
}

/** Words from a snake_case code: "thermal_ablation" -> "thermal ablation". */
export function words(code: string): string {
  return code.replaceAll("_", " ");
}

/** `2026-11-23T10:15:00.000Z` -> `2026-11-23 10:15` (UTC, as stored). */
export function fmtTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m === null ? iso : `${m[1]} ${m[2]} UTC`;
}

/** "p = 0.023" or "p < 0.001". */
export function pText(p: number | null | undefined): string {
  const s = fmtP(p);
  return s.startsWith("<") ? `p ${s}` : `p = ${s}`;
}
