import "server-only";
import type { Queryable } from "../db/database";
import { Prisma } from "../db/generated/client";
import { NotFound } from "../errors";
import type { TenantScope } from "../store/tenant-scope";
import { SUBSCRIPTION_COLUMNS, type SubscriptionRow, subscriptionNamed } from "./subscription-record";

/** The subscription `name` in the caller's scope; another tenant's is NotFound, like a missing one. */
export async function findSubscription(db: Queryable, scope: TenantScope, name: string): Promise<SubscriptionRow> {
  const [row] = await db.query<SubscriptionRow>(
    Prisma.sql`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions s WHERE ${subscriptionNamed(scope, name)}`,
  );
  if (!row) throw new NotFound(`Subscription ${name}`);
  return row;
}
