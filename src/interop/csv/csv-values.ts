/**
 * What a CSV field means as a value, shared by the table's fast accessors and the survival
 * extraction: missing (R's NA), or a strictly written decimal number.
 */

/** A decimal number as R's read.csv accepts it in a numeric column: sign, digits, point, exponent. */
export const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number written with a decimal comma ("1,5", "-0,25"): never converted, only named in errors. */
export const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;

/** True for the field values that mean "missing": empty, NA, NaN (after trimming spaces). */
export function isMissingField(value: string): boolean {
  const v = value.trim();
  return v === "" || v === "NA" || v === "NaN";
}

/** Parses a decimal number strictly (no hex, no empty string as 0); NaN when it is not one. */
export function parseDecimal(value: string): number {
  const v = value.trim();
  if (DECIMAL_NUMBER.test(v)) return Number(v);
  if (v === "Inf" || v === "+Inf" || v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Inf" || v === "-Infinity") return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}
