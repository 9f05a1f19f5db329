import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { StoredEvent } from "../store/event-record";
import { retryDelayMs } from "./retry-delay";
import type { AttemptResult } from "./send-webhook";
import type { SubscriptionRow } from "./subscription-record";

/** How many attempts the delivery log keeps per subscription. */
const LOG_KEEP = 500;

/**
 * Records one delivery attempt, only if `token` still holds the lease (a worker that lost it, say
 * it stalled past its lease, must not move a position another worker now owns). Delivered events
 * move the position past them; a failure schedules a retry with backoff, or, past the attempt or
 * time limit, stops the subscription (dead) with a dead letter: it never skips the batch.
 */
export async function recordAttempt(
  db: Database,
  row: SubscriptionRow,
  token: string,
  events: StoredEvent[],
  result: AttemptResult,
): Promise<void> {
  const first = events[0]!.position;
  const last = events.at(-1)!.position;
  const through = result.delivered > 0 ? events[result.delivered - 1]!.position : row.ackedPosition;
  const failed = result.delivered < events.length;
  const attempt = failed ? row.attempts + 1 : row.attempts;
  const failingFor = row.failingSince === null ? 0 : (Date.now() - Date.parse(row.failingSince)) / 1000;
  const dead = failed && (attempt >= row.maxAttempts || failingFor >= row.maxRetrySeconds);
  const outcome = failed ? (dead ? "dead" : "failed") : "delivered";
  const delay = retryDelayMs(attempt, row.retryBaseMs);
  await db.transaction(async (tx) => {
    const held = await tx.query(Prisma.sql`
      UPDATE subscriptions s SET lease_token = NULL, lease_expires_at = NULL, lease_through = NULL,
             acked_position = GREATEST(s.acked_position, ${through}::bigint),
             delivered_count = s.delivered_count + ${result.delivered},
             last_delivery_at = CASE WHEN ${result.delivered > 0} THEN now() ELSE s.last_delivery_at END,
             attempts = ${failed ? attempt : 0},
             failing_since = CASE WHEN ${failed} THEN coalesce(s.failing_since, now()) ELSE NULL END,
             failure_count = s.failure_count + ${failed ? 1 : 0},
             last_error = CASE WHEN ${failed} THEN ${result.error} ELSE s.last_error END,
             next_attempt_at = CASE WHEN ${failed && !dead}
                                    THEN now() + ${delay} * interval '1 millisecond' ELSE NULL END,
             dead_letter_count = s.dead_letter_count + ${dead ? 1 : 0},
             status = CASE WHEN s.status = 'paused' THEN 'paused'
                           WHEN ${dead} THEN 'dead' WHEN ${failed} THEN 'failing' ELSE 'active' END
       WHERE s.id = ${row.id}::uuid AND s.lease_token = ${token}::uuid RETURNING s.id`);
    if (held.length === 0) return;
    await tx.query(Prisma.sql`
      INSERT INTO subscription_deliveries (subscription_id, first_position, last_position, event_count, attempt,
             outcome, status_code, duration_ms, error)
      VALUES (${row.id}::uuid, ${first}::bigint, ${last}::bigint, ${events.length}, ${attempt || 1}, ${outcome},
              ${result.statusCode}, ${result.durationMs}, ${result.error})`);
    if (dead) {
      const ids = events.slice(result.delivered).map((event) => event.id);
      await tx.query(Prisma.sql`
        INSERT INTO subscription_dead_letters (id, subscription_id, first_position, last_position, event_ids,
               attempts, last_error)
        VALUES (${randomUUID()}::uuid, ${row.id}::uuid, ${events[result.delivered]!.position}::bigint,
                ${last}::bigint, ${ids}::uuid[], ${attempt}, ${result.error})`);
    }
    await tx.query(Prisma.sql`
      DELETE FROM subscription_deliveries WHERE subscription_id = ${row.id}::uuid AND id <= (
        SELECT d.id FROM subscription_deliveries d WHERE d.subscription_id = ${row.id}::uuid
         ORDER BY d.id DESC OFFSET ${LOG_KEEP} LIMIT 1)`);
  });
}
