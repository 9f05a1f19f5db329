import { checkHeadSignature } from "../transparency/check-tree-head";
import { verifyConsistency } from "../transparency/merkle-proofs";
import type { SignedTreeHead } from "../transparency/tree-head";
import type { ConsistencyProof } from "./shapes";

export type ConsistencyVerdict =
  | { ok: true }
  | { ok: false; reason: "unknown_key" | "bad_signature" | "size_mismatch" | "inconsistent"; detail: string };

const bytes = (hex: string) => Buffer.from(hex, "hex");

/**
 * Checks offline that the log only grew between two signed tree heads (RFC 9162 §2.1.4): both are
 * signed by trusted keys (a key not given is `unknown_key`, distinct from a bad signature), the
 * proof is for their two sizes, and it proves the older tree a prefix of the newer one. A log that
 * was rewritten, truncated or forked between the two heads fails as `inconsistent`.
 */
export function verifyHeadConsistency(
  older: SignedTreeHead,
  newer: SignedTreeHead,
  proof: ConsistencyProof,
  keys: ReadonlyMap<string, string>,
): ConsistencyVerdict {
  for (const [which, head] of [
    ["old", older],
    ["new", newer],
  ] as const) {
    const verdict = checkHeadSignature(head, keys);
    if (verdict === "unknown_key") {
      const detail = `the ${which} tree head (seq ${head.seq}) is signed by key ${head.keyId}`;
      return { ok: false, reason: verdict, detail: `${detail}, which is not among the keys given` };
    }
    if (verdict !== "ok") {
      const detail = `the ${which} tree head (seq ${head.seq}) has a bad signature or head hash (key ${head.keyId})`;
      return { ok: false, reason: verdict, detail };
    }
  }
  if (proof.first !== older.treeSize || proof.second !== newer.treeSize) {
    const detail =
      `the proof is from size ${proof.first} to ${proof.second}, ` +
      `the heads have sizes ${older.treeSize} and ${newer.treeSize}`;
    return { ok: false, reason: "size_mismatch", detail };
  }
  const first = BigInt(older.treeSize);
  const second = BigInt(newer.treeSize);
  if (!verifyConsistency(first, second, bytes(older.rootHash), bytes(newer.rootHash), proof.proof.map(bytes))) {
    const detail =
      first > second
        ? `the old head (size ${first}) is larger than the new one (size ${second}): swap --old and --new`
        : `the tree of head ${newer.seq} does not extend the tree of head ${older.seq}: the log was rewritten`;
    return { ok: false, reason: "inconsistent", detail };
  }
  return { ok: true };
}
