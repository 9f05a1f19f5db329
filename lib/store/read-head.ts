import "server-only";
import type { Queryable } from "../db/database";
import { Prisma } from "../db/generated/client";

/** The newest event: where the next append continues the positions and the hash chain. */
export interface ChainHead {
  position: string;
  hash: string;
  recordedAt: string;
}

/** The head as one JSON value (or NULL on an empty log): also a column of the append context query. */
export const HEAD_JSON = Prisma.sql`(SELECT json_build_object('position', h.position::text, 'hash', h.hash,
    'recordedAt', to_char(h.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  FROM events h ORDER BY h.position DESC LIMIT 1)`;

/**
 * The chain head, or null on an empty log. One primary-key probe. It takes no tenant scope, on
 * purpose: the head is the whole log's, not a tenant's. Its callers use only its position, as a
 * bound (where a follow or a subscription's `now` starts, how far the tree or a verification must
 * reach, the upper edge of a scan or a facet sample); appends read it with its hash through
 * HEAD_JSON. A tenant-bound caller learns at most a global position (SECURITY.md, What
 * tenant-bound readers see of the whole log).
 */
export async function readHead(db: Queryable): Promise<ChainHead | null> {
  const [row] = await db.query<{ head: ChainHead | null }>(Prisma.sql`SELECT ${HEAD_JSON} AS head`);
  return row?.head ?? null;
}
