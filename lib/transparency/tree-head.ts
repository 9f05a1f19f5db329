import { createHash } from "node:crypto";
import { canonicalJson } from "../encoding/canonical-json";

/**
 * A signed tree head (RFC 9162 §4.10, in JSON): the log's Merkle root at a tree size, signed with
 * Ed25519, and chained to the head before it, so that deleting or altering a stored head breaks
 * the chain. Numbers that can exceed 2^53 travel as decimal strings.
 */
export interface TreeHeadBody {
  /** 1 for the first head, then +1 per head: a gap is a deleted head. */
  seq: string;
  /** Leaves in the tree: the head covers positions 1..treeSize. */
  treeSize: string;
  /** Hex MTH of the first treeSize leaves (leaf = SHA-256(0x00 ‖ event hash bytes)). */
  rootHash: string;
  /** ISO 8601 UTC with milliseconds. */
  timestamp: string;
  /** First 16 hex digits of SHA-256 over the signing public key's DER (SPKI). */
  keyId: string;
  /** headHash of head seq − 1; null for the first head. */
  prevHeadHash: string | null;
}

export interface SignedTreeHead extends TreeHeadBody {
  /** Ed25519 over {@link treeHeadPayload}, base64. */
  signature: string;
  /** hex SHA-256 of JCS(body + signature): what the next head names as prevHeadHash. */
  headHash: string;
}

/** The exact bytes signed: RFC 8785 JSON of the body with a type tag, so no other signed object can pass for a head. */
export function treeHeadPayload(body: TreeHeadBody): Buffer {
  const { seq, treeSize, rootHash, timestamp, keyId, prevHeadHash } = body;
  return Buffer.from(
    canonicalJson({ type: "trailbook.tree_head", version: 1, seq, treeSize, rootHash, timestamp, keyId, prevHeadHash }),
  );
}

/** The hash that chains heads: over the payload's fields and the signature. */
export function headHashOf(body: TreeHeadBody, signature: string): string {
  const { seq, treeSize, rootHash, timestamp, keyId, prevHeadHash } = body;
  const signed = { seq, treeSize, rootHash, timestamp, keyId, prevHeadHash, signature };
  return createHash("sha256").update(canonicalJson(signed)).digest("hex");
}

/** Leaf entry of an event: its 32-byte hash (which covers its canonical fields and the previous hash). */
export function entryOf(eventHash: string): Buffer {
  return Buffer.from(eventHash, "hex");
}
