import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { claimLease, releaseIdleLease } from "./claim-lease";
import { publishToNats } from "./publish-to-nats";
import { readSubscriptionBatch } from "./read-subscription-batch";
import { recordAttempt } from "./record-attempt";
import { type AttemptResult, sendWebhook } from "./send-webhook";
import type { SubscriptionRow } from "./subscription-record";
import { openSecret } from "./webhook-secret";

/** Margin of a worker's lease beyond the receiver timeout: the lease must outlive the attempt. */
const LEASE_MARGIN_MS = 30_000;

/** Webhook and NATS subscriptions whose turn it is (active, or failing with a retry due). */
export const DUE = Prisma.sql`s.mode IN ('webhook', 'nats') AND s.status IN ('active', 'failing')
  AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= now())`;

/**
 * One delivery step of one subscription: take its lease (or leave it to whoever holds it), read
 * its next batch, send it, record the outcome. The lease outlives the attempt (timeout plus a
 * margin), so no two processes deliver one subscription at once. Returns whether it sent anything.
 */
export async function deliverOnce(db: Database, id: string): Promise<boolean> {
  const token = randomUUID();
  const [peek] = await db.query<{ timeoutMs: number }>(
    Prisma.sql`SELECT s.timeout_ms AS "timeoutMs" FROM subscriptions s WHERE s.id = ${id}::uuid`,
  );
  if (!peek) return false;
  const row = await claimLease(db, Prisma.sql`s.id = ${id}::uuid AND ${DUE}`, token, peek.timeoutMs + LEASE_MARGIN_MS);
  if (!row) return false;
  const { events, head } = await readSubscriptionBatch(db, row, row.batchSize);
  if (events.length === 0) {
    await releaseIdleLease(db, row.id, token, head);
    return false;
  }
  await recordAttempt(db, row, token, events, await attempt(row, events));
  return true;
}

async function attempt(row: SubscriptionRow, events: Parameters<typeof sendWebhook>[2]): Promise<AttemptResult> {
  if (row.mode === "nats") return publishToNats(row.natsSubjectPrefix ?? "trailbook", events, row.timeoutMs);
  let secret: string;
  try {
    secret = openSecret(row.secretSealed ?? "", row.id);
  } catch (error) {
    // A lost or changed sealing key: nothing can be signed; the attempt fails visibly and retries.
    return {
      delivered: 0,
      statusCode: null,
      durationMs: 0,
      error: `cannot open the secret: ${(error as Error).message}`,
    };
  }
  return sendWebhook(row.webhookUrl!, secret, events, row.timeoutMs);
}
