import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { EVENT_COLUMNS, toStoredEvent, type EventRow, type StoredEvent } from "../store/event-row";
import { Direction, Position } from "../store/page";
import { parseOrThrow } from "../store/zod-issues";
import { buildWhere } from "./build-where";
import { Cursor, encodeCursor } from "./cursor";
import { parseQuery } from "./parse-query";

export const SearchOptions = z.object({
  q: z.string().default(""),
  /** An opaque cursor from a previous page (`next` or `prev`); it carries its own direction. */
  cursor: Cursor.optional(),
  /** Follow the log: positions after this one, oldest first (overrides direction). */
  after: Position.optional(),
  direction: Direction.default("backward"),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
export type SearchOptions = z.input<typeof SearchOptions>;

export interface SearchPage {
  events: StoredEvent[];
  /** Continues in the same direction; null at the end. */
  next: string | null;
  /** Goes back the other way from this page's first event; null on a first page. */
  prev: string | null;
}

/**
 * Events matching a search, newest first by default, keyset-paginated on position. `tenant`
 * (from the caller's key, never from the query) confines the search to one tenant.
 */
export async function searchEvents(db: Database, options: SearchOptions, tenant: string | null = null): Promise<SearchPage> {
  const { q, cursor, after, direction: asked, limit } = parseOrThrow(SearchOptions, options);
  const conditions = buildWhere(parseQuery(q));
  const direction = cursor?.direction ?? (after !== undefined ? "forward" : asked);
  const from = cursor?.position ?? after;
  if (tenant !== null) conditions.push(Prisma.sql`e.tenant = ${tenant}`);
  if (from !== undefined) {
    conditions.push(direction === "forward" ? Prisma.sql`e.position > ${from}::bigint` : Prisma.sql`e.position < ${from}::bigint`);
  }
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const order = direction === "forward" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await db.query<EventRow>(Prisma.sql`
    SELECT ${EVENT_COLUMNS} FROM events e ${where} ORDER BY e.position ${order} LIMIT ${limit + 1}`);
  const events = rows.slice(0, limit).map(toStoredEvent);
  const last = events.at(-1);
  return {
    events,
    next: rows.length > limit && last ? encodeCursor(direction, last.position) : null,
    prev: prevCursor(direction, from, events[0]?.position),
  };
}

function prevCursor(direction: Direction, from: string | undefined, first: string | undefined): string | null {
  if (from === undefined) return null;
  const reverse = direction === "forward" ? "backward" : "forward";
  if (first !== undefined) return encodeCursor(reverse, first);
  // An empty page: reading the other way starts at the cursor itself.
  const at = BigInt(from);
  return encodeCursor(reverse, String(direction === "forward" ? at + 1n : at > 0n ? at - 1n : 0n));
}
