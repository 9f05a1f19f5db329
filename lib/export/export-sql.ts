import "server-only";
import { Prisma } from "../db/generated/client";
import { CSV_COLUMNS } from "./export-format";

/*
 * The CSV columns of export-format.ts as PostgreSQL's `COPY … WITH (FORMAT csv)` writes them, so
 * an unfiltered CSV export's rows never become JavaScript objects. COPY quotes exactly as RFC 4180
 * and csvLine do (a field holding a comma, quote, CR or LF, quotes doubled); the formula guard is
 * done here, per column. What stays is settled by read-csv-batch.ts: COPY ends a row with LF
 * (csvLine with CRLF), jsonb's text has a blank after each `:` and `,` (JSON.stringify none), and
 * jsonb writes numbers as PostgreSQL numeric (JSON.stringify the shortest double).
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

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Each column's text, in CSV_COLUMNS order. Positions, uuids, timestamps and hashes (hex, by a
 * table constraint) cannot start with a formula character nor hold a character COPY quotes: they
 * are written as they are; so is jsonb, whose text starts with `{`, `[`, `"`, a digit or a letter
 * (a negative number alone is not an object or array, which is all these columns hold). Inclusion
 * proofs belong to filtered exports, which take the row path.
 */
const COLUMN_TEXT = {
  position: "e.position",
  id: "e.id",
  recordedAt: iso("e.recorded_at"),
  occurredAt: iso("e.occurred_at"),
  type: guarded("e.type"),
  tenant: guarded("e.tenant"),
  actorId: guarded("e.actor_id"),
  actorType: guarded("e.actor_type"),
  actorName: guarded("e.actor_name"),
  targets: "e.targets",
  streams: "e.streams",
  correlationId: guarded("e.correlation_id"),
  causationId: "e.causation_id",
  traceId: guarded("e.trace_id"),
  data: "e.data",
  metadata: "e.metadata",
  hash: "e.hash",
  prevHash: "e.prev_hash",
  writer: guarded("e.writer"),
  inclusionProof: "NULL",
} as const satisfies Record<(typeof CSV_COLUMNS)[number][1], string>;

/** The select list of `events e` whose COPY CSV rows are csvLine's, but for the two differences above. */
export const CSV_COPY_COLUMNS = Prisma.raw(CSV_COLUMNS.map(([, field]) => COLUMN_TEXT[field]).join(", "));
