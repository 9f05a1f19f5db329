import { Prisma } from "../db/generated/client";
import type { Party } from "./schemas";

export interface StreamVersion {
  name: string;
  version: number;
}

/**
 * One stored event exactly as it is hashed, plus its hash and the previous event's hash. It is at
 * once the row every read of `events` returns ({@link EVENT_COLUMNS} selects this shape), what
 * append builds and inserts, and one export line (CSV and JSONL columns are these fields).
 * Times are ISO 8601 UTC with milliseconds and `Z`; `streams` are the streams the event was
 * appended to, with versions (links made later are not part of the event).
 */
export interface EventRecord {
  position: string;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  tenant: string | null;
  actorId: string | null;
  actorType: string | null;
  actorName: string | null;
  targets: Party[];
  correlationId: string;
  causationId: string | null;
  traceId: string | null;
  streams: StreamVersion[];
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
  /**
   * The credential that recorded the event, attested by the server: an API key id or
   * "bootstrap-token" (HTTP, exports), or "cli" (a command with the database's credentials: the
   * seed). Null when not attested: events from before writers were recorded, and events appended
   * through the library without a writer.
   */
  writer: string | null;
}

/** What the hash covers: every field but the hashes, and the writer only when known. */
export type HashedFields = Omit<EventRecord, "hash" | "prevHash" | "writer"> & { writer?: string };

/** An event as every read API and page shows it: the actor as one object, and all its streams. */
export interface StoredEvent extends Omit<EventRecord, "actorId" | "actorType" | "actorName"> {
  actor: Party | null;
}

/** A record with every stream it is in now, as {@link MEMBERSHIPS} selects them. */
export type EventWithMemberships = EventRecord & { memberships: StreamVersion[] };

// Timestamps leave the database as text, never through a driver's Date parsing (PGlite's reads
// years 0001-0099 as 19xx), in exactly the form JavaScript's toISOString writes and the hash covers.
const iso = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The one column list of `events e`, aliased to {@link EventRecord}. ORDER BY `e.position`,
 * qualified: a bare `position` would sort by this text alias (lexically: "10" before "9").
 */
export const EVENT_COLUMNS = Prisma.sql`
  e.position::text AS position, e.id::text AS id, e.type, e.data, e.metadata, e.tenant,
  e.actor_id AS "actorId", e.actor_type AS "actorType", e.actor_name AS "actorName", e.targets,
  e.correlation_id AS "correlationId", e.causation_id::text AS "causationId", e.trace_id AS "traceId",
  e.streams, ${iso("e.occurred_at")} AS "occurredAt", ${iso("e.recorded_at")} AS "recordedAt",
  e.prev_hash AS "prevHash", e.hash, e.writer`;

/** Every stream `events e` is in now (appended and linked), oldest membership first. */
export const MEMBERSHIPS = Prisma.sql`(
  SELECT coalesce(json_agg(json_build_object('name', m.stream, 'version', m.version)
                           ORDER BY m.linked_at, m.version), '[]')
    FROM stream_events m WHERE m.position = e.position) AS memberships`;

/** Database/domain record → what readers see: the appended-to streams first, then later links. */
export function toStoredEvent(record: EventRecord, memberships: StreamVersion[] = []): StoredEvent {
  const appended = new Set(record.streams.map((stream) => stream.name));
  const links = memberships.filter((member) => !appended.has(member.name));
  const { actorId, actorType, actorName } = record;
  return {
    position: record.position,
    id: record.id,
    type: record.type,
    data: record.data,
    metadata: record.metadata,
    tenant: record.tenant,
    actor:
      actorId === null
        ? null
        : { id: actorId, ...(actorType && { type: actorType }), ...(actorName && { name: actorName }) },
    targets: record.targets,
    correlationId: record.correlationId,
    causationId: record.causationId,
    traceId: record.traceId,
    streams: [...record.streams, ...links.map((member) => ({ name: member.name, version: Number(member.version) }))],
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    hash: record.hash,
    prevHash: record.prevHash,
    writer: record.writer,
  };
}

/** A read with {@link MEMBERSHIPS} → what readers see. */
export function fromMembershipRow({ memberships, ...record }: EventWithMemberships): StoredEvent {
  return toStoredEvent(record, memberships);
}

/**
 * The hashed part of a record, field by field (anything else a row carries, such as an export's
 * inclusion proof, is not the event's). An unknown writer is left out rather than hashed as null,
 * so events stored before writers were recorded keep the hashes they were given. The fields are
 * listed in RFC 8785 order (sorted, "writer" last), so canonicalJson writes them in one pass.
 */
export function hashedFieldsOf(record: EventRecord): HashedFields {
  const fields: HashedFields = {
    actorId: record.actorId,
    actorName: record.actorName,
    actorType: record.actorType,
    causationId: record.causationId,
    correlationId: record.correlationId,
    data: record.data,
    id: record.id,
    metadata: record.metadata,
    occurredAt: record.occurredAt,
    position: record.position,
    recordedAt: record.recordedAt,
    streams: record.streams,
    targets: record.targets,
    tenant: record.tenant,
    traceId: record.traceId,
    type: record.type,
  };
  return record.writer === null || record.writer === undefined ? fields : { ...fields, writer: record.writer };
}
