// Parsing of the numeric string VRs, DICOM PS3.5 Table 6.2-1:
//  DS (Decimal String): fixed or floating point number, characters 0-9 + - E e . and leading/trailing spaces;
//  IS (Integer String): optional sign and digits, range -2^31 .. 2^31-1, leading/trailing spaces.
// Multiple values are separated by backslash; padding to even length is a trailing space (or NUL from
// some writers).
//
// Speed matters (a brain SRS structure set holds ~350 000 numbers), so values are parsed straight from the
// bytes. The result is the correctly rounded double, identical to Number(): the digits are gathered into an
// exact integer mantissa M (at most 15 significant digits, so M < 2^53) and scaled by one exact power of ten
// 10^k with |k| <= 22, a single IEEE operation on exact operands (Clinger's fast path, W. D. Clinger,
// "How to read floating point numbers accurately", PLDI 1990). Anything outside the fast path falls back to
// Number() on the text.

export type NumbersOrReason =
  | { readonly ok: true; readonly values: Float64Array }
  | { readonly ok: false; readonly reason: string };

const BACKSLASH = 92;
const SPACE = 32;
const NUL = 0;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const UPPER_E = 69;
const LOWER_E = 101;

/** 10^0 .. 10^22: every one is exactly representable as a double. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_FAST_DIGITS = 15;

function text(bytes: Uint8Array, a: number, b: number): string {
  let s = "";
  for (let i = a; i < b; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

const quote = (s: string): string => JSON.stringify(s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** Parses one trimmed, non-empty decimal number in bytes[a, b); NaN when it is not a DS number. */
function parseDecimal(bytes: Uint8Array, a: number, b: number): number {
  let i = a;
  let negative = false;
  const first = bytes[i] as number;
  if (first === PLUS || first === MINUS) {
    negative = first === MINUS;
    i++;
  }
  let mantissa = 0;
  let significant = 0;
  let pendingZeros = 0;
  let exponent = 0;
  let digits = 0;
  let dot = false;
  for (; i < b; i++) {
    const c = bytes[i] as number;
    if (c >= ZERO && c <= NINE) {
      digits++;
      if (dot) exponent--;
      if (c === ZERO) {
        if (significant > 0) pendingZeros++;
      } else {
        significant += pendingZeros + 1;
        if (significant > MAX_FAST_DIGITS) return Number(text(bytes, a, b));
        mantissa = mantissa * EXACT_POWERS_OF_TEN[pendingZeros + 1]! + (c - ZERO);
        pendingZeros = 0;
      }
    } else if (c === DOT && !dot) {
      dot = true;
    } else if (c === UPPER_E || c === LOWER_E) {
      break;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0) return Number.NaN;
  exponent += pendingZeros;
  if (i < b) {
    // exponent part: E or e, optional sign, at least one digit
    i++;
    let expNegative = false;
    const s = bytes[i];
    if (s === PLUS || s === MINUS) {
      expNegative = s === MINUS;
      i++;
    }
    if (i >= b) return Number.NaN;
    let e = 0;
    for (; i < b; i++) {
      const c = bytes[i] as number;
      if (c < ZERO || c > NINE) return Number.NaN;
      e = e * 10 + (c - ZERO);
      if (e > 100000) return Number(text(bytes, a, b));
    }
    exponent += expNegative ? -e : e;
  }
  if (mantissa === 0) return 0;
  let value: number;
  if (exponent >= 0 && exponent <= 22) value = mantissa * EXACT_POWERS_OF_TEN[exponent]!;
  else if (exponent < 0 && exponent >= -22) value = mantissa / EXACT_POWERS_OF_TEN[-exponent]!;
  else return Number(text(bytes, a, b));
  return negative ? -value : value;
}

/** Parses one trimmed, non-empty integer in bytes[a, b); NaN when it is not an IS number. */
function parseInteger(bytes: Uint8Array, a: number, b: number): number {
  let i = a;
  let negative = false;
  const first = bytes[i] as number;
  if (first === PLUS || first === MINUS) {
    negative = first === MINUS;
    i++;
  }
  if (i >= b) return Number.NaN;
  let v = 0;
  for (; i < b; i++) {
    const c = bytes[i] as number;
    if (c < ZERO || c > NINE) return Number.NaN;
    v = v * 10 + (c - ZERO);
    if (v > 1e12) return Number.POSITIVE_INFINITY;
  }
  return negative ? (v === 0 ? 0 : -v) : v;
}

/** Reused output buffer of the fast path (grown on demand; values are copied out with slice). */
let scratch = new Float64Array(4096);

/**
 * Fast path for the common DS form: [spaces][sign]digits[.digits][spaces] with at most 15 digits, no
 * exponent. Returns undefined for anything else (exponent, long mantissa, malformed), which the careful
 * path then handles or reports. With <= 15 digits the mantissa is exact and the fraction has <= 15 digits,
 * so m / 10^e is Clinger's exact fast path.
 */
function parseSimpleDecimals(bytes: Uint8Array, start: number, end: number): Float64Array | undefined {
  const maxValues = ((end - start + 1) >> 1) + 1;
  if (scratch.length < maxValues) scratch = new Float64Array(Math.max(maxValues, scratch.length * 2));
  const out = scratch;
  let k = 0;
  let i = start;
  while (i < end) {
    let c = bytes[i] as number;
    while (c === SPACE) {
      if (++i >= end) return undefined;
      c = bytes[i] as number;
    }
    let negative = false;
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      if (++i >= end) return undefined;
      c = bytes[i] as number;
    }
    let m = 0;
    let digits = 0;
    let dotAt = -1;
    for (;;) {
      if (c >= ZERO && c <= NINE) {
        m = m * 10 + (c - ZERO);
        digits++;
      } else if (c === DOT && dotAt < 0) {
        dotAt = digits;
      } else {
        break;
      }
      if (++i >= end) {
        c = BACKSLASH;
        break;
      }
      c = bytes[i] as number;
    }
    while (c === SPACE) {
      if (++i >= end) {
        c = BACKSLASH;
        break;
      }
      c = bytes[i] as number;
    }
    if (c !== BACKSLASH || digits === 0 || digits > MAX_FAST_DIGITS) return undefined;
    const fractionDigits = dotAt < 0 ? 0 : digits - dotAt;
    const v = fractionDigits === 0 ? m : m / EXACT_POWERS_OF_TEN[fractionDigits]!;
    out[k++] = negative && v !== 0 ? -v : v;
    i++;
  }
  if (bytes[end - 1] === BACKSLASH) return undefined; // empty last value: let the careful path report it
  return out.slice(0, k);
}

