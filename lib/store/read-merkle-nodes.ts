import "server-only";
import type { Queryable } from "../db/database";
import { Prisma } from "../db/generated/client";
import { type Frontier, frontierFromNodes } from "../transparency/merkle-frontier";
import { type MerkleNode, type MerkleNodeId, nodeKey, nodesForRoot } from "../transparency/merkle-nodes";

/**
 * Storage of the Merkle tree (migration 20261128000000_transparency_log): row p of merkle_nodes
 * holds the hex hashes of the perfect subtrees ending at leaf p − 1, element L being the level-L
 * node. So node (level, index) lives in row (index + 1)·2^level, element level.
 */
export function rowOf(node: MerkleNodeId): { position: number; slot: number } {
  return { position: (node.index + 1) * 2 ** node.level, slot: node.level };
}

/** New nodes (as appendLeaves creates them) as merkle_nodes rows: one per leaf, its hashes by level. */
export function merkleRows(created: readonly MerkleNode[]): { position: string; hashes: string[] }[] {
  const rows = new Map<number, string[]>();
  for (const node of created) {
    const { position, slot } = rowOf(node);
    const hashes = rows.get(position) ?? [];
    hashes[slot] = node.hash.toString("hex");
    rows.set(position, hashes);
  }
  return [...rows].map(([position, hashes]) => ({ position: String(position), hashes }));
}

/** The stored hashes of `nodes` (one query), keyed by nodeKey; missing nodes are absent. */
export async function readMerkleNodes(db: Queryable, nodes: readonly MerkleNodeId[]): Promise<Map<string, Buffer>> {
  const positions = [...new Set(nodes.map((node) => String(rowOf(node).position)))];
  const rows = await db.query<{ position: string; hashes: string[] }>(Prisma.sql`
    SELECT position::text AS position, hashes FROM merkle_nodes WHERE position = ANY(${positions}::bigint[])`);
  const byPosition = new Map(rows.map((row) => [row.position, row.hashes]));
  const found = new Map<string, Buffer>();
  for (const node of nodes) {
    const { position, slot } = rowOf(node);
    const hash = byPosition.get(String(position))?.[slot];
    if (hash) found.set(nodeKey(node), Buffer.from(hash, "hex"));
  }
  return found;
}

/** The size of the stored tree: the last position with its nodes written (0 when empty). */
export async function readTreeSize(db: Queryable): Promise<number> {
  const [row] = await db.query<{ size: string }>(
    Prisma.sql`SELECT coalesce(max(position), 0)::text AS size FROM merkle_nodes`,
  );
  return Number(row?.size ?? 0);
}

/** The right edge of the stored tree of `size` leaves: what appending continues from. */
export async function readFrontier(db: Queryable, size: number): Promise<Frontier> {
  return frontierFromNodes(size, await readMerkleNodes(db, nodesForRoot(size)));
}
