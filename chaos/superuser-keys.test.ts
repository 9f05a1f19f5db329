import { sign } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { headHashOf, type TreeHeadBody, treeHeadPayload } from "@/lib/transparency/tree-head";
import {
  asSuperuser,
  BATCHES,
  commandError,
  copyOfGolden,
  keyringIds,
  type Log,
  newKey,
  npmRun,
  readHeads,
  signHead,
  signingKeyFile,
  start,
  startRefused,
  stop,
  TOTAL,
  verdicts,
  verify,
  verifyOverHttp,
  writeBatches,
} from "./superuser-harness";

describe("a PostgreSQL superuser forges heads; the operator rotates and loses keys", () => {
  describe("5. inserts a head signed with a key of its own, then alters a signature", () => {
    let log: Log;
    const stranger = newKey();
    beforeAll(async () => {
      log = await copyOfGolden();
      const [, , last] = await readHeads(log);
      // A perfectly formed head over the real log, chained to head 3: only the key is not ours.
      const body: TreeHeadBody = {
        seq: "4",
        treeSize: last!.treeSize,
        rootHash: last!.rootHash,
        timestamp: new Date().toISOString(),
        keyId: stranger.keyId,
        prevHeadHash: last!.headHash,
      };
      const signature = sign(null, treeHeadPayload(body), stranger.privateKey).toString("base64");
      await asSuperuser(log, (client) =>
        client.query(
          `INSERT INTO tree_heads (seq, tree_size, root_hash, signed_at, key_id, prev_head_hash, signature, head_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            body.seq,
            body.treeSize,
            body.rootHash,
            body.timestamp,
            body.keyId,
            body.prevHeadHash,
            signature,
            headHashOf(body, signature),
          ],
        ),
      );
    });

    it("reports the stranger's head as unknown_key, not as a bad signature", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["unknown_key@head 4"]);
      expect(result.faults[0]!.detail).toBe(`tree head signed by key ${stranger.keyId}`);
      expect(result.treeHeads).toMatchObject({ checked: 4, ok: 3 });
    });

    it("the server refuses to sign after a head by a key outside the keyring: maybe tampering", async () => {
      const ours = (await readHeads(log))[0]!.keyId;
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      // The head names a key outside the keyring: possible tampering, not "restore that key".
      expect(commandError(stderr)).toContain(`tree head 4 names key ${stranger.keyId}, which is not in the keyring`);
      expect(commandError(stderr)).toContain("npm run verify");
      expect(ours).not.toBe(stranger.keyId);
    });

    it("reports a head whose signature bytes were altered as bad_signature", async () => {
      await asSuperuser(log, async (client) => {
        const [row] = (await client.query<{ signature: string }>("SELECT signature FROM tree_heads WHERE seq = 2"))
          .rows;
        const bytes = Buffer.from(row!.signature, "base64");
        bytes[10] = bytes[10]! ^ 0x01;
        await client.query("UPDATE tree_heads SET signature = $1 WHERE seq = 2", [bytes.toString("base64")]);
      });
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["bad_signature@head 2", "unknown_key@head 4"]);
      expect(result.treeHeads).toMatchObject({ checked: 4, ok: 2 });
    });
  });

  describe("6. the operator rotates the signing key; a wrong or missing key; a key declared lost", () => {
    let log: Log;
    let original = "";
    let rotated = "";
    beforeAll(async () => {
      log = await copyOfGolden();
      original = (await readHeads(log))[0]!.keyId;
    });

    it("rotate-signing with the server stopped: old heads verify via the keyring, the chain continues", async () => {
      const rotation = await npmRun(log, "keys", ["rotate-signing"]);
      expect(rotation.code, rotation.stderr).toBe(0);
      rotated = /to ([0-9a-f]{16}) /.exec(rotation.stdout)?.[1] ?? "";
      expect(rotation.stdout).toBe(
        `Rotated the signing key from key ${original} to ${rotated} (${signingKeyFile(log)}).\n` +
          "Tree head 4 is the first signed by the new key.\n",
      );
      expect(keyringIds(log)).toEqual([original, rotated].sort());
      const server = await start(log);
      try {
        await writeBatches(server, BATCHES + 1, 3); // 80 events: head 5 at 70 by the policy
        expect(await signHead(server)).toMatchObject({ seq: "6", treeSize: "80", keyId: rotated });
        expect(await verifyOverHttp(server)).toMatchObject({ ok: true, checked: 80, treeHeads: { checked: 6, ok: 6 } });
      } finally {
        await stop(server);
      }
      expect(
        (await readHeads(log)).map((h) => `${h.seq}:${h.treeSize}:${h.keyId === original ? "old" : "new"}`),
      ).toEqual(["1:10:old", "2:30:old", "3:50:old", "4:50:new", "5:70:new", "6:80:new"]);
      const { code, result } = await verify(log);
      expect(result).toMatchObject({ ok: true, checked: 80, faultCount: 0, treeHeads: { checked: 6, ok: 6 } });
      expect(result.witness).toEqual({ heads: 6, status: "consistent" });
      expect(code).toBe(0);
    });

    it("the server refuses to start with another key in signing-key.pem, naming both key ids", async () => {
      const other = newKey();
      fs.writeFileSync(signingKeyFile(log), other.pem, { mode: 0o600 });
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain(`The signing key ${other.keyId} (${signingKeyFile(log)})`);
      expect(commandError(stderr)).toContain(`is not the key that signed tree head 6 (${rotated})`);
      expect(fs.readFileSync(signingKeyFile(log), "utf8")).toBe(other.pem); // not replaced behind our back
    });

    it("the server refuses to start with no signing key, and does not invent one", async () => {
      fs.rmSync(signingKeyFile(log));
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain(
        `No signing key: set TRAILBOOK_SIGNING_KEY, or put the key back at ${signingKeyFile(log)}.`,
      );
      expect(commandError(stderr)).toContain(`This log was signed by key ${rotated} (tree head 6)`);
      expect(fs.existsSync(signingKeyFile(log))).toBe(false);
    });

    it("--lost-key lets the server start again; the keyring still has the lost key, so all verifies", async () => {
      const rotation = await npmRun(log, "keys", ["rotate-signing", "--lost-key"]);
      expect(rotation.code, rotation.stderr).toBe(0);
      const replacement = /to ([0-9a-f]{16}) /.exec(rotation.stdout)?.[1] ?? "";
      expect(rotation.stdout).toBe(
        `Rotated the signing key from a key declared lost to ${replacement} (${signingKeyFile(log)}).\n` +
          "Tree head 7 is the first signed by the new key.\n",
      );
      const server = await start(log);
      try {
        await writeBatches(server, BATCHES + 4, 1);
        expect(await signHead(server)).toMatchObject({ seq: "8", treeSize: "90", keyId: replacement });
      } finally {
        await stop(server);
      }
      const { code, result } = await verify(log);
      expect(result).toMatchObject({ ok: true, checked: 90, faultCount: 0, treeHeads: { checked: 8, ok: 8 } });
      expect(code).toBe(0);
    });

    it("with its public key gone from the keyring too, the lost key's heads are unknown_key", async () => {
      fs.rmSync(path.join(log.dataDir, "keyring", `${rotated}.pub.pem`));
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["unknown_key@head 4", "unknown_key@head 5", "unknown_key@head 6"]);
      expect(result).toMatchObject({ checked: 90, treeHeads: { checked: 8, ok: 5 } });
    });
  });

  describe("7. deletes only the latest tree head", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      await asSuperuser(log, (client) => client.query("DELETE FROM tree_heads WHERE seq = 3"));
    });

    it("the witness names that head; the rest of the head chain is intact", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["witness_mismatch@head 3"]);
      expect(result.faults[0]!.detail).toBe("witnessed head is not in the database");
      expect(result).toMatchObject({ checked: TOTAL, treeHeads: { checked: 2, ok: 2, latest: { seq: "2" } } });
    });

    it("a restarted server refuses to sign another head 3 over the deleted one", async () => {
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain("The database's latest tree head (head 2) is behind the witness's head 3");
    });
  });
});
