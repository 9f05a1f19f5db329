import "server-only";
import type { Queryable } from "../db/database";
import { ValidationError } from "../errors";
import { readMerkleNodes, readTreeSize } from "../store/read-merkle-nodes";
import { consistencyProofFromNodes, nodesForConsistency } from "../transparency/merkle-nodes";

/**
 * RFC 9162 §2.1.4 consistency proof that the tree of `first` leaves is a prefix of the tree of
 * `second` leaves (hex), for 0 < first ≤ second ≤ the stored tree's size.
 */
export async function proveConsistency(db: Queryable, first: number, second: number): Promise<string[]> {
  const size = await readTreeSize(db);
  if (!(first >= 1 && first <= second && second <= size)) {
    throw new ValidationError([{ path: "first", message: `need 1 ≤ first ≤ second ≤ ${size} (the tree's size)` }]);
  }
  const hashes = await readMerkleNodes(db, nodesForConsistency(first, second));
  return consistencyProofFromNodes(first, second, hashes).map((hash) => hash.toString("hex"));
}
