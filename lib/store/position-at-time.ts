import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { timestampParam } from "./timestamp-param";

/**
 * The last position recorded at or before `at` (0 when none): where "jump to a time" lands. It
 * takes no tenant scope, on purpose: it answers a position in the whole log, which the Events page
 * only uses as the start of a scoped search (positions are global; a tenant sees its own events
 * below it). What a tenant-bound reader learns is a global position, as from tree heads.
 */
export async function positionAtTime(db: Database, at: Date): Promise<string> {
  const [row] = await db.query<{ position: string }>(Prisma.sql`
    SELECT e.position::text AS position FROM events e
     WHERE e.recorded_at <= ${timestampParam(at)}::timestamptz
     ORDER BY e.recorded_at DESC, e.position DESC LIMIT 1`);
  return row?.position ?? "0";
}
