import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { TenantScope } from "../store/tenant-scope";
import { findSubscription } from "./find-subscription";
import { isoOf } from "./subscription-record";

/** One attempt in the delivery log. */
export interface Delivery {
  id: string;
  attemptedAt: string;
  firstPosition: string;
  lastPosition: string;
  eventCount: number;
  attempt: number;
  outcome: "delivered" | "failed" | "dead";
  /** The receiver's HTTP status; null for no answer (timeout, refused) and for NATS. */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** The newest attempts of a subscription, newest first (the log keeps the newest 500). */
export async function listDeliveries(db: Database, scope: TenantScope, name: string, limit = 50): Promise<Delivery[]> {
  const { id } = await findSubscription(db, scope, name);
  return db.query<Delivery>(Prisma.sql`
    SELECT d.id::text AS id, ${isoOf("d.attempted_at")} AS "attemptedAt",
           d.first_position::text AS "firstPosition", d.last_position::text AS "lastPosition",
           d.event_count AS "eventCount", d.attempt, d.outcome, d.status_code AS "statusCode",
           d.duration_ms AS "durationMs", d.error
      FROM subscription_deliveries d WHERE d.subscription_id = ${id}::uuid
     ORDER BY d.id DESC LIMIT ${Math.min(Math.max(limit, 1), 500)}`);
}
