import { canonicalJson } from "../encoding/canonical-json";
import type { EventRecord } from "./event-record";
import type { NewEvent } from "./schemas";

/**
 * Whether `input`, submitted again with the id of `stored`, says the same thing. Fields the client
 * left out (correlation, trace, occurredAt) were derived at first append, so only given ones count.
 */
export function sameContent(stored: EventRecord, input: NewEvent, streamNames: string[]): boolean {
  const given = canonicalJson({
    type: input.type,
    data: input.data ?? {},
    metadata: input.metadata ?? {},
    tenant: input.tenant ?? null,
    actorId: input.actor?.id ?? null,
    actorType: input.actor?.type ?? null,
    actorName: input.actor?.name ?? null,
    targets: input.targets ?? [],
    causationId: input.causationId ?? null,
    streams: streamNames,
    correlationId: input.correlationId ?? stored.correlationId,
    traceId: input.traceId ?? stored.traceId,
    occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : stored.occurredAt,
  });
  const kept = canonicalJson({
    type: stored.type,
    data: stored.data,
    metadata: stored.metadata,
    tenant: stored.tenant,
    actorId: stored.actorId,
    actorType: stored.actorType,
    actorName: stored.actorName,
    targets: stored.targets,
    causationId: stored.causationId,
    streams: stored.streams.map((stream) => stream.name),
    correlationId: stored.correlationId,
    traceId: stored.traceId,
    occurredAt: stored.occurredAt,
  });
  return given === kept;
}
