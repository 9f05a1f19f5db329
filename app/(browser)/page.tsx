import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { Facets, FacetsPlaceholder } from "@/components/events/facets";
import { HistogramPlaceholder, VolumeHistogram } from "@/components/events/histogram";
import { JumpToTime } from "@/components/events/jump-to-time";
import { LiveEvents } from "@/components/events/live-events";
import { QuickFilters } from "@/components/events/quick-filters";
import { type QueryProblem, SearchBox } from "@/components/events/search-box";
import { Pager } from "@/components/ui/pager";
import { hasScope } from "@/lib/auth/principal";
import { pageContext } from "@/lib/auth/require-principal";
import { ConcurrencyLimited, InvalidQuery } from "@/lib/errors";
import { parseTimeZone } from "@/lib/format/time-zone";
import { wallToUtc } from "@/lib/format/wall-to-utc";
import { inSlot } from "@/lib/http/concurrency-limit";
import { encodeCursor } from "@/lib/paging/cursor";
import { type SearchPage, searchEvents } from "@/lib/query/search-events";
import { positionAtTime } from "@/lib/store/position-at-time";
import { eventsHref, exportHref, parseEventsState } from "@/lib/url-state/events-url";
import styles from "./events.module.css";

/** How long the page waits for its key's search slot before it says so (concurrency-limit.ts). */
const PAGE_SLOT_WAIT_MS = 2000;

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { principal, db, scope } = await pageContext();
  const params = await searchParams;
  const { q, cursor, direction, at } = parseEventsState(params);
  if (at) {
    // A time without a zone is read in the zone the form named (`tz`, see JumpToTime), else UTC.
    const when = new Date(wallToUtc(at, parseTimeZone(typeof params.tz === "string" ? params.tz : undefined)));
    if (!Number.isNaN(when.getTime())) {
      const position = BigInt(await positionAtTime(db, when));
      redirect(eventsHref({ q, cursor: encodeCursor("backward", String(position + 1n)) }));
    }
  }
  let page: SearchPage = { events: [], next: null, prev: null };
  let problem: QueryProblem | null = null;
  try {
    // Pages share a key's search slots with the API: a browser cannot be used to bypass them.
    // Waits up to 2 s for the key's search slot: the page before may still hold it a moment.
    page = await inSlot(
      principal,
      "search",
      () => searchEvents(db, { q, cursor, limit: 50 }, scope),
      PAGE_SLOT_WAIT_MS,
    );
  } catch (error) {
    if (error instanceof InvalidQuery) problem = { message: error.message, position: error.position };
    else if (error instanceof ConcurrencyLimited) problem = { message: error.message };
    else if ((error as { code?: unknown }).code === "57014") {
      const hint = "narrow it with a type:, stream: or recorded: filter";
      problem = { message: `The search ran out of its time budget; ${hint}.` };
    } else throw error;
  }
  const forward = direction === "forward";
  // A forward page (reached with "Newer") arrives oldest first; the log always shows newest first.
  const events = forward ? [...page.events].reverse() : page.events;
  const newer = forward ? page.next : page.prev;
  const older = forward ? page.prev : page.next;
  return (
    <>
      <h1 className={styles.title}>Events</h1>
      <SearchBox q={q} problem={problem} />
      <QuickFilters q={q} />
      {!problem && (
        <Suspense key={q} fallback={<HistogramPlaceholder />}>
          <VolumeHistogram q={q} scope={scope} />
        </Suspense>
      )}
      {hasScope(principal, "export") && !problem && (
        <p className={styles.export}>
          Export this search (oldest first, with a signed manifest):{" "}
          <a href={exportHref(q, "csv")} download>
            CSV
          </a>{" "}
          ·{" "}
          <a href={exportHref(q, "jsonl")} download>
            JSONL
          </a>
        </p>
      )}
      <Pager newer={newer && eventsHref({ q, cursor: newer })} older={older && eventsHref({ q, cursor: older })}>
        <JumpToTime q={q} />
      </Pager>
      <div className={styles.explore}>
        {!problem && (
          <aside className={styles.facets}>
            <Suspense key={q} fallback={<FacetsPlaceholder />}>
              <Facets q={q} scope={scope} />
            </Suspense>
          </aside>
        )}
        {/* The skip link's target on this page (components/ui/skip-link.tsx). */}
        <section id="results" tabIndex={-1} aria-label="Results" className={styles.results}>
          {page.searchedTo !== undefined && page.next && (
            <p className={styles.partial} role="status">
              {events.length === 0 ? "Nothing found yet: searched" : "Searched"} {forward ? "forward" : "back"} to
              position {page.searchedTo} within the time budget —{" "}
              <Link href={eventsHref({ q, cursor: page.next })}>continue</Link>
            </p>
          )}
          {events.length === 0 && !problem && page.searchedTo === undefined && (
            <p className={styles.empty}>
              {q
                ? "No events match this search."
                : "No events recorded yet. Send one with POST /api/events, or run npm run seed."}
            </p>
          )}
          {!problem && <LiveEvents key={`${q}|${cursor ?? ""}`} events={events} q={q} canTail={!cursor} />}
        </section>
      </div>
    </>
  );
}
