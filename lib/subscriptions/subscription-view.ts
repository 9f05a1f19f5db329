import type { SubscriptionMode, SubscriptionRow, SubscriptionStatus } from "./subscription-record";

/** How far a subscription is behind the log: matching events after its position, and their age. */
export interface SubscriptionLag {
  /** Matching events not yet acknowledged, counted up to {@link LAG_COUNT_LIMIT} (then that number). */
  events: number;
  /** Whether there are more than `events` (the count stopped at its limit). */
  atLeast: boolean;
  /** Seconds since the oldest unacknowledged matching event was recorded (0 when caught up). */
  seconds: number;
}

export const LAG_COUNT_LIMIT = 10_000;

/** A subscription as the API, the CLI and the pages show it: never its secret or lease token. */
export interface SubscriptionView {
  id: string;
  name: string;
  tenant: string | null;
  filter: string;
  mode: SubscriptionMode;
  status: SubscriptionStatus;
  /** Every matching event at or below this position is acknowledged. */
  position: string;
  createdAt: string;
  createdBy: string;
  webhook: { url: string } | null;
  nats: { subjectPrefix: string } | null;
  delivery: { batchSize: number; timeoutMs: number; maxAttempts: number; maxSeconds: number; initialDelayMs: number };
  lease: { expiresAt: string; through: string | null } | null;
  attempts: number;
  failingSince: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  lastDeliveryAt: string | null;
  counters: { delivered: number; failures: number; deadLetters: number };
  lag: SubscriptionLag;
}

/** Row → view. A lease is shown only while it holds (an expired one binds nobody). */
export function toSubscriptionView(row: SubscriptionRow, lag: SubscriptionLag, now = Date.now()): SubscriptionView {
  const leased = row.leaseExpiresAt !== null && Date.parse(row.leaseExpiresAt) > now;
  return {
    id: row.id,
    name: row.name,
    tenant: row.tenant,
    filter: row.filter,
    mode: row.mode,
    status: row.status,
    position: row.ackedPosition,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    webhook: row.webhookUrl === null ? null : { url: row.webhookUrl },
    nats: row.mode === "nats" ? { subjectPrefix: row.natsSubjectPrefix ?? "trailbook" } : null,
    delivery: {
      batchSize: row.batchSize,
      timeoutMs: row.timeoutMs,
      maxAttempts: row.maxAttempts,
      maxSeconds: row.maxRetrySeconds,
      initialDelayMs: row.retryBaseMs,
    },
    lease: leased ? { expiresAt: row.leaseExpiresAt!, through: row.leaseThrough } : null,
    attempts: row.attempts,
    failingSince: row.failingSince,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    lastDeliveryAt: row.lastDeliveryAt,
    counters: {
      delivered: Number(row.deliveredCount),
      failures: Number(row.failureCount),
      deadLetters: Number(row.deadLetterCount),
    },
    lag,
  };
}
