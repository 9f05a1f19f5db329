import { DIGIT, inexactNumber, integerLike, isTime, NUMBER, writeIsoTime } from "./jsonb-text";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BACKSLASH = 92;
const MINUS = 45;
const COLON = 58;
const HASH_LENGTH = 64;
/** A time cell grows from `timestamp` text (at least 19 bytes) to ISO text (24). */
const TIME_GROWTH = 5;

export interface FinishedCsv {
  lines: Buffer;
  /** The `hashColumn` cells (64 hex digits each), concatenated in row order. */
  hashes: Buffer;
  /** The first cell of the first and of the last row. */
  first: string;
  last: string;
}

/**
 * COPY's CSV bytes (`FORMAT csv`, `columns` per row, `rows` rows) as csvLine writes them, in one
 * pass that tracks the CSV quoting and, inside JSON cells, JSON strings and their escapes (a line
 * feed inside a quoted cell is data):
 * - every row ends with CRLF instead of LF;
 * - a `timeColumns` cell (`timestamp` text, UTC) is written as toISOString writes it;
 * - in the cells of `jsonColumns` (jsonb's text, RFC 4180 quoted) the blanks jsonb writes after `:`
 *   and `,` are dropped, which gives JSON.stringify's compact form (jsonb writes no other blank
 *   outside strings); a number JavaScript would write otherwise than jsonb, or an object key of
 *   digits (JavaScript puts array indices first, jsonb orders keys by length), declines the batch
 *   (jsonb-text.ts says which).
 * The rows' `hashColumn` cells are collected on the way. Null if the bytes do not hold exactly
 * `rows` rows (at least one) of `columns` cells, a hash cell is not 64 characters, a time cell is
 * not a time isTime knows, a JSON cell starts with `-` (a bare negative number, which csvLine would
 * guard; these hold objects and arrays) or holds a number outside quotes, or a cell holds what is
 * declined above. The first column is neither a time nor a hash.
 */
export function finishCopyCsv(
  bytes: Uint8Array,
  rows: number,
  layout: { columns: number; jsonColumns: ReadonlySet<number>; timeColumns: ReadonlySet<number>; hashColumn: number },
): FinishedCsv | null {
  const { columns, jsonColumns, hashColumn } = layout;
  const out = Buffer.allocUnsafe(bytes.length + rows * (1 + TIME_GROWTH * layout.timeColumns.size));
  const hashes = Buffer.allocUnsafe(rows * HASH_LENGTH);
  let lastRow = 0;
  const json = Array.from({ length: columns }, (_, i) => jsonColumns.has(i));
  const time = Array.from({ length: columns }, (_, i) => layout.timeColumns.has(i));
  const end = bytes.length;
  /** Where the JSON string being read starts (its first byte after the opening quotes). */
  let text = 0;
  let to = 0;
  let row = 0;
  let column = 0;
  let quoted = false;
  let inString = false;
  let escaped = false;
  for (let at = 0; at < end; at++) {
    const byte = bytes[at]!;
    if (!quoted) {
      if (byte === QUOTE) quoted = true;
      else if (byte === COMMA) {
        column++;
        if (column === hashColumn) {
          if (row >= rows || bytes[at + 1 + HASH_LENGTH] !== COMMA) return null;
          hashes.set(bytes.subarray(at + 1, at + 1 + HASH_LENGTH), row * HASH_LENGTH);
        }
        if (time[column]) {
          let run = at + 1;
          while (run < end && bytes[run] !== COMMA && bytes[run] !== LF) run++;
          if (!isTime(bytes, at + 1, run)) return null;
          out[to++] = COMMA;
          to = writeIsoTime(bytes, at + 1, run, out, to);
          at = run - 1;
          continue;
        }
      } else if (json[column] && (byte === MINUS || DIGIT[byte])) {
        return null; // a number in a JSON cell unquoted: not an object or array that held a string
      } else if (byte === LF) {
        if (column !== columns - 1) return null;
        out[to++] = CR;
        row++;
        column = 0;
        if (row < rows) lastRow = at + 1;
      }
      out[to++] = byte;
      continue;
    }
    if (byte === QUOTE) {
      out[to++] = QUOTE;
      if (bytes[at + 1] !== QUOTE) {
        quoted = false; // the cell's closing quote
        continue;
      }
      out[to++] = QUOTE; // a doubled quote: one quote in the cell
      at++;
      if (json[column]) {
        if (!inString) {
          inString = true;
          text = at + 1;
        } else if (escaped) escaped = false;
        else {
          inString = false;
          if (bytes[at + 1] === COLON && integerLike(bytes, text, at - 1)) return null;
        }
      }
    } else if (!json[column]) out[to++] = byte;
    else if (inString) {
      out[to++] = byte;
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
    } else if (byte === MINUS || DIGIT[byte]) {
      let run = at;
      while (run < end && NUMBER[bytes[run]!]) run++;
      if (inexactNumber(bytes, at, run)) return null;
      while (at < run) out[to++] = bytes[at++]!;
      at--;
    } else if (byte !== SPACE) out[to++] = byte;
  }
  if (rows === 0 || row !== rows || column !== 0 || quoted || bytes[bytes.length - 1] !== LF) return null;
  const firstCell = (start: number) =>
    Buffer.from(bytes.subarray(start, bytes.indexOf(COMMA, start))).toString("latin1");
  return { lines: out.subarray(0, to), hashes, first: firstCell(0), last: firstCell(lastRow) };
}
