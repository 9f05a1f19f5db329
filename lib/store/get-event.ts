import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { tenantScope } from "./read-events-forward";
import { NotFound } from "../errors";
import { EVENT_COLUMNS, toStoredEvent, type EventRow, type StoredEvent } from "./event-row";

/**
 * One event by id, with every stream it is in. Throws NotFound, also when `tenant` is given and the
 * event belongs to another tenant: a tenant-bound caller cannot even learn that it exists.
 */
export async function getEvent(db: Database, id: string, tenant: string | null = null): Promise<StoredEvent> {
  if (!z.uuid().safeParse(id).success) throw new NotFound(`Event ${id}`);
  const rows = await db.query<EventRow>(Prisma.sql`
    SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ${id}::uuid ${tenantScope(tenant)}`);
  if (!rows[0]) throw new NotFound(`Event ${id}`);
  return toStoredEvent(rows[0]);
}
