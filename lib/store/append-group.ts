import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { Frontier } from "../transparency/merkle-frontier";
import { appendLeaves } from "../transparency/merkle-frontier";
import { leafHash } from "../transparency/merkle-hash";
import { entryOf } from "../transparency/tree-head";
import { APPEND_TRANSACTION } from "./append-lock";
import { streamNamesOf } from "./build-event-rows";
import { type AppendOutcome, type AppendRequest, decideAppends } from "./decide-appends";
import { EVENT_COLUMNS, type EventRecord } from "./event-record";
import { insertEventRows } from "./insert-event-rows";
import { readAppendContext } from "./read-append-context";
import { merkleRows } from "./read-merkle-nodes";

/** The outcomes of a committed group, and the tree's frontier after it (for the next group's context). */
export interface GroupResult {
  outcomes: AppendOutcome[];
  frontier: Frontier;
}

/** The stored events (of any tenant) with these ids: replays and id conflicts are decided with them. */
export const storedEvents = (ids: string[]) =>
  Prisma.sql`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ANY(${ids}::uuid[])`;

/**
 * Appends a group of requests in one transaction: take the append lock and read the stored events
 * the group's ids name (in BEGIN's message), read the append context (it includes whether each
 * writing key is still unrevoked), decide every request in memory, then insert every accepted row
 * with its Merkle nodes and memberships in one statement, sent with COMMIT. Two round trips when
 * no event names an id (the context read then carries BEGIN), three when some do.
 *
 * Global order: the transaction-scoped advisory lock is held from before the head is read until
 * commit, so positions are gapless and commit in position order. A reader following
 * `position > n` therefore never misses an event that commits later with a lower position. The
 * unique indexes stay as the last line of defence. The Merkle tree's new nodes are written in the
 * same statement, so the tree always covers exactly the committed log.
 */
export function appendGroup(db: Database, requests: readonly AppendRequest[], known?: Frontier): Promise<GroupResult> {
  return db.transaction(async (tx) => {
    const events = requests.flatMap((request) => request.batch.events);
    const ids = events.flatMap((event) => (event.id ? [event.id] : []));
    const stored = ids.length > 0 ? await tx.query<EventRecord>(storedEvents(ids)) : [];
    const streams = new Set(
      requests.flatMap(({ batch }) => batch.events.flatMap((e) => streamNamesOf(e, batch.stream))),
    );
    const causes = new Set(events.flatMap((event) => (event.causationId ? [event.causationId] : [])));
    const keys = new Set(requests.flatMap((request) => (request.liveKey ? [request.liveKey] : [])));
    const context = await readAppendContext(tx, [...streams], [...causes], [...keys], known);
    const outcomes = decideAppends(requests, context, stored);
    const rows = outcomes.flatMap((outcome) => (outcome.kind === "append" ? outcome.events : []));
    if (rows.length === 0) return { outcomes, frontier: context.frontier };
    const tree = appendLeaves(
      context.frontier,
      rows.map((row) => leafHash(entryOf(row.hash))),
    );
    await insertEventRows(tx, rows, merkleRows(tree.created));
    return { outcomes, frontier: tree.frontier };
  }, APPEND_TRANSACTION);
}
