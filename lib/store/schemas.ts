import { z } from "zod";
import { findJsonIssues, hasUnpairedSurrogate } from "../validation/json-safety";

/** Event types: letters, digits and `._:-/`, as in `OrderPlaced`, `user.login`, `billing/invoice:refunded`. */
export const EventType = z.string().regex(/^[A-Za-z0-9._:\-/]{1,200}$/, "1-200 letters, digits or ._:-/");
export type EventType = z.infer<typeof EventType>;

/**
 * Free text as the database keeps it: no control characters (NUL, which PostgreSQL cannot store,
 * among them) and no unpaired surrogate (see {@link hasUnpairedSurrogate}). Everything else, a
 * leading U+FEFF and noncharacters included, reads back exactly as written on both engines.
 */
const ShortText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, "no control characters")
    .refine((value) => !hasUnpairedSurrogate(value), "contains an unpaired UTF-16 surrogate");

/** Stream names are free text (`Order-123`, `tenant/acme/users`) without control characters. */
export const StreamName = ShortText(200);
export type StreamName = z.infer<typeof StreamName>;

/**
 * The start of a value to look up (the search box's suggestions): any text the database can take,
 * which excludes NUL, and no unpaired surrogate, which would reach it as U+FFFD and match that.
 */
export const ValuePrefix = z
  .string()
  .max(200)
  .refine((value) => !value.includes("\u0000"), "contains a NUL character")
  .refine((value) => !hasUnpairedSurrogate(value), "contains an unpaired UTF-16 surrogate");

export const TenantId = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, "1-100 letters, digits or ._-");
export type TenantId = z.infer<typeof TenantId>;

/**
 * Expected version of a stream on append or link: `any` (no check), `none` (the stream must not
 * exist), `exists`, or the stream's current last version (versions start at 0).
 */
export const ExpectedVersion = z.union([
  z.enum(["any", "none", "exists"]),
  z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
]);
export type ExpectedVersion = z.infer<typeof ExpectedVersion>;

/** A plain JSON object, checked in place (never copied) against {@link findJsonIssues}. */
export const JsonObject = z
  .custom<Record<string, unknown>>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    "must be a JSON object",
  )
  .superRefine((value, ctx) => {
    for (const issue of findJsonIssues(value)) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path ? issue.path.split(".") : [] });
    }
  })
  .meta({ type: "object", description: "A JSON object (max depth 32, strings up to 64 KiB, no NUL)" });
export type JsonObject = z.infer<typeof JsonObject>;

// Times are stored and hashed as ISO 8601 text with a four-digit year (toISOString at append,
// to_char on read), and PostgreSQL has no year 0 (it refuses "0000-…" and writes BC years with a
// suffix that to_char drops): only UTC years 0001-9999 round-trip as written.
const OCCURRED_AT_RANGE = [Date.parse("0001-01-01T00:00:00.000Z"), Date.parse("9999-12-31T23:59:59.999Z")] as const;

/**
 * When it happened, by the client's clock: ISO 8601 with `Z` or an offset. It is kept as the UTC
 * instant to the millisecond, as the timestamptz(3) column holds it: the offset and any digits past
 * the third fractional one are dropped before the event is hashed, so what is hashed is what is stored.
 */
const OccurredAt = z.iso.datetime({ offset: true }).refine((value) => {
  const time = Date.parse(value);
  // NaN: not a date-time at all, which the format check already says.
  return Number.isNaN(time) || (time >= OCCURRED_AT_RANGE[0] && time <= OCCURRED_AT_RANGE[1]);
}, "must fall in the years 0001-9999 once converted to UTC: other years cannot be stored as written");

/** Who did it, or what it was done to. */
export const Party = z.object({
  id: ShortText(200),
  type: ShortText(100).optional(),
  name: ShortText(200).optional(),
});
export type Party = z.infer<typeof Party>;

/** One event as a writer submits it. Everything but `type` is optional. */
export const NewEvent = z.object({
  id: z.uuid().optional(),
  type: EventType,
  data: JsonObject.optional(),
  metadata: JsonObject.optional(),
  tenant: TenantId.optional(),
  actor: Party.optional(),
  targets: z.array(Party).max(100).optional(),
  correlationId: ShortText(200).optional(),
  causationId: z.uuid().optional(),
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "32 lowercase hex digits")
    .optional(),
  occurredAt: OccurredAt.optional(),
  /** More streams to link this event into, after the batch's own stream. */
  links: z.array(StreamName).max(20).optional(),
});
export type NewEvent = z.infer<typeof NewEvent>;

/** An atomic batch: all events are stored, or none. */
export const AppendBatch = z.object({
  events: z.array(NewEvent).min(1).max(1000),
  stream: StreamName.optional(),
  expectedVersion: ExpectedVersion.default("any"),
});
export type AppendBatch = z.input<typeof AppendBatch>;
