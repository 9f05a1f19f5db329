import "server-only";
import type { Database } from "../db/database";
import { ValidationError } from "../errors";
import { parseOrThrow } from "../validation/parse-or-throw";
import type { EventRecord } from "./event-record";
import { commitInGroup } from "./group-commit";
import { AppendBatch } from "./schemas";

export interface AppendOptions {
  /** The credential recording the batch (an API key id, or "bootstrap-token"): hashed into each event. */
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
  const ids = input.events.flatMap((event) => (event.id ? [event.id] : []));
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) {
    throw new ValidationError([{ path: "events", message: `id used twice in one batch: ${repeated[0]}` }]);
  }
  const outcome = await commitInGroup(db, {
    batch: input,
    writer: options.writer ?? null,
    ...(options.liveKey !== undefined && { liveKey: options.liveKey }),
  });
  if (outcome.kind === "refused") throw outcome.error;
  return { events: outcome.events, replayed: outcome.kind === "replay" };
}
