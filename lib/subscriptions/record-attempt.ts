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

/** One attempt within a lease: the batch sent and what came of it. */
export interface Attempt {
  events: StoredEvent[];
  result: AttemptResult;
}

/**
 * Records the attempts of one lease in one transaction, only if `token` still holds the lease (a
 * worker that lost it, say it stalled past its lease, must not move a position another worker
 * now owns). Every attempt but the last delivered its whole batch (deliver-once.ts stops at a
 * failure). Delivered events move the position past them; a failed last attempt schedules a retry
 * with backoff, or, past the attempt or time limit, stops the subscription (dead) with a dead
 * letter: it never skips the batch.
 */
export async function recordAttempts(
  db: Database,
  row: SubscriptionRow,
  token: string,
  attempts: Attempt[],
): Promise<void> {
  const { events, result } = attempts.at(-1)!;
  const last = events.at(-1)!.position;
  const deliveredEvents = attempts.flatMap((a) => a.events.slice(0, a.result.delivered));
  const through = deliveredEvents.at(-1)?.position ?? row.ackedPosition;
  const deliveredCount = deliveredEvents.length;
  const failed = result.delivered < events.length;
  // An earlier attempt of this lease delivered: the last batch's failure history starts afresh.
  const fresh = attempts.length > 1;
  const prior = fresh ? 0 : row.attempts;
  const failingSince = fresh ? null : row.failingSince;
  const attempt = failed ? prior + 1 : prior;
  const failingFor = failingSince === null ? 0 : (Date.now() - Date.parse(failingSince)) / 1000;
  const dead = failed && (attempt >= row.maxAttempts || failingFor >= row.maxRetrySeconds);
  const delay = retryDelayMs(attempt, row.retryBaseMs);
  const since = fresh ? Prisma.sql`now()` : Prisma.sql`coalesce(s.failing_since, now())`;
  // One delivery-log row per attempt, in order; only the last can have failed.
  const logRows = attempts.map((a, i) => {
    const final = i === attempts.length - 1;
    const outcome = final && failed ? (dead ? "dead" : "failed") : "delivered";
    return Prisma.sql`(${row.id}::uuid, ${a.events[0]!.position}::bigint, ${a.events.at(-1)!.position}::bigint,
      ${a.events.length}, ${final ? attempt || 1 : i === 0 ? prior || 1 : 1}, ${outcome}, ${a.result.statusCode},
      ${a.result.durationMs},
      ${a.result.error})`;
  });
  await db.transaction(async (tx) => {
    const held = await tx.query(Prisma.sql`
      UPDATE subscriptions s SET lease_token = NULL, lease_expires_at = NULL, lease_through = NULL,
             acked_position = GREATEST(s.acked_position, ${through}::bigint),
             delivered_count = s.delivered_count + ${deliveredCount},
             last_delivery_at = CASE WHEN ${deliveredCount > 0} THEN now() ELSE s.last_delivery_at END,
             attempts = ${failed ? attempt : 0},
             failing_since = CASE WHEN ${failed} THEN ${since} ELSE NULL END,
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
      VALUES ${Prisma.join(logRows)}`);
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
