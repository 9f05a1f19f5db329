import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { TenantScope } from "./tenant-scope";

export interface StreamCategory {
  /** The stream names' part before the first `-` (`Order-42` → `Order`); a name without `-` is its own. */
  name: string;
  /** Some stream in it is named `<name>-…`: its streams are listed by the prefix `<name>-`. */
  dashed: boolean;
  streams: number;
  events: number;
  lastAt: string;
}

/**
 * Stream categories within the scope, by name, with their streams, events and last activity, up
 * to `limit` of them (`more` when there are others). One grouped statement over the memberships
 * the scope sees: exact counts, at the cost of reading every membership row.
 */
export async function listStreamCategories(
  db: Database,
  scope: TenantScope,
  limit = 200,
): Promise<{ items: StreamCategory[]; more: boolean }> {
  const visible =
    scope === "all-tenants"
      ? Prisma.empty
      : Prisma.sql`JOIN events e ON e.position = m.position AND e.tenant = ${scope.tenant}`;
  const rows = await db.query<{ name: string; dashed: boolean; streams: string; events: string; last_at: Date }>(
    Prisma.sql`
    SELECT split_part(m.stream, '-', 1) AS name, bool_or(m.stream LIKE '%-%') AS dashed,
           count(DISTINCT m.stream)::text AS streams, count(*)::text AS events, max(m.linked_at) AS last_at
      FROM stream_events m ${visible}
     GROUP BY split_part(m.stream, '-', 1) ORDER BY 1 LIMIT ${limit + 1}`,
  );
  return {
    items: rows.slice(0, limit).map((row) => ({
      name: row.name,
      dashed: row.dashed,
      streams: Number(row.streams),
      events: Number(row.events),
      lastAt: row.last_at.toISOString(),
    })),
    more: rows.length > limit,
  };
}
