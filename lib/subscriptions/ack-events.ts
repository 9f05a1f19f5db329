import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { LeaseNotHeld, ValidationError } from "../errors";
import { searchConditions } from "../query/build-where";
import { countEventsAfter } from "../store/count-events-after";
import type { TenantScope } from "../store/tenant-scope";
import { parseOrThrow } from "../validation/parse-or-throw";
import { findSubscription } from "./find-subscription";
import { eventScopeOf } from "./subscription-record";
import { AckRequest } from "./subscription-schemas";

/**
 * Acknowledges a pulled batch (or its events up to `position`): the position moves there and
 * those events are never delivered again. Only the lease's holder may ack, and only inside its
 * batch; acking all of it ends the lease. A lease taken over by another consumer (it expired)
 * is a 409 `lease_not_held`: that batch is someone else's now, and may reach this consumer again.
 */
export async function ackEvents(
  db: Database,
  scope: TenantScope,
  name: string,
  request: unknown,
): Promise<{ position: string }> {
  const { lease, position } = parseOrThrow(AckRequest, request);
  const subscription = await findSubscription(db, scope, name);
  if (subscription.leaseToken !== lease || subscription.leaseThrough === null) throw new LeaseNotHeld();
  const through = subscription.leaseThrough;
  const to = position ?? through;
  if (BigInt(to) > BigInt(through) || BigInt(to) < BigInt(subscription.ackedPosition)) {
    throw new ValidationError([
      { path: "position", message: `must lie in the leased batch (${subscription.ackedPosition}..${through})` },
    ]);
  }
  const acked = await countEventsAfter(db, {
    where: [...searchConditions(subscription.filter), Prisma.sql`e.position <= ${to}::bigint`],
    scope: eventScopeOf(subscription),
    after: subscription.ackedPosition,
    limit: 1001,
  });
  const done = to === through;
  const rows = await db.query(Prisma.sql`
    UPDATE subscriptions s SET acked_position = ${to}::bigint, last_delivery_at = now(),
           delivered_count = s.delivered_count + ${acked.count},
           lease_token = CASE WHEN ${done} THEN NULL ELSE s.lease_token END,
           lease_expires_at = CASE WHEN ${done} THEN NULL ELSE s.lease_expires_at END,
           lease_through = CASE WHEN ${done} THEN NULL ELSE s.lease_through END
     WHERE s.id = ${subscription.id}::uuid AND s.lease_token = ${lease}::uuid
       AND s.acked_position = ${subscription.ackedPosition}::bigint
    RETURNING s.id`);
  if (rows.length === 0) throw new LeaseNotHeld();
  return { position: to };
}
