import { describe, expect, it } from "vitest";
import { chainEvents, receiptFor, rehash, resignHead, signHead, testKey } from "../verifier/export-fixture";
import { verifyReceipt } from "./verify-receipt";

// One test per check of verifyReceipt: each receipt is a good one with exactly one thing altered.

const key = testKey();
const other = testKey();
const log = chainEvents(7);
const head = signHead(key, log);
const receipt = receiptFor(log, head, 3);
const keys = new Map([[key.keyId, key.publicKeyPem]]);

describe("verifyReceipt", () => {
  it("accepts a good receipt, given the key as a PEM or among several keys", () => {
    expect(verifyReceipt(receipt, key.publicKeyPem)).toEqual({ ok: true });
    expect(verifyReceipt(receipt, new Map([...keys, [other.keyId, other.publicKeyPem]]))).toEqual({ ok: true });
    for (let position = 1; position <= 7; position++)
      expect(verifyReceipt(receiptFor(log, head, position), keys), `position ${position}`).toEqual({ ok: true });
    const small = signHead(key, log, { size: 3 });
    expect(verifyReceipt(receiptFor(log, small, 3), keys)).toEqual({ ok: true });
  });

  it("hash_mismatch: the event was edited", () => {
    const edited = { ...receipt, event: { ...receipt.event, data: { i: 4 } } };
    expect(verifyReceipt(edited, keys)).toEqual({ ok: false, reason: "hash_mismatch" });
  });

  it("wrong_leaf: the leaf index is not the event's position − 1", () => {
    const next = receiptFor(log, head, 4);
    expect(verifyReceipt({ ...next, event: receipt.event }, keys)).toEqual({ ok: false, reason: "wrong_leaf" });
    expect(verifyReceipt({ ...receipt, leafIndex: "3" }, keys)).toEqual({ ok: false, reason: "wrong_leaf" });
  });

  it("not_included: the proof does not lead to the head's root", () => {
    const proof = [...receipt.inclusionProof];
    proof[1] = "00".repeat(32);
    expect(verifyReceipt({ ...receipt, inclusionProof: proof }, keys)).toEqual({ ok: false, reason: "not_included" });
    // A forged event with a recomputed hash is not the leaf the log holds.
    const forged = rehash({ ...receipt.event, data: { forged: true } });
    expect(verifyReceipt({ ...receipt, event: forged }, keys)).toEqual({ ok: false, reason: "not_included" });
    const beyond = signHead(key, log, { size: 2 });
    expect(verifyReceipt({ ...receipt, treeHead: beyond, inclusionProof: [] }, keys)).toEqual({
      ok: false,
      reason: "not_included",
    });
  });

  it("bad_signature: the head was changed after signing, or its head hash is wrong", () => {
    const changed = { ...receipt, treeHead: { ...head, timestamp: "2020-01-01T00:00:00.000Z" } };
    expect(verifyReceipt(changed, keys)).toEqual({ ok: false, reason: "bad_signature" });
    const wrongHash = { ...receipt, treeHead: { ...head, headHash: "00".repeat(32) } };
    expect(verifyReceipt(wrongHash, keys)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("unknown_key: the head is signed by a key that was not given", () => {
    expect(verifyReceipt(receipt, other.publicKeyPem)).toEqual({ ok: false, reason: "unknown_key" });
    const byOther = { ...receipt, treeHead: resignHead(other, { ...head, keyId: other.keyId }) };
    expect(verifyReceipt(byOther, keys)).toEqual({ ok: false, reason: "unknown_key" });
    expect(verifyReceipt(byOther, other.publicKeyPem)).toEqual({ ok: true });
  });
});
