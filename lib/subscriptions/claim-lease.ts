import "server-only";
import type { Queryable } from "../db/database";
import { Prisma } from "../db/generated/client";
import { SUBSCRIPTION_COLUMNS, type SubscriptionRow } from "./subscription-record";

/**
 * Takes the lease of the subscription matched by `where` (conditions on `subscriptions s`) for
 * `ms`, when nobody holds an unexpired one: returns its row, or null. One UPDATE, so of several
 * consumers or worker processes racing for it exactly one wins; while its lease holds, nobody else
 * reads a batch of this subscription. That is the only mutual exclusion delivery relies on.
 */
export async function claimLease(
  db: Queryable,
  where: Prisma.Sql,
  token: string,
  ms: number,
): Promise<SubscriptionRow | null> {
  const [row] = await db.query<SubscriptionRow>(Prisma.sql`
    UPDATE subscriptions s SET lease_token = ${token}::uuid, lease_through = NULL,
           lease_expires_at = now() + ${ms} * interval '1 millisecond'
     WHERE ${where} AND (s.lease_expires_at IS NULL OR s.lease_expires_at <= now())
    RETURNING ${SUBSCRIPTION_COLUMNS}`);
  return row ?? null;
}

/**
 * Gives a lease back having found nothing to deliver, and moves the position to `head` (read
 * before the search that found nothing): appends commit in position order, so no matching event
 * can appear at or below it later. Idle subscriptions then stay caught up instead of rescanning.
 */
export async function releaseIdleLease(db: Queryable, id: string, token: string, head: string): Promise<void> {
  await db.query(Prisma.sql`
    UPDATE subscriptions s SET lease_token = NULL, lease_expires_at = NULL, lease_through = NULL,
           acked_position = GREATEST(s.acked_position, ${head}::bigint)
     WHERE s.id = ${id}::uuid AND s.lease_token = ${token}::uuid`);
}

/**
 * Whether `token` still holds the lease of a subscription that is still due: a pause, reset or
 * delete ends a lease, and a worker sending batch after batch asks before each next one.
 */
export async function stillLeased(db: Queryable, id: string, token: string, due: Prisma.Sql): Promise<boolean> {
  const rows = await db.query(Prisma.sql`
    SELECT 1 FROM subscriptions s WHERE s.id = ${id}::uuid AND s.lease_token = ${token}::uuid AND ${due}`);
  return rows.length > 0;
}
