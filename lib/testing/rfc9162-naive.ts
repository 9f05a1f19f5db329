import { createHash } from "node:crypto";

// A deliberately naive reference, written from the text of RFC 9162 §2.1.1 (MTH), §2.1.3.1 (PATH) and
// §2.1.4.1 (PROOF, SUBPROOF): recursion on copied sub-lists of entries, with its own SHA-256 calls.
// Tests check the library, and the proofs the API hands out, against it (never the other way round).

const sha256 = (...parts: Uint8Array[]): Buffer => parts.reduce((h, p) => h.update(p), createHash("sha256")).digest();
/** "k be the largest power of two smaller than n", computed differently from the library. */
const kOf = (n: number): number => 2 ** Math.ceil(Math.log2(n)) / 2;

/** MTH(D[n]): the Merkle Tree Hash of the entries D. */
export function MTH(D: readonly Uint8Array[]): Buffer {
  if (D.length === 0) return sha256();
  if (D.length === 1) return sha256(Buffer.from([0x00]), D[0] ?? Buffer.alloc(0));
  const k = kOf(D.length);
  return sha256(Buffer.from([0x01]), MTH(D.slice(0, k)), MTH(D.slice(k)));
}

/** PATH(m, D[n]): the inclusion proof of entry m in the tree of D. */
export function PATH(m: number, D: readonly Uint8Array[]): Buffer[] {
  if (D.length === 1) return [];
  const k = kOf(D.length);
  if (m < k) return [...PATH(m, D.slice(0, k)), MTH(D.slice(k))];
  return [...PATH(m - k, D.slice(k)), MTH(D.slice(0, k))];
}

function SUBPROOF(m: number, D: readonly Uint8Array[], b: boolean): Buffer[] {
  if (m === D.length) return b ? [] : [MTH(D)];
  const k = kOf(D.length);
  if (m <= k) return [...SUBPROOF(m, D.slice(0, k), b), MTH(D.slice(k))];
  return [...SUBPROOF(m - k, D.slice(k), false), MTH(D.slice(0, k))];
}

/** PROOF(m, D[n]): the consistency proof between the trees of the first m entries and of all of D. */
export const PROOF = (m: number, D: readonly Uint8Array[]): Buffer[] => SUBPROOF(m, D, true);
