import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { EVENT_COLUMNS, toStoredEvent, type EventRow, type StoredEvent } from "./event-row";
import { PageOptions, toPage, type Page } from "./page";
import { parseOrThrow } from "./zod-issues";

/** Every event of one correlation (of one tenant, if given), in position order, keyset-paginated forward. */
export async function readCorrelation(
  db: Database,
  correlationId: string,
  options: Omit<PageOptions, "direction"> = {},
  tenant: string | null = null,
): Promise<Page<StoredEvent>> {
  const { from, limit } = parseOrThrow(PageOptions, options);
  const rows = await db.query<EventRow>(Prisma.sql`
    SELECT ${EVENT_COLUMNS} FROM events e
     WHERE e.correlation_id = ${correlationId} AND e.position > ${from ?? "0"}::bigint AND (${tenant}::text IS NULL OR e.tenant = ${tenant})
     ORDER BY e.position LIMIT ${limit + 1}`);
  return toPage(rows.map(toStoredEvent), limit, (event) => event.position);
}
