import { describe, expect, it } from "vitest";
import { appendLeaves, EMPTY_FRONTIER, type Frontier, frontierRoot } from "./merkle-frontier";
import { leafHash } from "./merkle-hash";
import {
  consistencyProofFromNodes,
  inclusionProofFromNodes,
  nodeKey,
  nodesForConsistency,
  nodesForInclusion,
  nodesForRoot,
  rootFromNodes,
} from "./merkle-nodes";
import { verifyConsistency, verifyInclusion } from "./merkle-proofs";
import { consistencyProof, inclusionProof, rootOf } from "./merkle-tree";

// The RFC 6962 reference tree of 8 leaves, the published values every CT implementation tests against
// (certificate-transparency-go, transparency-dev/merkle): leaf inputs, node hashes, roots and proofs. The
// node plans are checked against a naive RFC implementation instead (merkle-properties.test.ts).
const ENTRIES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
const LEAVES = ENTRIES.map((entry) => leafHash(Buffer.from(entry, "hex")));
const NODE_HASHES = [
  [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
  ],
  [
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
  ],
  [
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
  ],
  ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
];
const ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const node = (level: number, index: number): string => NODE_HASHES[level]?.[index] ?? "missing";
const STORE = new Map(
  NODE_HASHES.flatMap((row, level) => row.map((h, index) => [`${level}:${index}`, Buffer.from(h, "hex")] as const)),
);
const hex = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString("hex"));
const root = (size: number): Buffer => Buffer.from(ROOTS[size] ?? "", "hex");

/** [index, size, proof] and [size1, size2, proof]. */
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [0, 8, [node(0, 1), node(1, 1), node(2, 1)]],
  [5, 8, [node(0, 4), node(1, 3), node(2, 0)]],
  [2, 3, [node(1, 0)]],
  [1, 5, [node(0, 0), node(1, 1), node(0, 4)]],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [1, 8, [node(0, 1), node(1, 1), node(2, 1)]],
  [6, 8, [node(1, 2), node(1, 3), node(2, 0)]],
  [2, 5, [node(1, 1), node(0, 4)]],
  [6, 7, [node(1, 2), node(0, 6), node(2, 0)]],
];

describe("the RFC 6962 reference tree of 8 leaves", () => {
  it("has the published root for every size 0..8, built any way", () => {
    let frontier: Frontier = EMPTY_FRONTIER;
    for (let size = 0; size <= 8; size++) {
      expect(rootOf(LEAVES.slice(0, size)).toString("hex")).toBe(ROOTS[size]);
      expect(rootFromNodes(size, STORE).toString("hex")).toBe(ROOTS[size]);
      expect(frontierRoot(frontier).toString("hex")).toBe(ROOTS[size]);
      const frontierHashes = frontier.nodes.map((n) => n.hash.toString("hex"));
      expect(frontierHashes).toEqual(nodesForRoot(size).map((n) => node(n.level, n.index)));
      frontier = appendLeaves(frontier, LEAVES.slice(size, size + 1)).frontier;
    }
  });

  it("appends to exactly the published node hashes, in one batch or leaf by leaf", () => {
    const rows = appendLeaves(EMPTY_FRONTIER, LEAVES).created.map((n) => [nodeKey(n), n.hash.toString("hex")] as const);
    expect(new Map(rows)).toEqual(new Map([...STORE].map(([key, hash]) => [key, hash.toString("hex")])));
    expect(rows.map(([key]) => key)).toEqual([
      "0:0",
      "0:1",
      "1:0",
      "0:2",
      "0:3",
      "1:1",
      "2:0",
      "0:4",
      "0:5",
      "1:2",
      "0:6",
      "0:7",
      "1:3",
      "2:1",
      "3:0",
    ]);
    let frontier: Frontier = EMPTY_FRONTIER;
    const oneByOne = LEAVES.flatMap((leaf) => {
      const { frontier: next, created } = appendLeaves(frontier, [leaf]);
      frontier = next;
      return created.map((n) => [nodeKey(n), n.hash.toString("hex")] as const);
    });
    expect(oneByOne).toEqual(rows);
  });

  it.each(INCLUSION)("has the published inclusion proof of leaf %i in the tree of size %i", (index, size, want) => {
    expect(hex(inclusionProof(LEAVES.slice(0, size), index))).toEqual(want);
    expect(hex(inclusionProofFromNodes(index, size, STORE))).toEqual(want);
    const proof = want.map((h) => Buffer.from(h, "hex"));
    expect(verifyInclusion(index, size, LEAVES[index] ?? Buffer.alloc(0), proof, root(size))).toBe(true);
  });

  it.each(CONSISTENCY)("has the published consistency proof from size %i to %i", (size1, size2, want) => {
    expect(hex(consistencyProof(LEAVES.slice(0, size2), size1))).toEqual(want);
    expect(hex(consistencyProofFromNodes(size1, size2, STORE))).toEqual(want);
    const proof = want.map((h) => Buffer.from(h, "hex"));
    expect(verifyConsistency(size1, size2, root(size1), root(size2), proof)).toBe(true);
  });
});

describe("node plans at their bounds", () => {
  const badInclusions = [
    [0, 0],
    [0, 1],
    [1, 2],
    [0, 3],
    [7, 8],
  ];
  it.each(badInclusions)("rejects an inclusion proof in size %i of leaf %i", (size, index) => {
    expect(() => nodesForInclusion(index, size)).toThrow(RangeError);
  });

  it.each([
    [5, 0],
    [9, 8],
    [0, 5],
    [0, 0],
  ])("rejects a consistency proof from %i to %i", (m, n) => {
    expect(() => nodesForConsistency(m, n)).toThrow(RangeError);
  });

  it("names the argument out of range", () => {
    expect(() => nodesForInclusion(7, 7)).toThrow("index = 7 is not an integer in [0, 6]");
    expect(() => nodesForInclusion(0, 0)).toThrow(RangeError);
    expect(() => nodesForConsistency(0, 5)).toThrow("m = 0 is not an integer in [1, 5]");
    expect(() => nodesForConsistency(6, 5)).toThrow("m = 6 is not an integer in [1, 5]");
  });
});
