import {
  controlEscape,
  DIGIT,
  ESCAPE,
  inexactNumber,
  integerLike,
  isTime,
  NUMBER,
  OUTSIDE_RUN,
  writeIsoTime,
} from "./jsonb-text";

const TAB = 9;
const LF = 10;
const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;
const N = 78;
const NULL = [110, 117, 108, 108]; // "null"
const MINUS = 45;
const COLON = 58;
const U = 117;
const HASH_LENGTH = 64;

export interface FinishedJsonl {
  lines: Buffer;
  /** The `hashColumn` cells (64 characters each), concatenated in row order. */
  hashes: Buffer;
  /** The first cell of the first and of the last row. */
  first: string;
  last: string;
}

export interface JsonlLayout {
  /** The JSON member names, one per COPY column, in order. */
  fields: readonly string[];
  /** Which columns hold jsonb (its JSON text); the others hold text, written as JSON strings. */
  jsonColumns: ReadonlySet<number>;
  /** Which columns hold a `timestamp` (UTC, DateStyle ISO), written as toISOString writes it. */
  timeColumns: ReadonlySet<number>;
  /**
   * Columns whose text has this length and holds nothing JSON escapes (uuids, hex hashes: by their
   * type or a table constraint), copied as they are.
   */
  fixedColumns: ReadonlyMap<number, number>;
  hashColumn: number;
  /** What ends each object after the last column's member, before `}`: e.g. `,"inclusionProof":null`. */
  tail: string;
}

/**
 * COPY's text-format bytes (`rows` rows of `fields.length` tab-separated cells, each line ending
 * with LF) as jsonLine writes the rows: `{"field":value,…tail}` and LF per row, in one pass.
 * - `\N` (a null; a backslash in data is always written `\\`) is `null`.
 * - A time cell (`timestamp` text) is written as toISOString does: `T`, milliseconds, `Z`.
 * - A text cell is a JSON string: `"` becomes `\"`, and COPY's `\\` is already JSON's escape of a
 *   backslash. COPY writes control characters as other escapes (`\t`, `\n`) or as they are; JSON
 *   escapes them otherwise for some (`\v`), so a cell holding any declines the batch (null).
 * - A jsonb cell is its JSON text, compacted as JSON.stringify writes it: COPY's `\\` is one
 *   backslash, and the blanks jsonb writes after `:` and `,` outside strings are dropped (jsonb
 *   writes no other blank outside strings, and escapes every control character inside them).
 * - jsonb writes numbers as PostgreSQL numeric, JSON.stringify as the shortest double: a number
 *   they may write otherwise (inexactNumber), or an object key of digits (JavaScript puts array
 *   indices first, jsonb orders keys by length), declines the batch.
 * The hash cells are collected on the way. Null if the bytes are not exactly `rows` rows (at least
 * one) of the layout's cells, a hash cell is not 64 characters, or a cell holds what is described
 * above as declined.
 */
