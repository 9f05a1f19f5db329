import { createHash } from "node:crypto";

/**
 * RFC 9162 §2.1.1 hashing with SHA-256 (the hash algorithm of RFC 6962 and of every CT log in use).
 *
 * Domain separation: a leaf is hashed with the prefix 0x00 and an interior node with 0x01, so no
 * leaf hash can be replayed as a node hash (second-preimage resistance of the tree).
 */

/** Length in bytes of every hash this module produces (SHA-256). */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d}) = SHA-256(0x00 ‖ d): the hash of a single log entry. Always returns a fresh 32-byte Buffer. */
export function leafHash(entry: Uint8Array): Buffer {
  return createHash("sha256").update(LEAF_PREFIX).update(entry).digest();
}

/**
 * SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. The inputs are hashed as given, whatever
 * their length; callers that take hashes from untrusted input check the length (see merkle-proofs.ts).
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash("sha256").update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}) = SHA-256 of the empty string: the root of the empty tree (tree size 0). Fresh Buffer on each call. */
export function emptyRoot(): Buffer {
  return createHash("sha256").digest();
}
