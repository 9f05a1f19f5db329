import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { NotFound } from "../errors";
import type { TenantScope } from "../store/tenant-scope";
import { subscriptionNamed } from "./subscription-record";

/** Deletes a subscription with its delivery log and dead letters; a delivery in flight is not recorded. */
export async function deleteSubscription(db: Database, scope: TenantScope, name: string): Promise<void> {
  const rows = await db.query(
    Prisma.sql`DELETE FROM subscriptions s WHERE ${subscriptionNamed(scope, name)} RETURNING s.id`,
  );
  if (rows.length === 0) throw new NotFound(`Subscription ${name}`);
}
