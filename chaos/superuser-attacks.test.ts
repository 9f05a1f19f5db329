import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import { openDatabase } from "@/lib/db/open-database";
import { catchUpTree } from "@/lib/store/catch-up-tree";
import { EVENT_COLUMNS, type EventRecord, hashedFieldsOf } from "@/lib/store/event-record";
import { GENESIS_HASH, hashEvent } from "@/lib/store/hash-event";
import {
  asSuperuser,
  commandError,
  copyOfGolden,
  type Log,
  run,
  start,
  startRefused,
  stop,
  TOTAL,
  verdicts,
  verify,
  verifyOverHttp,
} from "./superuser-harness";

describe("a PostgreSQL superuser rewrites history, against the production server and npm run verify", () => {
  describe("1. edits an event, re-hashes the chain after it, rebuilds the Merkle tree and deletes every head", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      await asSuperuser(log, async (client) => {
        await client.query(`UPDATE events SET data = '{"account": 1, "amount": 1000000}' WHERE position = 5`);
        const rows = await run<EventRecord>(
          client,
          Prisma.sql`SELECT ${EVENT_COLUMNS} FROM events e ORDER BY e.position`,
        );
        let prevHash = GENESIS_HASH;
        for (const row of rows) {
          const hash = hashEvent(prevHash, hashedFieldsOf(row));
          if (row.prevHash !== prevHash || row.hash !== hash) {
            await client.query("UPDATE events SET prev_hash = $1, hash = $2 WHERE position = $3", [
              prevHash,
              hash,
              row.position,
            ]);
          }
          prevHash = hash;
        }
        await client.query("DELETE FROM merkle_nodes");
        await client.query("DELETE FROM tree_heads");
      });
      // The tree rebuilt over the rewritten hashes with Trailbook's own code.
      const db = await openDatabase({ kind: "postgres", url: log.url, poolSize: 1 });
      try {
        expect(await catchUpTree(db)).toBe(TOTAL);
      } finally {
        await db.close();
      }
    });

    it("the log is consistent on its own, but the witness outside the database convicts it", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual([
        "witness_mismatch@head 1",
        "root_mismatch@head 1",
        "witness_mismatch@head 2",
        "root_mismatch@head 2",
        "witness_mismatch@head 3",
        "root_mismatch@head 3",
      ]);
      expect(result.faults[0]!.detail).toBe("witnessed head is not in the database");
      expect(result).toMatchObject({
        ok: false,
        checked: TOTAL,
        treeHeads: { checked: 0, ok: 0 },
        witness: { heads: 3, status: "inconsistent" },
      });
    });

    it("a restarted server refuses to sign over the rewritten log: its witness is ahead of the database", async () => {
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain("The database's latest tree head (none) is behind the witness's head 3");
    });
  });

  describe("2. cuts the last 25 events (with their memberships and tree rows) and deletes every head", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      await asSuperuser(log, async (client) => {
        await client.query("DELETE FROM stream_events WHERE position > 25");
        await client.query("DELETE FROM merkle_nodes WHERE position > 25");
        await client.query("DELETE FROM events WHERE position > 25");
        await client.query("DELETE FROM tree_heads");
      });
    });

    it("names the witnessed heads beyond the new size as truncated, and every witnessed head as missing", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual([
        "witness_mismatch@head 1", // still matches the log's first 10 events: only missing from the database
        "witness_mismatch@head 2",
        "truncated@head 2",
        "witness_mismatch@head 3",
        "truncated@head 3",
      ]);
      expect(result.faults.find((f) => f.kind === "truncated")!.detail).toBe(
        "witnessed head: signed 30 events, the log has 25",
      );
      expect(result).toMatchObject({ ok: false, checked: 25, head: { position: "25" }, treeHeads: { checked: 0 } });
    });

    it("a restarted server refuses to sign over the cut log: its witness is ahead of the database", async () => {
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain("is behind the witness's head 3");
    });
  });

  describe("3. deletes one stream membership of a stream the event was appended to", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      // Account-2 holds positions 11-20 at versions 0-9: version 6 is position 17.
      const deleted = await asSuperuser(log, (client) =>
        client.query("DELETE FROM stream_events WHERE stream = 'Account-2' AND version = 6 RETURNING position"),
      );
      expect(deleted.rows).toEqual([{ position: "17" }]);
    });

    it("names membership_missing at that position and nothing else", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["membership_missing@17"]);
      expect(result.faults[0]!.detail).toBe("no membership in Account-2 at version 6");
      expect(result).toMatchObject({ checked: TOTAL, treeHeads: { checked: 3, ok: 3 } });
    });

    it("GET /api/verify on a restarted server says the same", async () => {
      const server = await start(log);
      try {
        expect(verdicts(await verifyOverHttp(server))).toEqual(["membership_missing@17"]);
      } finally {
        await stop(server);
      }
    });
  });

  describe("4. edits two events far apart without re-hashing", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      await asSuperuser(log, (client) =>
        client.query(`UPDATE events SET data = jsonb_set(data, '{amount}', '0') WHERE position IN (4, 46)`),
      );
    });

    it("names both positions and checks every event", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["hash_mismatch@4", "hash_mismatch@46"]);
      expect(result).toMatchObject({
        ok: false,
        checked: TOTAL,
        faultCount: 2,
        firstBad: { position: "4", reason: "hash_mismatch" },
        treeHeads: { checked: 3, ok: 3 },
      });
    });
  });
});
