import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { CSV_COPY_COLUMNS } from "./export-sql";

/** A batch of export lines: its row count, first and last positions, and its rows' hashes concatenated. */
export interface ExportBatch {
  count: number;
  first: string | null;
  last: string | null;
  /** The rows' hashes in position order, concatenated: the manifest digest runs over them. */
  hashes: string;
  lines: string | Uint8Array;
}

/** A position written into SQL text (COPY takes no parameters): digits only, checked. */
function literal(position: string): Prisma.Sql {
  if (!/^\d{1,19}$/.test(position)) throw new Error(`not a position: ${position}`);
  return Prisma.raw(position);
}

/**
 * A number jsonb writes otherwise than JSON.stringify: a fraction ending in 0, 16 or more digits
 * (beyond what a double keeps, or past 1e21 where JavaScript switches to exponents), below 1e-6,
 * or -0; or an integer-like object key (JavaScript puts those first, jsonb by length). Matched on
 * the CSV text as a token between `,` `:` `[` and `,` `]` `}`, so a hash cell (64 hex digits)
 * only matches if all are decimal; text cells may match too, which only costs speed.
 */
const INEXACT_JSON = /[,:[](?:-?[0-9]+\.[0-9]*0[\],}]|-?[0-9.]{16,}[\],}]|-?0\.000000|-0[\],}])|[{,]""[0-9]+"":/;

/** COPY's rows with CRLF line ends, or null if a field holds a line feed (so not every LF ends a row). */
function withCrlf(bytes: Uint8Array, rows: number): Buffer | null {
  const out = Buffer.allocUnsafe(bytes.length + rows);
  let from = 0;
  let to = 0;
  let lines = 0;
  for (let at = bytes.indexOf(10); at !== -1 && lines < rows; at = bytes.indexOf(10, from)) {
    out.set(bytes.subarray(from, at), to);
    to += at - from;
    out[to++] = 13;
    out[to++] = 10;
    from = at + 1;
    lines++;
  }
  return lines === rows && from === bytes.length ? out : null;
}

/**
 * The CSV lines of the next `limit` events past `after` (up to `upTo`, every tenant, no search):
 * byte for byte what csvLine writes for the rows readChainBatch reads, or null when this batch must
 * be formatted from its rows instead (a field with a line feed, or a number or key above). Written
 * by `COPY … TO STDOUT WITH (FORMAT csv)` (export-sql.ts); PostgreSQL only (Database.copyOut).
 */
export async function readCsvBatch(
  db: Database,
  options: { after: string; upTo: string; limit: number },
): Promise<ExportBatch | null> {
  if (!db.copyOut) return null;
  const range = Prisma.sql`e.position > ${literal(options.after)} AND e.position <= ${literal(options.upTo)}`;
  const limit = Prisma.raw(String(Math.trunc(options.limit)));
  // The hashes on another connection, at the same time: a short index-range read.
  const [copied, [hashes]] = await Promise.all([
    db.copyOut(Prisma.sql`COPY (SELECT ${CSV_COPY_COLUMNS} FROM events e WHERE ${range}
                                ORDER BY e.position LIMIT ${limit}) TO STDOUT WITH (FORMAT csv)`),
    db.query<{ count: number; first: string | null; last: string | null; hashes: string }>(Prisma.sql`
      SELECT count(*)::int AS count, min(x.position)::text AS first, max(x.position)::text AS last,
             coalesce(string_agg(x.hash, '' ORDER BY x.position), '') AS hashes
        FROM (SELECT e.position, e.hash FROM events e WHERE ${range} ORDER BY e.position LIMIT ${limit}) x`),
  ]);
  if (!hashes || hashes.count !== copied.rows) throw new Error("the export's COPY and its hashes disagree");
  const lines = withCrlf(copied.bytes, copied.rows);
  if (!lines || INEXACT_JSON.test(lines.toString("latin1"))) return null;
  return { count: hashes.count, first: hashes.first, last: hashes.last, hashes: hashes.hashes, lines };
}
