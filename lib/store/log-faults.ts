/** Everything verification can find wrong, each named by where it is. */
export type FaultKind =
  /** No event at a position the log must have (deleted row, or a hole). */
  | "missing_position"
  /** prev_hash does not name the previous event's hash (rows swapped, inserted or re-chained). */
  | "prev_hash_mismatch"
  /** The row's fields no longer hash to its stored hash (edited). */
  | "hash_mismatch"
  /** A stored value could not be read or hashed at all (e.g. a timestamp of 'infinity'). */
  | "unreadable_row"
  /** An appended-to stream (part of the event's hash) has no membership row at that version. */
  | "membership_missing"
  /** The tree's stored nodes at this position are missing or differ from the log's. */
  | "tree_node_mismatch"
  /** A signed head (or legacy checkpoint) whose signature does not verify with its key. */
  | "bad_signature"
  /** Signed by a key that is not in the keyring: it cannot be checked, which is not the same as forged. */
  | "unknown_key"
  /** Heads are not a chain: a sequence number is missing, or prevHeadHash/headHash do not match. */
  | "head_chain_break"
  /** The log no longer produces the root a head (or the witness) signed: history was rewritten. */
  | "root_mismatch"
  /** A head or checkpoint covers events the log no longer has: the tail was cut. */
  | "truncated"
  /** The witness holds a head the database lacks, or holds it differently. */
  | "witness_mismatch"
  /** A legacy checkpoint names a hash the event at its position does not have. */
  | "hash_differs";

export interface Fault {
  kind: FaultKind;
  /** The event position concerned, when there is one. */
  position?: string;
  /** The tree head's sequence number, for head and witness faults. */
  seq?: string;
  detail: string;
}

/** Keeps the first `limit` faults and counts them all: one bad row must not hide the next. */
export class FaultLog {
  readonly faults: Fault[] = [];
  count = 0;

  constructor(private readonly limit = 100) {}

  add(fault: Fault): void {
    this.count++;
    if (this.faults.length < this.limit) this.faults.push(fault);
  }
}
