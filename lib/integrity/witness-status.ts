import type { SignedTreeHead } from "../transparency/tree-head";

/**
 * How the witness file stood against the database's tree heads in a verification run. Only
 * `inconsistent` comes with faults (`witness_mismatch`); `missing` and `behind` are warnings: a
 * witness can be lost for good, and that must not fail every verification after it, but a run
 * that had no witness for some heads did not check those heads against anything outside the
 * database.
 */
export const WITNESS_STATUSES = [
  /** The witness holds the database's latest head, and every head it holds is the database's. */
  "consistent",
  /** Every head it holds is the database's, but it lacks the newest ones. */
  "behind",
  /** It holds no head (no file, or an empty one), while the database holds some. */
  "missing",
  /** It holds a head the database lacks or holds differently, or lines it cannot read (faults). */
  "inconsistent",
  /** Neither holds a head: nothing has been signed yet. */
  "no_heads",
  /** A run over a range of positions, which checks no heads. */
  "not_checked",
] as const;
export type WitnessStatus = (typeof WITNESS_STATUSES)[number];

/** The witness's status, from the database's heads (oldest first) and what the witness file holds. */
export function witnessStatusOf(
  stored: readonly SignedTreeHead[],
  witness: { heads: readonly SignedTreeHead[]; bad: number },
): WitnessStatus {
  if (witness.heads.length === 0 && witness.bad === 0) return stored.length === 0 ? "no_heads" : "missing";
  const bySeq = new Map(stored.map((head) => [head.seq, head]));
  const differs = witness.heads.some((witnessed) => {
    const head = bySeq.get(witnessed.seq);
    return !head || head.headHash !== witnessed.headHash || head.rootHash !== witnessed.rootHash;
  });
  if (differs || witness.bad > 0) return "inconsistent";
  const newestWitnessed = witness.heads.reduce(
    (newest, head) => (BigInt(head.seq) > newest ? BigInt(head.seq) : newest),
    0n,
  );
  return BigInt(stored.at(-1)?.seq ?? "0") > newestWitnessed ? "behind" : "consistent";
}

/**
 * What a run with this status did not prove, for the operator (npm run verify, the API, the
 * Integrity page); undefined when the witness played its part (or faults say what is wrong).
 */
export function witnessWarning(status: WitnessStatus): string | undefined {
  if (status === "missing") {
    return (
      "The witness holds no tree heads while the database holds some: the heads were checked against " +
      "nothing outside the database, so heads deleted from its newest end, with the events after the " +
      "remaining ones rewritten, would go unnoticed. Check that TRAILBOOK_WITNESS_DIR names the directory " +
      "the server witnesses to. A witness that was lost holds the heads signed from now on."
    );
  }
  if (status === "behind") {
    return (
      "The witness lacks the database's newest tree heads: those were checked against nothing outside the " +
      "database, so deleting them would go unnoticed. A crash between signing and witnessing leaves one " +
      "head out until the next is signed; more means the witness was moved, replaced or lost for a while."
    );
  }
  return undefined;
}
