import "server-only";
import { forgetCachedKey } from "../auth/authenticate";
import type { Principal } from "../auth/principal";
import { config } from "../config";
import type { Database } from "../db/database";
import { Unauthorized } from "../errors";
import { getSigningKey } from "../integrity/signing-key";
import { treeHeadIfDue } from "../integrity/tree-head-if-due";
import { appendEvents } from "../store/append-events";
import { toAppendBatch } from "./record-request";
import { type RecordedEvent, toRecordedEvent } from "./recorded-event";

/** The credential that recorded events, as events name it. */
export function writerOf(principal: Principal): string {
  return principal.keyId ?? "bootstrap-token";
}

/**
 * `POST /api/events`: turns a request (body, correlation headers, the caller's key) into an atomic
 * append attested with the caller's key id, then signs a tree head when one is due. `replayed`
 * when every event was already stored identically and nothing was written.
 */
export async function recordEvents(
  db: Database,
  principal: Principal,
  body: unknown,
  headers: Headers,
): Promise<{ events: RecordedEvent[]; replayed: boolean }> {
  const batch = toAppendBatch(body, headers, principal);
  // The key must still be unrevoked when the append commits: the route may have taken it from
  // the key cache (api-route.ts), so revocation is checked under the append lock instead.
  const liveKey = principal.keyId ?? undefined;
  const { events, replayed } = await appendEvents(db, batch, { writer: writerOf(principal), liveKey }).catch(
    (error: unknown) => {
      // Refused under the lock as revoked: later requests are refused by the lookup, before any lock.
      if (error instanceof Unauthorized && liveKey) forgetCachedKey(db, liveKey);
      throw error;
    },
  );
  const size = events.at(-1)?.position;
  if (!replayed && size) {
    const policy = { every: config.checkpointEvery, maxAgeMs: config.checkpointMaxAgeMs };
    await treeHeadIfDue(db, getSigningKey(), policy, Number(size));
  }
  return { events: events.map(toRecordedEvent), replayed };
}
