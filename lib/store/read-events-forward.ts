import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { EVENT_COLUMNS, toStoredEvent, type EventRow, type StoredEvent } from "./event-row";
import { PageOptions, toPage, type Page } from "./page";
import { parseOrThrow } from "./zod-issues";

/** `AND e.tenant = …` for a tenant-bound caller, nothing otherwise (no `IS NULL OR` for the planner to guess about). */
export function tenantScope(tenant: string | null): Prisma.Sql {
  return tenant === null ? Prisma.empty : Prisma.sql`AND e.tenant = ${tenant}`;
}

/** Events of `events e` matching `condition` (and the tenant), in position order, keyset-paginated forward. */
export async function readEventsForward(
  db: Database,
  condition: Prisma.Sql,
  options: Omit<PageOptions, "direction">,
  tenant: string | null,
): Promise<Page<StoredEvent>> {
  const { from, limit } = parseOrThrow(PageOptions, options);
  const rows = await db.query<EventRow>(Prisma.sql`
    SELECT ${EVENT_COLUMNS} FROM events e
     WHERE ${condition} AND e.position > ${from ?? "0"}::bigint ${tenantScope(tenant)}
     ORDER BY e.position LIMIT ${limit + 1}`);
  return toPage(rows.map(toStoredEvent), limit, (event) => event.position);
}
