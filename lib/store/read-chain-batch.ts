import "server-only";
import type { Queryable } from "../db/database";
import { Prisma } from "../db/generated/client";
import { EVENT_COLUMNS, type EventRecord } from "./event-record";
import { whereAll } from "./tenant-scope";

export interface ChainBatchOptions {
  /** Exclusive: read positions above this one. */
  after: string;
  /** Inclusive upper bound; default none. */
  upTo?: string;
  /** More conditions on `events e` (a search, a tenant); default none: the chain itself. */
  where?: Prisma.Sql[];
  limit: number;
}

/**
 * The hashed records past `after` in position order, as verification and exports read them: one
 * primary-key range walk, no joins. A batch shorter than `limit` is the last one.
 *
 * It takes no tenant scope argument, on purpose: it reads the chain, which is the whole log's.
 * verifyChain reads every tenant's rows and reports positions, counts and faults, never the rows.
 * Callers that answer a tenant scope it themselves: a filtered export passes its tenant condition
 * in `where` (scopeConditions), a contiguous one is taken only by a key of every tenant, and
 * getReceipt finds the event with the scoped getEvent before it reads that one position.
 */
export function readChainBatch(db: Queryable, options: ChainBatchOptions): Promise<EventRecord[]> {
  const conditions = [...(options.where ?? []), Prisma.sql`e.position > ${options.after}::bigint`];
  if (options.upTo !== undefined) conditions.push(Prisma.sql`e.position <= ${options.upTo}::bigint`);
  return db.query<EventRecord>(Prisma.sql`
    SELECT ${EVENT_COLUMNS} FROM events e ${whereAll(conditions)} ORDER BY e.position LIMIT ${options.limit}`);
}
