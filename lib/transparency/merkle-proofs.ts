import { HASH_SIZE, nodeHash } from "./merkle-hash";

/**
 * Verification side of RFC 9162 proofs: what an auditor runs offline. Depends only on node:crypto
 * (through merkle-hash.ts), so it can be copied out of the repository and used alone.
 *
 * Indexes and sizes are accepted as `bigint` or `number` and computed as `bigint`, so every uint64
 * value (2^64 − 1 appears in the transparency-dev vectors) is handled exactly. A `number` must be a
 * non-negative safe integer; anything else (negative, fractional, NaN, ≥ 2^53) is an invalid proof.
 */

/** A leaf index or tree size as accepted by the verifiers. */
export type TreeIndex = bigint | number;

/** Thrown by {@link rootFromInclusionProof} for every input that cannot be a valid proof. */
export class MerkleProofError extends Error {
  override name = "MerkleProofError";
}

function toBigIndex(value: TreeIndex, what: string): bigint {
  if (typeof value === "bigint") {
    if (value < 0n) throw new MerkleProofError(`${what} is negative`);
    return value;
  }
  if (!Number.isSafeInteger(value) || value < 0) throw new MerkleProofError(`${what} is not a safe integer ≥ 0`);
  return BigInt(value);
}

const isHash = (bytes: Uint8Array): boolean => bytes.length === HASH_SIZE;
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;
const isOdd = (n: bigint): boolean => (n & 1n) === 1n;

/**
 * RFC 9162 §2.1.3.2: the root hash that `proof` (the inclusion_path) leads to from the leaf `leafHash`
 * at `index` in a tree of `size` leaves. Proof elements are ordered from the leaf up.
 *
 * Throws {@link MerkleProofError} unless 0 ≤ index < size, the leaf hash and every proof element are
 * 32 bytes, and the proof has exactly as many elements as the path from the leaf to the root
 * (too long: step 4.a `sn` reaches 0 early; too short: step 5 `sn` is not 0 at the end).
 */
export function rootFromInclusionProof(
  index: TreeIndex,
  size: TreeIndex,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer {
  const leafIndex = toBigIndex(index, "index");
  const treeSize = toBigIndex(size, "size");
  // Step 1.
  if (leafIndex >= treeSize) throw new MerkleProofError(`index ${leafIndex} is not below tree size ${treeSize}`);
  if (!isHash(leafHash)) throw new MerkleProofError(`leaf hash has ${leafHash.length} bytes, not ${HASH_SIZE}`);
  if (!proof.every(isHash)) throw new MerkleProofError(`an inclusion proof element is not ${HASH_SIZE} bytes`);
  // Steps 2 and 3.
  let fn = leafIndex;
  let sn = treeSize - 1n;
  let r: Buffer = Buffer.from(leafHash);
  // Step 4.
  for (const p of proof) {
    if (sn === 0n) throw new MerkleProofError("inclusion proof has more elements than the path to the root");
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // "If LSB(fn) is not set, right-shift fn and sn until LSB(fn) is set or fn is 0": the loop condition
      // already contains the "if".
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  // Step 5 (the comparison with the root is the caller's).
  if (sn !== 0n) throw new MerkleProofError("inclusion proof has fewer elements than the path to the root");
  return r;
}

/**
 * RFC 9162 §2.1.3.2: true iff `proof` proves that `leafHash` is the leaf at `index` of the tree of `size`
 * leaves whose root is `root`. False (never a throw) for every malformed input: index ≥ size (so always
 * false for size 0), hashes or proof elements that are not 32 bytes, proofs too long or too short.
 */
export function verifyInclusion(
  index: TreeIndex,
  size: TreeIndex,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  try {
    return isHash(root) && sameBytes(rootFromInclusionProof(index, size, leafHash, proof), root);
  } catch (error) {
    if (error instanceof MerkleProofError) return false;
    throw error;
  }
}

/**
 * RFC 9162 §2.1.4.2: true iff `proof` proves that the tree of `size1` leaves with root `root1` is a prefix
 * of the tree of `size2` leaves with root `root2`. Never throws on malformed input. Edge cases follow the
 * transparency-dev/merkle verifier (and its test vectors) where RFC 9162 is silent, as the RFC algorithm
 * assumes 0 < size1 < size2:
 * - size1 > size2: false.
 * - size1 = 0: false, even with size2 = 0. Every tree extends the empty tree, so there is nothing to prove;
 *   a caller that wants to accept that case must do so explicitly, before calling this.
 * - size1 = size2 > 0: true iff the proof is empty and root1 equals root2 byte for byte (no hashing, so no
 *   length check either: equal sizes with equal roots are consistent whatever the roots are).
 * - 0 < size1 < size2: the RFC algorithm; false if the proof is empty, if root1, root2 or a proof element
 *   is not 32 bytes, or if the proof is not consumed exactly (step 6.a / the `sn` = 0 check of step 7).
 */
export function verifyConsistency(
  size1: TreeIndex,
  size2: TreeIndex,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  let first: bigint;
  let second: bigint;
  try {
    first = toBigIndex(size1, "size1");
    second = toBigIndex(size2, "size2");
  } catch (error) {
    if (error instanceof MerkleProofError) return false;
    throw error;
  }
  if (first > second || first === 0n) return false;
  if (first === second) return proof.length === 0 && sameBytes(root1, root2);
  // Step 1, and the length checks.
  if (proof.length === 0 || !isHash(root1) || !isHash(root2) || !proof.every(isHash)) return false;
  // Step 2: a power-of-two first tree is a node of the second tree, so its root is the start of the path.
  const path = (first & (first - 1n)) === 0n ? [root1, ...proof] : [...proof];
  // Steps 3 and 4.
  let fn = first - 1n;
  let sn = second - 1n;
  while (isOdd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  // Step 5 (path[0] exists: the proof is not empty).
  const [seed = Buffer.alloc(0), ...rest] = path;
  let fr: Buffer = Buffer.from(seed);
  let sr: Buffer = Buffer.from(seed);
  // Step 6.
  for (const c of rest) {
    if (sn === 0n) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  // Step 7.
  return sn === 0n && sameBytes(fr, root1) && sameBytes(sr, root2);
}
