/*
 * What jsonb's text, as COPY writes it, holds that JSON.stringify writes alike, byte by byte: for
 * finish-copy-jsonl.ts and finish-copy-csv.ts, which decline a batch holding anything else.
 */

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;
const T = 84;
const Z = 90;

/**
 * `YYYY-MM-DD HH:MM:SS` and up to three fractional digits (PostgreSQL drops trailing zeros, and the
 * dot with them): a UTC `timestamp` as DateStyle ISO writes it, and to_char's `MS` would (the
 * columns hold milliseconds). Anything else (another DateStyle, a year past 9999 or BC, infinity,
 * microseconds) is not: the batch is written row by row.
 */
export function isTime(bytes: Uint8Array, from: number, until: number): boolean {
  const length = until - from;
  if (length !== 19 && (length < 21 || length > 23)) return false;
  for (let at = 0; at < length; at++) {
    const expected = TIME[at]!;
    if (expected === 0 ? !DIGIT[bytes[from + at]!] : bytes[from + at] !== expected) return false;
  }
  return true;
}
/**
 * Writes the time bytes[from, until) (isTime's) to out at `to` as toISOString writes it: `T` for
 * the blank, three fractional digits, `Z`. Returns where it ends in out (`to` + 24).
 */
export function writeIsoTime(bytes: Uint8Array, from: number, until: number, out: Uint8Array, to: number): number {
  for (let at = from; at < until; at++) out[to++] = at === from + 10 ? T : bytes[at]!;
  if (until - from === 19) out[to++] = DOT;
  for (let digits = Math.max(until - from - 20, 0); digits < 3; digits++) out[to++] = ZERO;
  out[to++] = Z;
  return to;
}
/** What each byte of a time is: 0 a digit, else that byte. */
const TIME = Uint8Array.from("0000-00-00 00:00:00.000", (char) => (char === "0" ? 0 : char.charCodeAt(0)));

/** Bytes by what they are to the JSON pass. */
const table = (test: (byte: number) => boolean) => Uint8Array.from({ length: 256 }, (_, byte) => (test(byte) ? 1 : 0));
export const DIGIT = table((byte) => byte >= ZERO && byte <= ZERO + 9);
/** What a number's text may hold (jsonb writes no exponent, but one is checked should it). */
export const NUMBER = table((byte) => DIGIT[byte] === 1 || [MINUS, PLUS, DOT, 101, 69].includes(byte));
/** What is copied as it is outside strings: all but blanks, controls, quotes, backslashes and numbers. */
export const OUTSIDE_RUN = table(
  (byte) => byte > SPACE && byte !== QUOTE && byte !== BACKSLASH && byte !== MINUS && !DIGIT[byte],
);

/** The escapes jsonb and JSON.stringify write alike: `\b \f \n \r \t \" \\` and `\u` (checked). */
export const ESCAPE = table((byte) => 'bfnrt"\\u'.includes(String.fromCharCode(byte)));

/**
 * After `\u`: a control character both write so (`\u0001`-`\u001f` in lowercase hex, but for the
 * five written `\b \t \n \f \r`; NUL is not in jsonb).
 */
export function controlEscape(bytes: Uint8Array, at: number): boolean {
  if (bytes[at] !== ZERO || bytes[at + 1] !== ZERO) return false;
  const high = HEX.indexOf(String.fromCharCode(bytes[at + 2]!));
  const low = HEX.indexOf(String.fromCharCode(bytes[at + 3]!));
  if (high < 0 || high > 1 || low < 0) return false;
  const code = high * 16 + low;
  return code > 0 && ![8, 9, 10, 12, 13].includes(code);
}
const HEX = "0123456789abcdef";

/**
 * A jsonb number (its text, bytes[from, until)) that JSON.stringify would write otherwise, as
 * PostgreSQL and JavaScript may disagree on: a fraction ending in 0, 16 or more characters
 * (beyond what a double keeps, or past 1e21 where JavaScript writes exponents), below 1e-6
 * (`0.000000…`), `-0`, or anything but digits and one dot (an exponent, a sign inside).
 */
export function inexactNumber(bytes: Uint8Array, from: number, until: number): boolean {
  const start = bytes[from] === MINUS ? from + 1 : from;
  if (until - start >= 16 || until === start) return true;
  let dots = 0;
  for (let at = start; at < until; at++)
    if (bytes[at] === DOT) dots++;
    else if (!DIGIT[bytes[at]!]) return true;
  if (dots > 1 || (dots === 1 && bytes[until - 1] === ZERO)) return true;
  if (bytes[start] !== ZERO) return false;
  if (until - start === 1) return start > from; // -0
  for (let at = start + 2; at < start + 8; at++) if (bytes[at] !== ZERO) return false;
  return true; // 0.000000…
}

/** A key of digits: JavaScript orders array indices (some of these) before other keys, jsonb by length. */
export function integerLike(bytes: Uint8Array, from: number, until: number): boolean {
  if (until === from) return false;
  for (let at = from; at < until; at++) if (!DIGIT[bytes[at]!]) return false;
  return true;
}
