import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { parseOrThrow } from "../validation/parse-or-throw";
import { ValuePrefix } from "./schemas";
import type { TenantScope } from "./tenant-scope";

const Options = z.object({ prefix: ValuePrefix, limit: z.number().int().min(1).max(100) });

/**
 * Bounds on a tenant-bound lookup, which no index answers exactly (stream_events has no tenant):
 * at most `walkSteps` streams are examined in name order, and the streams of the tenant's newest
 * `recentEvents` events among the newest `recentWindow` positions are added. The window bounds the
 * work whatever plan is chosen: without statistics (PGlite never gathers any) the planner may
 * read all of a tenant's events in a range and sort them rather than walk an index backwards.
 */
export const STREAM_PREFIX_LIMITS = { walkSteps: 200, recentEvents: 2_000, recentWindow: 20_000 } as const;

export interface StreamPrefix {
  /** A stream name, or with `prefix` the start of several (up to and including a `-`). */
  value: string;
  /** Streams starting with `value`: the search term is `stream:<value>*`. */
  prefix: boolean;
}

/**
 * What may follow `prefix` in a stream name, segment by segment: for `Ord`, `Order-` (a prefix of
 * `Order-1`, `Order-2`, …) and `Orders` (a whole name); for `Order-`, the next segment, and so on.
 * The first `limit` in byte order. A loose scan of the (stream, …) index: one probe per segment,
 * which then skips every other stream of that segment.
 *
 * Every tenant's streams: exact, `complete` when all are listed. A tenant's: a stream counts when
 * its first event (version 0) is the tenant's, checked as the walk meets it; a stream that is
 * another tenant's skips the segment after the one suggested (`Order-globex-…` after
 * `Order-globex-1`), so a shared category costs a probe per tenant in it, not per stream. As the
 * walk is capped, the streams of the tenant's recent events are added, and `complete` is never
 * claimed: a longer prefix may find streams this one missed. Nothing of another tenant is shown:
 * each value is a part of the name of a stream holding one of the tenant's events.
 */
export async function listStreamPrefixes(
  db: Database,
  scope: TenantScope,
  options: z.input<typeof Options>,
): Promise<{ values: StreamPrefix[]; complete: boolean }> {
  const { prefix, limit } = parseOrThrow(Options, options);
  const p = Prisma.sql`${prefix}::text`;
  const length = Prisma.sql`char_length(${p})`;
  const visible = (stream: Prisma.Sql) =>
    scope === "all-tenants"
      ? Prisma.sql`TRUE`
      : Prisma.sql`EXISTS (SELECT 1 FROM stream_events v JOIN events e ON e.position = v.position
                            WHERE v.stream = ${stream} AND v.version = 0 AND e.tenant = ${scope.tenant})`;
  const first = (from: Prisma.Sql) =>
    Prisma.sql`(SELECT m.stream FROM stream_events m WHERE m.stream >= ${from} ORDER BY m.stream LIMIT 1)`;
  // The tenant's newest events, each looked up by position (LATERAL: a join would scan memberships).
  const recent =
    scope === "all-tenants"
      ? Prisma.empty
      : Prisma.sql`UNION
      SELECT x.stream FROM (
        SELECT e.position FROM events e
         WHERE e.tenant = ${scope.tenant}
           AND e.position > (SELECT max(h.position) FROM events h) - ${STREAM_PREFIX_LIMITS.recentWindow}
         ORDER BY e.position DESC LIMIT ${STREAM_PREFIX_LIMITS.recentEvents}) r
        CROSS JOIN LATERAL (SELECT m.stream FROM stream_events m WHERE m.position = r.position LIMIT 100) x
       WHERE starts_with(x.stream, ${p})`;
  // A walk row: a stream, whether it is visible, and how many visible rows came before it. `a.d`
  // is the `-` ending the segment after the prefix, `b.d` the one after it: the next probe starts
  // past the segment (`X-…` ends before `X.`: `-` and `.` are adjacent bytes) or past the stream.
  const rows = await db.query<{ value: string; prefix: boolean }>(Prisma.sql`
    WITH RECURSIVE walk(stream, visible, n, found) AS (
      SELECT f.stream, ${visible(Prisma.sql`f.stream`)}, 1, 0 FROM (SELECT ${first(p)} AS stream) f
      UNION ALL
      SELECT f.stream, ${visible(Prisma.sql`f.stream`)}, w.n + 1, w.found + w.visible::int
        FROM walk w
        CROSS JOIN LATERAL (SELECT strpos(substr(w.stream, ${length} + 1), '-') AS d) a
        CROSS JOIN LATERAL (SELECT strpos(substr(w.stream, ${length} + a.d + 1), '-') AS d) b
        CROSS JOIN LATERAL (SELECT ${first(Prisma.sql`CASE
          WHEN w.visible AND a.d > 0 THEN left(w.stream, ${length} + a.d - 1) || '.'
          WHEN NOT w.visible AND a.d > 0 AND b.d > 0 THEN left(w.stream, ${length} + a.d + b.d - 1) || '.'
          ELSE w.stream || chr(1) END`)} AS stream) f
       WHERE starts_with(w.stream, ${p}) AND w.n < ${STREAM_PREFIX_LIMITS.walkSteps}::int
         AND w.found + w.visible::int <= ${limit}::int),
    found AS (
      SELECT w.stream FROM walk w WHERE w.visible AND starts_with(w.stream, ${p})
      ${recent})
    SELECT DISTINCT s.value, s.prefix FROM found f
      CROSS JOIN LATERAL (SELECT strpos(substr(f.stream, ${length} + 1), '-') AS d) a
      CROSS JOIN LATERAL (SELECT CASE WHEN a.d > 0 THEN left(f.stream, ${length} + a.d) ELSE f.stream END AS value,
                                 a.d > 0 AS prefix) s
     ORDER BY s.value LIMIT ${limit + 1}::int`);
  return { values: rows.slice(0, limit), complete: scope === "all-tenants" && rows.length <= limit };
}
