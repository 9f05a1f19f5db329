"use client";

import { useEffect, useRef } from "react";
import type { StoredEvent } from "@/lib/store/event-record";

/**
 * New events from the live tail, for the other parts of the page (the histogram and its count):
 * one DOM event on `window`, so the tail needs no shared parent state with them.
 */
const LIVE_EVENTS = "trailbook:live-events";

export function publishLiveEvents(events: StoredEvent[]): void {
  window.dispatchEvent(new CustomEvent<StoredEvent[]>(LIVE_EVENTS, { detail: events }));
}

/** Calls `onEvents` with each batch the live tail receives, for as long as the component is mounted. */
export function useLiveEvents(onEvents: (events: StoredEvent[]) => void): void {
  const callback = useRef(onEvents);
  callback.current = onEvents;
  useEffect(() => {
    const listener = (event: Event) => callback.current((event as CustomEvent<StoredEvent[]>).detail);
    window.addEventListener(LIVE_EVENTS, listener);
    return () => window.removeEventListener(LIVE_EVENTS, listener);
  }, []);
}
