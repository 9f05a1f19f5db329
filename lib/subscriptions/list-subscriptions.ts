import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { TenantScope } from "../store/tenant-scope";
import { subscriptionLag } from "./subscription-lag";
import { SUBSCRIPTION_COLUMNS, type SubscriptionRow, subscriptionsInScope } from "./subscription-record";
import { type SubscriptionView, toSubscriptionView } from "./subscription-view";

/** Every subscription in the caller's scope, by tenant and name, each with its lag. */
export async function listSubscriptions(db: Database, scope: TenantScope): Promise<SubscriptionView[]> {
  const rows = await db.query<SubscriptionRow>(Prisma.sql`
    SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions s WHERE ${subscriptionsInScope(scope)}
     ORDER BY s.tenant NULLS FIRST, s.name LIMIT 1000`);
  const views: SubscriptionView[] = [];
  // One at a time: lag is a bounded read per subscription, and a list must not take the pool.
  for (const row of rows) views.push(toSubscriptionView(row, await subscriptionLag(db, row)));
  return views;
}
