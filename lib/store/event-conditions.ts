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
 * The event's type, data or metadata contain this phrase: the positions whose indexed document
 * matches (GIN index), plus the newest events not indexed yet, whose documents are computed here,
 * so a result never misses an event the indexer has not reached. One set per phrase, so a
 * negated phrase costs one index lookup, not a document per event.
 */
export function containsPhrase(phrase: string): Prisma.Sql {
  const query = Prisma.sql`phraseto_tsquery('simple', ${phrase})`;
  return Prisma.sql`e.position IN (SELECT s.position FROM event_search s WHERE s.document @@ ${query}
    UNION ALL SELECT t.position FROM events t
     WHERE t.position > ${INDEXED_THROUGH} AND ${documentOf("t")} @@ ${query})`;
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
