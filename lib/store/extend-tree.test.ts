import { expect, it } from "vitest";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { catchUpTree } from "./catch-up-tree";
import { readTreeSize } from "./read-merkle-nodes";
import { verifyChain } from "./verify-chain";

const tamper = (db: Database, sql: string) =>
  db.transaction((tx) => tx.exec(`SET LOCAL session_replication_role = replica; ${sql}`));

describeEachDatabase("a store from before the Merkle tree", (db) => {
  it("gets its tree built from its hashes (start-up or next append), identical to one built live", async () => {
    await appendEvents(db(), { events: Array.from({ length: 37 }, (_, i) => ({ type: "Old", data: { i } })) });
    const live = await db().query(Prisma.sql`SELECT position, hashes FROM merkle_nodes ORDER BY merkle_nodes.position`);
    // As the migration leaves a round-1 store: events, and no tree yet.
    await tamper(db(), "DELETE FROM merkle_nodes");
    expect(await readTreeSize(db())).toBe(0);
    expect(await catchUpTree(db())).toBe(37);
    expect(
      await db().query(Prisma.sql`SELECT position, hashes FROM merkle_nodes ORDER BY merkle_nodes.position`),
    ).toEqual(live);
    await tamper(db(), "DELETE FROM merkle_nodes WHERE position > 20");
    await appendEvents(db(), { events: [{ type: "New" }] }); // an append catches up first, under its lock
    expect(await readTreeSize(db())).toBe(38);
    expect(await verifyChain(db())).toMatchObject({ ok: true, checked: 38 });
  });

  it("refuses to build a tree around a hole in the log", async () => {
    await tamper(db(), "DELETE FROM merkle_nodes WHERE position > 30; DELETE FROM events WHERE position = 33");
    await expect(catchUpTree(db())).rejects.toThrow(/no event at position 33/);
  });
});
