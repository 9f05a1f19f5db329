import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { scopeConditions, type TenantScope, whereAll } from "./tenant-scope";

export interface BacklogOptions {
  /** Conditions on `events e` (built by lib/query from the search language). */
  where: Prisma.Sql[];
  scope: TenantScope;
  /** Count the matching events strictly after this position. */
  after: string;
  /** Stop counting here: a backlog of millions costs no more than this many index entries. */
  limit: number;
}

/** How many matching events follow a position (at most `limit`), and how old the first of them is. */
export interface Backlog {
  count: number;
  /** Seconds since the first matching event after the position was recorded; 0 when there is none. */
  oldestAgeSeconds: number;
}

/**
 * The backlog behind a position, in one keyset statement: the first `limit` matching events past
 * `after` in position order. `recorded_at` never decreases with position, so the first of them is
 * the oldest.
 */
export async function countEventsAfter(db: Database, options: BacklogOptions): Promise<Backlog> {
  const conditions = [
    ...options.where,
    ...scopeConditions(options.scope),
    Prisma.sql`e.position > ${options.after}::bigint`,
  ];
  const [row] = await db.query<{ count: number; age: number | null }>(Prisma.sql`
    SELECT count(*)::int AS count,
           extract(epoch FROM now() - min(b.recorded_at))::float8 AS age
      FROM (SELECT e.recorded_at FROM events e ${whereAll(conditions)}
             ORDER BY e.position LIMIT ${options.limit}) b`);
  return { count: row?.count ?? 0, oldestAgeSeconds: Math.max(0, Math.round(row?.age ?? 0)) };
}
