const TAB = 9;
const LF = 10;
const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;
const N = 78;
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
  hashColumn: number;
  /** What ends each object after the last column's member, before `}`: e.g. `,"inclusionProof":null`. */
  tail: string;
}

/**
 * COPY's text-format bytes (`rows` rows of `fields.length` tab-separated cells, each line ending
 * with LF) as jsonLine writes the rows: `{"field":value,…tail}` and LF per row, in one pass.
 * - `\N` (a null; a backslash in data is always written `\\`) is `null`.
 * - A text cell is a JSON string: `"` becomes `\"`, and COPY's `\\` is already JSON's escape of a
 *   backslash. COPY writes control characters as other escapes (`\t`, `\n`) or as they are; JSON
 *   escapes them otherwise for some (`\v`), so a cell holding any declines the batch (null).
 * - A jsonb cell is its JSON text, compacted as JSON.stringify writes it: COPY's `\\` is one
 *   backslash, and the blanks jsonb writes after `:` and `,` outside strings are dropped (jsonb
 *   writes no other blank outside strings, and escapes every control character inside them).
 * The hash cells are collected on the way. Null if the bytes are not exactly `rows` rows (at least
 * one) of the layout's cells, a hash cell is not 64 characters, or a cell holds what is described
 * above as declined. Numbers are copied as jsonb wrote them: telling those JSON.stringify writes
 * otherwise is the caller's (read-jsonl-batch.ts).
 */
export function finishCopyJsonl(bytes: Uint8Array, rows: number, layout: JsonlLayout): FinishedJsonl | null {
  const { fields, jsonColumns, hashColumn } = layout;
  const columns = fields.length;
  const keys = fields.map((field, i) => Buffer.from(`${i === 0 ? "{" : ","}${JSON.stringify(field)}:`));
  const tail = Buffer.from(`${layout.tail}}\n`);
  const json = fields.map((_, i) => jsonColumns.has(i));
  const keyBytes = keys.reduce((sum, key) => sum + key.length, 0) + tail.length;
  // A text byte becomes at most two (`"` → `\"`), a cell gains two quotes, `\N` becomes `null`.
  const out = Buffer.allocUnsafe(2 * bytes.length + rows * (keyBytes + 2 * columns));
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
        to += out.write("null", to, "latin1");
        at += 2;
      } else if (json[column]) {
        let inString = false;
        let escaped = false;
        for (; at < end; at++) {
          const byte = bytes[at]!;
          if (byte === TAB || byte === LF) break;
          if (byte === BACKSLASH) {
            if (bytes[++at] !== BACKSLASH) return null; // jsonb text holds no control character
          }
          if (inString) {
            out[to++] = byte;
            if (escaped) escaped = false;
            else if (byte === BACKSLASH) escaped = true;
            else if (byte === QUOTE) inString = false;
          } else if (byte !== SPACE) {
            out[to++] = byte;
            if (byte === QUOTE) inString = true;
          }
        }
        if (inString) return null;
      } else {
        out[to++] = QUOTE;
        for (; at < end; at++) {
          const byte = bytes[at]!;
          if (byte === TAB || byte === LF) break;
          if (byte === QUOTE) {
            out[to++] = BACKSLASH;
            out[to++] = QUOTE;
          } else if (byte === BACKSLASH) {
            if (bytes[++at] !== BACKSLASH) return null; // a control character, written as COPY escapes it
            out[to++] = BACKSLASH;
            out[to++] = BACKSLASH;
          } else if (byte < SPACE) return null;
          else out[to++] = byte;
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
  return { lines: out.subarray(0, to), hashes, first, last };
}

function firstCell(bytes: Uint8Array, start: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.indexOf(TAB, start) - start).toString("latin1");
}
