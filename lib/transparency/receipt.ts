import type { EventRecord } from "../store/event-record";
import type { SignedTreeHead } from "./tree-head";

/**
 * Proof that one event is in the log, checkable offline with the log's public key: the event as
 * hashed, its leaf index (position − 1), a signed tree head, and the RFC 9162 inclusion proof of the
 * event's leaf in that head's tree.
 */
export interface Receipt {
  trailbook: "receipt";
  version: 1;
  event: EventRecord;
  leafIndex: string;
  treeHead: SignedTreeHead;
  /** Hex sibling hashes, leaf level first. */
  inclusionProof: string[];
}
