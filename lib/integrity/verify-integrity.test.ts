import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import { beforeEach, expect, it } from "vitest";
import { config, configFrom } from "../config";
import { Prisma } from "../db/generated/client";
import { appendEvents } from "../store/append-events";
import { rewriteHistory, tamper } from "../testing/superuser";
import { describeEachDatabase } from "../testing/test-database";
import { addToKeyring } from "./keyring";
import { listVerifications } from "./list-verifications";
import { runVerification } from "./run-verification";
import { signTreeHead } from "./sign-tree-head";
import { loadSigningKey } from "./signing-key";
import { treeHeadIfDue } from "./tree-head-if-due";
import { type IntegrityResult, verifyIntegrity } from "./verify-integrity";
import { witnessFile } from "./witness";
import { witnessWarning } from "./witness-status";

const pem = () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const key = loadSigningKey(
  configFrom({ TRAILBOOK_SIGNING_KEY: pem(), TRAILBOOK_DATA_DIR: process.env.TRAILBOOK_DATA_DIR }),
);
const trusted = { keys: new Map([[key.keyId, key.publicKeyPem]]) };
addToKeyring(config, key.publicKeyPem); // runVerification trusts the keyring, as the server does

const kinds = (result: IntegrityResult) => result.faults.map((f) => `${f.kind}@${f.position ?? `head ${f.seq}`}`);

