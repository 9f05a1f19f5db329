import "server-only";
import type { Database } from "../db/database";
import { indexSearchBatch } from "../store/index-search";

/** How often an idle indexer looks for new events; searches compute what it has not reached yet. */
const IDLE_MS = 200;
const BATCH = 2000;

/**
 * Keeps event_search following the log in this server process: a batch whenever events are
 * waiting, a look every IDLE_MS otherwise. Several processes may run it; one indexes at a time.
 * A failure is reported once per streak and retried; it never stops the server (searches stay
 * complete without the index, only slower). Returns a function that stops it.
 */
export function startSearchIndexer(db: Database): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failing = false;
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(step, ms);
    timer.unref();
  };
  const step = async () => {
    try {
      const { indexed } = await indexSearchBatch(db, BATCH);
      failing = false;
      next(indexed >= BATCH ? 0 : IDLE_MS);
    } catch (error) {
      if (!failing) console.error(`Trailbook: search indexing failed, retrying: ${(error as Error).message}`);
      failing = true;
      next(5_000);
    }
  };
  next(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
