import "server-only";
import type { Database, Tx } from "../db/database";
import { Prisma } from "../db/generated/client";
import { EventIdConflict, ValidationError } from "../errors";
import { appendLeaves } from "../transparency/merkle-frontier";
import { leafHash } from "../transparency/merkle-hash";
import { entryOf } from "../transparency/tree-head";
import { parseOrThrow } from "../validation/parse-or-throw";
import { APPEND_LOCK_KEY } from "./append-lock";
import { buildEventRows, checkExpectedVersion, streamNamesOf } from "./build-event-rows";
import { EVENT_COLUMNS, type EventRecord } from "./event-record";
import { readAppendContext } from "./read-append-context";
import { merkleRows } from "./read-merkle-nodes";
import { sameContent } from "./same-content";
import { AppendBatch } from "./schemas";

export interface AppendOptions {
  /** The credential recording the batch (an API key id, or "bootstrap-token"): hashed into each event. */
  writer?: string;
}

export interface AppendResult {
  /** The stored records, in input order. */
  events: EventRecord[];
  /** True when every event was already stored identically and nothing was written. */
  replayed: boolean;
}

/**
 * Appends a batch atomically (all events or none) and returns the stored events in input order.
 *
 * Global order: every append holds one transaction-scoped advisory lock from before it reads the
 * head until it commits, so positions are gapless and commit in position order. A reader
 * following `position > n` therefore never misses an event that commits later with a lower
 * position. The same lock makes the hash chain, stream versions and duplicate-id checks race-free;
 * the unique indexes stay as the last line of defence. The Merkle tree's new nodes are written in
 * the same statement, so the tree always covers exactly the committed log.
 */
export async function appendEvents(
  db: Database,
  batch: AppendBatch,
  options: AppendOptions = {},
): Promise<AppendResult> {
  const input = parseOrThrow(AppendBatch, batch);
  const ids = input.events.flatMap((event) => (event.id ? [event.id] : []));
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) {
    throw new ValidationError([{ path: "events", message: `id used twice in one batch: ${repeated[0]}` }]);
  }
  return db.transaction(async (tx) => {
    await tx.query(Prisma.sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY}::bigint)`);
    if (ids.length > 0) {
      const existing = await tx.query<EventRecord>(Prisma.sql`
        SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ANY(${ids}::uuid[])`);
      if (existing.length > 0) return settleReplay(existing, input);
    }
    const streamNames = [...new Set(input.events.flatMap((event) => streamNamesOf(event, input.stream)))];
    const causes = input.events.flatMap((event) => (event.causationId ? [event.causationId] : []));
    const context = await readAppendContext(tx, streamNames, causes);
    if (input.stream) {
      checkExpectedVersion(input.stream, input.expectedVersion, context.streamVersions.get(input.stream) ?? null);
    }
    const rows = buildEventRows(input.events, input.stream, context, options.writer ?? null);
    const tree = appendLeaves(
      context.frontier,
      rows.map((row) => leafHash(entryOf(row.hash))),
    );
    await insertRows(tx, rows, merkleRows(tree.created));
    return { events: rows, replayed: false };
  });
}

/** An identical full replay returns what is stored; anything else touching stored ids is a conflict. */
function settleReplay(stored: EventRecord[], input: AppendBatch & { events: AppendBatch["events"] }): AppendResult {
  const byId = new Map(stored.map((event) => [event.id, event]));
  const replayed = input.events.map((event) => {
    const match = event.id ? byId.get(event.id) : undefined;
    return match && sameContent(match, event, streamNamesOf(event, input.stream)) ? match : undefined;
  });
  if (replayed.every((event) => event !== undefined)) return { events: replayed, replayed: true };
  throw new EventIdConflict(stored.map((event) => event.id));
}

/** One set-based statement per batch, however many events it holds. */
async function insertRows(tx: Tx, rows: EventRecord[], nodes: { position: string; hashes: string[] }[]): Promise<void> {
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
  await tx.query(Prisma.sql`
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
