import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pick, treeCase as treeArb } from "../testing/merkle-cases";
import { MTH, PATH, PROOF } from "../testing/rfc9162-naive";
import { appendLeaves, EMPTY_FRONTIER, frontierFromNodes, frontierRoot } from "./merkle-frontier";
import { leafHash } from "./merkle-hash";
import {
  consistencyProofFromNodes,
  fetchNodeHashes,
  inclusionProofFromNodes,
  type MerkleNodeId,
  nodeKey,
  nodeRange,
  nodesForConsistency,
  nodesForInclusion,
  nodesForRoot,
  rootFromNodes,
} from "./merkle-nodes";
import { consistencyProof, inclusionProof, rootOf } from "./merkle-tree";

/** Entries of a tree of n leaves: varied lengths, some empty, distinct per seed. */
const entriesOf = (seed: number, n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => Buffer.from(i % 5 === 0 ? "" : `${seed}:${i}`.repeat(i % 3)));

/** Every perfect node of the tree, computed naively: what the merkle_nodes table should hold. */
function naiveStore(D: readonly Uint8Array[]): Map<string, Buffer> {
  const store = new Map<string, Buffer>();
  for (let level = 0; 2 ** level <= D.length; level++) {
    for (let index = 0; (index + 1) * 2 ** level <= D.length; index++) {
      store.set(`${level}:${index}`, MTH(D.slice(index * 2 ** level, (index + 1) * 2 ** level)));
    }
  }
  return store;
}

const only = (store: Map<string, Buffer>, nodes: readonly MerkleNodeId[]): Map<string, Buffer> =>
  new Map(nodes.map((node) => [nodeKey(node), store.get(nodeKey(node)) ?? Buffer.alloc(0)]));
const hex = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString("hex"));
const bitLength = (n: number): number => n.toString(2).length;

describe("the library against the naive RFC 9162 definitions", () => {
  it("builds the same roots and proofs for every index and old size of trees up to 40 leaves", () => {
    for (let n = 0; n <= 40; n++) {
      const D = entriesOf(n, n);
      const leaves = D.map(leafHash);
      expect(rootOf(leaves).toString("hex")).toBe(MTH(D).toString("hex"));
      for (let i = 0; i < n; i++) expect(hex(inclusionProof(leaves, i))).toEqual(hex(PATH(i, D)));
      for (let m = 1; m <= n; m++) expect(hex(consistencyProof(leaves, m))).toEqual(hex(PROOF(m, D)));
    }
  });

  it("builds the same root and proofs, list-based and node-based, for random trees up to 300 leaves", async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, async ({ seed, n, i, m }) => {
        const [index, old] = [pick(i, n, 0), pick(m, n, 1)];
        const D = entriesOf(seed, n);
        const leaves = D.map(leafHash);
        const store = naiveStore(D);
        const root = MTH(D).toString("hex");
        expect(rootOf(leaves).toString("hex")).toBe(root);
        expect(rootFromNodes(n, only(store, nodesForRoot(n))).toString("hex")).toBe(root);
        const path = hex(PATH(index, D));
        expect(hex(inclusionProof(leaves, index))).toEqual(path);
        const fetched = await fetchNodeHashes(nodesForInclusion(index, n), async (ids) =>
          ids.map((id) => ({ ...id, hash: store.get(nodeKey(id)) ?? Buffer.alloc(0) })).reverse(),
        );
        expect(hex(inclusionProofFromNodes(index, n, fetched))).toEqual(path);
        const proof = hex(PROOF(old, D));
        expect(hex(consistencyProof(leaves, old))).toEqual(proof);
        expect(hex(consistencyProofFromNodes(old, n, only(store, nodesForConsistency(old, n))))).toEqual(proof);
        // O(log n) reads of nodes that already exist at size n, none twice.
        expect(nodesForRoot(n).length).toBe(n.toString(2).replaceAll("0", "").length);
        for (const nodes of [nodesForInclusion(index, n), nodesForConsistency(old, n)]) {
          expect(nodes.length).toBeLessThanOrEqual(2 * bitLength(n));
          expect(new Set(nodes.map(nodeKey)).size).toBe(nodes.length);
          expect(nodes.every((node) => store.has(nodeKey(node)) && nodeRange(node).end <= n)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

const popcount = (n: number): number => n.toString(2).replaceAll("0", "").length;

describe("the incremental appender against the naive RFC 9162 definitions", () => {
  it("turns batches of leaves into exactly the node rows and roots of the naive tree", () => {
    const batchArb = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0, 1, 2, 3, 4, 8, 16, 32, 64));
    fc.assert(
      fc.property(fc.integer(), fc.array(batchArb, { maxLength: 24 }), (seed, batches) => {
        const D = entriesOf(seed, 300);
        const leaves = D.map(leafHash);
        const rows = new Map<string, Buffer>();
        let frontier = EMPTY_FRONTIER;
        for (const batch of batches) {
          const [old, next] = [frontier.size, Math.min(300, frontier.size + batch)];
          const before = JSON.stringify(frontier);
          const { frontier: after, created } = appendLeaves(frontier, leaves.slice(old, next));
          expect(JSON.stringify(frontier)).toBe(before);
          expect(after.size).toBe(next);
          expect(created.length).toBe(2 * (next - old) - popcount(next) + popcount(old));
          for (const node of created) {
            const { start, end } = nodeRange(node);
            expect(end > old && end <= next && !rows.has(nodeKey(node))).toBe(true);
            const children = [`${node.level - 1}:${2 * node.index}`, `${node.level - 1}:${2 * node.index + 1}`];
            if (node.level > 0) expect(children.every((key) => rows.has(key))).toBe(true);
            expect(node.hash.toString("hex")).toBe(MTH(D.slice(start, end)).toString("hex"));
            rows.set(nodeKey(node), node.hash);
          }
          const root = MTH(D.slice(0, next)).toString("hex");
          expect(frontierRoot(after).toString("hex")).toBe(root);
          expect(rootFromNodes(next, rows).toString("hex")).toBe(root);
          expect(frontierFromNodes(next, rows)).toEqual(after);
          frontier = after;
        }
        expect([...rows.keys()].sort()).toEqual([...naiveStore(D.slice(0, frontier.size)).keys()].sort());
      }),
      { numRuns: 100 },
    );
  });
});
