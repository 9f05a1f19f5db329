import "server-only";
import type { Queryable } from "../db/database";
import { NotFound } from "../errors";
import { readMerkleNodes } from "../store/read-merkle-nodes";
import { inclusionProofFromNodes, nodeKey, nodesForInclusion } from "../transparency/merkle-nodes";

/**
 * RFC 9162 §2.1.3 inclusion proofs of the events at `positions` in the tree of `treeSize` leaves,
 * hex, one query for all of them (their paths share most nodes). Leaf index = position − 1.
 */
export async function proveInclusion(
  db: Queryable,
  positions: string[],
  treeSize: number,
): Promise<Map<string, string[]>> {
  const wanted = positions.map((position) => ({ position, nodes: nodesForInclusion(Number(position) - 1, treeSize) }));
  const hashes = await readMerkleNodes(
    db,
    wanted.flatMap((w) => w.nodes),
  );
  const proofs = new Map<string, string[]>();
  for (const { position, nodes } of wanted) {
    const missing = nodes.find((node) => !hashes.has(nodeKey(node)));
    if (missing) throw new NotFound(`Merkle node ${nodeKey(missing)} (the tree is behind the log; retry shortly)`);
    proofs.set(
      position,
      inclusionProofFromNodes(Number(position) - 1, treeSize, hashes).map((hash) => hash.toString("hex")),
    );
  }
  return proofs;
}
