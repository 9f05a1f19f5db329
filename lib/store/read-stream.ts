import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { tenantScope } from "./read-events-forward";
import { EVENT_COLUMNS, toStoredEvent, type EventRow, type StoredEvent } from "./event-row";
import { Direction, toPage, type Page } from "./page";
import { StreamName } from "./schemas";
import { parseOrThrow } from "./zod-issues";

const StreamReadOptions = z.object({
  /** First version to return (inclusive). Default: 0 forward, the last version backward. */
  fromVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  direction: Direction.default("forward"),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type StreamReadOptions = z.input<typeof StreamReadOptions>;

export type StreamEvent = StoredEvent & { version: number };

/** One stream's events (of one tenant, if given) in version order, keyset-paginated by version; `next` is the next fromVersion. */
export async function readStream(
  db: Database,
  stream: string,
  options: StreamReadOptions = {},
  tenant: string | null = null,
): Promise<Page<StreamEvent, number>> {
  const name = parseOrThrow(StreamName, stream);
  const { fromVersion, direction, limit } = parseOrThrow(StreamReadOptions, options);
  const bound =
    fromVersion === undefined
      ? Prisma.empty
      : direction === "forward"
        ? Prisma.sql`AND m.version >= ${fromVersion}`
        : Prisma.sql`AND m.version <= ${fromVersion}`;
  const order = direction === "forward" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await db.query<(EventRow & { stream_version: string })>(Prisma.sql`
    SELECT m.version::text AS stream_version, ${EVENT_COLUMNS}
      FROM stream_events m JOIN events e ON e.position = m.position
     WHERE m.stream = ${name} ${bound} ${tenantScope(tenant)}
     ORDER BY m.version ${order} LIMIT ${limit + 1}`);
  const events = rows.map((row) => ({ ...toStoredEvent(row), version: Number(row.stream_version) }));
  const page = toPage(events, limit, (event) => event.version);
  // Keyset on the unique (stream, version): the cursor is the version after the last one returned.
  return { items: page.items, next: page.next === null ? null : page.next + (direction === "forward" ? 1 : -1) };
}