/** Parses a DS or IS value held in bytes[start, end). Empty (or padding only) gives no values. */
export function parseNumberList(
  bytes: Uint8Array,
  start: number,
  end: number,
  integer: boolean,
): NumbersOrReason {
  let stop = end;
  while (stop > start && (bytes[stop - 1] === SPACE || bytes[stop - 1] === NUL)) stop--;
  if (stop === start) return { ok: true, values: new Float64Array(0) };
  if (!integer) {
    const simple = parseSimpleDecimals(bytes, start, stop);
    if (simple) return { ok: true, values: simple };
  }
  let count = 1;
  for (let i = start; i < stop; i++) if (bytes[i] === BACKSLASH) count++;
  const values = new Float64Array(count);
  let from = start;
  let k = 0;
  for (let i = start; i <= stop; i++) {
    if (i < stop && bytes[i] !== BACKSLASH) continue;
    let a = from;
    let b = i;
    while (a < b && bytes[a] === SPACE) a++;
    while (b > a && bytes[b - 1] === SPACE) b--;
    if (a === b) return { ok: false, reason: `value ${k + 1} of ${count} is empty` };
    const v = integer ? parseInteger(bytes, a, b) : parseDecimal(bytes, a, b);
    if (!Number.isFinite(v)) {
      const what = integer ? "an integer" : "a finite decimal number";
      return { ok: false, reason: `value ${k + 1} of ${count} ${quote(text(bytes, a, b))} is not ${what}` };
    }
    if (integer && (v < -2147483648 || v > 2147483647)) {
      return { ok: false, reason: `value ${k + 1} of ${count} (${v}) is outside the IS range ±2^31` };
    }
    values[k++] = v === 0 ? 0 : v; // "-0" reads as 0
    from = i + 1;
  }
  return { ok: true, values };
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = c < 256 ? c : 0x3f; // outside latin1: "?" (not a valid number character)
  }
  return out;
}

/** Parses a DS value (one or more decimal numbers separated by backslash). Empty text gives no values. */
export function parseDecimalString(s: string): NumbersOrReason {
  const bytes = latin1Bytes(s);
  return parseNumberList(bytes, 0, bytes.length, false);
}

/** Parses an IS value (one or more integers separated by backslash). Empty text gives no values. */
export function parseIntegerString(s: string): NumbersOrReason {
  const bytes = latin1Bytes(s);
  return parseNumberList(bytes, 0, bytes.length, true);
}
