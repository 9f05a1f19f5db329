import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Cursor, encodeCursor } from "../paging/cursor";
import { Direction, Position } from "../paging/keyset-page";
import type { StoredEvent } from "../store/event-record";
import { readEvents } from "../store/read-events";
import type { TenantScope } from "../store/tenant-scope";
import { parseOrThrow } from "../validation/parse-or-throw";
import { searchConditions } from "./build-where";

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
 * Events matching a search, newest first by default, keyset-paginated on position. The scope
 * (from the caller's key, never from the query) confines the search to one tenant.
 */
export async function searchEvents(db: Database, options: SearchOptions, scope: TenantScope): Promise<SearchPage> {
  const { q, cursor, after: followFrom, direction: asked, limit } = parseOrThrow(SearchOptions, options);
  const direction = cursor?.direction ?? (followFrom !== undefined ? "forward" : asked);
  const after = cursor?.position ?? followFrom;
  const page = await readEvents(db, { where: searchConditions(q), scope, after, direction, limit });
  const last = page.items.at(-1);
  return {
    events: page.items,
    next: page.next !== null && last ? encodeCursor(direction, last.position) : null,
    prev: prevCursor(direction, after, page.items[0]?.position),
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
