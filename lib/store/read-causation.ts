import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { EVENT_COLUMNS, toStoredEvent, type EventRow, type StoredEvent } from "./event-row";
import type { Page, PageOptions } from "./page";
import { readEventsForward, tenantScope } from "./read-events-forward";
import { parseOrThrow } from "./zod-issues";

const EventId = z.uuid();

/** The event that caused `id`, or null when it has no cause or the cause is not stored here. */
export async function readCause(db: Database, id: string, tenant: string | null = null): Promise<StoredEvent | null> {
  const rows = await db.query<EventRow>(Prisma.sql`
    SELECT ${EVENT_COLUMNS} FROM events e
     WHERE e.id = (SELECT causation_id FROM events WHERE id = ${parseOrThrow(EventId, id)}::uuid) ${tenantScope(tenant)}`);
  return rows[0] ? toStoredEvent(rows[0]) : null;
}

/** The events `id` caused directly, in position order, keyset-paginated forward. */
export function readCaused(
  db: Database,
  id: string,
  options: Omit<PageOptions, "direction"> = {},
  tenant: string | null = null,
): Promise<Page<StoredEvent>> {
  return readEventsForward(db, Prisma.sql`e.causation_id = ${parseOrThrow(EventId, id)}::uuid`, options, tenant);
}
