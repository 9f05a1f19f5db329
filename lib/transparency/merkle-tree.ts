import { emptyRoot, HASH_SIZE, nodeHash } from "./merkle-hash";

/**
 * Building side, list form: RFC 9162 §2.1.1 (MTH), §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF) over a
 * complete in-memory list of leaf hashes. O(n) time; meant for tests, small trees and cross-checks. The
 * server uses the O(log n) node form of merkle-nodes.ts, which must produce byte-identical results.
 *
 * `leaves` are leaf hashes (`leafHash(entry)`), not entries: MTH({d}) = leaves[0] for a one-leaf tree.
 *
 * Indexes and sizes on the building side are `number`s: safe integers (< 2^53), which is more leaves than
 * any log will hold, and which lets them key Maps and database rows directly. Every such argument is
 * checked; a violation is a programming error and throws a RangeError.
 */

/** Throws a RangeError unless `value` is a safe integer in [min, max]. */
export function checkIndex(value: number, min: number, max: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} = ${value} is not an integer in [${min}, ${max}]`);
  }
}

/** Throws a RangeError unless every element of `hashes` is a 32-byte hash. */
export function checkHashes(hashes: readonly Uint8Array[], what: string): void {
  hashes.forEach((hash, i) => {
    if (hash.length !== HASH_SIZE) throw new RangeError(`${what}[${i}] has ${hash.length} bytes, not ${HASH_SIZE}`);
  });
}

/** `value`, or a throw if it is missing: for array reads that the surrounding bounds checks make safe. */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new RangeError(`${what} is missing`);
  return value;
}

/**
 * RFC 9162 §2.1.1's k for a tree of n > 1 leaves: the largest power of two smaller than n. The left
 * subtree D[0:k] is then perfect (a power of two), and the right one D[k:n] has 1 ≤ n − k ≤ k leaves.
 */
export function splitPoint(n: number): number {
  checkIndex(n, 2, Number.MAX_SAFE_INTEGER, "n");
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]) for 0 ≤ start < end ≤ leaves.length, following the §2.1.1 recursion. */
function mth(leaves: readonly Buffer[], start: number, end: number): Buffer {
  if (end - start === 1) return Buffer.from(present(leaves[start], "leaf"));
  const k = splitPoint(end - start);
  return nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
}

/** RFC 9162 §2.1.1 MTH of the whole list: `emptyRoot()` for no leaves. Leaves must be 32-byte hashes. */
export function rootOf(leaves: readonly Buffer[]): Buffer {
  checkHashes(leaves, "leaves");
  return leaves.length === 0 ? emptyRoot() : mth(leaves, 0, leaves.length);
}

/**
 * RFC 9162 §2.1.3.1 PATH(index, D[n]) with n = leaves.length: the inclusion proof of leaf `index`, ordered
 * from the leaf's sibling up to the root's child. Empty for a one-leaf tree. Requires 0 ≤ index < n.
 */
export function inclusionProof(leaves: readonly Buffer[], index: number): Buffer[] {
  checkHashes(leaves, "leaves");
  checkIndex(index, 0, leaves.length - 1, "index");
  const path: Buffer[] = [];
  let start = 0;
  let end = leaves.length;
  // Walk down from the root; the sibling met at each level is pushed, then the list is reversed (leaf first).
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.push(mth(leaves, start + k, end));
      end = start + k;
    } else {
      path.push(mth(leaves, start, start + k));
      start += k;
    }
  }
  return path.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) with n = leaves.length: the consistency proof
 * from the tree of the first m leaves. Empty when m = n. Requires 0 < m ≤ n (the RFC defines no proof from
 * the empty tree).
 */
export function consistencyProof(leaves: readonly Buffer[], m: number): Buffer[] {
  checkHashes(leaves, "leaves");
  checkIndex(m, 1, leaves.length, "m");
  const proof: Buffer[] = [];
  let start = 0;
  let end = leaves.length;
  let complete = true; // SUBPROOF's b: true while D[start:end] still starts at leaf 0 of the old tree.
  // Invariant: start < m ≤ end, and the old tree's part inside D[start:end] is D[start:m].
  while (m !== end) {
    const k = splitPoint(end - start);
    if (m - start <= k) {
      proof.push(mth(leaves, start + k, end));
      end = start + k;
    } else {
      proof.push(mth(leaves, start, start + k));
      start += k;
      complete = false;
    }
  }
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}; with b = true the verifier already knows that root.
  if (!complete) proof.push(mth(leaves, start, end));
  return proof.reverse();
}
