import "server-only";
import type { Tx } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { EventRecord } from "./event-record";

/** One set-based statement per group of batches, however many events they hold. */
export async function insertEventRows(
  tx: Tx,
  rows: EventRecord[],
  nodes: { position: string; hashes: string[] }[],
): Promise<void> {
  const memberships = rows.flatMap((row) =>
    row.streams.map((stream) => ({
      stream: stream.name,
      version: stream.version,
      position: row.position,
      at: row.recordedAt,
    })),
  );
  // One statement for the three tables: a round trip less per append. The foreign keys from
  // stream_events and merkle_nodes are checked at the end of the statement, when the events are in place.
  await tx.commitWith(Prisma.sql`
    WITH inserted AS (
    INSERT INTO events (position, id, type, data, metadata, tenant, actor_id, actor_type, actor_name, targets,
                        correlation_id, causation_id, trace_id, streams, occurred_at, recorded_at, prev_hash, hash,
                        writer)
    SELECT position, id, type, data, metadata, tenant, "actorId", "actorType", "actorName", targets,
           "correlationId", "causationId", "traceId", streams, "occurredAt", "recordedAt", "prevHash", hash, writer
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        position bigint, id uuid, type text, data jsonb, metadata jsonb, tenant text, "actorId" text,
        "actorType" text, "actorName" text, targets jsonb, "correlationId" text, "causationId" uuid,
        "traceId" text, streams jsonb, "occurredAt" timestamptz, "recordedAt" timestamptz,
        "prevHash" text, hash text, writer text)
    RETURNING 1),
    nodes AS (
    INSERT INTO merkle_nodes (position, hashes)
    SELECT position, hashes
      FROM jsonb_to_recordset(${JSON.stringify(nodes)}::jsonb) AS n(position bigint, hashes text[])
    RETURNING 1)
    INSERT INTO stream_events (stream, version, position, linked_at)
    SELECT stream, version, position, at
      FROM jsonb_to_recordset(${JSON.stringify(memberships)}::jsonb)
        AS r(stream text, version bigint, position bigint, at timestamptz)`);
}
