import { emptyRoot, nodeHash } from "./merkle-hash";
import { type MerkleNode, type NodeHashes, nodeKey, nodesForRoot } from "./merkle-nodes";
import { checkHashes, checkIndex, present } from "./merkle-tree";

/**
 * Incremental building: appending leaves to a log that stores one row per perfect subtree (merkle-nodes.ts).
 *
 * The frontier of a tree of `size` leaves is its right edge of perfect subtrees: one node per set bit of
 * `size`, largest (leftmost) first, i.e. exactly the nodes of `nodesForRoot(size)` with their hashes. It has
 * at most log2(size) + 1 nodes and is all an appender needs, because a new leaf can only complete subtrees
 * that end at the new right edge. The server need not store it separately: it reads those rows back.
 */
export interface Frontier {
  readonly size: number;
  readonly nodes: readonly MerkleNode[];
}

/** The frontier of the empty tree. */
export const EMPTY_FRONTIER: Frontier = Object.freeze({ size: 0, nodes: Object.freeze([]) });

/** The result of {@link appendLeaves}. */
export interface AppendResult {
  /** The frontier of the tree of `frontier.size + leafHashes.length` leaves. */
  readonly frontier: Frontier;
  /** The node rows to insert, children before parents (see {@link appendLeaves}). */
  readonly created: MerkleNode[];
}

/** Throws a RangeError unless `frontier` has the shape of `nodesForRoot(frontier.size)` and 32-byte hashes. */
function checkFrontier(frontier: Frontier): void {
  checkIndex(frontier.size, 0, Number.MAX_SAFE_INTEGER, "frontier.size");
  const expected = nodesForRoot(frontier.size).map(nodeKey).join(",");
  const actual = frontier.nodes.map(nodeKey).join(",");
  if (actual !== expected) throw new RangeError(`frontier nodes [${actual}] are not [${expected}]`);
  checkHashes(
    frontier.nodes.map((node) => node.hash),
    "frontier.nodes",
  );
}

/** The frontier of a tree of `size` leaves, from stored node hashes (fetch `nodesForRoot(size)` first). */
export function frontierFromNodes(size: number, hashes: NodeHashes): Frontier {
  const nodes = nodesForRoot(size).map((node) => {
    const hash = hashes.get(nodeKey(node));
    if (hash === undefined) throw new RangeError(`node ${nodeKey(node)} was not supplied`);
    return { ...node, hash: Buffer.from(hash) };
  });
  const frontier = { size, nodes };
  checkFrontier(frontier);
  return frontier;
}

/** MTH of the tree the frontier describes: the right fold of its hashes; `emptyRoot()` for size 0. */
export function frontierRoot(frontier: Frontier): Buffer {
  checkFrontier(frontier);
  const hashes = frontier.nodes.map((node) => node.hash);
  if (hashes.length === 0) return emptyRoot();
  let root: Buffer = Buffer.from(present(hashes.pop(), "node"));
  for (let hash = hashes.pop(); hash !== undefined; hash = hashes.pop()) root = nodeHash(hash, root);
  return root;
}

/**
 * Appends `leafHashes` (32-byte leaf hashes, in log order) to the tree described by `frontier`.
 *
 * Invariants, with old = frontier.size and n = old + leafHashes.length:
 * - `created` holds exactly the perfect nodes completed by the batch, i.e. those with
 *   old < (index+1)·2^level ≤ n, each once, a child always before its parent; their number is
 *   2·(n − old) − popcount(n) + popcount(old). Inserted together, they keep the merkle_nodes invariant.
 * - Each created hash is the MTH of the leaves it covers, and the new frontier is that of size n.
 * - The inputs are not modified; appending in one batch or in several gives the same rows.
 */
export function appendLeaves(frontier: Frontier, leafHashes: readonly Uint8Array[]): AppendResult {
  checkFrontier(frontier);
  checkHashes(leafHashes, "leafHashes");
  checkIndex(frontier.size + leafHashes.length, 0, Number.MAX_SAFE_INTEGER, "new size");
  const stack: MerkleNode[] = [...frontier.nodes];
  const created: MerkleNode[] = [];
  let size = frontier.size;
  for (const leaf of leafHashes) {
    let node: MerkleNode = { level: 0, index: size, hash: Buffer.from(leaf) };
    created.push(node);
    size += 1;
    // The stack top is the new node's left sibling when both have the same level: merge them into the parent.
    for (let top = stack.at(-1); top !== undefined && top.level === node.level; top = stack.at(-1)) {
      stack.pop();
      node = { level: node.level + 1, index: top.index / 2, hash: nodeHash(top.hash, node.hash) };
      created.push(node);
    }
    stack.push(node);
  }
  return { frontier: { size, nodes: stack }, created };
}
