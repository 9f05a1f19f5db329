import "server-only";
import { config } from "../config";
import type { Database } from "../db/database";
import { NotFound } from "../errors";
import { signTreeHead } from "../integrity/sign-tree-head";
import type { SigningKey } from "../integrity/signing-key";
import { treeHeadIfDue } from "../integrity/tree-head-if-due";
import { appendEvents, CLI_WRITER } from "../store/append-events";
import { getEvent } from "../store/get-event";
import { indexSearchBatch } from "../store/index-search";
import type { NewEvent } from "../store/schemas";
import { DemoFlows } from "./demo-flows";
import { demoTimeline } from "./demo-timeline";
import { SeededRandom } from "./random";

export interface SeedOptions {
  events: number;
  seed?: number;
  batchSize?: number;
  onProgress?: (written: number, total: number) => void;
  /**
   * Signs tree heads as it goes (when due by TRAILBOOK_CHECKPOINT_EVERY and _SECONDS, as for the
   * server's appends) and one over the whole log at the end, as every write path does.
   */
  signer?: SigningKey;
  /** The writer its events are attested with (default "cli": the seed is a command-line append). */
  writer?: string;
  /**
   * The demo's events happened (`occurredAt`) over the 30 days before this (default: now, to the
   * minute). A re-run over a log that has the demo already takes the time the first run used.
   */
  endAt?: Date;
}

/** The first demo event's metadata names the end of its timeline, so a re-run can use it again. */
const TIMELINE_END = "demoTimelineEnd";

/**
 * The end of the timeline a previous run with this seed used, read back from its first event,
 * so that a re-run replays exactly (same ids, same contents: nothing stored twice).
 */
async function previousEndAt(db: Database, seed: number): Promise<Date | undefined> {
  const [first] = new DemoFlows(new SeededRandom(seed), () => 0).next({ at: 0 });
  try {
    const stored = await getEvent(db, first!.id!, "all-tenants", first!.tenant ?? null);
    const end = stored.metadata[TIMELINE_END];
    return typeof end === "string" ? new Date(end) : undefined;
  } catch (error) {
    if (error instanceof NotFound) return undefined;
    throw error;
  }
}

/**
 * Fills the store with a realistic, deterministic dataset through the normal batch append, flows
 * kept whole inside a batch so causation stays intact, and indexes it for free-text search.
 * Re-running with the same options replays (stores nothing twice): ids come from the seeded generator.
 * The timeline is in `occurredAt` (client time): `recordedAt` is the server's clock at append and
 * cannot be backdated, so the whole demo is recorded within seconds; explore its history with
 * `occurred:` terms (the Events page's presets and histogram follow them).
 */
export async function seedDemoEvents(db: Database, options: SeedOptions): Promise<{ written: number }> {
  const batchSize = options.batchSize ?? 500;
  const seed = options.seed ?? 42;
  const endAt = (await previousEndAt(db, seed)) ?? options.endAt ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const flows = new DemoFlows(new SeededRandom(seed), demoTimeline(options.events, endAt));
  const clock = { at: 0 };
  let written = 0;
  let batch: NewEvent[] = [];
  const policy = { every: config.checkpointEvery, maxAgeMs: config.checkpointMaxAgeMs };
  const flush = async () => {
    const { events } = await appendEvents(db, { events: batch }, { writer: options.writer ?? CLI_WRITER });
    written += batch.length;
    options.onProgress?.(written, options.events);
    batch = [];
    const size = Number(events.at(-1)?.position ?? 0);
    if (options.signer) await treeHeadIfDue(db, options.signer, policy, size);
  };
  while (written + batch.length < options.events) {
    const flow = flows.next(clock).slice(0, options.events - written - batch.length);
    if (written === 0 && batch.length === 0) {
      const [first] = flow;
      flow[0] = { ...first!, metadata: { ...first!.metadata, [TIMELINE_END]: endAt.toISOString() } };
    }
    if (batch.length + flow.length > batchSize) await flush();
    batch.push(...flow);
  }
  if (batch.length > 0) await flush();
  if (options.signer) await signTreeHead(db, options.signer);
  // Leaves the store ready to search, as a running server's indexer would (start-search-indexer.ts).
  for (let step = await indexSearchBatch(db, 10_000); step.indexed > 0; step = await indexSearchBatch(db, 10_000));
  return { written };
}
