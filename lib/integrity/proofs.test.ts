import { expect, it } from "vitest";
import { describeApi } from "../testing/api-fixture";
import { verifyConsistency } from "../transparency/merkle-proofs";
import type { Receipt } from "../transparency/receipt";
import type { SignedTreeHead } from "../transparency/tree-head";
import { verifyReceipt } from "../transparency/verify-receipt";

describeApi("receipts and proofs over the API", (api) => {
  it("hands out a receipt that verifies offline, and fails on any change to it", async () => {
    const key = await api.key(["write", "read"], "acme");
    const recorded = await api.client(key).record([{ type: "Receipted", data: { amount: 12 } }, { type: "Other" }]);
    const id = recorded.events[0]!.id;
    const publicKeyPem = await (await api.call("GET", "/api/checkpoints/public-key", { key })).text();
    const response = await api.call("GET", `/api/events/${id}/receipt`, { key });
    expect(response.status).toBe(200);
    const receipt = (await response.json()) as Receipt;
    expect(receipt.event).toMatchObject({ id, type: "Receipted", position: recorded.events[0]!.position });
    expect(Number(receipt.treeHead.treeSize)).toBeGreaterThanOrEqual(Number(receipt.event.position));
    expect(verifyReceipt(receipt, publicKeyPem)).toEqual({ ok: true });
    const edited = structuredClone(receipt);
    edited.event.data = { amount: 13 };
    expect(verifyReceipt(edited, publicKeyPem)).toEqual({ ok: false, reason: "hash_mismatch" });
    const moved = { ...receipt, leafIndex: String(Number(receipt.leafIndex) + 1) };
    expect(verifyReceipt(moved, publicKeyPem)).toEqual({ ok: false, reason: "wrong_leaf" });
    const badProof = { ...receipt, inclusionProof: [...receipt.inclusionProof].reverse().concat("00".repeat(32)) };
    expect(verifyReceipt(badProof, publicKeyPem)).toEqual({ ok: false, reason: "not_included" });
    const forged = { ...receipt, treeHead: { ...receipt.treeHead, timestamp: "2020-01-01T00:00:00.000Z" } };
    expect(verifyReceipt(forged, publicKeyPem)).toEqual({ ok: false, reason: "bad_signature" });
    // Another tenant's key cannot learn that the event exists.
    const other = await api.key(["read"], "globex");
    expect((await api.call("GET", `/api/events/${id}/receipt`, { key: other })).status).toBe(404);
  });

  it("proves two signed heads consistent (RFC 9162 §2.1.4)", async () => {
    const admin = await api.key(["admin"]);
    const client = api.client(admin);
    await client.record([{ type: "A" }]);
    const sign = async () =>
      ((await (await api.call("POST", "/api/checkpoints", { key: admin })).json()) as { treeHead: SignedTreeHead })
        .treeHead;
    const older = await sign();
    await client.record([{ type: "B" }, { type: "C" }, { type: "D" }]);
    const newer = await sign();
    expect(Number(newer.seq)).toBe(Number(older.seq) + 1);
    expect(newer.prevHeadHash).toBe(older.headHash);
    const url = `/api/proofs/consistency?first=${older.treeSize}&second=${newer.treeSize}`;
    const { proof } = (await (await api.call("GET", url, { key: admin })).json()) as { proof: string[] };
    const bytes = (hex: string) => Buffer.from(hex, "hex");
    const ok = verifyConsistency(
      BigInt(older.treeSize),
      BigInt(newer.treeSize),
      bytes(older.rootHash),
      bytes(newer.rootHash),
      proof.map(bytes),
    );
    expect(ok).toBe(true);
    expect(
      verifyConsistency(
        BigInt(older.treeSize),
        BigInt(newer.treeSize),
        bytes(newer.rootHash),
        bytes(newer.rootHash),
        proof.map(bytes),
      ),
    ).toBe(false);
    const tooFar = await api.call("GET", `/api/proofs/consistency?first=1&second=${Number(newer.treeSize) + 5}`, {
      key: admin,
    });
    expect(tooFar.status).toBe(422);
  });
});
