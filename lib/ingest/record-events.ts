import "server-only";
import type { Principal } from "../auth/principal";
import { config } from "../config";
import type { Database } from "../db/database";
import { checkpointIfDue } from "../integrity/checkpoint-if-due";
import { getSigningKey } from "../integrity/signing-key";
import { appendEvents } from "../store/append-events";
import { toAppendBatch } from "./record-request";
import { type RecordedEvent, toRecordedEvent } from "./recorded-event";

/**
 * `POST /api/events`: turns a request (body, correlation headers, the caller's key) into an atomic
 * append, then takes a signed checkpoint when one is due. `replayed` when every event was already
 * stored identically and nothing was written.
 */
export async function recordEvents(
  db: Database,
  principal: Principal,
  body: unknown,
  headers: Headers,
): Promise<{ events: RecordedEvent[]; replayed: boolean }> {
  const { events, replayed } = await appendEvents(db, toAppendBatch(body, headers, principal));
  const head = events.at(-1)?.position;
  if (!replayed && head) await checkpointIfDue(db, getSigningKey(), config.checkpointEvery, head);
  return { events: events.map(toRecordedEvent), replayed };
}
