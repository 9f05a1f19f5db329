import "server-only";
import type { Tx } from "../db/database";
import { Prisma } from "../db/generated/client";
import { appendLeaves, type Frontier } from "../transparency/merkle-frontier";
import { leafHash } from "../transparency/merkle-hash";
import { entryOf } from "../transparency/tree-head";
import { merkleRows, readFrontier } from "./read-merkle-nodes";

const BATCH = 10_000;

/** Inserts merkle_nodes rows (see read-merkle-nodes.ts) in one statement. */
async function insertMerkleRows(tx: Tx, rows: { position: string; hashes: string[] }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(Prisma.sql`
    INSERT INTO merkle_nodes (position, hashes)
    SELECT position, hashes
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(position bigint, hashes text[])`);
}

/** Appends the leaves of `hashes` (event hashes in position order) to `frontier`, writing the new rows. */
async function appendTreeLeaves(tx: Tx, frontier: Frontier, hashes: string[]): Promise<Frontier> {
  const result = appendLeaves(
    frontier,
    hashes.map((hash) => leafHash(entryOf(hash))),
  );
  await insertMerkleRows(tx, merkleRows(result.created));
  return result.frontier;
}

/**
 * Builds the tree's missing rows for events stored before it existed (a store from before the
 * transparency log, or one restored without them), from `treeSize` up to `head`. The caller holds
 * the append lock, so no event can be added meanwhile. Positions must be gapless: a hole is a
 * deleted event, which must not be papered over by a tree built around it.
 */
export async function extendTree(tx: Tx, treeSize: number, head: number): Promise<Frontier> {
  let frontier = await readFrontier(tx, treeSize);
  while (frontier.size < head) {
    const rows = await tx.query<{ position: string; hash: string }>(Prisma.sql`
      SELECT position::text AS position, hash FROM events
       WHERE position > ${frontier.size}::bigint ORDER BY events.position LIMIT ${BATCH}`);
    for (const [i, row] of rows.entries()) {
      const expected = frontier.size + i + 1;
      if (Number(row.position) !== expected) {
        throw new Error(`Cannot extend the Merkle tree: no event at position ${expected}; run npm run verify`);
      }
    }
    if (rows.length === 0) break;
    frontier = await appendTreeLeaves(
      tx,
      frontier,
      rows.map((row) => row.hash),
    );
  }
  return frontier;
}
