// CSV output (RFC 4180: comma, CRLF, fields with comma/quote/line break quoted, quotes doubled).
// Cells that a spreadsheet would run as a formula (starting with = + - @ tab or CR) get a leading
// apostrophe (OWASP "CSV injection"), except plain numbers such as -1.5.

const NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvRow = (cells: readonly (string | number | boolean | null | undefined)[]): string =>
  `${cells.map(csvCell).join(",")}\r\n`;
