import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { scopeConditions, type TenantScope, whereAll } from "./tenant-scope";

export interface Histogram {
  /** Inclusive start and exclusive end of the whole range, ISO 8601 UTC. */
  from: string;
  to: string;
  buckets: { from: string; to: string; count: number }[];
}

const TIME_COLUMNS = { recorded: Prisma.sql`e.recorded_at`, occurred: Prisma.sql`e.occurred_at` } as const;

/**
 * Counts the events matching `where` within the scope in `bucketCount` equal slices of recorded
 * (server) or occurred (client) time, spanning the first to the last matching event. Two
 * statements: the span (index ends), then one grouped count.
 */
export async function countOverTime(
  db: Database,
  filter: { where: Prisma.Sql[]; scope: TenantScope; time?: keyof typeof TIME_COLUMNS },
  bucketCount = 60,
): Promise<Histogram | null> {
  const where = whereAll([...filter.where, ...scopeConditions(filter.scope)]);
  const column = TIME_COLUMNS[filter.time ?? "recorded"];
  const [span] = await db.query<{ lo: Date | null; hi: Date | null }>(Prisma.sql`
    SELECT min(${column}) AS lo, max(${column}) AS hi FROM events e ${where}`);
  if (!span?.lo || !span.hi) return null;
  const lo = span.lo.getTime();
  const width = Math.max(1, Math.ceil((span.hi.getTime() + 1 - lo) / bucketCount));
  const rows = await db.query<{ bucket: number; count: string }>(Prisma.sql`
    SELECT floor((extract(epoch FROM ${column}) * 1000 - ${lo}) / ${width})::int AS bucket, count(*)::text AS count
      FROM events e ${where} GROUP BY 1`);
  const counts = new Map(rows.map((row) => [Number(row.bucket), Number(row.count)]));
  return {
    from: new Date(lo).toISOString(),
    to: new Date(lo + width * bucketCount).toISOString(),
    buckets: Array.from({ length: bucketCount }, (_, i) => ({
      from: new Date(lo + i * width).toISOString(),
      to: new Date(lo + (i + 1) * width).toISOString(),
      count: counts.get(i) ?? 0,
    })),
  };
}
