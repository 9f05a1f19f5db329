import { EventIdConflict, Unauthorized } from "../errors";
import { type AppendContext, buildEventRows, checkExpectedVersion, streamNamesOf } from "./build-event-rows";
import { eventKey } from "./event-key";
import type { EventRecord } from "./event-record";
import { sameContent } from "./same-content";
import type { AppendBatch, ExpectedVersion } from "./schemas";

/** One validated append request of a group: its batch (expectedVersion resolved) and its writer. */
export interface AppendRequest {
  batch: AppendBatch & { expectedVersion: ExpectedVersion };
  writer: string | null;
  /**
   * An API key id that must be unrevoked when the group commits, else the request is refused
   * (401) and writes nothing. Checked under the append lock, so a key whose revocation has
   * committed writes nothing more, whatever its caller cached about it.
   */
  liveKey?: string;
}

/** What became of one request: rows to insert, a replay of stored events, or the error to answer with. */
export type AppendOutcome =
  | { kind: "append"; events: EventRecord[] }
  | { kind: "replay"; events: EventRecord[] }
  | { kind: "refused"; error: unknown };

/**
 * Decides every request of a group in order, in memory, as if each had run alone in that order:
 * a request sees the rows of the requests accepted before it (positions, chain, stream versions,
 * causes, ids). A refused request changes nothing, so it cannot fail the others. Pure: the caller
 * holds the append lock that makes `context` and `stored` (the stored events the group's ids
 * name) current, and inserts the appended rows in outcome order.
 */
export function decideAppends(
  requests: readonly AppendRequest[],
  context: AppendContext,
  stored: readonly EventRecord[],
): AppendOutcome[] {
  // Ids are unique per tenant: a stored event of another tenant with the same id is not this one.
  const byKey = new Map(stored.map((event) => [eventKey(event.tenant, event.id), event]));
  const state: AppendContext = {
    ...context,
    streamVersions: new Map(context.streamVersions),
    causes: new Map(context.causes),
  };
  return requests.map(({ batch, writer, liveKey }) => {
    try {
      if (liveKey !== undefined && !context.liveKeys?.has(liveKey)) {
        throw new Unauthorized("The API key is not valid or was revoked.");
      }
      const known = batch.events.flatMap((event) => {
        const match = event.id ? byKey.get(eventKey(event.tenant, event.id)) : undefined;
        return match ? [match] : [];
      });
      if (known.length > 0) return { kind: "replay", events: settleReplay(known, batch) };
      if (batch.stream) {
        checkExpectedVersion(batch.stream, batch.expectedVersion, state.streamVersions.get(batch.stream) ?? null);
      }
      const rows = buildEventRows(batch.events, batch.stream, state, writer);
      advance(state, rows);
      for (const row of rows) byKey.set(eventKey(row.tenant, row.id), row);
      return { kind: "append", events: rows };
    } catch (error) {
      return { kind: "refused", error };
    }
  });
}

/** Moves the context past `rows`, as a fresh read under the lock would see it after their commit. */
function advance(state: AppendContext, rows: EventRecord[]): void {
  const last = rows.at(-1)!;
  state.head = { position: BigInt(last.position), hash: last.hash, recordedAt: new Date(last.recordedAt) };
  for (const row of rows) {
    for (const stream of row.streams) state.streamVersions.set(stream.name, stream.version);
    state.causes.set(eventKey(row.tenant, row.id), { correlationId: row.correlationId });
  }
}

/** An identical full replay returns what is stored; anything else touching stored ids is a conflict. */
function settleReplay(known: EventRecord[], batch: AppendBatch): EventRecord[] {
  const byId = new Map(known.map((event) => [event.id, event]));
  const replayed = batch.events.map((event) => {
    const match = event.id ? byId.get(event.id) : undefined;
    return match && sameContent(match, event, streamNamesOf(event, batch.stream)) ? match : undefined;
  });
  if (replayed.every((event) => event !== undefined)) return replayed;
  throw new EventIdConflict(known.map((event) => event.id));
}
