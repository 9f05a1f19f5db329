import "server-only";
import type { Database } from "../db/database";
import { searchConditions } from "../query/build-where";
import type { StoredEvent } from "../store/event-record";
import { readEvents } from "../store/read-events";
import { readHead } from "../store/read-head";
import { eventScopeOf, type SubscriptionRow } from "./subscription-record";

/** The next events of a subscription, and the head as it was before they were read. */
export interface SubscriptionBatch {
  events: StoredEvent[];
  head: string;
}

/**
 * The next `limit` matching events after the acknowledged position, oldest first: one keyset
 * read through the store, with the subscription's filter and its creator's tenant scope. The
 * caller holds the subscription's lease.
 */
export async function readSubscriptionBatch(
  db: Database,
  row: Pick<SubscriptionRow, "filter" | "tenant" | "ackedPosition">,
  limit: number,
): Promise<SubscriptionBatch> {
  const head = (await readHead(db))?.position ?? "0";
  const page = await readEvents(db, {
    where: searchConditions(row.filter),
    scope: eventScopeOf(row),
    after: row.ackedPosition,
    limit,
  });
  return { events: page.items, head };
}
