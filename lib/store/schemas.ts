import { z } from "zod";
import { findJsonIssues } from "../validation/json-safety";

/** Event types: letters, digits and `._:-/`, as in `OrderPlaced`, `user.login`, `billing/invoice:refunded`. */
export const EventType = z.string().regex(/^[A-Za-z0-9._:\-/]{1,200}$/, "1-200 letters, digits or ._:-/");
export type EventType = z.infer<typeof EventType>;

/** Stream names are free text (`Order-123`, `tenant/acme/users`) without control characters. */
export const StreamName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]+$/u, "no control characters");
export type StreamName = z.infer<typeof StreamName>;

export const TenantId = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, "1-100 letters, digits or ._-");
export type TenantId = z.infer<typeof TenantId>;

const ShortText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, "no control characters");

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
  occurredAt: z.iso.datetime({ offset: true }).optional(),
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
