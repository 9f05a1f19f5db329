import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { NotFound } from "../errors";
import type { StoredEvent } from "./event-record";
import { readEvents } from "./read-events";
import type { TenantScope } from "./tenant-scope";

/**
 * One event by id, with every stream it is in. Throws NotFound, also when the event belongs to a
 * tenant outside the scope: a tenant-bound caller cannot even learn that it exists.
 */
export async function getEvent(db: Database, id: string, scope: TenantScope): Promise<StoredEvent> {
  if (!z.uuid().safeParse(id).success) throw new NotFound(`Event ${id}`);
  const [event] = (await readEvents(db, { where: [Prisma.sql`e.id = ${id}::uuid`], scope, limit: 1 })).items;
  if (!event) throw new NotFound(`Event ${id}`);
  return event;
}
