import "server-only";
import type { Database } from "../db/database";
import { searchConditions } from "../query/build-where";
import { countEventsAfter } from "../store/count-events-after";
import { eventScopeOf, type SubscriptionRow } from "./subscription-record";
import { LAG_COUNT_LIMIT, type SubscriptionLag } from "./subscription-view";

/** How far `row` is behind: its matching events after the acknowledged position, counted up to a limit. */
export async function subscriptionLag(
  db: Database,
  row: Pick<SubscriptionRow, "filter" | "tenant" | "ackedPosition">,
): Promise<SubscriptionLag> {
  const backlog = await countEventsAfter(db, {
    where: searchConditions(row.filter),
    scope: eventScopeOf(row),
    after: row.ackedPosition,
    limit: LAG_COUNT_LIMIT + 1,
  });
  return {
    events: Math.min(backlog.count, LAG_COUNT_LIMIT),
    atLeast: backlog.count > LAG_COUNT_LIMIT,
    seconds: backlog.oldestAgeSeconds,
  };
}
