import { emptyRoot, HASH_SIZE, nodeHash } from "./merkle-hash";
import { checkIndex, present, splitPoint } from "./merkle-tree";

/**
 * Building side, node form: roots and proofs for any tree size n from O(log n) stored node hashes.
 *
 * A node (level, index) is the perfect subtree of 2^level leaves D[index·2^level : (index+1)·2^level];
 * node(0, i) is the leaf hash of entry i and node(l+1, i) = nodeHash(node(l, 2i), node(l, 2i+1)).
 * Storage invariant (table merkle_nodes(level, index, hash)): a log of n leaves has stored exactly the nodes
 * with (index+1)·2^level ≤ n. Rows are written once and never change, so the same rows serve every past size.
 *
 * Any RFC 9162 subtree D[start:end] that the MTH recursion meets is aligned (start is a multiple of the
 * smallest power of two ≥ end − start) and splits into the perfect nodes of the binary digits of end − start,
 * largest first; its MTH is their right fold: MTH = nodeHash(P1, nodeHash(P2, … Pk)). Every proof element
 * is the MTH of such a range, at most one of them (the right-edge one) is not a single node, so a proof
 * needs at most about 2·log2(n) nodes and a root at most log2(n) + 1.
 *
 * Usage with an async store: `nodes = nodesForInclusion(i, n)`; `hashes = await fetchNodeHashes(nodes, f)`;
 * `inclusionProofFromNodes(i, n, hashes)`.
 */

/** A perfect subtree of the log: 2^level leaves starting at leaf index·2^level. */
export interface MerkleNodeId {
  readonly level: number;
  readonly index: number;
}

/** A stored node: one row of merkle_nodes. */
export interface MerkleNode extends MerkleNodeId {
  readonly hash: Buffer;
}

/** Node hashes keyed by {@link nodeKey}. */
export type NodeHashes = ReadonlyMap<string, Uint8Array>;

/** Reads the given nodes (in any order, in one query if it likes); may be async. */
export type NodeFetcher = (nodes: readonly MerkleNodeId[]) => Iterable<MerkleNode> | Promise<Iterable<MerkleNode>>;

/** The leaves [start, end) of the log, 0-based, end exclusive. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** The Map key of a node: "level:index". */
export function nodeKey(node: MerkleNodeId): string {
  return `${node.level}:${node.index}`;
}

/** The leaves [start, end) a node covers. Requires 0 ≤ level ≤ 53 and end ≤ 2^53. */
export function nodeRange(node: MerkleNodeId): LeafRange {
  checkIndex(node.level, 0, 53, "level");
  const width = 2 ** node.level;
  checkIndex(node.index, 0, Math.floor(2 ** 53 / width) - 1, "index");
  return { start: node.index * width, end: (node.index + 1) * width };
}

/**
 * The perfect nodes whose right fold is MTH(D[start:end]), largest first. Requires 0 ≤ start < end ≤ 2^53 − 1
 * and start aligned to the smallest power of two ≥ end − start (otherwise the range is no RFC 9162 subtree).
 */
export function rangeNodes(start: number, end: number): MerkleNodeId[] {
  checkIndex(start, 0, Number.MAX_SAFE_INTEGER, "start");
  checkIndex(end, start + 1, Number.MAX_SAFE_INTEGER, "end");
  let span = 1;
  while (span < end - start) span *= 2;
  if (start % span !== 0) throw new RangeError(`[${start}, ${end}) is not an aligned subtree`);
  const nodes: MerkleNodeId[] = [];
  for (let pos = start; pos < end; ) {
    let level = 0;
    while (2 ** (level + 1) <= end - pos) level += 1;
    nodes.push({ level, index: pos / 2 ** level });
    pos += 2 ** level;
  }
  return nodes;
}

/** §2.1.3.1 PATH(index, D[size]) as leaf ranges, leaf first (mirrors inclusionProof in merkle-tree.ts). */
function inclusionRanges(index: number, size: number): LeafRange[] {
  checkIndex(size, 1, Number.MAX_SAFE_INTEGER, "size");
  checkIndex(index, 0, size - 1, "index");
  const ranges: LeafRange[] = [];
  for (let start = 0, end = size; end - start > 1; ) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
    }
  }
  return ranges.reverse();
}

