import { describe, expect, it } from "vitest";
import { appendLeaves, EMPTY_FRONTIER, type Frontier, frontierFromNodes, frontierRoot } from "./merkle-frontier";
import { emptyRoot, leafHash } from "./merkle-hash";
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
  rangeNodes,
  rootFromNodes,
  subtreeHashFromNodes,
} from "./merkle-nodes";
import { consistencyProof, inclusionProof, present, rootOf, splitPoint } from "./merkle-tree";

const LEAVES = Array.from({ length: 8 }, (_, i) => leafHash(Buffer.from([i])));
const STORE = new Map(appendLeaves(EMPTY_FRONTIER, LEAVES).created.map((n) => [nodeKey(n), n.hash] as const));
const ids = (nodes: readonly MerkleNodeId[]): string[] => nodes.map(nodeKey);
const MAX = Number.MAX_SAFE_INTEGER;
const zeros = (nodes: readonly MerkleNodeId[]) => nodes.map((n) => ({ ...n, hash: Buffer.alloc(32) }));

describe("list-based building at the boundaries", () => {
  it("splits at the largest power of two below n", () => {
    const cases = [
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 4],
      [8, 4],
      [9, 8],
      [2 ** 52 + 1, 2 ** 52],
      [MAX, 2 ** 52],
    ];
    for (const [n = 0, k] of cases) expect(splitPoint(n)).toBe(k);
    for (const n of [1, 0, -2, 2.5, MAX + 1]) expect(() => splitPoint(n)).toThrow(RangeError);
  });

  it("roots the empty tree at emptyRoot and a one-leaf tree at a copy of the leaf", () => {
    expect(rootOf([]).equals(emptyRoot())).toBe(true);
    const root = rootOf([present(LEAVES[3], "leaf")]);
    root.fill(0);
    expect(rootOf(LEAVES.slice(3, 4)).equals(present(LEAVES[3], "leaf"))).toBe(true);
    expect(() => rootOf([Buffer.alloc(31)])).toThrow(/leaves\[0\] has 31 bytes, not 32/);
  });

  it("builds proofs only for indexes and sizes in range", () => {
    expect(inclusionProof(LEAVES.slice(0, 1), 0)).toEqual([]);
    expect(consistencyProof(LEAVES, 8)).toEqual([]);
    expect(consistencyProof(LEAVES.slice(0, 1), 1)).toEqual([]);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
    for (const i of [-1, 8, 0.5]) expect(() => inclusionProof(LEAVES, i)).toThrow(/index = .* in \[0, 7\]/);
    for (const m of [0, 9, 1.5]) expect(() => consistencyProof(LEAVES, m)).toThrow(/m = .* in \[1, 8\]/);
    expect(() => inclusionProof([Buffer.alloc(1)], 0)).toThrow(RangeError);
    expect(() => present(undefined, "thing")).toThrow("thing is missing");
    expect(present(0, "zero")).toBe(0);
  });
});

