import "server-only";
import type { Database } from "../db/database";
import type { StoredEvent } from "../store/event-record";
import { readHead } from "../store/read-head";
import type { TenantScope } from "../store/tenant-scope";
import { searchEvents } from "./search-events";

export interface FollowOptions {
  q: string;
  scope: TenantScope;
  /** Start after this position; default: the current head (only new events). */
  after?: string;
  pollMs?: number;
  signal: AbortSignal;
}

/** Waits `ms` or until aborted. The abort listener goes away with the timer: a follower polls for
 * days, and one listener left per poll would grow without bound. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener("abort", wake, { once: true });
  });

/**
 * Yields matching events in position order as they are recorded, until `signal` aborts. Resuming
 * from a position never loses or repeats an event: appends commit in position order (see
 * append-events.ts), so everything at or below a position already seen is final.
 */
export async function* followEvents(db: Database, options: FollowOptions): AsyncGenerator<StoredEvent[]> {
  let after = options.after ?? (await readHead(db))?.position ?? "0";
  // Queries are validated up front by the caller's first searchEvents call; each poll reuses them.
  while (!options.signal.aborted) {
    const page = await searchEvents(db, { q: options.q, after, limit: 500 }, options.scope);
    // A filtered poll examined every position up to scannedTo, matches or not: the next poll
    // starts there, so it only ever scans events that are new since.
    const reached = page.events.at(-1)?.position;
    if (page.scannedTo !== undefined && BigInt(page.scannedTo) > BigInt(reached ?? after)) after = page.scannedTo;
    else if (reached !== undefined) after = reached;
    if (page.events.length > 0) yield page.events;
    if (page.next === null) await sleep(options.pollMs ?? 500, options.signal);
  }
}
