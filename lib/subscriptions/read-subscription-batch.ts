import "server-only";
import type { Database } from "../db/database";
import { searchConditions } from "../query/build-where";
import type { StoredEvent } from "../store/event-record";
import { readEvents } from "../store/read-events";
import { eventScopeOf, type SubscriptionRow } from "./subscription-record";

/**
 * The next `limit` matching events after the acknowledged position, oldest first: one keyset
 * read through the store, with the subscription's filter and its creator's tenant scope. The
 * caller holds the subscription's lease. A caller that moves an idle subscription to the head when
 * nothing matched reads the head before this (appends commit in position order).
 */
export async function readSubscriptionBatch(
  db: Database,
  row: Pick<SubscriptionRow, "filter" | "tenant" | "ackedPosition">,
  limit: number,
): Promise<StoredEvent[]> {
  const page = await readEvents(db, {
    where: searchConditions(row.filter),
    scope: eventScopeOf(row),
    after: row.ackedPosition,
    limit,
  });
  return page.items;
}
