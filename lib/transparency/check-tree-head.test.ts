import { describe, expect, it } from "vitest";
import { chainEvents, resignHead, signHead, testKey } from "../verifier/export-fixture";
import { checkHeadSignature, continuesChain } from "./check-tree-head";

const key = testKey();
const other = testKey();
const log = chainEvents(5);
const first = signHead(key, log, { size: 2 });
const second = signHead(key, log, { seq: "2", prevHeadHash: first.headHash });
const trusted = new Map([[key.keyId, key.publicKeyPem]]);

describe("checkHeadSignature", () => {
  it("accepts a head signed by a trusted key", () => {
    expect(checkHeadSignature(first, trusted)).toBe("ok");
    expect(checkHeadSignature(second, new Map([...trusted, [other.keyId, other.publicKeyPem]]))).toBe("ok");
  });

  it("unknown_key: a head by a key not trusted, whatever its signature", () => {
    expect(checkHeadSignature(first, new Map([[other.keyId, other.publicKeyPem]]))).toBe("unknown_key");
    // A forged signature under a key id the keyring does not hold is "unknown", not "bad": it cannot be checked.
    expect(checkHeadSignature({ ...first, keyId: "ffffffffffffffff", signature: "" }, trusted)).toBe("unknown_key");
  });

  it("bad_signature: any signed field changed, or a signature by another key under this key's id", () => {
    for (const change of [
      { seq: "3" },
      { treeSize: "3" },
      { rootHash: "00".repeat(32) },
      { timestamp: "2020-01-01T00:00:00.000Z" },
      { prevHeadHash: "00".repeat(32) },
    ]) {
      expect(checkHeadSignature({ ...second, ...change }, trusted), JSON.stringify(change)).toBe("bad_signature");
    }
    const forged = resignHead(other, first);
    expect(forged.keyId).toBe(key.keyId);
    expect(checkHeadSignature(forged, trusted)).toBe("bad_signature");
  });

  it("bad_signature: a good signature with a head hash that is not the head's", () => {
    expect(checkHeadSignature({ ...first, headHash: second.headHash }, trusted)).toBe("bad_signature");
  });
});

describe("continuesChain", () => {
  it("the first head has seq 1 and names no previous head", () => {
    expect(continuesChain(null, first)).toBe(true);
    expect(continuesChain(null, second)).toBe(false);
    expect(continuesChain(null, { ...second, prevHeadHash: null })).toBe(false);
    expect(continuesChain(null, { ...first, prevHeadHash: second.headHash })).toBe(false);
  });

  it("a later head has the next seq and names the previous head's hash", () => {
    expect(continuesChain(first, second)).toBe(true);
    expect(continuesChain(first, { ...second, seq: "3" })).toBe(false);
    expect(continuesChain(first, { ...second, seq: "1" })).toBe(false);
    expect(continuesChain(first, { ...second, prevHeadHash: null })).toBe(false);
    expect(continuesChain(first, { ...second, prevHeadHash: first.rootHash })).toBe(false);
    const big = { ...first, seq: "9007199254740993" };
    expect(continuesChain(big, { ...second, seq: "9007199254740994", prevHeadHash: big.headHash })).toBe(true);
    expect(continuesChain(big, { ...second, seq: "9007199254740993", prevHeadHash: big.headHash })).toBe(false);
  });
});
