import { beforeEach, expect, it } from "vitest";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { describeEachDatabase } from "../testing/test-database";
import { appendLeaves, EMPTY_FRONTIER, frontierRoot } from "../transparency/merkle-frontier";
import { leafHash } from "../transparency/merkle-hash";
import { entryOf } from "../transparency/tree-head";
import { appendEvents } from "./append-events";
import { hashedFieldsOf } from "./event-record";
import { GENESIS_HASH, hashEvent } from "./hash-event";
import { type Fault, FaultLog } from "./log-faults";
import { readChainBatch } from "./read-chain-batch";
import { merkleRows } from "./read-merkle-nodes";
import { type VerifyResult, verifyChain } from "./verify-chain";

/**
 * The single-threaded pass as it was before worker threads (driver-parsed rows, hashEvent,
 * appendLeaves and merkleRows per row): the reference every other way of verifying must match,
 * fault for fault and in the same order.
 */
async function referenceVerify(db: Database, rootsAt: number[] = []): Promise<VerifyResult> {
  const faults = new FaultLog();
  const fault = (kind: Fault["kind"], position: bigint | string, detail: string) =>
    faults.add({ kind, position: String(position), detail });
  const wanted = new Set(rootsAt);
  const roots = new Map<number, string>();
  let [expected, frontier, prevHash, checked] = [1n, EMPTY_FRONTIER, GENESIS_HASH, 0];
  let head: VerifyResult["head"] = null;
  const rows = await readChainBatch(db, { after: "0", limit: 100_000 });
  const nodes = new Map(
    (
      await db.query<{ position: string; hashes: string[] }>(
        Prisma.sql`SELECT position::text AS position, hashes FROM merkle_nodes`,
      )
    ).map((n) => [n.position, n.hashes]),
  );
  const members = new Map(
    (
      await db.query<{ position: string; stream: string; version: string }>(
        Prisma.sql`SELECT position::text AS position, stream, version::text AS version FROM stream_events`,
      )
    ).map((m) => [`${m.position}\u0000${m.stream}`, m.version]),
  );
  for (const row of rows) {
    for (; BigInt(row.position) > expected; expected++) fault("missing_position", expected, "no event here");
    if (row.prevHash !== prevHash) fault("prev_hash_mismatch", row.position, "prev_hash is not the previous hash");
    try {
      if (hashEvent(row.prevHash, hashedFieldsOf(row)) !== row.hash) {
        fault("hash_mismatch", row.position, "the event's fields do not match its hash");
      }
    } catch (error) {
      fault("unreadable_row", row.position, `cannot hash the stored row: ${(error as Error).message}`);
    }
    for (const stream of Array.isArray(row.streams) ? row.streams : []) {
      if (members.get(`${row.position}\u0000${stream.name}`) !== String(stream.version)) {
        fault("membership_missing", row.position, `no membership in ${stream.name} at version ${stream.version}`);
      }
    }
    const grown = appendLeaves(frontier, [leafHash(entryOf(row.hash))]);
    const [made] = merkleRows(grown.created);
    if (made && JSON.stringify(nodes.get(row.position) ?? null) !== JSON.stringify(made.hashes)) {
      fault("tree_node_mismatch", row.position, "the stored Merkle nodes differ from the log's");
    }
    frontier = grown.frontier;
    if (wanted.has(frontier.size)) roots.set(frontier.size, frontierRoot(frontier).toString("hex"));
    checked++;
    head = { position: row.position, hash: row.hash };
    prevHash = row.hash;
    expected = BigInt(row.position) + 1n;
  }
  const [first] = faults.faults;
  return {
    ok: faults.count === 0,
    checked,
    head,
    faults: faults.faults,
    faultCount: faults.count,
    ...(first && { firstBad: { position: first.position ?? "", reason: first.kind, detail: first.detail } }),
    roots,
  };
}

const tamper = (db: Database, sql: string) =>
  db.transaction((tx) => tx.exec(`SET LOCAL session_replication_role = replica; ${sql}`));

const ROOTS_AT = [1, 2, 3, 7, 8, 9, 64, 100, 128, 150, 199, 200, 250];

