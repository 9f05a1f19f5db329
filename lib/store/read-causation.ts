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

/**
 * An event as causation sees it. A cause is resolved within the event's own tenant (ids are unique
 * per tenant) and among the events recorded before it: a cause id may be recorded later (a client
 * names what it has not sent yet), and must not make a later event the cause of an earlier one.
 */
type Causal = Pick<StoredEvent, "id" | "tenant" | "causationId" | "position">;

const sameTenant = (event: Causal) => Prisma.sql`e.tenant IS NOT DISTINCT FROM ${event.tenant}::text`;

/**
 * The event that caused `event` (within the scope and the event's tenant, recorded before it), or
 * null when it has no cause or the cause is not stored there: a cause in another tenant counts as
 * missing.
 */
export async function readCause(db: Database, event: Causal, scope: TenantScope): Promise<StoredEvent | null> {
  if (!event.causationId) return null;
  const where = [
    Prisma.sql`e.id = ${parseOrThrow(EventId, event.causationId)}::uuid`,
    sameTenant(event),
    Prisma.sql`e.position < ${event.position}::bigint`,
  ];
  return (await readEvents(db, { where, scope, limit: 1 })).items[0] ?? null;
}

/** The events `event` caused directly (within its tenant, after it), in position order, keyset-paginated forward. */
export function readCaused(
  db: Database,
  event: Causal,
  scope: TenantScope,
  options: Omit<PageOptions, "direction"> = {},
): Promise<Page<StoredEvent>> {
  return readEvents(db, {
    ...options,
    where: [
      Prisma.sql`e.causation_id = ${parseOrThrow(EventId, event.id)}::uuid`,
      sameTenant(event),
      Prisma.sql`e.position > ${event.position}::bigint`,
    ],
    scope,
  });
}
