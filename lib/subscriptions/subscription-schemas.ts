import { z } from "zod";
import { Position } from "../paging/keyset-page";
import { SUBSCRIPTION_MODES } from "./subscription-record";

/** A subscription's name: unique per tenant, and safe in a URL path segment. */
export const SubscriptionName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "1-100 letters, digits or ._- (starting with a letter or digit)");

/** Where delivery starts: the beginning of the log, its head now, or after a position. */
export const SubscriptionStart = z.union([z.enum(["beginning", "now"]), Position]);

/** How the worker delivers (webhook, nats) and how long a pull lease holds (pull). */
export const DeliveryOptions = z.strictObject({
  /** Events per webhook POST (1: one event per request). */
  batchSize: z.number().int().min(1).max(100).default(1),
  /** A receiver (or NATS) that takes longer fails the attempt; in pull mode, how long a lease holds. */
  timeoutMs: z.number().int().min(100).max(300_000).default(10_000),
  /** The subscription is dead after this many failed attempts at one batch… */
  maxAttempts: z.number().int().min(1).max(1000).default(12),
  /** …or once that batch has failed for this long. */
  maxSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(86_400),
  /** The first retry's delay; each next one doubles it (with jitter), up to an hour. */
  initialDelayMs: z.number().int().min(10).max(600_000).default(1000),
});

export const CreateSubscriptionRequest = z
  .strictObject({
    name: SubscriptionName,
    /** In the search language; empty: every event the key may read. */
    filter: z.string().max(2000).default(""),
    start: SubscriptionStart.default("now"),
    mode: z.enum(SUBSCRIPTION_MODES),
    webhook: z.strictObject({ url: z.string().max(2000) }).optional(),
    nats: z
      .strictObject({
        /** Subjects are `<prefix>.<tenant>.<type>`. */
        subjectPrefix: z
          .string()
          .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "NATS subject tokens: letters, digits, _ and -")
          .max(100)
          .default("trailbook"),
      })
      .optional(),
    delivery: DeliveryOptions.prefault({}),
  })
  .superRefine((value, context) => {
    if ((value.mode === "webhook") !== (value.webhook !== undefined)) {
      context.addIssue({ code: "custom", path: ["webhook"], message: "`webhook: { url }` goes with mode webhook" });
    }
    if (value.nats !== undefined && value.mode !== "nats") {
      context.addIssue({ code: "custom", path: ["nats"], message: "`nats` goes with mode nats" });
    }
  });
export type CreateSubscriptionRequest = z.input<typeof CreateSubscriptionRequest>;

/** `POST …/reset`: the position to continue after (events after it are delivered again or skipped). */
export const ResetRequest = z.strictObject({ position: SubscriptionStart });
export type ResetRequest = z.input<typeof ResetRequest>;

/** `POST …/ack`: the lease of a pulled batch, and optionally how far into it (default: all of it). */
export const AckRequest = z.strictObject({ lease: z.uuid(), position: Position.optional() });
export type AckRequest = z.input<typeof AckRequest>;

/** `GET …/events`: at most `limit` events; wait up to `wait` seconds for the first one. */
export const PullRequest = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  wait: z.coerce.number().min(0).max(60).default(0),
});
