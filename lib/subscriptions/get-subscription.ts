import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { TenantScope } from "../store/tenant-scope";
import { findSubscription } from "./find-subscription";
import { subscriptionLag } from "./subscription-lag";
import { isoOf } from "./subscription-record";
import { type SubscriptionView, toSubscriptionView } from "./subscription-view";

/** A batch that failed past its limits: where the subscription stopped (README, Subscribe a service). */
export interface DeadLetter {
  id: string;
  firstPosition: string;
  lastPosition: string;
  eventIds: string[];
  attempts: number;
  lastError: string | null;
  diedAt: string;
  /** When `resume` sent it again; null while it waits. */
  replayedAt: string | null;
}

export interface SubscriptionDetail {
  subscription: SubscriptionView;
  /** The newest 20, newest first. */
  deadLetters: DeadLetter[];
}

/** One subscription with its lag and dead letters. */
export async function getSubscription(db: Database, scope: TenantScope, name: string): Promise<SubscriptionDetail> {
  const row = await findSubscription(db, scope, name);
  const deadLetters = await db.query<DeadLetter>(Prisma.sql`
    SELECT d.id::text AS id, d.first_position::text AS "firstPosition", d.last_position::text AS "lastPosition",
           d.event_ids::text[] AS "eventIds", d.attempts, d.last_error AS "lastError",
           ${isoOf("d.died_at")} AS "diedAt", ${isoOf("d.replayed_at")} AS "replayedAt"
      FROM subscription_dead_letters d WHERE d.subscription_id = ${row.id}::uuid
     ORDER BY d.died_at DESC, d.id LIMIT 20`);
  return { subscription: toSubscriptionView(row, await subscriptionLag(db, row)), deadLetters };
}
