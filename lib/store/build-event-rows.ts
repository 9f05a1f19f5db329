import { randomUUID } from "node:crypto";
import { ValidationError, WrongExpectedVersion } from "../errors";
import { eventKey } from "./event-key";
import type { EventRecord, HashedFields } from "./event-record";
import { hashEvent } from "./hash-event";
import type { ExpectedVersion, NewEvent } from "./schemas";

/** What the append transaction read under its lock before building rows. */
export interface AppendContext {
  head: { position: bigint; hash: string; recordedAt: Date };
  /** Last version of each named stream, or null when the stream has no events yet. */
  streamVersions: Map<string, number | null>;
  /**
   * The stored events the batch names as causes, by {@link eventKey} (tenant and id): their
   * correlation. An event inherits a cause's correlation only within its own tenant; a foreign
   * cause counts as missing (it is looked up under the writer's tenant only).
   */
  causes: Map<string, { correlationId: string }>;
  now: Date;
  /** Of the API keys the group's requests name (`AppendRequest.liveKey`), those not revoked. */
  liveKeys?: ReadonlySet<string>;
}

/** How far in the future a client's `occurredAt` may be (clock skew), relative to the server. */
const MAX_FUTURE_MS = 5 * 60 * 1000;

/** The streams each event of a batch lands in: the batch stream first, then its own links, deduplicated. */
export function streamNamesOf(event: NewEvent, stream: string | undefined): string[] {
  return [...new Set([...(stream ? [stream] : []), ...(event.links ?? [])])];
}

export function checkExpectedVersion(stream: string, expected: ExpectedVersion, current: number | null): void {
  const ok =
    expected === "any" ||
    (expected === "none" && current === null) ||
    (expected === "exists" && current !== null) ||
    expected === current;
  if (!ok) throw new WrongExpectedVersion(stream, expected, current);
}

/**
 * Builds the rows of one batch: positions after the head, stream versions after each stream's last,
 * RES-style correlation (inherit the cause's within the tenant, else the event's own id), and the
 * hash chain.
 * Pure: the caller holds the append lock that makes `context` current.
 */
export function buildEventRows(
  events: NewEvent[],
  stream: string | undefined,
  context: AppendContext,
  writer: string | null = null,
): EventRecord[] {
  // Invariant relied on by searches (build-where.ts): recorded_at never decreases with position,
  // even if the server clock steps back.
  const recordedAt = new Date(Math.max(context.now.getTime(), context.head.recordedAt.getTime())).toISOString();
  const versions = new Map(context.streamVersions);
  const causes = new Map(context.causes);
  let prevHash = context.head.hash;
  return events.map((event, index) => {
    const id = event.id ?? randomUUID();
    const occurredAt = event.occurredAt ? new Date(event.occurredAt) : new Date(recordedAt);
    if (occurredAt.getTime() > context.now.getTime() + MAX_FUTURE_MS) {
      throw new ValidationError([{ path: `events.${index}.occurredAt`, message: "more than 5 minutes in the future" }]);
    }
    const streams = streamNamesOf(event, stream).map((name) => {
      const version = (versions.get(name) ?? -1) + 1;
      versions.set(name, version);
      return { name, version };
    });
    const tenant = event.tenant ?? null;
    const cause = event.causationId ? causes.get(eventKey(tenant, event.causationId)) : undefined;
    const correlationId = event.correlationId ?? cause?.correlationId ?? id;
    causes.set(eventKey(tenant, id), { correlationId });
    const fields: HashedFields = {
      position: String(context.head.position + BigInt(index + 1)),
      id,
      type: event.type,
      data: event.data ?? {},
      metadata: event.metadata ?? {},
      tenant,
      actorId: event.actor?.id ?? null,
      actorType: event.actor?.type ?? null,
      actorName: event.actor?.name ?? null,
      targets: event.targets ?? [],
      correlationId,
      causationId: event.causationId ?? null,
      traceId: event.traceId ?? null,
      streams,
      occurredAt: occurredAt.toISOString(),
      recordedAt,
      ...(writer !== null && { writer }),
    };
    const hash = hashEvent(prevHash, fields);
    const record: EventRecord = { ...fields, prevHash, hash, writer };
    prevHash = hash;
    return record;
  });
}
