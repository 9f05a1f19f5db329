/**
 * An in-process signal that appends committed, so followers in the same process (the delivery
 * worker) start at once instead of at their next poll. Only a hint: followers still poll, which
 * is how they learn of appends by other processes. Kept on globalThis: dev-mode module reloads
 * must not split writers and followers across two copies.
 */
const slot = globalThis as typeof globalThis & { trailbookAppendListeners?: Set<() => void> };

/** Calls `listener` after each commit that stored events in this process; returns an unsubscribe. */
export function onAppended(listener: () => void): () => void {
  slot.trailbookAppendListeners ??= new Set();
  slot.trailbookAppendListeners.add(listener);
  return () => slot.trailbookAppendListeners?.delete(listener);
}

/** Tells this process's followers that events were committed. A listener's error stays its own. */
export function signalAppended(): void {
  for (const listener of slot.trailbookAppendListeners ?? []) {
    try {
      listener();
    } catch {
      // A follower that fails to wake polls as before.
    }
  }
}
