import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { emptyRoot, HASH_SIZE, leafHash, nodeHash } from "./merkle-hash";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

// Expected values: transparency-dev/merkle rfc6962/rfc6962_test.go (TestRFC6962Hasher), each also reproducible
// with `echo -n … | xxd -r -p | sha256sum` as noted there.
describe("RFC 6962 / 9162 hashing", () => {
  it("hashes the empty tree to SHA-256 of the empty string", () => {
    expect(hex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("hashes an empty leaf as SHA-256(0x00), not as the empty tree", () => {
    expect(hex(leafHash(new Uint8Array()))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  });

  it("hashes a leaf with the 0x00 prefix", () => {
    expect(hex(leafHash(Buffer.from("L123456")))).toBe(
      "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56",
    );
  });

  it("hashes a node with the 0x01 prefix, left then right, whatever the input lengths", () => {
    expect(hex(nodeHash(Buffer.from("N123"), Buffer.from("N456")))).toBe(
      "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb",
    );
  });

  it("separates leaves from nodes and depends on child order", () => {
    const [a, b] = [leafHash(Buffer.from("Hello")), leafHash(Buffer.from("World"))];
    expect(hex(nodeHash(a, b))).not.toBe(hex(leafHash(Buffer.concat([a, b]))));
    expect(hex(nodeHash(a, b))).not.toBe(hex(nodeHash(b, a)));
    expect(hex(nodeHash(a, b))).toBe(
      hex(
        createHash("sha256")
          .update(Buffer.from([1]))
          .update(a)
          .update(b)
          .digest(),
      ),
    );
  });

  it("returns fresh 32-byte Buffers", () => {
    const first = emptyRoot();
    first.fill(0);
    expect(hex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(HASH_SIZE).toBe(32);
    for (const hash of [emptyRoot(), leafHash(Buffer.from("x")), nodeHash(first, first)]) {
      expect(Buffer.isBuffer(hash)).toBe(true);
      expect(hash.length).toBe(HASH_SIZE);
    }
  });
});
