import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { NotFound } from "../errors";
import { EVENT_COLUMNS, toStoredEvent, type EventRow, type StoredEvent } from "./event-row";
import { parseOrThrow } from "./zod-issues";

/** One event by id, with every stream it is in. Throws NotFound. */
export async function getEvent(db: Database, id: string): Promise<StoredEvent> {
  const rows = await db.query<EventRow>(Prisma.sql`
    SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ${parseOrThrow(z.uuid(), id)}::uuid`);
  if (!rows[0]) throw new NotFound(`Event ${id}`);
  return toStoredEvent(rows[0]);
}
