import { canonicalJson } from "./hash-event";
import type { StoredEvent } from "./event-row";
import type { NewEvent } from "./schemas";

/**
 * Whether `input`, submitted again with the id of `stored`, says the same thing. Fields the client
 * left out (correlation, trace, occurredAt) were derived at first append, so only given ones count.
 */
export function sameContent(stored: StoredEvent, input: NewEvent, streamNames: string[]): boolean {
  const given = canonicalJson({
    type: input.type,
    data: input.data ?? {},
    metadata: input.metadata ?? {},
    tenant: input.tenant ?? null,
    actor: input.actor ?? null,
    targets: input.targets ?? [],
    causationId: input.causationId ?? null,
    streams: streamNames,
    correlationId: input.correlationId ?? stored.correlationId,
    traceId: input.traceId ?? stored.traceId,
    occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : stored.occurredAt,
  });
  const appendedTo = stored.streams.slice(0, streamNames.length).map((stream) => stream.name);
  const kept = canonicalJson({
    type: stored.type,
    data: stored.data,
    metadata: stored.metadata,
    tenant: stored.tenant,
    actor: stored.actor,
    targets: stored.targets,
    causationId: stored.causationId,
    streams: appendedTo,
    correlationId: stored.correlationId,
    traceId: stored.traceId,
    occurredAt: stored.occurredAt,
  });
  return given === kept;
}
