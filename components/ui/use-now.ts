"use client";

import { useSyncExternalStore } from "react";

const TICK_MS = 15_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

// One clock for the whole page, however many relative times it shows.
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const each of listeners) each();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time in ms, updated every 15 s: enough for "3 min ago". On the server it is the
 * time of the render; a browser that hydrates a moment later may disagree by a tick, which is
 * why relative times suppress the hydration text warning.
 */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => (typeof window === "undefined" ? Date.now() : now),
  );
}
