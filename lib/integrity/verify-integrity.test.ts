import { generateKeyPairSync } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { configFrom } from "../config";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { appendEvents } from "../store/append-events";
import { EVENT_COLUMNS, type EventRecord, hashedFieldsOf } from "../store/event-record";
import { GENESIS_HASH, hashEvent } from "../store/hash-event";
import { describeEachDatabase } from "../testing/test-database";
import { checkpointIfDue } from "./checkpoint-if-due";
import { createCheckpoint } from "./create-checkpoint";
import { latestVerification } from "./latest-verification";
import { runVerification } from "./run-verification";
import { loadSigningKey } from "./signing-key";
import { verifyIntegrity } from "./verify-integrity";

const key = loadSigningKey(
  configFrom({
    TRAILBOOK_SIGNING_KEY: generateKeyPairSync("ed25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString(),
  }),
);

/** Superuser tampering: every trigger off for this transaction. */
const tamper = (db: Database, sql: string) =>
  db.transaction((tx) => tx.exec(`SET LOCAL session_replication_role = replica; ${sql}`));

/** What an attacker with database access but without the key can do: rewrite history and re-hash the whole chain. */
async function recomputeChain(db: Database): Promise<void> {
  const rows = await db.query<EventRecord>(Prisma.sql`SELECT ${EVENT_COLUMNS} FROM events e ORDER BY e.position`);
  let prev = GENESIS_HASH;
  const fixes = rows.map((row) => {
    const hash = hashEvent(prev, hashedFieldsOf(row));
    const fix = `UPDATE events SET prev_hash = '${prev}', hash = '${hash}' WHERE position = ${row.position};`;
    prev = hash;
    return fix;
  });
  await tamper(db, fixes.join("\n"));
}

describeEachDatabase("verifyIntegrity with signed checkpoints", (db) => {
  beforeEach(async () => {
    await tamper(db(), "DELETE FROM checkpoints; DELETE FROM stream_events; DELETE FROM events;");
    await appendEvents(db(), { events: Array.from({ length: 10 }, (_, i) => ({ type: "Entry", data: { i } })) });
    await createCheckpoint(db(), key);
    await appendEvents(db(), { events: Array.from({ length: 5 }, (_, i) => ({ type: "Later", data: { i } })) });
  });

  it("passes an untouched log and records the result", async () => {
    const result = await runVerification(db(), key.publicKeyPem);
    expect(result).toMatchObject({ ok: true, checked: 15, checkpoints: { checked: 1, ok: 1 } });
    expect(await latestVerification(db())).toMatchObject({ ok: true, checked: 15, checkpointsOk: 1 });
  });

  it("catches a truncated tail that the chain alone cannot see", async () => {
    await tamper(db(), "DELETE FROM events WHERE position > 8");
    const result = await verifyIntegrity(db(), key.publicKeyPem);
    expect(result).toMatchObject({
      ok: false,
      checked: 8,
      checkpoints: { firstBad: { position: "10", reason: "truncated" } },
    });
    expect(result.firstBad).toBeUndefined(); // the chain itself is consistent
  });

  it("catches a chain recomputed by someone without the key", async () => {
    await tamper(db(), `UPDATE events SET data = '{"i": 999}' WHERE position = 3`);
    await recomputeChain(db());
    const result = await verifyIntegrity(db(), key.publicKeyPem);
    expect(result.firstBad).toBeUndefined();
    expect(result).toMatchObject({ ok: false, checkpoints: { firstBad: { position: "10", reason: "hash_differs" } } });
  });

  it("catches a forged checkpoint", async () => {
    const forger = loadSigningKey(
      configFrom({
        TRAILBOOK_SIGNING_KEY: generateKeyPairSync("ed25519")
          .privateKey.export({ type: "pkcs8", format: "pem" })
          .toString(),
      }),
    );
    await createCheckpoint(db(), forger);
    const result = await verifyIntegrity(db(), key.publicKeyPem);
    expect(result).toMatchObject({
      ok: false,
      checkpoints: { ok: 1, firstBad: { position: "15", reason: "bad_signature" } },
    });
  });

  it("takes a checkpoint only when due", async () => {
    await checkpointIfDue(db(), key, 10);
    expect((await db().query(Prisma.sql`SELECT count(*)::int AS n FROM checkpoints`))[0]).toEqual({ n: 1 });
    await checkpointIfDue(db(), key, 5);
    expect((await db().query(Prisma.sql`SELECT count(*)::int AS n FROM checkpoints`))[0]).toEqual({ n: 2 });
    await expect(
      tamper(db(), "").then(() => db().transaction((tx) => tx.exec("DELETE FROM checkpoints"))),
    ).rejects.toThrow(/append-only/);
  });
});
