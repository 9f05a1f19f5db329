import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { EVENT_COLUMNS, toStoredEvent, type EventRow, type StoredEvent } from "./event-row";
import { PageOptions, toPage, type Page } from "./page";
import { parseOrThrow } from "./zod-issues";

/**
 * Reads the global log by position, keyset-paginated. Forward from `from` (exclusive, default the
 * start) is how consumers follow the log; backward from `from` (default the head) is newest first.
 */
export async function readLog(db: Database, options: PageOptions = {}): Promise<Page<StoredEvent>> {
  const { from, direction, limit } = parseOrThrow(PageOptions, options);
  const where =
    from === undefined
      ? Prisma.empty
      : direction === "forward"
        ? Prisma.sql`WHERE e.position > ${from}::bigint`
        : Prisma.sql`WHERE e.position < ${from}::bigint`;
  const order = direction === "forward" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await db.query<EventRow>(Prisma.sql`
    SELECT ${EVENT_COLUMNS} FROM events e ${where} ORDER BY e.position ${order} LIMIT ${limit + 1}`);
  return toPage(rows.map(toStoredEvent), limit, (event) => event.position);
}
