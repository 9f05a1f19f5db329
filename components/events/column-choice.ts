"use client";

import type { ColumnVisibilityState } from "@tanstack/react-table";
import { useCallback, useMemo, useSyncExternalStore } from "react";

const KEY = "trailbook.events.columns";
const listeners = new Set<() => void>();

/** Columns a first visit shows; the rest are one click away in the column chooser. */
export const DEFAULT_COLUMNS: ColumnVisibilityState = { occurredAt: false, id: false, position: false };

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: the defaults, every visit
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed the choice: follow it.
  const onStorage = (event: StorageEvent) => event.key === KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** A saved choice, keeping only column id → boolean pairs: storage is the user's to edit. */
function parse(raw: string | null): ColumnVisibilityState {
  try {
    const value: unknown = JSON.parse(raw ?? "{}");
    if (typeof value !== "object" || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter(([, shown]) => typeof shown === "boolean"));
  } catch {
    return {};
  }
}

/**
 * The reader's choice of columns, remembered in localStorage across visits. The server knows
 * nothing of it and renders the defaults; the browser applies the saved choice right after
 * hydration (useSyncExternalStore's server snapshot), so both renders agree.
 */
export function useColumnChoice(): [ColumnVisibilityState, (next: ColumnVisibilityState) => void] {
  const raw = useSyncExternalStore(subscribe, read, () => null);
  const visibility = useMemo(() => ({ ...DEFAULT_COLUMNS, ...parse(raw) }), [raw]);
  const save = useCallback((next: ColumnVisibilityState) => {
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // storage disabled or full: the choice lasts until the next read
    }
    for (const listener of listeners) listener();
  }, []);
  return [visibility, save];
}
