import { Prisma } from "../db/generated/client";
import type { HashedFields, StreamVersion } from "./hash-event";
import type { Party } from "./schemas";

/** An event row exactly as hashed: what verification and exports read (no joins). */
export interface ChainRow {
  position: string;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  tenant: string | null;
  actor_id: string | null;
  actor_type: string | null;
  actor_name: string | null;
  targets: Party[];
  correlation_id: string;
  causation_id: string | null;
  trace_id: string | null;
  /** The streams appended to, with versions: part of the hash (later links are not). */
  streams: StreamVersion[];
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}

/**
 * Columns of `events e` shaped as a {@link ChainRow}. Always ORDER BY `e.position`, qualified:
 * a bare `position` would sort by this text alias (lexically: "10" before "9").
 */
export const CHAIN_COLUMNS = Prisma.sql`
  e.position::text AS position, e.id::text AS id, e.type, e.data, e.metadata, e.tenant, e.actor_id, e.actor_type,
  e.actor_name, e.targets, e.correlation_id, e.causation_id::text AS causation_id, e.trace_id, e.streams,
  e.occurred_at, e.recorded_at, e.prev_hash, e.hash`;

export function hashedFieldsOf(row: ChainRow): HashedFields {
  return {
    position: row.position,
    id: row.id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    tenant: row.tenant,
    actorId: row.actor_id,
    actorType: row.actor_type,
    actorName: row.actor_name,
    targets: row.targets,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    traceId: row.trace_id,
    streams: row.streams,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
  };
}
