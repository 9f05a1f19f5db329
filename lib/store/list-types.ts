import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { scopeConditions, type TenantScope, whereAll } from "./tenant-scope";

export interface TypeSummary {
  type: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

/** The catalogue of event types within the scope, with counts and first/last recorded times. */
export async function listTypes(db: Database, scope: TenantScope): Promise<TypeSummary[]> {
  const rows = await db.query<{ type: string; count: string; first_at: Date; last_at: Date }>(Prisma.sql`
    SELECT e.type, count(*)::text AS count, min(e.recorded_at) AS first_at, max(e.recorded_at) AS last_at
      FROM events e ${whereAll(scopeConditions(scope))}
     GROUP BY e.type ORDER BY e.type`);
  return rows.map((row) => ({
    type: row.type,
    count: Number(row.count),
    firstAt: row.first_at.toISOString(),
    lastAt: row.last_at.toISOString(),
  }));
}
