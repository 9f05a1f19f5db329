import { beforeEach, expect, it } from "vitest";
import type { Database } from "../db/database";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { type VerifyResult, verifyChain } from "./verify-chain";

/** Edits history the way a superuser with database access could: with every trigger switched off. */
async function tamper(db: Database, sql: string): Promise<void> {
  await db.transaction((tx) => tx.exec(`SET LOCAL session_replication_role = replica; ${sql}`));
}

const named = (result: VerifyResult) => result.faults.map((fault) => `${fault.kind}@${fault.position}`);

describeEachDatabase("verifyChain", (db) => {
  // Each test tampers with a fresh copy of the same ten events, positions 1..10.
  beforeEach(async () => {
    await tamper(
      db(),
      "DELETE FROM tree_heads; DELETE FROM merkle_nodes; DELETE FROM stream_events; DELETE FROM events;",
    );
    const { events } = await appendEvents(db(), {
      stream: "Ledger",
      events: Array.from({ length: 10 }, (_, i) => ({ type: "Entry", data: { i, note: `entry ${i}` } })),
    });
    expect(events[0]!.position).toBe("1");
  });

  it("accepts an untouched log, in small batches and by range, and computes the roots asked for", async () => {
    const progress: number[] = [];
    const result = await verifyChain(db(), { batchSize: 3, onProgress: (n) => progress.push(n), rootsAt: [4, 10] });
    expect(result).toMatchObject({ ok: true, checked: 10, faultCount: 0, head: { position: "10" } });
    expect([...result.roots.keys()]).toEqual([4, 10]);
    expect(progress).toEqual([3, 6, 9, 10]);
    expect(await verifyChain(db(), { from: "4", to: "6" })).toMatchObject({
      ok: true,
      checked: 3,
      head: { position: "6" },
    });
  });

  it("names the position of an edited field, and of an edited first-class column", async () => {
    await tamper(db(), `UPDATE events SET data = jsonb_set(data, '{note}', '"edited"') WHERE position = 7`);
    await tamper(
      db(),
      `UPDATE events SET tenant = 'other', recorded_at = recorded_at + interval '1 ms' WHERE position = 3`,
    );
    const result = await verifyChain(db());
    expect(named(result)).toEqual(["hash_mismatch@3", "hash_mismatch@7"]);
    expect(result).toMatchObject({
      ok: false,
      checked: 10,
      faultCount: 2,
      firstBad: { position: "3", reason: "hash_mismatch" },
    });
  });

  it("names every deleted row, across read batches", async () => {
    await tamper(db(), "DELETE FROM events WHERE position BETWEEN 4 AND 6 OR position = 9");
    const result = await verifyChain(db(), { batchSize: 3 });
    expect(named(result)).toEqual([
      "missing_position@4",
      "missing_position@5",
      "missing_position@6",
      "prev_hash_mismatch@7",
      "tree_node_mismatch@7",
      "tree_node_mismatch@8",
      "missing_position@9",
      "prev_hash_mismatch@10",
      "tree_node_mismatch@10",
    ]);
  });

  it("names two swapped rows", async () => {
    await tamper(
      db(),
      `UPDATE events SET position = position + 1000 WHERE position IN (4, 8);
       UPDATE events SET position = CASE position WHEN 1004 THEN 8 ELSE 4 END WHERE position IN (1004, 1008);`,
    );
    expect(named(await verifyChain(db()))).toEqual(
      expect.arrayContaining(["prev_hash_mismatch@4", "prev_hash_mismatch@5", "prev_hash_mismatch@8"]),
    );
  });

  it("names a re-hashed row, and the successor that still points at the old hash", async () => {
    await tamper(db(), `UPDATE events SET hash = repeat('a', 64) WHERE position = 2`);
    expect(named(await verifyChain(db()))).toEqual(
      expect.arrayContaining(["hash_mismatch@2", "prev_hash_mismatch@3", "tree_node_mismatch@2"]),
    );
  });

  it("names a removed membership of a stream the event was appended to", async () => {
    await tamper(db(), "DELETE FROM stream_events WHERE version = 4");
    expect(named(await verifyChain(db()))).toEqual(["membership_missing@5"]);
  });

  it("names a changed Merkle node", async () => {
    await tamper(db(), `UPDATE merkle_nodes SET hashes[1] = repeat('0', 64) WHERE position = 6`);
    expect(named(await verifyChain(db()))).toEqual(["tree_node_mismatch@6"]);
  });

  it("cannot see a truncated tail on its own (signed tree heads exist for that)", async () => {
    await tamper(db(), "DELETE FROM merkle_nodes WHERE position > 8; DELETE FROM events WHERE position > 8");
    expect(await verifyChain(db())).toMatchObject({ ok: true, checked: 8 });
  });

  it("keeps only the first 100 faults but counts them all", async () => {
    await appendEvents(db(), { events: Array.from({ length: 150 }, (_, i) => ({ type: "More", data: { i } })) });
    await tamper(db(), `UPDATE events SET data = '{"edited": true}' WHERE position > 10`);
    const result = await verifyChain(db());
    expect(result.faults).toHaveLength(100);
    expect(result.faultCount).toBe(150);
  });
});
