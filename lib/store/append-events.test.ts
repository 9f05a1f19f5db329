import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { EventIdConflict, ValidationError, WrongExpectedVersion } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { GENESIS_HASH } from "./hash-event";

describeEachDatabase("appendEvents", (db) => {
  it("stores a batch with gapless positions, stream versions and a hash chain", async () => {
    const stream = `Order-${randomUUID()}`;
    const { events, replayed } = await appendEvents(db(), {
      stream,
      expectedVersion: "none",
      events: [
        { type: "OrderPlaced", data: { amount: 10 } },
        { type: "OrderPaid", data: { amount: 10 } },
      ],
    });
    expect(replayed).toBe(false);
    expect(events.map((e) => e.streams)).toEqual([[{ name: stream, version: 0 }], [{ name: stream, version: 1 }]]);
    expect(BigInt(events[1]!.position)).toBe(BigInt(events[0]!.position) + 1n);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
  it("starts the chain at the genesis hash", async () => {
    const rows = await db().prisma.$queryRaw<{ prev_hash: string }[]>`SELECT prev_hash FROM events WHERE position = 1`;
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
  });
});
