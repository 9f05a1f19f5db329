import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { EVENT_COLUMNS, type EventRecord, type StoredEvent, toStoredEvent } from "./event-record";
import { andInScope, type TenantScope } from "./tenant-scope";

export interface PreviousInStream {
  /** The stream both events are in. */
  stream: string;
  /** The event's version in that stream; the previous event is at `version - 1`. */
  version: number;
  previous: StoredEvent;
}

/**
 * For the event at `position`, the event just before it (version − 1) in each stream it is in, in
 * the order of its memberships. A stream where it is version 0, or whose previous event lies
 * outside the scope, has no entry: a tenant never sees another tenant's data through a diff.
 * Two primary-key probes per membership; an event is in a handful of streams.
 */
export async function readPreviousInStreams(
  db: Database,
  position: string,
  scope: TenantScope,
): Promise<PreviousInStream[]> {
  const rows = await db.query<EventRecord & { in_stream: string; in_version: string }>(Prisma.sql`
    SELECT own.stream AS in_stream, own.version::text AS in_version, ${EVENT_COLUMNS}
      FROM stream_events own
      JOIN stream_events m ON m.stream = own.stream AND m.version = own.version - 1
      JOIN events e ON e.position = m.position ${andInScope(scope)}
     WHERE own.position = ${position}::bigint
     ORDER BY own.linked_at, own.version`);
  return rows.map(({ in_stream, in_version, ...record }) => ({
    stream: in_stream,
    version: Number(in_version),
    previous: toStoredEvent(record),
  }));
}
