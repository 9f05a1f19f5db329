import { Prisma } from "../db/generated/client";
import { timestampParam } from "./timestamp-param";

/**
 * Conditions on `events e` that need more of the store than a column: free text (the search
 * index), stream membership, recorded time as positions. lib/query maps the search language
 * onto these; their SQL, like every statement on the event tables, stays in the store.
 */

/**
 * The free-text document of the event `alias`: its type (separators as spaces) and every string and
 * number in its data and metadata. The search indexer stores it in event_search; a search computes
 * it for the newest events the indexer has not reached yet.
 */
export const documentOf = (alias: string) =>
  Prisma.sql`(to_tsvector('simple'::regconfig, translate(${Prisma.raw(alias)}.type, '._:-/', '     '))
  || jsonb_to_tsvector('simple'::regconfig, ${Prisma.raw(alias)}.data, '["string", "numeric"]')
  || jsonb_to_tsvector('simple'::regconfig, ${Prisma.raw(alias)}.metadata, '["string", "numeric"]'))`;

/** How far the search indexer has come: every event up to this position has its document. */
export const INDEXED_THROUGH = Prisma.sql`(SELECT coalesce(max(i.position), 0) FROM event_search i)`;

/**
 * The event's type, data or metadata contain this phrase: its indexed document matches (one
 * primary-key probe of event_search), or, for the newest events the indexer has not reached yet,
 * its document computed here, so a result never misses an event. A probe per row, not a set of
 * matching positions: a set (`IN (subquery)`) is hashed only while it fits in work_mem, and past
 * that PostgreSQL re-runs the subquery for every row, which made a negated common word cost
 * seconds per scan window (chaos/expensive-readers.test.ts). Searches walk the log in bounded
 * windows (lib/query/scan-windows.ts), so a probe per row is bounded too.
 */
export function containsPhrase(phrase: string): Prisma.Sql {
  const query = Prisma.sql`phraseto_tsquery('simple', ${phrase})`;
  return Prisma.sql`(EXISTS (SELECT 1 FROM event_search s WHERE s.position = e.position AND s.document @@ ${query})
    OR (e.position > ${INDEXED_THROUGH} AND ${documentOf("e")} @@ ${query}))`;
}

/**
 * The event is in a stream matching `match` (a condition on `m.stream`). One stream: fetch its
 * positions first (primary-key range), so the planner never walks the whole log backwards probing
 * each event. A prefix can match most of the log: probe instead.
 */
export function inStream(match: Prisma.Sql, prefix: boolean): Prisma.Sql {
  return prefix
    ? Prisma.sql`EXISTS (SELECT 1 FROM stream_events m WHERE m.position = e.position AND ${match})`
    : Prisma.sql`e.position = ANY(ARRAY(SELECT m.position FROM stream_events m WHERE ${match}))`;
}

/** The first position recorded at or after `at` (beyond the head when there is none). */
const firstPositionAt = (at: Date) => Prisma.sql`coalesce((SELECT x.position FROM events x
  WHERE x.recorded_at >= ${timestampParam(at)}::timestamptz ORDER BY x.recorded_at, x.position LIMIT 1),
  9223372036854775807)`;

/**
 * Recorded in [from, before) as a range of positions. Invariant (build-event-rows.ts): recorded_at
 * never decreases as position grows, so a time range is a position range, found with two probes of
 * the recorded_at index; a page then walks the primary key instead of sorting every match by time.
 */
export function recordedBetween(from: Date | undefined, before: Date | undefined): Prisma.Sql {
  const parts = [
    ...(from ? [Prisma.sql`e.position >= ${firstPositionAt(from)}`] : []),
    ...(before ? [Prisma.sql`e.position < ${firstPositionAt(before)}`] : []),
  ];
  return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
}
