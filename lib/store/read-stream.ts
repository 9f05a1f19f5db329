import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { Direction, type Page, toPage } from "../paging/keyset-page";
import { parseOrThrow } from "../validation/parse-or-throw";
import {
  EVENT_COLUMNS,
  type EventWithMemberships,
  fromMembershipRow,
  MEMBERSHIPS,
  type StoredEvent,
} from "./event-record";
import { StreamName } from "./schemas";
import { scopeConditions, type TenantScope, whereAll } from "./tenant-scope";

const StreamReadOptions = z.object({
  /** First version to return (inclusive). Default: 0 forward, the last version backward. */
  fromVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  direction: Direction.default("forward"),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type StreamReadOptions = z.input<typeof StreamReadOptions>;

export type StreamEvent = StoredEvent & { version: number };

/**
 * One stream's events within the scope, in version order, keyset-paginated on the unique
 * (stream, version): `fromVersion` is inclusive, and `next` is the fromVersion of the next page.
 */
export async function readStream(
  db: Database,
  stream: string,
  scope: TenantScope,
  options: StreamReadOptions = {},
): Promise<Page<StreamEvent, number>> {
  const name = parseOrThrow(StreamName, stream);
  const { fromVersion, direction, limit } = parseOrThrow(StreamReadOptions, options);
  const conditions = [Prisma.sql`m.stream = ${name}`, ...scopeConditions(scope)];
  if (fromVersion !== undefined) {
    conditions.push(
      direction === "forward" ? Prisma.sql`m.version >= ${fromVersion}` : Prisma.sql`m.version <= ${fromVersion}`,
    );
  }
  const order = direction === "forward" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await db.query<EventWithMemberships & { stream_version: string }>(Prisma.sql`
    SELECT m.version::text AS stream_version, ${EVENT_COLUMNS}, ${MEMBERSHIPS}
      FROM stream_events m JOIN events e ON e.position = m.position
     ${whereAll(conditions)}
     ORDER BY m.version ${order} LIMIT ${limit + 1}`);
  const events = rows.map(({ stream_version, ...row }) => ({
    ...fromMembershipRow(row),
    version: Number(stream_version),
  }));
  const page = toPage(events, limit, (event) => event.version);
  // Keyset on the unique (stream, version): the cursor is the version after the last one returned.
  return { items: page.items, next: page.next === null ? null : page.next + (direction === "forward" ? 1 : -1) };
}
