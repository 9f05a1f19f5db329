import { describe, expect, it } from "vitest";
import { chainEvents, consistencyFor, rehash, resignHead, signHead, testKey } from "./export-fixture";
import { verifyHeadConsistency } from "./verify-consistency";

const key = testKey();
const retired = testKey();
const keys = new Map([
  [key.keyId, key.publicKeyPem],
  [retired.keyId, retired.publicKeyPem],
]);
const log = chainEvents(13);
const older = signHead(retired, log, { size: 6 });
const newer = signHead(key, log, { seq: "2", prevHeadHash: older.headHash });
const proof = consistencyFor(log, 6, 13);

describe("verifyHeadConsistency", () => {
  it("accepts two heads of a log that only grew, across a key rotation", () => {
    expect(verifyHeadConsistency(older, newer, proof, keys)).toEqual({ ok: true });
    for (const size of [1, 2, 7, 8, 12, 13]) {
      const at = signHead(key, log, { size });
      expect(verifyHeadConsistency(at, newer, consistencyFor(log, size, 13), keys), `size ${size}`).toEqual({
        ok: true,
      });
    }
  });

  it("unknown_key and bad_signature name the head", () => {
    const onlyNew = new Map([[key.keyId, key.publicKeyPem]]);
    expect(verifyHeadConsistency(older, newer, proof, onlyNew)).toEqual({
      ok: false,
      reason: "unknown_key",
      detail: `the old tree head (seq 1) is signed by key ${retired.keyId}, which is not among the keys given`,
    });
    const changed = { ...newer, timestamp: "2020-01-01T00:00:00.000Z" };
    expect(verifyHeadConsistency(older, changed, proof, keys)).toEqual({
      ok: false,
      reason: "bad_signature",
      detail: `the new tree head (seq 2) has a bad signature or head hash (key ${key.keyId})`,
    });
  });

  it("size_mismatch: a proof for other sizes", () => {
    expect(verifyHeadConsistency(older, newer, consistencyFor(log, 5, 13), keys)).toEqual({
      ok: false,
      reason: "size_mismatch",
      detail: "the proof is from size 5 to 13, the heads have sizes 6 and 13",
    });
    expect(verifyHeadConsistency(older, newer, { ...proof, second: "12" }, keys)).toMatchObject({
      reason: "size_mismatch",
    });
  });

  it("inconsistent: the log was rewritten between the heads, or the heads are swapped", () => {
    const rewritten = [...log.slice(0, 3), rehash({ ...log[3]!, data: { rewritten: true } }), ...log.slice(4)];
    const forked = signHead(key, rewritten, { seq: "2" });
    expect(verifyHeadConsistency(older, forked, consistencyFor(rewritten, 6, 13), keys)).toEqual({
      ok: false,
      reason: "inconsistent",
      detail: "the tree of head 2 does not extend the tree of head 1: the log was rewritten",
    });
    const swapped = { first: "13", second: "6", proof: proof.proof };
    expect(verifyHeadConsistency(newer, older, swapped, keys)).toEqual({
      ok: false,
      reason: "inconsistent",
      detail: "the old head (size 13) is larger than the new one (size 6): swap --old and --new",
    });
    const same = resignHead(key, { ...older, keyId: key.keyId, rootHash: newer.rootHash });
    expect(verifyHeadConsistency(same, older, { first: "6", second: "6", proof: [] }, keys)).toMatchObject({
      reason: "inconsistent",
    });
    expect(verifyHeadConsistency(older, older, { first: "6", second: "6", proof: [] }, keys)).toEqual({ ok: true });
  });
});