describe("node-based building at the boundaries", () => {
  it("names and places nodes", () => {
    expect(nodeKey({ level: 3, index: 5 })).toBe("3:5");
    expect(nodeRange({ level: 3, index: 2 })).toEqual({ start: 16, end: 24 });
    expect(nodeRange({ level: 0, index: 0 })).toEqual({ start: 0, end: 1 });
    expect(nodeRange({ level: 53, index: 0 })).toEqual({ start: 0, end: 2 ** 53 });
    expect(nodeRange({ level: 0, index: MAX })).toEqual({ start: MAX, end: 2 ** 53 });
    for (const [level, index] of [
      [52, 2],
      [54, 0],
      [-1, 0],
      [0, -1],
      [0, 0.5],
      [1.5, 0],
      [0, 2 ** 53],
    ]) {
      expect(() => nodeRange({ level: level ?? 0, index: index ?? 0 })).toThrow(RangeError);
    }
  });

  it("splits aligned ranges into perfect nodes, largest first, and refuses unaligned ones", () => {
    expect(ids(rangeNodes(0, 7))).toEqual(["2:0", "1:2", "0:6"]);
    expect(ids(rangeNodes(4, 7))).toEqual(["1:2", "0:6"]);
    expect(ids(rangeNodes(8, 16))).toEqual(["3:1"]);
    expect(ids(rangeNodes(6, 7))).toEqual(["0:6"]);
    expect(ids(rangeNodes(1, 2))).toEqual(["0:1"]);
    expect(rangeNodes(0, MAX).length).toBe(53);
    expect(ids(rangeNodes(0, MAX)).slice(0, 2)).toEqual(["52:0", "51:2"]);
    expect(ids(rangeNodes(0, MAX)).at(-1)).toBe(`0:${MAX - 1}`);
    for (const [start, end] of [
      [1, 4],
      [2, 6],
      [1, 3],
      [3, 3],
      [5, 4],
      [-1, 3],
      [0, MAX + 1],
    ]) {
      expect(() => rangeNodes(start ?? 0, end ?? 0)).toThrow(RangeError);
    }
  });

  it("plans roots and proofs for sizes 0, 1 and 2^53 − 1", () => {
    expect(nodesForRoot(0)).toEqual([]);
    expect(ids(nodesForRoot(1))).toEqual(["0:0"]);
    expect(nodesForRoot(MAX).length).toBe(53);
    expect(() => nodesForRoot(-1)).toThrow(RangeError);
    expect(nodesForInclusion(0, 1)).toEqual([]);
    expect(nodesForConsistency(1, 1)).toEqual([]);
    expect(nodesForConsistency(5, 5)).toEqual([]);
    const plans = [nodesForInclusion(MAX - 1, MAX), nodesForInclusion(2 ** 52 + 3, MAX), nodesForConsistency(3, MAX)];
    for (const nodes of plans) {
      expect(nodes.length).toBeLessThanOrEqual(106);
      expect(nodes.every((n) => nodeRange(n).end <= MAX)).toBe(true);
    }
    expect(ids(nodesForInclusion(MAX - 1, MAX))).toEqual(
      nodesForRoot(MAX - 1)
        .map(nodeKey)
        .reverse(),
    );
  });

  it("assembles from exactly the supplied nodes, and refuses missing or malformed ones", () => {
    expect(rootFromNodes(0, new Map()).equals(emptyRoot())).toBe(true);
    expect(rootFromNodes(8, STORE).equals(rootOf(LEAVES))).toBe(true);
    expect(inclusionProofFromNodes(0, 1, STORE)).toEqual([]);
    expect(consistencyProofFromNodes(3, 3, new Map())).toEqual([]);
    expect(subtreeHashFromNodes(4, 7, STORE).equals(rootOf(LEAVES.slice(4, 7)))).toBe(true);
    expect(() => rootFromNodes(-1, STORE)).toThrow(RangeError);
    expect(() => rootFromNodes(3, new Map([["1:0", Buffer.alloc(32)]]))).toThrow("node 0:2 was not supplied");
    const short = new Map([...STORE, ["0:2", Buffer.alloc(31)]]);
    expect(() => rootFromNodes(3, short)).toThrow("node 0:2 has 31 bytes");
  });

  it("fetches exactly the requested nodes, sync or async, as copies", async () => {
    const wanted = nodesForInclusion(2, 7);
    const asked: MerkleNodeId[][] = [];
    const rows = [...STORE].map(([key, hash]) => {
      const [level = "", index = ""] = key.split(":");
      return { level: Number(level), index: Number(index), hash };
    });
    const hashes = await fetchNodeHashes(wanted, (nodes) => {
      asked.push([...nodes]);
      return rows;
    });
    expect(asked).toEqual([wanted]);
    expect([...hashes.keys()].sort()).toEqual(ids(wanted).sort());
    present(hashes.get("0:3"), "hash").fill(0);
    expect(STORE.get("0:3")?.equals(Buffer.alloc(32))).toBe(false);
    await expect(fetchNodeHashes(wanted, async () => rows.slice(0, 3))).rejects.toThrow(/was not supplied/);
    const bad = rows.map((r) => ({ ...r, hash: r.hash.subarray(1) }));
    await expect(fetchNodeHashes(wanted, () => bad)).rejects.toThrow(/has 31 bytes/);
  });
});

describe("the frontier at the boundaries", () => {
  it("starts empty and appends nothing as nothing", () => {
    expect(EMPTY_FRONTIER).toEqual({ size: 0, nodes: [] });
    expect(Object.isFrozen(EMPTY_FRONTIER) && Object.isFrozen(EMPTY_FRONTIER.nodes)).toBe(true);
    expect(frontierRoot(EMPTY_FRONTIER).equals(emptyRoot())).toBe(true);
    expect(appendLeaves(EMPTY_FRONTIER, [])).toEqual({ frontier: { size: 0, nodes: [] }, created: [] });
    expect(frontierFromNodes(0, new Map())).toEqual({ size: 0, nodes: [] });
  });

  it("copies the leaves it is given", () => {
    const leaf = Buffer.from(present(LEAVES[0], "leaf"));
    const { created } = appendLeaves(EMPTY_FRONTIER, [leaf]);
    leaf.fill(0);
    expect(created).toEqual([{ level: 0, index: 0, hash: LEAVES[0] }]);
  });

  it("refuses frontiers that do not have the shape of their size", () => {
    const two = appendLeaves(EMPTY_FRONTIER, LEAVES.slice(0, 2)).frontier;
    const bad: Frontier[] = [
      { ...two, size: 3 },
      { ...two, size: -1 },
      { size: 2, nodes: [{ level: 1, index: 1, hash: Buffer.alloc(32) }] },
      { size: 2, nodes: [{ level: 1, index: 0, hash: Buffer.alloc(31) }] },
      { size: 3, nodes: [{ level: 0, index: 2, hash: Buffer.alloc(32) }, ...two.nodes] },
    ];
    for (const frontier of bad) {
      expect(() => appendLeaves(frontier, [])).toThrow(RangeError);
      expect(() => frontierRoot(frontier)).toThrow(RangeError);
    }
    expect(() => appendLeaves(two, [Buffer.alloc(33)])).toThrow("leafHashes[0] has 33 bytes, not 32");
    expect(() => frontierFromNodes(3, new Map())).toThrow("node 1:0 was not supplied");
  });

  it("appends up to 2^53 − 1 leaves and no further", () => {
    const frontier: Frontier = { size: MAX - 1, nodes: zeros(nodesForRoot(MAX - 1)) };
    const { frontier: full, created } = appendLeaves(frontier, [Buffer.alloc(32, 7)]);
    expect(ids(created)).toEqual([`0:${MAX - 1}`]);
    expect(ids(full.nodes)).toEqual(ids(nodesForRoot(MAX)));
    expect(() => appendLeaves(full, [Buffer.alloc(32)])).toThrow(/new size = 9007199254740992/);
  });
});
