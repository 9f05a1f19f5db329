import "server-only";
import { Prisma } from "../db/generated/client";
import { STORED_COLUMN as c } from "../store/copy-event-range";
import { CSV_COLUMNS } from "./export-format";

/*
 * Select lists over the store's columns (STORED_COLUMN; the store's copyEventRange runs the COPY).
 * The CSV columns of export-format.ts as PostgreSQL's `COPY … WITH (FORMAT csv)` writes them, so
 * an unfiltered CSV export's rows never become JavaScript objects. COPY quotes exactly as RFC 4180
 * and csvLine do (a field holding a comma, quote, CR or LF, quotes doubled); the formula guard is
 * done here, per column. What stays is settled by read-csv-batch.ts: COPY ends a row with LF
 * (csvLine with CRLF), times are `timestamp` text (csvLine writes ISO text), jsonb's text has a
 * blank after each `:` and `,` (JSON.stringify none), and jsonb writes numbers as PostgreSQL
 * numeric (JSON.stringify the shortest double).
 */

/** Character codes a formula starts with (NEEDS_GUARD in export-format.ts): = + - @ TAB CR LF. */
const FORMULA_STARTS = "61, 43, 45, 64, 9, 13, 10";

/**
 * neutraliseCell on a free-text column: one more leading `'` when the text, after any leading
 * apostrophes, starts with a formula character. An empty text is written as null (an empty cell,
 * as csvLine writes both; COPY would quote an empty string). No regular expressions: PostgreSQL
 * compiles and runs one per call at several times the cost of ascii().
 */
function guarded(column: string): string {
  return `CASE WHEN ascii(${column}) IN (${FORMULA_STARTS})
                 OR (ascii(${column}) = 39 AND ascii(ltrim(${column}, '''')) IN (${FORMULA_STARTS}))
               THEN '''' || ${column} ELSE nullif(${column}, '') END`;
}

/** The instant in UTC as `timestamp` text, rewritten as ISO text by the byte pass: to_char cost PostgreSQL more. */
const utc = (column: string) => `${column} AT TIME ZONE 'UTC'`;

/**
 * Each column's text, in CSV_COLUMNS order. Positions, uuids, timestamps and hashes (hex, by a
 * table constraint) cannot start with a formula character nor hold a character COPY quotes: they
 * are written as they are; so is jsonb, whose text starts with `{`, `[`, `"`, a digit or a letter
 * (a negative number alone is not an object or array, which is all these columns hold). Inclusion
 * proofs belong to filtered exports, which take the row path.
 */
const COLUMN_TEXT = {
  position: c.position,
  id: c.id,
  recordedAt: utc(c.recordedAt),
  occurredAt: utc(c.occurredAt),
  type: guarded(c.type),
  tenant: guarded(c.tenant),
  actorId: guarded(c.actorId),
  actorType: guarded(c.actorType),
  actorName: guarded(c.actorName),
  targets: c.targets,
  streams: c.streams,
  correlationId: guarded(c.correlationId),
  causationId: c.causationId,
  traceId: guarded(c.traceId),
  data: c.data,
  metadata: c.metadata,
  hash: c.hash,
  prevHash: c.prevHash,
  writer: guarded(c.writer),
  inclusionProof: "NULL",
} as const satisfies Record<(typeof CSV_COLUMNS)[number][1], string>;

/** The select list of `events e` whose COPY CSV rows are csvLine's, but for the two differences above. */
export const CSV_COPY_COLUMNS = Prisma.raw(CSV_COLUMNS.map(([, field]) => COLUMN_TEXT[field]).join(", "));

/**
 * The fields of a JSONL line that COPY writes (in text format), in jsonLine's order: all but the
 * inclusion proof, which is null in a contiguous export (the only kind COPY writes). Each column is
 * written as stored, the times in UTC: no guard, no to_json, no to_char; the byte pass
 * (finish-copy-jsonl.ts) quotes and escapes the texts, writes the times as ISO text and compacts jsonb's.
 */
export const JSONL_COPY_FIELDS = CSV_COLUMNS.flatMap(([, field]) => (field === "inclusionProof" ? [] : [field]));

/** The stored columns, unguarded: a JSON string needs no formula guard, and keeps an empty text. */
const STORED_TEXT: Record<(typeof JSONL_COPY_FIELDS)[number], string> = {
  ...c,
  recordedAt: COLUMN_TEXT.recordedAt,
  occurredAt: COLUMN_TEXT.occurredAt,
};

/** The select list of `events e` whose COPY text rows finishCopyJsonl turns into jsonLine's. */
export const JSONL_COPY_COLUMNS = Prisma.raw(JSONL_COPY_FIELDS.map((field) => STORED_TEXT[field]).join(", "));
