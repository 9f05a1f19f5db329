import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { EventRecord } from "./event-record";

/**
 * The stored column of each field of `events e`: what select lists written by COPY are made of
 * (the export's COPY paths add their formula guards and time zones around these).
 */
export const STORED_COLUMN = {
  position: "e.position",
  id: "e.id",
  type: "e.type",
  data: "e.data",
  metadata: "e.metadata",
  tenant: "e.tenant",
  actorId: "e.actor_id",
  actorType: "e.actor_type",
  actorName: "e.actor_name",
  targets: "e.targets",
  correlationId: "e.correlation_id",
  causationId: "e.causation_id",
  traceId: "e.trace_id",
  streams: "e.streams",
  occurredAt: "e.occurred_at",
  recordedAt: "e.recorded_at",
  prevHash: "e.prev_hash",
  hash: "e.hash",
  writer: "e.writer",
} as const satisfies Record<keyof EventRecord, string>;

/** A position written into SQL text (COPY takes no parameters): digits only, checked. */
function literal(position: string): Prisma.Sql {
  if (!/^\d{1,19}$/.test(position)) throw new Error(`not a position: ${position}`);
  return Prisma.raw(position);
}

/**
 * The next `limit` events past `after`, up to `upTo` (every tenant, no search), in position order,
 * as `COPY (SELECT columns …) TO STDOUT` writes them in `format`: the bytes and the row count. Null
 * on an engine without COPY to the client (PGlite); callers then read rows instead.
 */
export async function copyEventRange(
  db: Database,
  columns: Prisma.Sql,
  options: { after: string; upTo: string; limit: number },
  format: "csv" | "text",
): Promise<{ bytes: Uint8Array; rows: number } | null> {
  if (!db.copyOut) return null;
  const range = Prisma.sql`e.position > ${literal(options.after)} AND e.position <= ${literal(options.upTo)}`;
  const limit = Prisma.raw(String(Math.trunc(options.limit)));
  const copied = await db.copyOut(Prisma.sql`
    COPY (SELECT ${columns} FROM events e WHERE ${range} ORDER BY e.position LIMIT ${limit})
      TO STDOUT WITH (FORMAT ${Prisma.raw(format)})`);
  if (copied.rows === 0 && copied.bytes.length > 0) throw new Error("COPY wrote rows but reported none");
  return copied;
}
