import "server-only";
import { Prisma } from "../db/generated/client";
import { CSV_COLUMNS } from "./export-format";

/*
 * The CSV columns of export-format.ts as PostgreSQL's `COPY … WITH (FORMAT csv)` writes them, so
 * an unfiltered CSV export's rows never become JavaScript objects. COPY quotes exactly as RFC 4180
 * and csvLine do (a field holding a comma, quote, CR or LF, quotes doubled); everything else
 * csvLine does is done here, per column. Two differences stay, and read-csv-batch.ts settles them:
 * COPY ends a row with LF (csvLine with CRLF), and jsonb numbers are written as PostgreSQL numeric
 * (JSON.stringify writes the shortest double). export-sql.test.ts holds both side by side.
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

/**
 * jsonb as JSON.stringify writes the value the driver parses from it, but for numbers: jsonb's
 * text without the blanks after `:` and `,`. json_strip_nulls re-emits json with no blanks (numbers
 * and strings as they are) but also drops object members that are null, so a value with one takes
 * the slower route: a regular expression that keeps string literals whole and drops the blank after
 * a separator outside them. `: null` inside a string only sends a value the slower route.
 */
function compactJson(column: string): string {
  return `CASE WHEN ${column}::text LIKE '%: null%'
            THEN regexp_replace(${column}::text, '("(?:[^"\\\\]|\\\\.)*")|([,:]) ', '\\1\\2', 'g')
            ELSE json_strip_nulls(${column}::json)::text END`;
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Each column's text, in CSV_COLUMNS order. Positions, uuids, timestamps and hashes (hex, by a
 * table constraint) cannot start with a formula character nor hold a character COPY quotes: they
 * are written as they are. Inclusion proofs belong to filtered exports, which take the row path.
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
  targets: compactJson("e.targets"),
  streams: compactJson("e.streams"),
  correlationId: guarded("e.correlation_id"),
  causationId: "e.causation_id",
  traceId: guarded("e.trace_id"),
  data: compactJson("e.data"),
  metadata: compactJson("e.metadata"),
  hash: "e.hash",
  prevHash: "e.prev_hash",
  writer: guarded("e.writer"),
  inclusionProof: "NULL",
} as const satisfies Record<(typeof CSV_COLUMNS)[number][1], string>;

/** The select list of `events e` whose COPY CSV rows are csvLine's, but for the two differences above. */
export const CSV_COPY_COLUMNS = Prisma.raw(CSV_COLUMNS.map(([, field]) => COLUMN_TEXT[field]).join(", "));
