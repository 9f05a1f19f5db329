import { keyIdOf } from "../integrity/checkpoint-signature";
import { hashedFieldsOf } from "../store/event-record";
import { hashEvent } from "../store/hash-event";
import { checkHeadSignature } from "./check-tree-head";
import { leafHash } from "./merkle-hash";
import { verifyInclusion } from "./merkle-proofs";
import type { Receipt } from "./receipt";
import { entryOf } from "./tree-head";

export type ReceiptVerdict =
  | { ok: true }
  | { ok: false; reason: "hash_mismatch" | "wrong_leaf" | "not_included" | "bad_signature" | "unknown_key" };

/**
 * Checks a receipt offline: the event still hashes to its hash, its leaf is at position − 1, the
 * inclusion proof leads from that leaf to the signed root, and the head is signed by one of
 * `publicKeys` (a PEM, or PEMs by key id such as the keyring): a head signed by a key not given is
 * `unknown_key`, one whose signature or head hash is wrong `bad_signature`. The receipt must have a
 * receipt's shape (lib/verifier/shapes.ts checks one read from a file).
 */
export function verifyReceipt(receipt: Receipt, publicKeys: string | ReadonlyMap<string, string>): ReceiptVerdict {
  const { event, treeHead } = receipt;
  if (hashEvent(event.prevHash, hashedFieldsOf(event)) !== event.hash) return { ok: false, reason: "hash_mismatch" };
  if (BigInt(receipt.leafIndex) !== BigInt(event.position) - 1n) return { ok: false, reason: "wrong_leaf" };
  const proof = receipt.inclusionProof.map((hash) => Buffer.from(hash, "hex"));
  const root = Buffer.from(treeHead.rootHash, "hex");
  if (
    !verifyInclusion(BigInt(receipt.leafIndex), BigInt(treeHead.treeSize), leafHash(entryOf(event.hash)), proof, root)
  ) {
    return { ok: false, reason: "not_included" };
  }
  const keys = typeof publicKeys === "string" ? new Map([[keyIdOf(publicKeys), publicKeys]]) : publicKeys;
  const verdict = checkHeadSignature(treeHead, keys);
  return verdict === "ok" ? { ok: true } : { ok: false, reason: verdict };
}
