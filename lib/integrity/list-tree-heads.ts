import "server-only";
import type { Queryable } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { SignedTreeHead } from "../transparency/tree-head";

const COLUMNS = Prisma.sql`h.seq::text AS seq, h.tree_size::text AS "treeSize", h.root_hash AS "rootHash",
  to_char(h.signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp, h.key_id AS "keyId",
  h.prev_head_hash AS "prevHeadHash", h.signature, h.head_hash AS "headHash"`;

/** Signed tree heads, newest first (`limit` of them), or all oldest first for verification. */
export function listTreeHeads(
  db: Queryable,
  options: { limit: number } | "all-oldest-first",
): Promise<SignedTreeHead[]> {
  return options === "all-oldest-first"
    ? db.query<SignedTreeHead>(Prisma.sql`SELECT ${COLUMNS} FROM tree_heads h ORDER BY h.seq`)
    : db.query<SignedTreeHead>(
        Prisma.sql`SELECT ${COLUMNS} FROM tree_heads h ORDER BY h.seq DESC LIMIT ${options.limit}`,
      );
}

/** The newest signed tree head, or null before the first. */
export async function latestTreeHead(db: Queryable): Promise<SignedTreeHead | null> {
  return (await listTreeHeads(db, { limit: 1 }))[0] ?? null;
}

/** The newest signed head of exactly `size` leaves (a rotation may sign one size twice), or null. */
export async function treeHeadOfSize(db: Queryable, size: number): Promise<SignedTreeHead | null> {
  const [head] = await db.query<SignedTreeHead>(Prisma.sql`
    SELECT ${COLUMNS} FROM tree_heads h WHERE h.tree_size = ${size}::bigint ORDER BY h.seq DESC LIMIT 1`);
  return head ?? null;
}

/** The signed tree sizes nearest `size`: the largest below it (but at least `floor`) and the smallest above. */
export async function signedSizesAround(db: Queryable, size: number, floor: number): Promise<string[]> {
  const rows = await db.query<{ size: string | null }>(Prisma.sql`
    SELECT (SELECT max(tree_size) FROM tree_heads
             WHERE tree_size < ${size}::bigint AND tree_size >= ${floor}::bigint)::text AS size
    UNION ALL
    SELECT (SELECT min(tree_size) FROM tree_heads WHERE tree_size > ${size}::bigint)::text`);
  return rows.flatMap((row) => (row.size === null ? [] : [row.size]));
}
