import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, expect, it } from "vitest";
import { configFrom } from "../config";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { appendEvents } from "../store/append-events";
import { rewriteHistory, tamper } from "../testing/superuser";
import { describeEachDatabase } from "../testing/test-database";
import { checkpointPayload } from "./checkpoint-signature";
import { prepareSigning, SigningKeyMismatch } from "./prepare-signing";
import { signTreeHead } from "./sign-tree-head";
import { loadSigningKey, type SigningKey } from "./signing-key";
import { type IntegrityResult, verifyIntegrity } from "./verify-integrity";
import { witnessFile } from "./witness";

// A store from the first version, upgraded: events without writers, signed checkpoints (the chain
// head at a position) and no tree heads yet. Verification still checks the checkpoints, and the
// key that signed them is the log's key until a tree head is signed.

const newPem = () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const keyPem = newPem();
const key = loadSigningKey(configFrom({ TRAILBOOK_SIGNING_KEY: keyPem }));
const stranger = loadSigningKey(configFrom({ TRAILBOOK_SIGNING_KEY: newPem() }));
const trusted = { keys: new Map([[key.keyId, key.publicKeyPem]]) };

const kinds = (result: IntegrityResult) => result.faults.map((f) => `${f.kind}@${f.position ?? `head ${f.seq}`}`);

/** Inserts a checkpoint as the first version wrote it: `signer` signs { position, hash, createdAt }. */
async function checkpoint(db: Database, position: string, signer: SigningKey, options: { keyId?: string } = {}) {
  const [row] = await db.query<{ hash: string }>(
    Prisma.sql`SELECT hash FROM events WHERE position = ${position}::bigint`,
  );
  const body = { position, hash: row!.hash, createdAt: `2026-11-0${position}T10:00:00.000Z` };
  await db.query(Prisma.sql`
    INSERT INTO checkpoints (position, hash, created_at, key_id, signature)
    VALUES (${position}::bigint, ${body.hash}, ${body.createdAt}::timestamptz, ${options.keyId ?? signer.keyId},
            ${signer.sign(checkpointPayload(body))})`);
}

describeEachDatabase("a round-1 store upgraded: legacy checkpoints", (db) => {
  beforeEach(async () => {
    await tamper(
      db(),
      "DELETE FROM checkpoints; DELETE FROM tree_heads; DELETE FROM merkle_nodes; DELETE FROM stream_events; " +
        "DELETE FROM events;",
    );
    fs.rmSync(witnessFile(), { force: true });
    await appendEvents(db(), {
      stream: "S",
      events: Array.from({ length: 6 }, (_, i) => ({ type: "Old", data: { i } })),
    });
    await checkpoint(db(), "3", key);
    await checkpoint(db(), "6", key);
  });

  it("verifies checkpoints signed by the log's key, before and after the first tree head", async () => {
    expect(await verifyIntegrity(db(), trusted)).toMatchObject({
      ok: true,
      faultCount: 0,
      checked: 6,
      checkpoints: { checked: 2, ok: 2 },
      treeHeads: { checked: 0, ok: 0 },
    });
    await signTreeHead(db(), key);
    expect(await verifyIntegrity(db(), trusted)).toMatchObject({
      ok: true,
      checkpoints: { checked: 2, ok: 2 },
      treeHeads: { checked: 1, ok: 1 },
    });
  });

  it("names an altered checkpoint, one forged under the log's key id and one by an unknown key", async () => {
    const [second] = await db().query<{ hash: string }>(Prisma.sql`SELECT hash FROM events WHERE position = 2`);
    await tamper(db(), `UPDATE checkpoints SET hash = '${second!.hash}' WHERE position = 3`);
    await checkpoint(db(), "4", stranger, { keyId: key.keyId });
    await checkpoint(db(), "5", stranger);
    const result = await verifyIntegrity(db(), trusted);
    expect(kinds(result)).toEqual(["bad_signature@3", "bad_signature@4", "unknown_key@5"]);
    expect(result.faults.map((fault) => fault.detail)).toEqual([
      "checkpoint: signature does not verify",
      "checkpoint: signature does not verify",
      `checkpoint: signed by key ${stranger.keyId}, not in the keyring`,
    ]);
    expect(result).toMatchObject({ ok: false, checkpoints: { checked: 4, ok: 1 } });
  });

  it("catches a history re-hashed under its checkpoints, and a tail cut below one", async () => {
    await rewriteHistory(db(), `UPDATE events SET data = '{"i": 99}' WHERE position = 2`);
    const rewritten = await verifyIntegrity(db(), trusted);
    expect(kinds(rewritten)).toEqual(["hash_differs@3", "hash_differs@6"]);
    expect(rewritten.faults[0]!.detail).toBe("checkpoint: the event at its position has another hash");
    await tamper(
      db(),
      "DELETE FROM checkpoints; DELETE FROM merkle_nodes; DELETE FROM stream_events; DELETE FROM events;",
    );
    await appendEvents(db(), {
      stream: "S",
      events: Array.from({ length: 6 }, (_, i) => ({ type: "Old", data: { i } })),
    });
    await checkpoint(db(), "6", key);
    await tamper(
      db(),
      "DELETE FROM stream_events WHERE position > 4; DELETE FROM merkle_nodes WHERE position > 4; " +
        "DELETE FROM events WHERE position > 4;",
    );
    const cut = await verifyIntegrity(db(), trusted);
    expect(kinds(cut)).toEqual(["truncated@6"]);
    expect(cut.faults[0]!.detail).toBe("checkpoint: the event at its position is gone");
  });

  it("holds the key that signed the checkpoints to be the log's key (no tree head yet)", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-legacy-"));
    const witness = process.env.TRAILBOOK_WITNESS_DIR;
    const settings = (signingKey?: string, dir = dataDir) =>
      configFrom({ TRAILBOOK_DATA_DIR: dir, TRAILBOOK_SIGNING_KEY: signingKey, TRAILBOOK_WITNESS_DIR: witness });
    expect((await prepareSigning(db(), settings(keyPem))).keyId).toBe(key.keyId);
    const other = prepareSigning(db(), settings(newPem()));
    await expect(other).rejects.toThrow(SigningKeyMismatch);
    await expect(other).rejects.toThrow(
      `is not the key that signed the checkpoint at position 6 (${key.keyId}). Restore that key`,
    );
    // No key at all: refused, and no new key invented for a log that has signed before.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-legacy-"));
    await expect(prepareSigning(db(), settings(undefined, empty))).rejects.toThrow(
      `This log was signed by key ${key.keyId} (the checkpoint at position 6).`,
    );
    expect(fs.existsSync(path.join(empty, "signing-key.pem"))).toBe(false);
  });
});
