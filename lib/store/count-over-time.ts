import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { scopeConditions, type TenantScope, whereAll } from "./tenant-scope";
import { timestampParam } from "./timestamp-param";

export interface Histogram {
  /** Inclusive start and exclusive end of the whole range, ISO 8601 UTC. */
  from: string;
  to: string;
  buckets: { from: string; to: string; count: number }[];
  /**
   * Null when every matching event was counted; else matching events may lie further back than
   * the window, and only those after this position were counted (the `window` positions up to
   * the last match).
   */
  after: string | null;
  window: number;
  /**
   * Recorded-time histograms only: when the first and the last counted match occurred (client
   * time), beside when they were recorded (`from`, `to`). A backfill or the demo seed is recorded
   * in a moment but happened over weeks: the page then points to the occurred-time view.
   */
  occurred?: { first: string; last: string };
}

/**
 * The most positions, ending at the last match, a histogram examines (callers may pass fewer:
 * histogram-search.ts does for filters that read rows). Recorded-time histograms count position
 * ranges, which an indexed filter (type, actor, tenant, correlation, none) answers from its
 * (column, position) index alone (1,000,000 events in 70 ms on a vacuumed table, against 400 ms
 * bucketing each row's time); PGlite has no autovacuum to make index-only scans pay.
 */
export const HISTOGRAM_WINDOW = { pglite: 50_000, postgres: 1_000_000 } as const;

type TimeField = "recorded" | "occurred";

/**
 * Counts the events matching `where` within the scope in `bucketCount` equal slices of recorded
 * (server) or occurred (client) time, spanning the first to the last matching event within
 * `window` positions of the last match (a search narrowed to older times windows there).
 */
export async function countOverTime(
  db: Database,
  filter: { where: Prisma.Sql[]; scope: TenantScope; time?: TimeField },
  bucketCount = 60,
  window: number = HISTOGRAM_WINDOW[db.kind],
): Promise<Histogram | null> {
  const matching = [...filter.where, ...scopeConditions(filter.scope)];
  const [last] = await db.query<{ top: string | null }>(
    Prisma.sql`SELECT max(e.position)::text AS top FROM events e ${whereAll(matching)}`,
  );
  if (!last?.top) return null;
  const top = BigInt(last.top);
  const after = top > BigInt(window) ? top - BigInt(window) : 0n;
  const inWindow = [...matching, Prisma.sql`e.position > ${String(after)}::bigint`];
  const counted =
    filter.time === "occurred"
      ? await countByOccurredTime(db, inWindow, bucketCount)
      : await countByRecordedTime(db, inWindow, top, bucketCount);
  return { ...counted, after: after > 0n ? String(after) : null, window };
}

type Counted = Pick<Histogram, "from" | "to" | "buckets" | "occurred">;

function bucketsOf(lo: number, width: number, bucketCount: number, count: (i: number) => number): Counted {
  return {
    from: new Date(lo).toISOString(),
    to: new Date(lo + width * bucketCount).toISOString(),
    buckets: Array.from({ length: bucketCount }, (_, i) => ({
      from: new Date(lo + i * width).toISOString(),
      to: new Date(lo + (i + 1) * width).toISOString(),
      count: count(i),
    })),
  };
}

/** Each matching row's occurred time, bucketed: the span, then one grouped count. */
async function countByOccurredTime(db: Database, where: Prisma.Sql[], bucketCount: number): Promise<Counted> {
  const [span] = await db.query<{ lo: Date; hi: Date }>(Prisma.sql`
    SELECT min(e.occurred_at) AS lo, max(e.occurred_at) AS hi FROM events e ${whereAll(where)}`);
  const lo = span!.lo.getTime();
  const width = Math.max(1, Math.ceil((span!.hi.getTime() + 1 - lo) / bucketCount));
  const rows = await db.query<{ bucket: number; count: string }>(Prisma.sql`
    SELECT floor((extract(epoch FROM e.occurred_at) * 1000 - ${lo}) / ${width})::int AS bucket,
           count(*)::text AS count
      FROM events e ${whereAll(where)} GROUP BY 1`);
  const counts = new Map(rows.map((row) => [Number(row.bucket), Number(row.count)]));
  return bucketsOf(lo, width, bucketCount, (i) => counts.get(i) ?? 0);
}

/**
 * Recorded time as positions. Invariant (build-event-rows.ts): recorded_at never decreases as
 * position grows, so each time slice is a position range whose start is one probe of the
 * recorded_at index, and a slice's count is a count over a position range: no row's time is read.
 * Two statements: the span (first match, its times and the last match's), then the counts.
 */
async function countByRecordedTime(
  db: Database,
  where: Prisma.Sql[],
  top: bigint,
  bucketCount: number,
): Promise<Counted> {
  // The occurred times are two more probes of the same two rows by primary key: no scan.
  const [span] = await db.query<{ first: string; lo: Date; hi: Date; firstOccurred: Date; lastOccurred: Date }>(
    Prisma.sql`
    WITH first AS (SELECT min(e.position) AS p FROM events e ${whereAll(where)})
    SELECT (SELECT p FROM first)::text AS first,
           (SELECT x.recorded_at FROM events x WHERE x.position = (SELECT p FROM first)) AS lo,
           (SELECT x.recorded_at FROM events x WHERE x.position = ${String(top)}::bigint) AS hi,
           (SELECT x.occurred_at FROM events x WHERE x.position = (SELECT p FROM first)) AS "firstOccurred",
           (SELECT x.occurred_at FROM events x WHERE x.position = ${String(top)}::bigint) AS "lastOccurred"`,
  );
  const lo = span!.lo.getTime();
  const width = Math.max(1, Math.ceil((span!.hi.getTime() + 1 - lo) / bucketCount));
  const starts = Array.from({ length: bucketCount - 1 }, (_, i) => timestampParam(new Date(lo + (i + 1) * width)));
  const end = String(top + 1n);
  // A slice starts at the first position recorded at or after its start time (clamped to the
  // last match), and ends where the next begins; the first starts at the first match.
  const inSlice = whereAll([...where, Prisma.sql`e.position >= c.lo AND e.position < c.hi`]);
  const rows = await db.query<{ i: number; count: string }>(Prisma.sql`
    WITH starts AS (
      SELECT 0 AS i, ${span!.first}::bigint AS p
      UNION ALL
      SELECT s.i::int, least(coalesce((SELECT x.position FROM events x WHERE x.recorded_at >= s.t
                                        ORDER BY x.recorded_at, x.position LIMIT 1), ${end}::bigint), ${end}::bigint)
        FROM unnest(${starts}::timestamptz[]) WITH ORDINALITY AS s(t, i)),
    slices AS (SELECT i, p AS lo, lead(p, 1, ${end}::bigint) OVER (ORDER BY i) AS hi FROM starts)
    SELECT c.i, (SELECT count(*) FROM events e ${inSlice})::text AS count
      FROM slices c`);
  const counts = new Map(rows.map((row) => [Number(row.i), Number(row.count)]));
  const occurred = { first: span!.firstOccurred.toISOString(), last: span!.lastOccurred.toISOString() };
  return { ...bucketsOf(lo, width, bucketCount, (i) => counts.get(i) ?? 0), occurred };
}
