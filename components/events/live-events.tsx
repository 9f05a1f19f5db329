"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { StoredEvent } from "@/lib/store/event-record";
import { liveHref } from "@/lib/url-state/events-url";
import { EventTable } from "./event-table";
import styles from "./live.module.css";
import { publishLiveEvents } from "./live-bus";

const MAX_LIVE = 500;

/**
 * The first page of the log, with an optional live tail (SSE on /api/events/live, authorised by
 * the session cookie). New events are prepended; when the reader has scrolled down, the page is
 * scrolled by the added height so what they are looking at does not move.
 */
export function LiveEvents({ events, q, canTail }: { events: StoredEvent[]; q: string; canTail: boolean }) {
  const [live, setLive] = useState(false);
  const [fresh, setFresh] = useState<StoredEvent[]>([]);
  const [status, setStatus] = useState("");
  const before = useRef<number | null>(null);
  // The newest position shown, read when a connection opens: reconnecting on every new event would
  // be wasteful, so it is a ref, not an effect dependency.
  const newest = useRef("0");
  newest.current = fresh[0]?.position ?? events[0]?.position ?? "0";

  useEffect(() => {
    if (!live) return;
    const source = new EventSource(liveHref(q, newest.current));
    source.addEventListener("open", () => setStatus("Live: waiting for new events"));
    source.addEventListener("error", () => setStatus("Live: reconnecting…"));
    source.addEventListener("event", (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as StoredEvent;
      before.current = document.documentElement.scrollHeight;
      setFresh((current) =>
        current.some((e) => e.position === event.position) ? current : [event, ...current].slice(0, MAX_LIVE),
      );
      setStatus("Live");
      publishLiveEvents([event]);
    });
    return () => source.close();
  }, [live, q]);

  // After new rows were prepended: keep what the reader is looking at in place.
  useLayoutEffect(() => {
    if (before.current === null || fresh.length === 0) return;
    const added = document.documentElement.scrollHeight - before.current;
    if (window.scrollY > 0 && added > 0) window.scrollBy(0, added);
    before.current = null;
  }, [fresh]);

  return (
    <>
      {canTail && (
        <div className={styles.bar}>
          <label className={styles.toggle}>
            <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Live tail
          </label>
          <span role="status" aria-live="polite" className={styles.status}>
            {live ? status || "Live: connecting…" : ""}
            {fresh.length > 0 && ` · ${fresh.length} new`}
          </span>
        </div>
      )}
      {fresh.length + events.length > 0 && (
        <EventTable events={[...fresh, ...events]} q={q} highlight={fresh.map((e) => e.position)} />
      )}
    </>
  );
}
