import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, expect, it, vi } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import { describeApi } from "@/lib/testing/api-fixture";
import { MTH, PATH } from "@/lib/testing/rfc9162-naive";
import type { Receipt } from "@/lib/transparency/receipt";
import type { SignedTreeHead } from "@/lib/transparency/tree-head";
import { entryOf } from "@/lib/transparency/tree-head";
import { verifyReceipt } from "@/lib/transparency/verify-receipt";
import { runVerifier } from "@/lib/verifier/cli";
import { trustedKeysFrom } from "@/lib/verifier/public-keys";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-receipt-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const hex = (hashes: readonly Buffer[]) => hashes.map((hash) => hash.toString("hex"));

describeApi("GET /api/events/{id}/receipt?treeSize=", (api) => {
  it("proves inclusion in the signed head of the size asked for, checked by the RFC's own definitions", async () => {
    vi.stubEnv("TRAILBOOK_CHECKPOINT_SECONDS", "3600"); // heads only where this test signs them
    const admin = await api.key(["admin"]);
    const client = api.client(admin);
    const sign = async () =>
      ((await (await api.call("POST", "/api/checkpoints", { key: admin })).json()) as { treeHead: SignedTreeHead })
        .treeHead;
    const { events } = await client.record([
      { type: "R", data: { n: 1 } },
      { type: "R", data: { n: 2 } },
    ]);
    await client.record([{ type: "R", data: { n: 3 } }]);
    const older = await sign();
    await client.record([{ type: "R", data: { n: 4 } }, { type: "R", data: { n: 5 } }, { type: "R" }, { type: "R" }]);
    const newer = await sign();
    await client.record([{ type: "R" }, { type: "R" }]); // the log grows past the newest head
    const event = events[1]!;
    const index = Number(event.position) - 1;
    const stored = await api.db().query<{ hash: string }>(Prisma.sql`SELECT hash FROM events ORDER BY position`);
    const entries = stored.map((row) => entryOf(row.hash));
    const keyring = await (await api.call("GET", "/api/checkpoints/public-keys", { key: admin })).text();
    const keyringFile = path.join(dir, "keyring.json");
    fs.writeFileSync(keyringFile, keyring);

    for (const head of [older, newer]) {
      const response = await api.call("GET", `/api/events/${event.id}/receipt?treeSize=${head.treeSize}`, {
        key: admin,
      });
      expect(response.status).toBe(200);
      const receipt = (await response.json()) as Receipt;
      expect(receipt.treeHead).toEqual(head);
      // The independent reference: the root and the audit path, from the entries of the first treeSize events.
      const tree = entries.slice(0, Number(head.treeSize));
      expect(head.rootHash).toBe(MTH(tree).toString("hex"));
      expect(receipt.inclusionProof).toEqual(hex(PATH(index, tree)));
      // The offline verifier's receipt check, as a library call and as its command line.
      expect(verifyReceipt(receipt, trustedKeysFrom([{ name: "keyring.json", text: keyring }]))).toEqual({ ok: true });
      const file = path.join(dir, `receipt-${head.treeSize}.json`);
      fs.writeFileSync(file, JSON.stringify(receipt));
      const lines: string[] = [];
      expect(await runVerifier(["receipt", file, "--public-key", keyringFile], "verify", (l) => lines.push(l))).toBe(0);
      expect(lines).toEqual([
        `OK: event ${event.id} (position ${event.position}) is in the log.`,
        `Tree head ${head.seq} (size ${head.treeSize}) signed by key ${head.keyId}.`,
      ]);
    }

    const refused = async (treeSize: string, id = event.id) => {
      const response = await api.call("GET", `/api/events/${id}/receipt?treeSize=${treeSize}`, { key: admin });
      expect(response.status, treeSize).toBe(422);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      return (await response.json()) as { code: string; detail: string; treeSizes?: string[] };
    };
    const between = await refused(String(Number(older.treeSize) + 1));
    expect(between).toMatchObject({ code: "no_tree_head_at_size", treeSizes: [older.treeSize, newer.treeSize] });
    expect(between.detail).toBe(
      `No signed tree head has size ${Number(older.treeSize) + 1}; the nearest that hold the event: ` +
        `${older.treeSize} and ${newer.treeSize} (GET /api/checkpoints lists the heads)`,
    );
    const unsigned = await refused(String(Number(newer.treeSize) + 2)); // the log's size: not signed
    expect(unsigned).toMatchObject({ code: "no_tree_head_at_size", treeSizes: [newer.treeSize] });
    expect(await refused("1")).toMatchObject({
      code: "tree_size_before_event",
      detail: `The tree of 1 events does not hold the event at position ${event.position}: ask for at least that size`,
    });
    expect((await refused("0")).code).toBe("validation_failed");
    expect((await refused("two")).code).toBe("validation_failed");
  });
});