describeEachDatabase("verifyIntegrity: the log, its tree, signed heads and the witness", (db) => {
  beforeEach(async () => {
    await tamper(
      db(),
      "DELETE FROM tree_heads; DELETE FROM merkle_nodes; DELETE FROM stream_events; DELETE FROM events;",
    );
    fs.rmSync(witnessFile(), { force: true });
    await appendEvents(db(), {
      stream: "S",
      events: Array.from({ length: 10 }, (_, i) => ({ type: "Entry", data: { i } })),
    });
    await signTreeHead(db(), key); // head 1: size 10
    await appendEvents(db(), { events: Array.from({ length: 5 }, (_, i) => ({ type: "Later", data: { i } })) });
    await signTreeHead(db(), key); // head 2: size 15
  });

  it("passes an untouched log, and records the run", async () => {
    const result = await verifyIntegrity(db(), trusted);
    expect(result).toMatchObject({
      ok: true,
      checked: 15,
      faultCount: 0,
      treeHeads: { checked: 2, ok: 2 },
    });
    expect(result.witness).toEqual({ heads: 2, status: "consistent" });
    await runVerification(db(), "cli");
    expect((await listVerifications(db(), 1))[0]).toMatchObject({
      ok: true,
      checked: 15,
      verifiedBy: "cli",
      witnessStatus: "consistent",
    });
  });

  it("passes with a warning when the witness holds no heads or lacks the newest, and records it", async () => {
    const lines = fs.readFileSync(witnessFile(), "utf8").trim().split("\n");
    fs.rmSync(witnessFile());
    const missing = await verifyIntegrity(db(), trusted);
    expect(missing).toMatchObject({ ok: true, faultCount: 0, treeHeads: { checked: 2, ok: 2 } });
    expect(missing.witness).toEqual({ heads: 0, status: "missing", warning: witnessWarning("missing") });
    fs.writeFileSync(witnessFile(), "");
    expect((await verifyIntegrity(db(), trusted)).witness).toMatchObject({ heads: 0, status: "missing" });
    await runVerification(db(), "cli");
    expect((await listVerifications(db(), 1))[0]).toMatchObject({ ok: true, witnessStatus: "missing" });
    fs.writeFileSync(witnessFile(), `${lines[0]}\n`); // head 1 only: head 2 was never witnessed
    const behind = await verifyIntegrity(db(), trusted);
    expect(behind.ok).toBe(true);
    expect(behind.witness).toEqual({ heads: 1, status: "behind", warning: witnessWarning("behind") });
    // A range run checks no heads, so it says nothing of the witness.
    expect((await verifyIntegrity(db(), trusted, { from: "2", to: "5" })).witness).toEqual({
      heads: 1,
      status: "not_checked",
    });
  });

  it("catches a rewritten history with a rebuilt tree: the signed roots no longer match", async () => {
    await rewriteHistory(db(), `UPDATE events SET data = '{"i": 999}' WHERE position = 3`);
    const result = await verifyIntegrity(db(), trusted);
    expect(result.ok).toBe(false);
    expect(kinds(result)).toEqual(expect.arrayContaining(["root_mismatch@head 1", "root_mismatch@head 2"]));
    expect(kinds(result).some((k) => k.endsWith("@3"))).toBe(false); // the chain itself is consistent
  });

  it("catches a rewrite whose heads were deleted too: the witness outside the database still holds them", async () => {
    await rewriteHistory(db(), `UPDATE events SET data = '{"i": 999}' WHERE position = 3; DELETE FROM tree_heads;`);
    const result = await verifyIntegrity(db(), trusted);
    expect(kinds(result)).toEqual(
      expect.arrayContaining(["witness_mismatch@head 1", "root_mismatch@head 1", "witness_mismatch@head 2"]),
    );
    expect(result.witness).toEqual({ heads: 2, status: "inconsistent" });
  });

  it("catches a cut tail whose heads were deleted too", async () => {
    await tamper(
      db(),
      "DELETE FROM merkle_nodes WHERE position > 12; DELETE FROM events WHERE position > 12; DELETE FROM tree_heads;",
    );
    const result = await verifyIntegrity(db(), trusted);
    expect(kinds(result)).toEqual(expect.arrayContaining(["witness_mismatch@head 2", "truncated@head 2"]));
  });

  it("names every edited row and keeps going past each", async () => {
    await tamper(db(), `UPDATE events SET data = '{"i": -1}' WHERE position IN (4, 11)`);
    const result = await verifyIntegrity(db(), trusted);
    expect(kinds(result).filter((k) => k.startsWith("hash_mismatch"))).toEqual(["hash_mismatch@4", "hash_mismatch@11"]);
    expect(result.checked).toBe(15);
  });

  it("catches a stream membership removed from a stream the event was appended to", async () => {
    await tamper(db(), "DELETE FROM stream_events WHERE stream = 'S' AND version = 6");
    expect(kinds(await verifyIntegrity(db(), trusted))).toEqual(["membership_missing@7"]);
  });

  it("tells a head signed by an unknown key from a forged signature", async () => {
    const stranger = loadSigningKey(
      configFrom({ TRAILBOOK_SIGNING_KEY: pem(), TRAILBOOK_KEYRING_DIR: fs.mkdtempSync("/tmp/kr-") }),
    );
    await appendEvents(db(), { events: [{ type: "More" }] });
    await signTreeHead(db(), stranger);
    expect(kinds(await verifyIntegrity(db(), trusted))).toEqual(["unknown_key@head 3"]);
    await tamper(db(), "UPDATE tree_heads SET signature = reverse(signature) WHERE seq = 1");
    expect(kinds(await verifyIntegrity(db(), trusted))).toEqual(
      expect.arrayContaining(["bad_signature@head 1", "unknown_key@head 3"]),
    );
  });

  it("catches a head deleted from the middle of the chain", async () => {
    await tamper(db(), "DELETE FROM tree_heads WHERE seq = 1");
    expect(kinds(await verifyIntegrity(db(), trusted))).toEqual(
      expect.arrayContaining(["head_chain_break@head 2", "witness_mismatch@head 1"]),
    );
  });

  it("a deleted newest head leaves a valid chain: the witness catches it; without it, the run passes", async () => {
    await tamper(db(), "DELETE FROM tree_heads WHERE seq = 2");
    const result = await verifyIntegrity(db(), trusted);
    expect(kinds(result)).toEqual(["witness_mismatch@head 2"]);
    expect(result.faults[0]!.detail).toBe("witnessed head is not in the database");
    fs.rmSync(witnessFile());
    // With the witness gone, the rest of the log (events 11-15) could now be rewritten unnoticed.
    await rewriteHistory(db(), `UPDATE events SET data = '{"i": 999}' WHERE position = 12`);
    expect(await verifyIntegrity(db(), trusted)).toMatchObject({
      ok: true,
      treeHeads: { checked: 1, ok: 1 },
      witness: { heads: 0, status: "missing" },
    });
  });

  it("bounds a re-hashed rewrite to the heads whose trees cover it, and names no event", async () => {
    await appendEvents(db(), { events: Array.from({ length: 5 }, (_, i) => ({ type: "Last", data: { i } })) });
    await signTreeHead(db(), key); // head 3: size 20
    await rewriteHistory(db(), `UPDATE events SET data = '{"i": 999}' WHERE position = 13`);
    const result = await verifyIntegrity(db(), trusted);
    expect(kinds(result)).toEqual(["root_mismatch@head 2", "root_mismatch@head 3"]); // head 1 (size 10) holds
    expect(result.faults.map((fault) => fault.detail)).toEqual([
      "tree head: the log's root at 15 differs",
      "tree head: the log's root at 20 differs",
    ]);
  });

  it("names the position of a value no event could have, instead of failing", async () => {
    await tamper(db(), "UPDATE events SET occurred_at = 'infinity' WHERE position = 5");
    expect(kinds(await verifyIntegrity(db(), trusted))).toEqual(["hash_mismatch@5"]);
  });

  it("signs a head when one is due: after `every` events, or once the last is older than maxAge", async () => {
    const count = async () =>
      (await db().query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM tree_heads`))[0]!.n;
    await appendEvents(db(), { events: [{ type: "X" }, { type: "Y" }] });
    await treeHeadIfDue(db(), key, { every: 3, maxAgeMs: 60_000 }, 17);
    expect(await count()).toBe(2);
    await treeHeadIfDue(db(), key, { every: 2, maxAgeMs: 60_000 }, 17);
    expect(await count()).toBe(3);
    await appendEvents(db(), { events: [{ type: "Z" }] });
    await treeHeadIfDue(db(), key, { every: 100, maxAgeMs: 0 });
    expect(await count()).toBe(4);
    await expect(
      tamper(db(), "").then(() => db().transaction((tx) => tx.exec("DELETE FROM tree_heads"))),
    ).rejects.toThrow(/append-only/);
  });
});
