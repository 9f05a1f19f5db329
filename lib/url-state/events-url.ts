import { z } from "zod";
import { Cursor } from "../paging/cursor";
import type { Direction } from "../paging/keyset-page";
import { first, type RawSearchParams, withQuery } from "./query-string";

/**
 * The Events page's state, all of it in the URL: the search, the page cursor, and a one-shot
 * "jump to time". The one place that reads and writes it: the page, its components, the export
 * links and the live tail all go through here, so they always mean the same events.
 */
export interface EventsState {
  q: string;
  /** A cursor the API issued (the same schema as `GET /api/events`), else none: the first page. */
  cursor?: string;
  /** The cursor's reading direction; a first page reads backward (newest first). */
  direction: Direction;
  /** "Jump to" this time (ISO 8601; UTC when it names no zone). */
  at?: string;
}

const Params = z.object({
  q: z.string().max(2000).catch(""),
  cursor: z.string().optional().catch(undefined),
  at: z.string().max(100).optional().catch(undefined),
});

/** Reads the state from a page's search params; anything malformed falls back to its default. */
export function parseEventsState(raw: RawSearchParams): EventsState {
  const { q, cursor, at } = Params.parse({ q: first(raw.q) ?? "", cursor: first(raw.cursor), at: first(raw.at) });
  const decoded = Cursor.safeParse(cursor);
  return {
    q,
    ...(decoded.success && { cursor }),
    direction: decoded.success ? decoded.data.direction : "backward",
    ...(at && { at }),
  };
}

/** The Events page for a search (and page, or time to jump to). A new search has no cursor. */
export function eventsHref(state: { q?: string; cursor?: string | null; at?: string } = {}): string {
  return withQuery("/", { q: state.q, cursor: state.cursor, at: state.at });
}

/** The export of exactly the events a search lists. */
export function exportHref(q: string, format: "csv" | "jsonl"): string {
  return `/api/export?${new URLSearchParams({ q, format })}`;
}

/** The live stream of new events matching a search, after a position. */
export function liveHref(q: string, after: string): string {
  return `/api/events/live?${new URLSearchParams({ q, after })}`;
}