/** §2.1.4.1 PROOF(m, D[n]) as leaf ranges (mirrors consistencyProof in merkle-tree.ts). Requires 0 < m ≤ n. */
function consistencyRanges(m: number, n: number): LeafRange[] {
  checkIndex(n, 1, Number.MAX_SAFE_INTEGER, "n");
  checkIndex(m, 1, n, "m");
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = n;
  let complete = true;
  while (m !== end) {
    const k = splitPoint(end - start);
    if (m - start <= k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      complete = false;
    }
  }
  if (!complete) ranges.push({ start, end });
  return ranges.reverse();
}

const nodesOf = (ranges: readonly LeafRange[]): MerkleNodeId[] => ranges.flatMap((r) => rangeNodes(r.start, r.end));

/** The nodes {@link rootFromNodes} needs for a tree of `size` leaves (none for size 0): its frontier. */
export function nodesForRoot(size: number): MerkleNodeId[] {
  checkIndex(size, 0, Number.MAX_SAFE_INTEGER, "size");
  return size === 0 ? [] : rangeNodes(0, size);
}

/** The nodes {@link inclusionProofFromNodes} needs. Requires 0 ≤ index < size. All have end ≤ size. */
export function nodesForInclusion(index: number, size: number): MerkleNodeId[] {
  return nodesOf(inclusionRanges(index, size));
}

/** The nodes {@link consistencyProofFromNodes} needs. Requires 0 < m ≤ n. All have end ≤ n. */
export function nodesForConsistency(m: number, n: number): MerkleNodeId[] {
  return nodesOf(consistencyRanges(m, n));
}

function lookup(hashes: NodeHashes, node: MerkleNodeId): Buffer {
  const hash = hashes.get(nodeKey(node));
  if (hash === undefined) throw new RangeError(`node ${nodeKey(node)} was not supplied`);
  if (hash.length !== HASH_SIZE) throw new RangeError(`node ${nodeKey(node)} has ${hash.length} bytes`);
  return Buffer.from(hash);
}

/** MTH(D[start:end]) of an aligned range from its perfect nodes in `hashes` (see {@link rangeNodes}). */
export function subtreeHashFromNodes(start: number, end: number, hashes: NodeHashes): Buffer {
  const parts = rangeNodes(start, end).map((node) => lookup(hashes, node));
  let hash = present(parts.pop(), "node");
  for (let part = parts.pop(); part !== undefined; part = parts.pop()) hash = nodeHash(part, hash);
  return hash;
}

const proofFrom = (ranges: readonly LeafRange[], hashes: NodeHashes): Buffer[] =>
  ranges.map((r) => subtreeHashFromNodes(r.start, r.end, hashes));

/** MTH(D[0:size]) from the nodes of {@link nodesForRoot}; `emptyRoot()` for size 0. */
export function rootFromNodes(size: number, hashes: NodeHashes): Buffer {
  checkIndex(size, 0, Number.MAX_SAFE_INTEGER, "size");
  return size === 0 ? emptyRoot() : subtreeHashFromNodes(0, size, hashes);
}

/** PATH(index, D[size]) from the nodes of {@link nodesForInclusion}; equal to `inclusionProof`. */
export function inclusionProofFromNodes(index: number, size: number, hashes: NodeHashes): Buffer[] {
  return proofFrom(inclusionRanges(index, size), hashes);
}

/** PROOF(m, D[n]) from the nodes of {@link nodesForConsistency}; equal to `consistencyProof`. */
export function consistencyProofFromNodes(m: number, n: number, hashes: NodeHashes): Buffer[] {
  return proofFrom(consistencyRanges(m, n), hashes);
}

/**
 * Fetches `nodes` through `fetch` (sync or async) into a {@link NodeHashes} map. Throws if a requested node
 * is missing from the answer or has no 32-byte hash; nodes that were not requested are ignored.
 */
export async function fetchNodeHashes(
  nodes: readonly MerkleNodeId[],
  fetch: NodeFetcher,
): Promise<Map<string, Buffer>> {
  const wanted = new Set(nodes.map(nodeKey));
  const hashes = new Map<string, Buffer>();
  for (const node of await fetch(nodes)) {
    if (wanted.has(nodeKey(node))) hashes.set(nodeKey(node), Buffer.from(node.hash));
  }
  for (const node of nodes) lookup(hashes, node);
  return hashes;
}
