import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { readHead } from "../store/read-head";
import { claimLease, releaseIdleLease, stillLeased } from "./claim-lease";
import { publishToNats } from "./publish-to-nats";
import { readSubscriptionBatch } from "./read-subscription-batch";
import { type Attempt, recordAttempts } from "./record-attempt";
import { type AttemptResult, sendWebhook } from "./send-webhook";
import type { SubscriptionRow } from "./subscription-record";
import { openSecret } from "./webhook-secret";

/** Margin of a worker's lease beyond the receiver timeout: the lease must outlive the attempt. */
const LEASE_MARGIN_MS = 30_000;

/** Webhook and NATS subscriptions whose turn it is (active, or failing with a retry due). */
export const DUE = Prisma.sql`s.mode IN ('webhook', 'nats') AND s.status IN ('active', 'failing')
  AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= now())`;

/** How long one lease keeps sending batches before it records them and lets others have a turn. */
const SLICE_MS = 1_000;

/**
 * One delivery step of one subscription: take its lease (or leave it to whoever holds it), then
 * send batch after batch in order while they are delivered in full, for up to SLICE_MS, and record
 * them in one transaction. The lease outlives the attempts (a batch starts within SLICE_MS and
 * ends within the timeout, and the lease is both plus a margin), so no two processes deliver one
 * subscription at once. A crash before the record sends those batches again: at least once, as
 * promised, with the same webhook-id and Nats-Msg-Id for receivers to de-duplicate. Returns
 * whether it sent anything.
 */
export async function deliverOnce(db: Database, id: string): Promise<boolean> {
  const token = randomUUID();
  const [peek] = await db.query<{ timeoutMs: number }>(
    Prisma.sql`SELECT s.timeout_ms AS "timeoutMs" FROM subscriptions s WHERE s.id = ${id}::uuid`,
  );
  if (!peek) return false;
  const leaseMs = SLICE_MS + peek.timeoutMs + LEASE_MARGIN_MS;
  const row = await claimLease(db, Prisma.sql`s.id = ${id}::uuid AND ${DUE}`, token, leaseMs);
  if (!row) return false;
  const started = performance.now();
  const attempts: Attempt[] = [];
  let after = row.ackedPosition;
  for (;;) {
    // Only a lease that finds nothing at first needs the head: it moves the position there.
    const head = attempts.length === 0 ? ((await readHead(db))?.position ?? "0") : null;
    const events = await readSubscriptionBatch(db, { ...row, ackedPosition: after }, row.batchSize);
    if (events.length === 0) {
      if (head !== null) {
        await releaseIdleLease(db, row.id, token, head);
        return false;
      }
      break;
    }
    const result = await attempt(row, events);
    attempts.push({ events, result });
    const whole = result.delivered === events.length && events.length === row.batchSize;
    if (!whole || performance.now() - started >= SLICE_MS) break;
    if (!(await stillLeased(db, row.id, token, DUE))) break;
    after = events.at(-1)!.position;
  }
  await recordAttempts(db, row, token, attempts);
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
