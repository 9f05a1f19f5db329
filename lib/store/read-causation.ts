import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { Page, PageOptions } from "../paging/keyset-page";
import { parseOrThrow } from "../validation/parse-or-throw";
import type { StoredEvent } from "./event-record";
import { readEvents } from "./read-events";
import type { TenantScope } from "./tenant-scope";

const EventId = z.uuid();

/** The event that caused `id` (within the scope), or null when it has no cause or the cause is not stored here. */
export async function readCause(db: Database, id: string, scope: TenantScope): Promise<StoredEvent | null> {
  const cause = Prisma.sql`e.id = (SELECT causation_id FROM events WHERE id = ${parseOrThrow(EventId, id)}::uuid)`;
  return (await readEvents(db, { where: [cause], scope, limit: 1 })).items[0] ?? null;
}

/** The events `id` caused directly, in position order, keyset-paginated forward. */
export function readCaused(
  db: Database,
  id: string,
  scope: TenantScope,
  options: Omit<PageOptions, "direction"> = {},
): Promise<Page<StoredEvent>> {
  return readEvents(db, {
    ...options,
    where: [Prisma.sql`e.causation_id = ${parseOrThrow(EventId, id)}::uuid`],
    scope,
  });
}
