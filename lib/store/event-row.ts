import "server-only";
import { Prisma } from "../db/generated/client";
import type { ChainRow } from "./chain-row";
import type { StreamVersion } from "./hash-event";
import type { Party } from "./schemas";

/** An event as every read verb returns it. Positions are strings (bigint-safe); times ISO 8601 UTC. */
export interface StoredEvent {
  position: string;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  tenant: string | null;
  actor: Party | null;
  targets: Party[];
  correlationId: string;
  causationId: string | null;
  traceId: string | null;
  /** Every stream the event is in, with its version there: the appended-to streams first, then later links. */
  streams: StreamVersion[];
  occurredAt: string;
  recordedAt: string;
  hash: string;
  prevHash: string;
}

/** The raw row that {@link EVENT_COLUMNS} selects: the hashed row, plus every stream it is in now. */
export type EventRow = Omit<ChainRow, "streams"> & { append_streams: StreamVersion[]; memberships: StreamVersion[] };

/** Columns of `events e`, shaped for {@link toStoredEvent}. */
export const EVENT_COLUMNS = Prisma.sql`
  e.position::text AS position, e.id::text AS id, e.type, e.data, e.metadata, e.tenant,
  e.actor_id, e.actor_type, e.actor_name, e.targets, e.correlation_id, e.causation_id::text AS causation_id,
  e.trace_id, e.streams AS append_streams, e.occurred_at, e.recorded_at, e.prev_hash, e.hash,
  (SELECT coalesce(json_agg(json_build_object('name', m.stream, 'version', m.version) ORDER BY m.linked_at, m.version), '[]')
     FROM stream_events m WHERE m.position = e.position) AS memberships`;

export function toStoredEvent(row: EventRow): StoredEvent {
  const appended = new Set(row.append_streams.map((stream) => stream.name));
  return {
    position: row.position,
    id: row.id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    tenant: row.tenant,
    actor: row.actor_id === null ? null : withoutNulls({ id: row.actor_id, type: row.actor_type, name: row.actor_name }),
    targets: row.targets,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    traceId: row.trace_id,
    streams: [
      ...row.append_streams,
      ...row.memberships
        .filter((member) => !appended.has(member.name))
        .map((member) => ({ name: member.name, version: Number(member.version) })),
    ],
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

function withoutNulls(party: { id: string; type: string | null; name: string | null }): Party {
  return { id: party.id, ...(party.type && { type: party.type }), ...(party.name && { name: party.name }) };
}
