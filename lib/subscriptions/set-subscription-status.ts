import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { TenantScope } from "../store/tenant-scope";
import { findSubscription } from "./find-subscription";
import { subscriptionNamed } from "./subscription-record";

export type StatusChange = "pause" | "resume";

/**
 * Pause stops delivery where it is (a batch being sent finishes; its outcome is still recorded).
 * Resume starts it again with a fresh retry budget; resuming a dead subscription replays its dead
 * letter, the batch it stopped at (marked replayed). Neither moves the acknowledged position.
 */
export async function setSubscriptionStatus(
  db: Database,
  scope: TenantScope,
  name: string,
  change: StatusChange,
): Promise<void> {
  const named = subscriptionNamed(scope, name);
  await db.transaction(async (tx) => {
    const row = await findSubscription(tx, scope, name);
    if (change === "pause") {
      await tx.query(Prisma.sql`UPDATE subscriptions s SET status = 'paused', next_attempt_at = NULL WHERE ${named}`);
      return;
    }
    await tx.query(Prisma.sql`
      UPDATE subscriptions s SET status = 'active', attempts = 0, failing_since = NULL, next_attempt_at = NULL
       WHERE ${named}`);
    if (row.status === "dead") {
      await tx.query(Prisma.sql`UPDATE subscription_dead_letters SET replayed_at = now()
         WHERE subscription_id = ${row.id}::uuid AND replayed_at IS NULL`);
    }
  });
}
