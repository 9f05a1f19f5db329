import { beforeEach, expect, it } from "vitest";
import type { Database } from "../db/database";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { verifyChain } from "./verify-chain";

/** Edits history the way a superuser with database access could: with every trigger switched off. */
async function tamper(db: Database, sql: string): Promise<void> {
  await db.transaction((tx) => tx.exec(`SET LOCAL session_replication_role = replica; ${sql}`));
}

describeEachDatabase("verifyChain", (db) => {
  // Each test tampers with a fresh copy of the same ten events, positions base+1..base+10.
  let base = 0;
  beforeEach(async () => {
    await tamper(db(), "DELETE FROM stream_events; DELETE FROM events;");
    const { events } = await appendEvents(db(), {
      stream: "Ledger",
      events: Array.from({ length: 10 }, (_, i) => ({ type: "Entry", data: { i, note: `entry ${i}` } })),
    });
    base = Number(events[0]!.position) - 1;
    expect(base).toBe(0);
  });

  it("accepts an untouched chain, in small batches and by range", async () => {
    const progress: number[] = [];
    const result = await verifyChain(db(), { batchSize: 3, onProgress: (n) => progress.push(n) });
    expect(result).toMatchObject({ ok: true, checked: 10, head: { position: "10" } });
    expect(progress.at(-1)).toBe(10);
    expect(await verifyChain(db(), { from: "4", to: "6" })).toMatchObject({
      ok: true,
      checked: 3,
      head: { position: "6" },
    });
  });

  it("names the position of an edited field", async () => {
    await tamper(db(), `UPDATE events SET data = jsonb_set(data, '{note}', '"edited"') WHERE position = 7`);
    expect(await verifyChain(db())).toMatchObject({
      ok: false,
      checked: 6,
      firstBad: { position: "7", reason: "hash_mismatch" },
    });
  });

  it("names the position of an edited first-class column", async () => {
    await tamper(
      db(),
      `UPDATE events SET tenant = 'other', recorded_at = recorded_at + interval '1 ms' WHERE position = 3`,
    );
    expect((await verifyChain(db())).firstBad).toMatchObject({ position: "3", reason: "hash_mismatch" });
  });

  it("names a deleted row", async () => {
    await tamper(db(), "DELETE FROM events WHERE position = 5");
    expect((await verifyChain(db())).firstBad).toMatchObject({ position: "5", reason: "missing_position" });
  });

  it("names the first of several deleted rows even across whole read batches", async () => {
    await tamper(db(), "DELETE FROM events WHERE position BETWEEN 4 AND 9");
    expect(await verifyChain(db(), { batchSize: 3 })).toMatchObject({
      ok: false,
      checked: 3,
      firstBad: { position: "4", reason: "missing_position" },
    });
  });

  it("names two swapped rows", async () => {
    await tamper(
      db(),
      `UPDATE events SET position = position + 1000 WHERE position IN (4, 8);
       UPDATE events SET position = CASE position WHEN 1004 THEN 8 ELSE 4 END WHERE position IN (1004, 1008);`,
    );
    expect((await verifyChain(db())).firstBad).toMatchObject({ position: "4", reason: "prev_hash_mismatch" });
  });

  it("names a re-hashed row whose successor still points at the old hash", async () => {
    await tamper(db(), `UPDATE events SET hash = repeat('a', 64) WHERE position = 2`);
    expect((await verifyChain(db())).firstBad).toMatchObject({ position: "2", reason: "hash_mismatch" });
  });

  it("cannot see a truncated tail on its own (signed checkpoints exist for that)", async () => {
    await tamper(db(), "DELETE FROM events WHERE position > 8");
    expect(await verifyChain(db())).toMatchObject({ ok: true, checked: 8 });
  });
});
