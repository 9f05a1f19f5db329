import { describe, expect, it } from "vitest";
import { emptyRoot, leafHash, nodeHash } from "./merkle-hash";
import { MerkleProofError, rootFromInclusionProof, verifyConsistency, verifyInclusion } from "./merkle-proofs";
import { consistencyProof, inclusionProof, rootOf } from "./merkle-tree";

const LEAVES = Array.from({ length: 8 }, (_, i) => leafHash(Buffer.from([i])));
const leaf = (i: number): Buffer => LEAVES[i] ?? Buffer.alloc(0);
const rootAt = (n: number): Buffer => rootOf(LEAVES.slice(0, n));
const proofAt = (i: number, n: number): Buffer[] => inclusionProof(LEAVES.slice(0, n), i);
const fill = (byte: number, length = 32): Buffer => Buffer.alloc(length, byte);

describe("verifyInclusion and rootFromInclusionProof at the boundaries", () => {
  it("rejects every index of the empty tree", () => {
    expect(verifyInclusion(0, 0, leaf(0), [], emptyRoot())).toBe(false);
    expect(() => rootFromInclusionProof(0, 0, leaf(0), [])).toThrow(/index 0 is not below tree size 0/);
  });

  it("accepts the only leaf of a one-leaf tree with an empty proof, and nothing else", () => {
    expect(verifyInclusion(0, 1, leaf(0), [], leaf(0))).toBe(true);
    expect(rootFromInclusionProof(0, 1, leaf(0), []).equals(leaf(0))).toBe(true);
    expect(verifyInclusion(1, 1, leaf(0), [], leaf(0))).toBe(false);
    expect(verifyInclusion(0, 1, leaf(0), [leaf(0)], leaf(0))).toBe(false);
    expect(() => rootFromInclusionProof(0, 1, leaf(0), [leaf(1)])).toThrow(/more elements than the path/);
  });

  it.each([2, 3, 5, 7, 8])("accepts index size − 1 and rejects index size in a tree of %i", (n) => {
    expect(verifyInclusion(n - 1, n, leaf(n - 1), proofAt(n - 1, n), rootAt(n))).toBe(true);
    expect(verifyInclusion(n, n, leaf(n - 1), proofAt(n - 1, n), rootAt(n))).toBe(false);
    expect(verifyInclusion(0, n, leaf(0), proofAt(0, n), rootAt(n))).toBe(true);
  });

  it("rejects a proof one element short", () => {
    expect(() => rootFromInclusionProof(0, 2, leaf(0), [])).toThrow(/fewer elements than the path/);
    expect(verifyInclusion(0, 2, leaf(0), [], rootAt(2))).toBe(false);
  });

  it("rejects hashes that are not 32 bytes", () => {
    expect(() => rootFromInclusionProof(0, 1, fill(1, 31), [])).toThrow(MerkleProofError);
    expect(() => rootFromInclusionProof(0, 1, fill(1, 33), [])).toThrow(/leaf hash has 33 bytes, not 32/);
    expect(() => rootFromInclusionProof(0, 2, leaf(0), [fill(1, 31)])).toThrow(/proof element is not 32 bytes/);
    expect(verifyInclusion(0, 1, leaf(0), [], Buffer.concat([leaf(0), fill(0, 1)]))).toBe(false);
    expect(verifyInclusion(0, 1, leaf(0), [], leaf(0).subarray(0, 31))).toBe(false);
  });

  it.each([-1, -1n, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("rejects the index %s", (index) => {
    expect(verifyInclusion(index, 8, leaf(0), proofAt(0, 8), rootAt(8))).toBe(false);
    expect(verifyInclusion(0, index, leaf(0), proofAt(0, 8), rootAt(8))).toBe(false);
    expect(() => rootFromInclusionProof(index, 8, leaf(0), proofAt(0, 8))).toThrow(MerkleProofError);
    const message = typeof index === "bigint" ? "index is negative" : "index is not a safe integer ≥ 0";
    expect(() => rootFromInclusionProof(index, 8, leaf(0), proofAt(0, 8))).toThrow(message);
  });

  it("computes with exact 64-bit indexes", () => {
    const proof = Array.from({ length: 64 }, (_, i) => fill(i));
    const rightmost = proof.reduce((r, p) => nodeHash(p, r), leaf(0));
    const leftmost = proof.reduce((r, p) => nodeHash(r, p), leaf(0));
    expect(rootFromInclusionProof(2n ** 64n - 1n, 2n ** 64n, leaf(0), proof).equals(rightmost)).toBe(true);
    expect(rootFromInclusionProof(0n, 2n ** 64n, leaf(0), proof).equals(leftmost)).toBe(true);
    expect(verifyInclusion(2n ** 64n - 1n, 2n ** 64n, leaf(0), proof, rightmost)).toBe(true);
    expect(verifyInclusion(2n ** 64n - 2n, 2n ** 64n, leaf(0), proof, rightmost)).toBe(false);
    expect(verifyInclusion(2n ** 64n - 1n, 2n ** 64n - 1n, leaf(0), proof, rightmost)).toBe(false);
  });

  it("passes on errors that are not about the proof", () => {
    expect(() => verifyInclusion(0, 2, leaf(0), [null as unknown as Buffer], rootAt(2))).toThrow(TypeError);
  });
});

describe("verifyConsistency at the boundaries", () => {
  it("rejects any proof from the empty tree, even to the empty tree", () => {
    expect(verifyConsistency(0, 0, emptyRoot(), emptyRoot(), [])).toBe(false);
    expect(verifyConsistency(0n, 0n, emptyRoot(), emptyRoot(), [])).toBe(false);
    expect(verifyConsistency(0, 1, emptyRoot(), leaf(0), [])).toBe(false);
    expect(verifyConsistency(0, 2, emptyRoot(), rootAt(2), [rootAt(2)])).toBe(false);
  });

  it.each([1, 2, 5, 8])("accepts equal sizes %i only with equal roots and an empty proof", (n) => {
    expect(verifyConsistency(n, n, rootAt(n), rootAt(n), [])).toBe(true);
    expect(verifyConsistency(BigInt(n), BigInt(n), rootAt(n), rootAt(n), [])).toBe(true);
    expect(verifyConsistency(n, n, rootAt(n), rootAt(n), [rootAt(n)])).toBe(false);
    expect(verifyConsistency(n, n, rootAt(n), rootAt(n - 1), [])).toBe(false);
  });

  it("rejects a first size larger than the second", () => {
    expect(verifyConsistency(2, 1, rootAt(2), rootAt(1), [])).toBe(false);
    expect(verifyConsistency(8, 7, rootAt(8), rootAt(7), consistencyProof(LEAVES, 7))).toBe(false);
  });

  it.each([1, 2, 3, 4, 7])("needs a non-empty proof, exactly consumed, from %i to 8", (m) => {
    const proof = consistencyProof(LEAVES, m);
    expect(verifyConsistency(m, 8, rootAt(m), rootAt(8), proof)).toBe(true);
    expect(verifyConsistency(m, 8, rootAt(m), rootAt(8), [])).toBe(false);
    expect(verifyConsistency(m, 8, rootAt(m), rootAt(8), proof.slice(1))).toBe(false);
    expect(verifyConsistency(m, 8, rootAt(m), rootAt(8), proof.slice(0, -1))).toBe(false);
    expect(verifyConsistency(m, 8, rootAt(m), rootAt(8), [...proof, rootAt(8)])).toBe(false);
    expect(verifyConsistency(m, 8, rootAt(m), rootAt(8), [rootAt(m), ...proof])).toBe(false);
    expect(verifyConsistency(m, 8, rootAt(8), rootAt(m), proof)).toBe(false);
  });

  it.each([-1, -1n, 1.5, Number.NaN, 2 ** 53])("rejects the size %s", (size) => {
    expect(verifyConsistency(size, 8, rootAt(1), rootAt(8), consistencyProof(LEAVES, 1))).toBe(false);
    expect(verifyConsistency(1, size, rootAt(1), rootAt(8), consistencyProof(LEAVES, 1))).toBe(false);
  });

  it("computes with exact 64-bit sizes", () => {
    const [root1, sibling] = [fill(1), fill(2)];
    const root2 = nodeHash(root1, sibling);
    expect(verifyConsistency(2n ** 63n, 2n ** 64n, root1, root2, [sibling])).toBe(true);
    expect(verifyConsistency(2n ** 63n + 1n, 2n ** 64n, root1, root2, [sibling])).toBe(false);
    expect(verifyConsistency(2 ** 63, 2 ** 64, root1, root2, [sibling])).toBe(false);
  });
});
