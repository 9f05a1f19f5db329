import { z } from "zod";
import { Event, Instant, PositionText } from "./openapi-event-schemas";

/**
 * Response bodies of the subscription endpoints as zod schemas, for the OpenAPI document only;
 * openapi-schemas.test.ts checks each against the TS type named in its comment.
 */

/** `SubscriptionView`: never its secret or lease token. */
export const Subscription = z.object({
  id: z.uuid(),
  name: z.string(),
  tenant: z.string().nullable(),
  filter: z.string(),
  mode: z.enum(["pull", "webhook", "nats"]),
  status: z.enum(["active", "paused", "failing", "dead"]),
  position: PositionText.meta({ description: "Every matching event at or below it is acknowledged" }),
  createdAt: Instant,
  createdBy: z.string(),
  webhook: z.object({ url: z.string() }).nullable(),
  nats: z.object({ subjectPrefix: z.string() }).nullable(),
  delivery: z.object({
    batchSize: z.int(),
    timeoutMs: z.int(),
    maxAttempts: z.int(),
    maxSeconds: z.int(),
    initialDelayMs: z.int(),
  }),
  lease: z.object({ expiresAt: Instant, through: PositionText.nullable() }).nullable(),
  attempts: z.int().min(0),
  failingSince: Instant.nullable(),
  nextAttemptAt: Instant.nullable(),
  lastError: z.string().nullable(),
  lastDeliveryAt: Instant.nullable(),
  counters: z.object({ delivered: z.int().min(0), failures: z.int().min(0), deadLetters: z.int().min(0) }),
  lag: z.object({
    events: z.int().min(0),
    atLeast: z.boolean().meta({ description: "The count stopped at its limit (10,000)" }),
    seconds: z.number().min(0),
  }),
});
/** `CreatedSubscription`: a webhook's `secret` is in this answer only. */
export const CreatedSubscription = Subscription.extend({ secret: z.string().optional() });
export const SubscriptionList = z.object({ subscriptions: z.array(Subscription) });

/** `DeadLetter`. */
export const DeadLetter = z.object({
  id: z.uuid(),
  firstPosition: PositionText,
  lastPosition: PositionText,
  eventIds: z.array(z.uuid()),
  attempts: z.int().min(0),
  lastError: z.string().nullable(),
  diedAt: Instant,
  replayedAt: Instant.nullable(),
});
/** `SubscriptionDetail`. */
export const SubscriptionDetail = z.object({ subscription: Subscription, deadLetters: z.array(DeadLetter) });

/** `PulledBatch`: ack it with `lease` before `leaseExpiresAt`. */
export const PulledBatch = z.object({
  lease: z.uuid().nullable().meta({ description: "null when there is nothing to deliver" }),
  leaseExpiresAt: Instant.nullable(),
  events: z.array(Event),
});
export const AckResult = z.object({ position: PositionText });

/** `Delivery`: one attempt in the delivery log. */
export const Delivery = z.object({
  id: z.uuid(),
  attemptedAt: Instant,
  firstPosition: PositionText,
  lastPosition: PositionText,
  eventCount: z.int().min(0),
  attempt: z.int().min(1),
  outcome: z.enum(["delivered", "failed", "dead"]),
  statusCode: z.int().nullable(),
  durationMs: z.number().min(0),
  error: z.string().nullable(),
});
export const DeliveryList = z.object({ deliveries: z.array(Delivery) });
