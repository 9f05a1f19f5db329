import { verifySigned } from "../integrity/checkpoint-signature";
import { headHashOf, type SignedTreeHead, treeHeadPayload } from "./tree-head";

/** What a tree head's signature says, given the keys one trusts (key id → public key PEM). */
export type HeadSignatureVerdict = "ok" | "bad_signature" | "unknown_key";

/**
 * Checks a head's own integrity, with no log at hand: the signature (a key we do not hold is its
 * own verdict, distinct from a forged signature) and that headHash is the hash of what it claims.
 */
export function checkHeadSignature(head: SignedTreeHead, trusted: ReadonlyMap<string, string>): HeadSignatureVerdict {
  const pem = trusted.get(head.keyId);
  if (pem === undefined) return "unknown_key";
  if (!verifySigned(treeHeadPayload(head), head.signature, pem)) return "bad_signature";
  return headHashOf(head, head.signature) === head.headHash ? "ok" : "bad_signature";
}

/** Whether `next` continues `previous` (null for the first head): the next seq, naming its hash. */
export function continuesChain(previous: SignedTreeHead | null, next: SignedTreeHead): boolean {
  if (previous === null) return next.seq === "1" && next.prevHeadHash === null;
  return BigInt(next.seq) === BigInt(previous.seq) + 1n && next.prevHeadHash === previous.headHash;
}