describeEachDatabase("verifyChain on worker threads gives the single-threaded answer", (db) => {
  beforeEach(async () => {
    await tamper(
      db(),
      "DELETE FROM tree_heads; DELETE FROM merkle_nodes; DELETE FROM stream_events; DELETE FROM events;",
    );
    for (let batch = 0; batch < 4; batch++) {
      await appendEvents(
        db(),
        {
          stream: `Ledger-${batch % 2}`,
          events: Array.from({ length: 50 }, (_, i) => ({
            type: "Entry",
            data: {
              i,
              batch,
              note: `\ufeffentry ${i} «é» \u2028 ${"x".repeat(i % 7)}`,
              amount: i / 3,
              nested: { z: [i] },
            },
            metadata: { source: "test", "": null },
            tenant: i % 3 ? "acme" : undefined,
            actor: { id: `user-${i % 5}`, type: "user" },
            targets: i % 4 ? [{ id: `t-${i}` }] : [],
            links: i % 10 === 0 ? [`Audit-${batch}`] : [],
          })),
        },
        { writer: batch === 3 ? "key-1" : undefined },
      );
    }
  });

  const compare = async (batchSizes = [1, 7, 64, 5000]) => {
    const reference = await referenceVerify(db(), ROOTS_AT);
    for (const batchSize of batchSizes) {
      for (const threads of [0, 2]) {
        const result = await verifyChain(db(), { batchSize, threads, rootsAt: ROOTS_AT });
        expect({ ...result, batchSize, threads }).toEqual({ ...reference, batchSize, threads });
      }
    }
    return reference;
  };

  it("on an untouched log: no faults, the same roots", async () => {
    const reference = await compare();
    expect(reference).toMatchObject({ ok: true, checked: 200, faultCount: 0 });
    expect([...reference.roots.keys()]).toEqual(ROOTS_AT.filter((size) => size <= 200));
  });

  it("on a log with rows deleted and swapped, across batch boundaries", async () => {
    await tamper(
      db(),
      `DELETE FROM events WHERE position BETWEEN 20 AND 22 OR position = 30 OR position = 128;
       UPDATE events SET position = position + 1000 WHERE position IN (40, 41);
       UPDATE events SET position = CASE position WHEN 1040 THEN 41 ELSE 40 END WHERE position IN (1040, 1041);`,
    );
    const reference = await compare();
    expect(new Set(reference.faults.map((f) => f.kind))).toEqual(
      new Set(["missing_position", "prev_hash_mismatch", "hash_mismatch", "membership_missing", "tree_node_mismatch"]),
    );
  });

  it("on a log with rows, memberships and tree nodes edited; past the first 100 faults", async () => {
    await tamper(
      db(),
      `UPDATE events SET data = jsonb_set(data, '{note}', '"edited"') WHERE position IN (5, 64, 65);
       UPDATE events SET tenant = 'other' WHERE position = 8;
       UPDATE events SET hash = repeat('a', 64) WHERE position = 50;
       DELETE FROM stream_events WHERE position IN (60, 61, 101);
       UPDATE merkle_nodes SET hashes[1] = repeat('0', 64) WHERE position = 70;
       UPDATE merkle_nodes SET hashes[2] = NULL WHERE position = 72;
       UPDATE merkle_nodes SET hashes = hashes || ARRAY['extra'] WHERE position = 80;
       DELETE FROM merkle_nodes WHERE position = 90;
       UPDATE events SET occurred_at = 'infinity' WHERE position = 95;
       UPDATE events SET streams = '[{"name": "Ledger-1", "version": 1.5}, {"version": 3}]' WHERE position = 110;
       UPDATE events SET streams = '{"not": "a list"}' WHERE position = 111;
       UPDATE events SET data = '{"edited": true}' WHERE position > 100;`,
    );
    const reference = await compare();
    // A re-hashed row breaks its successor's link and every tree node above its leaf (50, 52, 56, 64, …).
    expect(reference.faults.slice(0, 12).map((f) => `${f.kind}@${f.position}`)).toEqual([
      "hash_mismatch@5",
      "hash_mismatch@8",
      "hash_mismatch@50",
      "tree_node_mismatch@50",
      "prev_hash_mismatch@51",
      "tree_node_mismatch@52",
      "tree_node_mismatch@56",
      "membership_missing@60",
      "membership_missing@61",
      "membership_missing@61",
      "hash_mismatch@64",
      "tree_node_mismatch@64",
    ]);
    expect(reference.faults.map((f) => `${f.kind}@${f.position}`)).toEqual(
      expect.arrayContaining([
        "tree_node_mismatch@70",
        "tree_node_mismatch@72",
        "tree_node_mismatch@80",
        "tree_node_mismatch@90",
        "hash_mismatch@95",
        "membership_missing@110",
      ]),
    );
    expect(reference.faultCount).toBeGreaterThan(100);
    expect(reference.faults).toHaveLength(100);
  });

  it("on a tampered range run (no tree), from an anchor", async () => {
    await tamper(
      db(),
      "DELETE FROM events WHERE position IN (10, 33); UPDATE events SET type = 'X' WHERE position = 34",
    );
    for (const [from, to] of [
      ["11", undefined],
      ["2", "150"],
      ["34", "34"],
    ] as const) {
      const single = await verifyChain(db(), { from, to, batchSize: 5, threads: 0 });
      expect(await verifyChain(db(), { from, to, batchSize: 5, threads: 2 })).toEqual(single);
      expect(single.ok).toBe(false);
    }
  });
});
