import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { BATCH_FIELDS } from "./check-batch";
import { EVENT_COLUMNS } from "./event-record";

/**
 * One batch of events as the database wrote it, for checkBatch: on PostgreSQL the bytes of
 * `COPY (SELECT EVENT_COLUMNS …) TO STDOUT` (text format), elsewhere a JSON array of rows
 * (BATCH_FIELDS arrays). Either is passed on to a worker as it is; this thread only reads the
 * first and last positions.
 */
export interface RowsBatch {
  count: number;
  first: string;
  last: string;
  rows: string | Uint8Array;
}

/** A position written into SQL text (COPY takes no parameters): digits only, checked. */
function literal(position: string): Prisma.Sql {
  if (!/^\d{1,19}$/.test(position)) throw new Error(`not a position: ${position}`);
  return Prisma.raw(position);
}

/** The first field of the line that starts at `at`: a position, digits only. */
function positionAt(bytes: Uint8Array, at: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + at, bytes.indexOf(9, at) - at).toString("latin1");
}

/**
 * The events past `after` (up to `upTo`) in position order, at most `limit`. Both forms carry every
 * column exactly as the driver would read it: COPY writes each column's text output (jsonb as its
 * JSON text, escaped as COPY escapes text), and json_build_array embeds the same texts as JSON.
 * COPY costs PostgreSQL less than half the CPU of building the JSON. The rows are in position order
 * as the query sorts them; checkBatch sorts them again should they not be.
 */
export async function readRows(db: Database, after: string, upTo: string | undefined, limit: number) {
  const bound = upTo === undefined ? Prisma.empty : Prisma.sql`AND e.position <= ${literal(upTo)}`;
  const select = Prisma.sql`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.position > ${literal(after)} ${bound}
                             ORDER BY e.position LIMIT ${Prisma.raw(String(Math.trunc(limit)))}`;
  if (db.copyOut) {
    const { bytes, rows } = await db.copyOut(Prisma.sql`COPY (${select}) TO STDOUT`);
    if (rows === 0) return { count: 0, first: after, last: after, rows: bytes };
    // Every line ends with a newline, and no value holds one unescaped.
    const last = positionAt(bytes, bytes.lastIndexOf(10, bytes.length - 2) + 1);
    return { count: rows, first: positionAt(bytes, 0), last, rows: bytes };
  }
  const values = Prisma.raw(BATCH_FIELDS.map((field) => `x."${field}"`).join(", "));
  const [row] = await db.query<{ count: number; first: string | null; last: string | null; json: string | null }>(
    Prisma.sql`
      SELECT count(*)::int AS count, min(x.position::bigint)::text AS first, max(x.position::bigint)::text AS last,
             '[' || string_agg(json_build_array(${values})::text, ',') || ']' AS json
        FROM (${select}) x`,
  );
  return { count: row?.count ?? 0, first: row?.first ?? after, last: row?.last ?? after, rows: row?.json ?? "[]" };
}

/**
 * The stream memberships at positions first..last as (position, stream, version) rows, all text:
 * the bytes of a COPY on PostgreSQL, else JSON text of [position, stream, version] arrays; or null.
 */
export async function readMembers(db: Database, first: string, last: string): Promise<string | Uint8Array | null> {
  const select = Prisma.sql`SELECT position::text, stream, version::text FROM stream_events
                             WHERE position BETWEEN ${literal(first)} AND ${literal(last)}`;
  if (db.copyOut) {
    const { bytes, rows } = await db.copyOut(Prisma.sql`COPY (${select}) TO STDOUT`);
    return rows === 0 ? null : bytes;
  }
  const [row] = await db.query<{ members: string | null }>(Prisma.sql`
    SELECT json_agg(json_build_array(x.position, x.stream, x.version))::text AS members FROM (${select}) x`);
  return row?.members ?? null;
}

/**
 * The merkle_nodes rows at positions first..last, as a count and the SHA-256 of their text
 * ("position {h0,h1,…}" lines in position order): what the rows the log makes must hash to. Reading
 * the rows themselves (a text[] each) cost more than rebuilding the tree; they are read only when the
 * digest differs, to name the rows that do.
 */
export async function readNodesDigest(db: Database, first: string, last: string) {
  const [row] = await db.query<{ count: number; digest: string }>(Prisma.sql`
    SELECT count(*)::int AS count,
           encode(sha256(convert_to(coalesce(string_agg(x.line, E'\n'), ''), 'UTF8')), 'hex') AS digest
      FROM (SELECT position::text || ' ' || hashes::text AS line FROM merkle_nodes
             WHERE position BETWEEN ${first}::bigint AND ${last}::bigint ORDER BY position) x`);
  return { count: row?.count ?? 0, digest: row?.digest ?? "" };
}

/** merkle_nodes rows at positions first..last: position → the hashes as text (`{h0,h1,…}`). */
export async function readNodeRows(db: Database, first: string, last: string): Promise<Map<string, string>> {
  const rows = await db.query<{ position: string; hashes: string }>(Prisma.sql`
    SELECT position::text AS position, hashes::text AS hashes FROM merkle_nodes
     WHERE position BETWEEN ${first}::bigint AND ${last}::bigint`);
  return new Map(rows.map((row) => [row.position, row.hashes]));
}
