import { z } from "zod";
import { hasScope, type Principal } from "../auth/principal";
import { Forbidden, ValidationError } from "../errors";
import { type AppendBatch, ExpectedVersion, NewEvent, StreamName } from "../store/schemas";
import { parseOrThrow } from "../validation/parse-or-throw";
import { parseTraceparent } from "./traceparent";

/** `POST /api/events` with one event: the event itself, plus where it goes. */
export const RecordOne = NewEvent.extend({
  stream: StreamName.optional(),
  expectedVersion: ExpectedVersion.optional(),
}).strict();
export type RecordOne = z.infer<typeof RecordOne>;

/** `POST /api/events` with a batch: 1-1000 events, stored atomically. */
export const RecordBatch = z
  .object({
    stream: StreamName.optional(),
    expectedVersion: ExpectedVersion.optional(),
    events: z.array(NewEvent.strict()).min(1).max(1000),
  })
  .strict();
export type RecordBatch = z.infer<typeof RecordBatch>;

/**
 * Turns a request body, its correlation headers and the caller into the batch to append.
 * Headers only fill what the body leaves empty. The tenant always comes from the key: a
 * tenant-bound key stamps its tenant and may not name another; only admins may name one.
 */
export function toAppendBatch(body: unknown, headers: Headers, principal: Principal): AppendBatch {
  const batch: RecordBatch =
    typeof body === "object" && body !== null && "events" in body
      ? parseOrThrow(RecordBatch, body)
      : (({ stream, expectedVersion, ...event }) => ({ stream, expectedVersion, events: [event] }))(
          parseOrThrow(RecordOne, body),
        );
  const correlationId = headers.get("x-correlation-id")?.trim() || undefined;
  const causationId = headers.get("x-causation-id")?.trim() || undefined;
  const traceId = parseTraceparent(headers.get("traceparent"))?.traceId;
  if (causationId !== undefined && !z.uuid().safeParse(causationId).success) {
    throw new ValidationError([{ path: "headers.x-causation-id", message: "must be an event id (UUID)" }]);
  }
  const events = batch.events.map((event, index) => {
    if (event.tenant !== undefined && principal.tenant !== null && event.tenant !== principal.tenant) {
      throw new Forbidden(`This key writes only to tenant ${principal.tenant}; events.${index}.tenant names another.`);
    }
    if (event.tenant !== undefined && principal.tenant === null && !hasScope(principal, "admin")) {
      throw new Forbidden(`Only admin keys may set a tenant (events.${index}.tenant); use a tenant-bound key.`);
    }
    return {
      ...event,
      tenant: principal.tenant ?? event.tenant,
      correlationId: event.correlationId ?? correlationId,
      causationId: event.causationId ?? causationId,
      traceId: event.traceId ?? traceId,
    };
  });
  return { stream: batch.stream, expectedVersion: batch.expectedVersion, events };
}
