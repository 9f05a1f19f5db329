import "server-only";
import type { Database } from "../db/database";
import { signTreeHead } from "../integrity/sign-tree-head";
import type { SigningKey } from "../integrity/signing-key";
import { treeHeadIfDue } from "../integrity/tree-head-if-due";
import { appendEvents } from "../store/append-events";
import { indexSearchBatch } from "../store/index-search";
import type { NewEvent } from "../store/schemas";
import { DemoFlows } from "./demo-flows";
import { SeededRandom } from "./random";

export interface SeedOptions {
  events: number;
  seed?: number;
  batchSize?: number;
  onProgress?: (written: number, total: number) => void;
  /** Signs tree heads as it goes (every 1,000 events) and at the end, as every write path does. */
  signer?: SigningKey;
}

/** Demo data starts here and is spaced so a million events cover about two months. */
const START = Date.parse("2026-09-01T00:00:00.000Z");
const STEP_MS = 5_000;

/**
 * Fills the store with a realistic, deterministic dataset through the normal batch append, flows
 * kept whole inside a batch so causation stays intact, and indexes it for free-text search.
 * Re-running with the same options replays (stores nothing twice): ids come from the seeded generator.
 */
export async function seedDemoEvents(db: Database, options: SeedOptions): Promise<{ written: number }> {
  const batchSize = options.batchSize ?? 500;
  const flows = new DemoFlows(new SeededRandom(options.seed ?? 42), START, STEP_MS);
  const clock = { at: 0 };
  let written = 0;
  let batch: NewEvent[] = [];
  const flush = async () => {
    const { events } = await appendEvents(db, { events: batch });
    written += batch.length;
    options.onProgress?.(written, options.events);
    batch = [];
    const size = Number(events.at(-1)?.position ?? 0);
    if (options.signer) await treeHeadIfDue(db, options.signer, { every: 1000, maxAgeMs: 60_000 }, size);
  };
  while (written + batch.length < options.events) {
    const flow = flows.next(clock).slice(0, options.events - written - batch.length);
    if (batch.length + flow.length > batchSize) await flush();
    batch.push(...flow);
  }
  if (batch.length > 0) await flush();
  if (options.signer) await signTreeHead(db, options.signer);
  // Leaves the store ready to search, as a running server's indexer would (start-search-indexer.ts).
  for (let step = await indexSearchBatch(db, 10_000); step.indexed > 0; step = await indexSearchBatch(db, 10_000));
  return { written };
}
