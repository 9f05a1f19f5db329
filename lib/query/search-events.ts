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
import { scanWindows } from "./scan-windows";

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
  /**
   * Set when a filtered search spent its time budget before filling the page: the position it
   * searched to. The page may then hold fewer events than asked for, even none; `next` goes on
   * from there.
   */
  searchedTo?: string;
  /** A filtered search: the last position examined (a follower continues after it). */
  scannedTo?: string;
}

/**
 * Events matching a search, newest first by default, keyset-paginated on position. The scope
 * (from the caller's key, never from the query) confines the search to one tenant. A search with
 * a filter walks the log in bounded windows within a time budget (scan-windows.ts).
 */
export async function searchEvents(db: Database, options: SearchOptions, scope: TenantScope): Promise<SearchPage> {
  const { q, cursor, after: followFrom, direction: asked, limit } = parseOrThrow(SearchOptions, options);
  const direction = cursor?.direction ?? (followFrom !== undefined ? "forward" : asked);
  const after = cursor?.position ?? followFrom;
  const where = searchConditions(q);
  if (where.length > 0) {
    // A filter may match anything from every event to none: walk the log in bounded windows.
    const page = await scanWindows(db, { where, scope, after, direction, limit });
    const last = page.events.at(-1);
    const next = page.more && last ? last.position : page.stoppedAt;
    return {
      events: page.events,
      next: next === null ? null : encodeCursor(direction, next),
      prev: prevCursor(direction, after, page.events[0]?.position),
      ...(page.stoppedAt !== null && { searchedTo: page.stoppedAt }),
      scannedTo: page.scannedTo,
    };
  }
  const page = await readEvents(db, { where, scope, after, direction, limit });
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
