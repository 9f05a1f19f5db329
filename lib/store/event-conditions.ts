import { Prisma } from "../db/generated/client";
import { timestampParam } from "./timestamp-param";

/**
 * Conditions on `events e` that need more of the store than a column: free text (the search
 * index), stream membership, recorded time as positions. lib/query maps the search language
 * onto these; their SQL, like every statement on the event tables, stays in the store.
 */

/** Must stay identical to the expression of events_fulltext_idx, or the index is not used. */
export const FULLTEXT = Prisma.sql`(to_tsvector('simple'::regconfig, translate(e.type, '._:-/', '     '))
  || jsonb_to_tsvector('simple'::regconfig, e.data, '["string", "numeric"]')
  || jsonb_to_tsvector('simple'::regconfig, e.metadata, '["string", "numeric"]'))`;

/** The event's type, data or metadata contain this phrase (full-text index). */
export function containsPhrase(phrase: string): Prisma.Sql {
  return Prisma.sql`${FULLTEXT} @@ phraseto_tsquery('simple', ${phrase})`;
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
