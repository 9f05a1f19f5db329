import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pick, treeCase as treeArb } from "../testing/merkle-cases";
import { leafHash } from "./merkle-hash";
import { verifyConsistency, verifyInclusion } from "./merkle-proofs";
import { consistencyProof, inclusionProof, rootOf } from "./merkle-tree";

// Every built proof verifies, and no single corruption of a proof, leaf, root or index survives verification.

/**
 * Entries of a tree of n leaves: varied lengths, the first one empty, all distinct (two equal
 * leaves would make a proof for one also prove the other, which is right, not a corruption).
 */
const entriesOf = (seed: number, n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => Buffer.from(i === 0 ? "" : `${seed}:${i};`.repeat(1 + (i % 3))));

const flip = (bytes: Buffer, at: number, bit: number): Buffer => {
  const copy = Buffer.from(bytes);
  copy[at % copy.length] = (copy[at % copy.length] ?? 0) ^ (1 << bit);
  return copy;
};
const corruptionArb = fc.record({
  kind: fc.constantFrom("flip", "drop", "insert", "duplicate"),
  at: fc.nat(),
  bit: fc.nat({ max: 7 }),
  extra: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes)),
});
type Corruption = typeof corruptionArb extends fc.Arbitrary<infer T> ? T : never;

/** The proof after one corruption: a flipped bit, a dropped element, an inserted random or repeated one. */
function corruptProof(proof: readonly Buffer[], { kind, at, bit, extra }: Corruption): Buffer[] {
  const copy = [...proof];
  const pos = at % (proof.length + 1);
  if (kind === "insert") copy.splice(pos, 0, extra);
  if (kind === "duplicate" && proof.length > 0) copy.splice(pos, 0, proof[at % proof.length] ?? extra);
  if (kind === "duplicate" && proof.length === 0) copy.push(extra);
  if (kind === "drop") copy.splice(at % proof.length, 1);
  if (kind === "flip") copy[at % proof.length] = flip(proof[at % proof.length] ?? extra, at >> 3, bit);
  return copy;
}
const isProofCorruption = (c: Corruption, proof: readonly Buffer[]): boolean =>
  !((c.kind === "flip" || c.kind === "drop") && proof.length === 0);

describe("verification of built proofs", () => {
  it("accepts every inclusion proof and rejects any corruption of it", () => {
    fc.assert(
      fc.property(treeArb, corruptionArb, fc.nat(), ({ seed, n, i }, c, other) => {
        const index = pick(i, n, 0);
        const leaves = entriesOf(seed, n).map(leafHash);
        const [root, proof, leaf] = [rootOf(leaves), inclusionProof(leaves, index), leaves[index] ?? Buffer.alloc(0)];
        expect(verifyInclusion(index, n, leaf, proof, root)).toBe(true);
        expect(verifyInclusion(BigInt(index), BigInt(n), leaf, proof, root)).toBe(true);
        const otherIndex = (index + 1 + (other % n)) % n; // any other leaf of the tree, if it has one
        if (otherIndex !== index) expect(verifyInclusion(otherIndex, n, leaf, proof, root)).toBe(false);
        expect(verifyInclusion(index, n, flip(leaf, c.at, c.bit), proof, root)).toBe(false);
        expect(verifyInclusion(index, n, leaf, proof, flip(root, c.at, c.bit))).toBe(false);
        fc.pre(isProofCorruption(c, proof));
        expect(verifyInclusion(index, n, leaf, corruptProof(proof, c), root)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("accepts every consistency proof and rejects any corruption of it", () => {
    fc.assert(
      fc.property(treeArb, corruptionArb, ({ seed, n, m }, c) => {
        const old = pick(m, n, 1);
        const leaves = entriesOf(seed, n).map(leafHash);
        const [root1, root2, proof] = [rootOf(leaves.slice(0, old)), rootOf(leaves), consistencyProof(leaves, old)];
        expect(verifyConsistency(old, n, root1, root2, proof)).toBe(true);
        expect(verifyConsistency(BigInt(old), BigInt(n), root1, root2, proof)).toBe(true);
        expect(verifyConsistency(old, n, flip(root1, c.at, c.bit), root2, proof)).toBe(false);
        expect(verifyConsistency(old, n, root1, flip(root2, c.at, c.bit), proof)).toBe(false);
        expect(verifyConsistency(n, old, root2, root1, proof)).toBe(old === n && proof.length === 0);
        fc.pre(isProofCorruption(c, proof));
        expect(verifyConsistency(old, n, root1, root2, corruptProof(proof, c))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});
