import { eventKey } from "./event-key";
import "server-only";
import type { Database } from "../db/database";
import { ValidationError } from "../errors";
import { parseOrThrow } from "../validation/parse-or-throw";
import type { EventRecord } from "./event-record";
import { commitInGroup } from "./group-commit";
import { AppendBatch } from "./schemas";

/** The writer of events appended by a command run with the database's own credentials (`npm run seed`). */
export const CLI_WRITER = "cli";

export interface AppendOptions {
  /**
   * The credential recording the batch, hashed into each event: an API key id or "bootstrap-token"
   * (over HTTP), or {@link CLI_WRITER}. Left out, the events have no writer ("not attested").
   */
  writer?: string;
  /** An API key id that must still be unrevoked when the append commits (decide-appends.ts). */
  liveKey?: string;
}

export interface AppendResult {
  /** The stored records, in input order. */
  events: EventRecord[];
  /** True when every event was already stored identically and nothing was written. */
  replayed: boolean;
}

/**
 * Appends a batch atomically (all events or none) and returns the stored events in input order.
 * Concurrent appends in this process share one transaction (group commit, group-commit.ts); each
 * is decided as if it ran alone, so one refused batch never fails another.
 */
export async function appendEvents(
  db: Database,
  batch: AppendBatch,
  options: AppendOptions = {},
): Promise<AppendResult> {
  const input = parseOrThrow(AppendBatch, batch);
  // Ids are unique per tenant: an admin's batch may hold one id once per tenant.
  const seen = new Set<string>();
  for (const event of input.events) {
    if (!event.id) continue;
    const key = eventKey(event.tenant, event.id);
    if (seen.has(key))
      throw new ValidationError([{ path: "events", message: `id used twice in one batch: ${event.id}` }]);
    seen.add(key);
  }
  const outcome = await commitInGroup(db, {
    batch: input,
    writer: options.writer ?? null,
    ...(options.liveKey !== undefined && { liveKey: options.liveKey }),
  });
  if (outcome.kind === "refused") throw outcome.error;
  return { events: outcome.events, replayed: outcome.kind === "replay" };
}
