import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";

/** The stored hash at each of `positions` (absent from the map where no event is stored). */
export async function readHashesAt(db: Database, positions: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ position: string; hash: string }>(Prisma.sql`
    SELECT e.position::text AS position, e.hash FROM events e WHERE e.position = ANY(${positions}::bigint[])`);
  return new Map(rows.map((row) => [row.position, row.hash]));
}
