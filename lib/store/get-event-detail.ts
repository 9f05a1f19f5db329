import "server-only";
import type { Database } from "../db/database";
import type { StoredEvent } from "./event-record";
import { getEvent } from "./get-event";
import { readCause, readCaused } from "./read-causation";
import type { TenantScope } from "./tenant-scope";

export interface EventDetail {
  event: StoredEvent;
  /** The stored event that caused it (within the scope), if any. */
  cause: StoredEvent | null;
  /** The first `causedLimit` events it caused directly, in position order. */
  caused: StoredEvent[];
  /** Whether it caused more than those. */
  causedMore: boolean;
}

/** One event with its cause and what it caused: the event page and `GET /api/events/{id}`. */
export async function getEventDetail(
  db: Database,
  id: string,
  scope: TenantScope,
  options: { causedLimit?: number; tenant?: string | null } = {},
): Promise<EventDetail> {
  const event = await getEvent(db, id, scope, options.tenant);
  const [cause, caused] = await Promise.all([
    readCause(db, event, scope),
    readCaused(db, event, scope, { limit: options.causedLimit ?? 1000 }),
  ]);
  return { event, cause, caused: caused.items, causedMore: caused.next !== null };
}
