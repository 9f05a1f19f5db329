import type { Receipt } from "../transparency/receipt";
import type { SignedTreeHead } from "../transparency/tree-head";

/**
 * Shape checks for what an auditor hands the verifier as files (receipts, tree heads, proofs), so
 * the checks that follow cannot throw on a missing field: a bad shape is named, not a stack trace.
 */

/** `GET /api/proofs/consistency?first=&second=`: hex sibling hashes proving `first` is a prefix of `second`. */
export interface ConsistencyProof {
  first: string;
  second: string;
  proof: string[];
}

const HASH = /^[0-9a-f]{64}$/;
const SIZE = /^(0|[1-9][0-9]*)$/;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string";
const isSize = (value: unknown): value is string => isText(value) && SIZE.test(value);
const isHash = (value: unknown): value is string => isText(value) && HASH.test(value);

export function isSignedTreeHead(value: unknown): value is SignedTreeHead {
  return (
    isObject(value) &&
    isSize(value.seq) &&
    isSize(value.treeSize) &&
    isHash(value.rootHash) &&
    isText(value.timestamp) &&
    isText(value.keyId) &&
    (value.prevHeadHash === null || isText(value.prevHeadHash)) &&
    isText(value.signature) &&
    isText(value.headHash)
  );
}

export function isReceipt(value: unknown): value is Receipt {
  return (
    isObject(value) &&
    value.trailbook === "receipt" &&
    value.version === 1 &&
    isObject(value.event) &&
    isSize(value.event.position) &&
    isText(value.event.prevHash) &&
    isSize(value.leafIndex) &&
    isSignedTreeHead(value.treeHead) &&
    Array.isArray(value.inclusionProof) &&
    value.inclusionProof.every(isHash)
  );
}

export function isConsistencyProof(value: unknown): value is ConsistencyProof {
  return (
    isObject(value) &&
    isSize(value.first) &&
    isSize(value.second) &&
    Array.isArray(value.proof) &&
    value.proof.every(isHash)
  );
}
