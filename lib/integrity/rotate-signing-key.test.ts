import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, expect, it } from "vitest";
import { configFrom } from "../config";
import type { Database } from "../db/database";
import { appendEvents } from "../store/append-events";
import { describeEachDatabase } from "../testing/test-database";
import { readKeyring } from "./keyring";
import { prepareSigning, SigningKeyMismatch } from "./prepare-signing";
import { rotateSigningKey } from "./rotate-signing-key";
import { signTreeHead } from "./sign-tree-head";
import { loadSigningKey } from "./signing-key";
import { verifyIntegrity } from "./verify-integrity";
import { witnessFile } from "./witness";

const tamper = (db: Database, sql: string) =>
  db.transaction((tx) => tx.exec(`SET LOCAL session_replication_role = replica; ${sql}`));

describeEachDatabase("the signing key: first use, loss, rotation", (db) => {
  let settings = configFrom({});
  beforeEach(async () => {
    await tamper(
      db(),
      "DELETE FROM tree_heads; DELETE FROM merkle_nodes; DELETE FROM stream_events; DELETE FROM events;",
    );
    // A data directory of its own, and no TRAILBOOK_SIGNING_KEY: the key lives in signing-key.pem.
    settings = configFrom({
      TRAILBOOK_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-keys-")),
      TRAILBOOK_WITNESS_DIR: process.env.TRAILBOOK_WITNESS_DIR, // where this database's heads are witnessed
    });
    fs.rmSync(witnessFile(), { force: true });
    await appendEvents(db(), { events: [{ type: "A" }, { type: "B" }] });
  });
  const verify = () => verifyIntegrity(db(), { keys: readKeyring(settings) });

  it("creates a key for a fresh log only, then refuses a missing or different key, never inventing one", async () => {
    const first = await prepareSigning(db(), settings);
    expect(fs.statSync(path.join(settings.dataDir, "signing-key.pem")).mode & 0o777).toBe(0o600);
    await signTreeHead(db(), first);
    fs.rmSync(path.join(settings.dataDir, "signing-key.pem"));
    await expect(prepareSigning(db(), settings)).rejects.toThrow(SigningKeyMismatch);
    expect(fs.existsSync(path.join(settings.dataDir, "signing-key.pem"))).toBe(false);
    const other = configFrom({ TRAILBOOK_DATA_DIR: settings.dataDir, TRAILBOOK_SIGNING_KEY: newPem() });
    await expect(prepareSigning(db(), other)).rejects.toThrow(/is not the key that signed tree head 1/);
  });

  it("rotates: the old key's heads stay verifiable, and the new key continues the chain", async () => {
    const old = await prepareSigning(db(), settings);
    await signTreeHead(db(), old);
    await appendEvents(db(), { events: [{ type: "C" }] });
    const rotation = await rotateSigningKey(db(), {}, settings);
    expect(rotation).toMatchObject({ retired: old.keyId, head: { seq: "2", keyId: rotation.current.keyId } });
    expect(rotation.current.keyId).not.toBe(old.keyId);
    expect((await prepareSigning(db(), settings)).keyId).toBe(rotation.current.keyId);
    expect(await verify()).toMatchObject({ ok: true, treeHeads: { checked: 2, ok: 2 } });
  });

  it("refuses to rotate away a key that is not the log's, unless the loss is declared", async () => {
    await signTreeHead(db(), await prepareSigning(db(), settings));
    const thief = configFrom({ TRAILBOOK_DATA_DIR: settings.dataDir, TRAILBOOK_SIGNING_KEY: newPem() });
    await expect(rotateSigningKey(db(), {}, thief)).rejects.toThrow(SigningKeyMismatch);
    const lost = readKeyring(settings);
    for (const keyId of lost.keys()) fs.rmSync(path.join(settings.keyringDir, `${keyId}.pub.pem`));
    fs.rmSync(path.join(settings.dataDir, "signing-key.pem"));
    const rotation = await rotateSigningKey(db(), { lostKey: true }, settings);
    expect(rotation.retired).toBeNull();
    const result = await verify();
    // Heads of the lost key cannot be checked: said as such, not as forged. The chain goes on.
    expect(result.faults.map((f) => `${f.kind}@${f.seq}`)).toEqual(["unknown_key@1"]);
    expect(result.treeHeads).toMatchObject({ checked: 2, ok: 1 });
  });

  it("never trusts a key it refused, and says so when the latest head names a key outside the keyring", async () => {
    await signTreeHead(db(), await prepareSigning(db(), settings));
    const stranger = configFrom({ TRAILBOOK_DATA_DIR: settings.dataDir, TRAILBOOK_SIGNING_KEY: newPem() });
    await expect(prepareSigning(db(), stranger)).rejects.toThrow(SigningKeyMismatch);
    expect(readKeyring(settings).size).toBe(1); // the refused key did not become trusted
    // An attacker writes a head signed with their own key: the server must not call it "your key".
    const forged = loadSigningKey(stranger);
    await appendEvents(db(), { events: [{ type: "C" }] });
    await signTreeHead(db(), forged);
    await expect(prepareSigning(db(), settings)).rejects.toThrow(/not in the keyring.*npm run verify/s);
  });

  it("refuses to sign a log that is behind its witness (heads deleted, or history rewritten)", async () => {
    await signTreeHead(db(), await prepareSigning(db(), settings));
    await appendEvents(db(), { events: [{ type: "C" }] });
    await signTreeHead(db(), await prepareSigning(db(), settings));
    await tamper(db(), "DELETE FROM tree_heads WHERE seq = 2");
    await expect(prepareSigning(db(), settings)).rejects.toThrow(/behind the witness's head 2/);
  });
});

function newPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}
