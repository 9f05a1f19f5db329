import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { documentOf, INDEXED_THROUGH } from "./event-conditions";

/** Any fixed 64-bit number: one indexer at a time across processes, so event_search grows in order. */
const SEARCH_INDEX_LOCK = 7_411_902_618n;

/** The result of one indexing step: how many events got their document, and how many remain. */
export interface IndexStep {
  indexed: number;
  /** Events beyond the indexer's reach after this step (0 when it has caught up). */
  behind: number;
}

/**
 * Writes the free-text documents of the next `limit` events after the indexed prefix, in one
 * set-based statement. Invariant: event_search holds exactly the positions 1..n for some n, so
 * its largest position says how far indexing has come (searches compute the rest). Another
 * process indexing at the same time makes this step a no-op. A document the database cannot
 * build (a text beyond tsvector's 1 MB limit) fails the batch; the events are then indexed one by
 * one, and such an event gets an empty document: found by every filter but free text.
 */
export async function indexSearchBatch(db: Database, limit = 2000): Promise<IndexStep> {
  try {
    return await db.transaction(async (tx) => {
      const [lock] = await tx.query<{ got: boolean }>(
        Prisma.sql`SELECT pg_try_advisory_xact_lock(${SEARCH_INDEX_LOCK}::bigint) AS got`,
      );
      if (!lock?.got) return { indexed: 0, behind: 0 };
      const [row] = await tx.query<{ indexed: number; head: string; through: string }>(Prisma.sql`
        WITH added AS (
          INSERT INTO event_search (position, document)
          SELECT e.position, ${documentOf("e")} FROM events e
           WHERE e.position > ${INDEXED_THROUGH} ORDER BY e.position LIMIT ${limit}
          RETURNING position)
        SELECT (SELECT count(*)::int FROM added) AS indexed,
               (SELECT coalesce(max(position), 0) FROM added)::text AS through,
               (SELECT coalesce(max(position), 0) FROM events)::text AS head`);
      const through = Number(row!.through) || 0;
      return { indexed: row!.indexed, behind: row!.indexed === 0 ? 0 : Number(row!.head) - through };
    });
  } catch {
    return indexOneByOne(db, limit);
  }
}

/** The fallback of indexSearchBatch: each event alone, with an empty document when its own fails. */
async function indexOneByOne(db: Database, limit: number): Promise<IndexStep> {
  let indexed = 0;
  for (; indexed < limit; indexed++) {
    const insert = (document: Prisma.Sql) =>
      db.transaction(async (tx) => {
        const [lock] = await tx.query<{ got: boolean }>(
          Prisma.sql`SELECT pg_try_advisory_xact_lock(${SEARCH_INDEX_LOCK}::bigint) AS got`,
        );
        if (!lock?.got) return 0;
        return (
          await tx.query(Prisma.sql`INSERT INTO event_search (position, document)
            SELECT e.position, ${document} FROM events e
             WHERE e.position > ${INDEXED_THROUGH} ORDER BY e.position LIMIT 1 RETURNING position`)
        ).length;
      });
    const added = await insert(documentOf("e")).catch(() => insert(Prisma.sql`''::tsvector`));
    if (added === 0) break;
  }
  return { indexed, behind: 0 };
}
