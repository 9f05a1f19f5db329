import "server-only";
import type { Fault, FaultLog } from "../store/log-faults";
import { checkHeadSignature, continuesChain } from "../transparency/check-tree-head";
import type { SignedTreeHead } from "../transparency/tree-head";

export interface HeadEvidence {
  /** The database's heads, oldest first. */
  stored: SignedTreeHead[];
  /** The witness's heads, in file order. */
  witnessed: SignedTreeHead[];
  /** Roots the log produces now, by tree size. */
  roots: ReadonlyMap<number, string>;
  /** Events in the log now. */
  logSize: number;
  /** Trusted public keys, by key id (the keyring, outside the database). */
  trusted: ReadonlyMap<string, string>;
}

/** Checks one head against the log: it must not cover more than the log holds, and must match its root. */
function checkAgainstLog(head: SignedTreeHead, evidence: HeadEvidence, faults: FaultLog, where: string): void {
  const at = (kind: Fault["kind"], detail: string) =>
    faults.add({ kind, seq: head.seq, detail: `${where}: ${detail}` });
  const size = Number(head.treeSize);
  if (size > evidence.logSize) at("truncated", `signed ${size} events, the log has ${evidence.logSize}`);
  else if (size > 0 && evidence.roots.get(size) !== head.rootHash)
    at("root_mismatch", `the log's root at ${size} differs`);
}

/**
 * Checks the chain of signed heads and the witness against each other and against the log:
 * every stored head is signed by a trusted key, continues the previous one, and matches the root
 * the log produces at its size; every witnessed head is still stored, unchanged; the database is
 * not behind the witness. Returns how many stored heads were fully good.
 */
export function checkHeads(evidence: HeadEvidence, faults: FaultLog): number {
  let good = 0;
  let previous: SignedTreeHead | null = null;
  for (const head of evidence.stored) {
    const before = faults.count;
    const verdict = checkHeadSignature(head, evidence.trusted);
    if (verdict !== "ok") faults.add({ kind: verdict, seq: head.seq, detail: `tree head signed by key ${head.keyId}` });
    if (!continuesChain(previous, head)) {
      faults.add({
        kind: "head_chain_break",
        seq: head.seq,
        detail: `does not continue head ${previous?.seq ?? "none"}`,
      });
    }
    checkAgainstLog(head, evidence, faults, "tree head");
    if (faults.count === before) good++;
    previous = head;
  }
  const bySeq = new Map(evidence.stored.map((head) => [head.seq, head]));
  for (const witnessed of evidence.witnessed) {
    const stored = bySeq.get(witnessed.seq);
    if (stored && stored.headHash === witnessed.headHash && stored.rootHash === witnessed.rootHash) continue;
    const detail = stored ? "the database's head differs from the witness's" : "witnessed head is not in the database";
    faults.add({ kind: "witness_mismatch", seq: witnessed.seq, detail });
    // What the witness still proves on its own: a head signed by our key that the log must match.
    const verdict = checkHeadSignature(witnessed, evidence.trusted);
    if (verdict !== "ok") faults.add({ kind: verdict, seq: witnessed.seq, detail: "witnessed head's signature" });
    else checkAgainstLog(witnessed, evidence, faults, "witnessed head");
  }
  return good;
}