export function finishCopyJsonl(bytes: Uint8Array, rows: number, layout: JsonlLayout): FinishedJsonl | null {
  const { fields, jsonColumns, hashColumn } = layout;
  const columns = fields.length;
  const keys = fields.map((field, i) => Buffer.from(`${i === 0 ? "{" : ","}${JSON.stringify(field)}:`));
  const tail = Buffer.from(`${layout.tail}}\n`);
  const json = fields.map((_, i) => jsonColumns.has(i));
  const time = fields.map((_, i) => layout.timeColumns.has(i));
  const fixed = fields.map((_, i) => layout.fixedColumns.get(i) ?? 0);
  const keyBytes = keys.reduce((sum, key) => sum + key.length, 0) + tail.length;
  // A text byte becomes at most two (`"` → `\"`), a cell gains two quotes, `\N` becomes `null`.
  const out = scratch(2 * bytes.length + rows * (keyBytes + 2 * columns));
  const hashes = Buffer.allocUnsafe(rows * HASH_LENGTH);
  const end = bytes.length;
  let to = 0;
  let at = 0;
  let first = "";
  let last = "";
  if (rows === 0) return null;
  for (let row = 0; row < rows; row++) {
    const rowStart = at;
    for (let column = 0; column < columns; column++) {
      const key = keys[column]!;
      out.set(key, to);
      to += key.length;
      const stop = column === columns - 1 ? LF : TAB;
      const cell = at;
      if (bytes[at] === BACKSLASH && bytes[at + 1] === N) {
        for (const byte of NULL) out[to++] = byte;
        at += 2;
      } else if (fixed[column]! > 0) {
        const length = fixed[column]!; // what ends there is checked below, as for every cell
        out[to++] = QUOTE;
        to = copyRun(bytes, at, at + length, out, to);
        out[to++] = QUOTE;
        at += length;
      } else if (time[column]) {
        let run = at;
        while (run < end && bytes[run] !== TAB && bytes[run] !== LF) run++;
        if (!isTime(bytes, at, run)) return null;
        out[to++] = QUOTE;
        to = writeIsoTime(bytes, at, run, out, to);
        out[to++] = QUOTE;
        at = run;
      } else if (json[column]) {
        for (;;) {
          // Outside strings: copy up to a blank (dropped), a number (checked), a string, or the cell's end.
          let run = at;
          while (run < end && OUTSIDE_RUN[bytes[run]!]) run++;
          to = copyRun(bytes, at, run, out, to);
          at = run;
          if (bytes[at] === SPACE) {
            at++;
            continue;
          }
          if (bytes[at] === MINUS || DIGIT[bytes[at]!]) {
            while (run < end && NUMBER[bytes[run]!]) run++;
            if (inexactNumber(bytes, at, run)) return null;
            to = copyRun(bytes, at, run, out, to);
            at = run;
            continue;
          }
          if (bytes[at] !== QUOTE) break; // the cell's end, checked below (no backslash outside strings)
          out[to++] = QUOTE;
          const text = ++at;
          // Inside a string, up to its closing quote; an escape is COPY's doubled backslash and a character.
          for (;;) {
            run = at;
            while (run < end && bytes[run]! >= SPACE && bytes[run] !== QUOTE && bytes[run] !== BACKSLASH) run++;
            to = copyRun(bytes, at, run, out, to);
            at = run;
            if (bytes[at] === QUOTE) break;
            // jsonb text holds no control character (COPY would write one escaped, or as it is)
            if (bytes[at] !== BACKSLASH || bytes[at + 1] !== BACKSLASH) return null;
            out[to++] = BACKSLASH;
            at += 2;
            const escaped = bytes[at]!;
            if (!ESCAPE[escaped] || (escaped === BACKSLASH && bytes[at + 1] !== BACKSLASH)) return null;
            if (escaped === U && !controlEscape(bytes, at + 1)) return null;
            out[to++] = escaped;
            at += escaped === BACKSLASH ? 2 : 1;
          }
          if (bytes[at + 1] === COLON && integerLike(bytes, text, at)) return null;
          out[to++] = QUOTE;
          at++;
        }
      } else {
        out[to++] = QUOTE;
        for (;;) {
          let run = at;
          while (run < end && bytes[run]! >= SPACE && bytes[run] !== QUOTE && bytes[run] !== BACKSLASH) run++;
          to = copyRun(bytes, at, run, out, to);
          at = run;
          if (bytes[at] === QUOTE) {
            out[to++] = BACKSLASH;
            out[to++] = QUOTE;
            at++;
          } else if (bytes[at] === BACKSLASH) {
            if (bytes[at + 1] !== BACKSLASH) return null; // a control character, written as COPY escapes it
            out[to++] = BACKSLASH;
            out[to++] = BACKSLASH;
            at += 2;
          } else break; // the cell's end, or a control character COPY writes as it is: checked below
        }
        out[to++] = QUOTE;
      }
      if (bytes[at] !== stop) return null;
      if (column === hashColumn) {
        if (at - cell !== HASH_LENGTH) return null;
        hashes.set(bytes.subarray(cell, at), row * HASH_LENGTH);
      }
      at++;
    }
    out.set(tail, to);
    to += tail.length;
    if (row === 0) first = firstCell(bytes, rowStart);
    if (row === rows - 1) last = firstCell(bytes, rowStart);
  }
  if (at !== end) return null;
  // The lines leave in a buffer of their size: the scratch is this pass's alone, and twice as large.
  const lines = Buffer.allocUnsafe(to);
  out.copy(lines, 0, 0, to);
  return { lines, hashes, first, last };
}

let scratchBuffer = Buffer.alloc(0);
/**
 * A buffer of at least `size` bytes, the same one from pass to pass while large enough: a batch's
 * output bound is twice its input, and allocating that per batch kept the collector busy.
 */
function scratch(size: number): Buffer {
  if (scratchBuffer.length < size) scratchBuffer = Buffer.allocUnsafeSlow(size);
  return scratchBuffer;
}

/** Copies bytes[from, until) to out at `to`; returns where the copy ends in out. */
function copyRun(bytes: Uint8Array, from: number, until: number, out: Buffer, to: number): number {
  if (until - from > 32) {
    out.set(bytes.subarray(from, until), to);
    return to + until - from;
  }
  for (let at = from; at < until; at++) out[to++] = bytes[at]!;
  return to;
}

function firstCell(bytes: Uint8Array, start: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.indexOf(TAB, start) - start).toString("latin1");
}
