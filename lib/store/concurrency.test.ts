import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { WrongExpectedVersion } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { readEvents } from "./read-events";
import { readStream } from "./read-stream";
import { verifyChain } from "./verify-chain";

describeEachDatabase("concurrent writers", (db) => {
  it("give exactly one winner per expected version and gapless versions", async () => {
    const stream = `Race-${randomUUID()}`;
    await appendEvents(db(), { stream, expectedVersion: "none", events: [{ type: "Opened" }] });
    const writers = 20;
    const rounds = 3;
    for (let round = 0; round < rounds; round++) {
      const expected = round; // every writer thinks the stream is at `round`
      const results = await Promise.allSettled(
        Array.from({ length: writers }, (_, w) =>
          appendEvents(db(), { stream, expectedVersion: expected, events: [{ type: "Bid", data: { w, round } }] }),
        ),
      );
      const winners = results.filter((r) => r.status === "fulfilled");
      const losers = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(writers - 1);
      for (const loser of losers) {
        expect(loser).toBeInstanceOf(WrongExpectedVersion);
        expect((loser as WrongExpectedVersion).current).toBe(round + 1);
      }
    }
    const { items } = await readStream(db(), stream, "all-tenants", { limit: 100 });
    expect(items.map((e) => e.version)).toEqual([0, 1, 2, 3]);
  });

  it("settle concurrent duplicates of one event id into one row", async () => {
    const event = { id: randomUUID(), type: "PaymentCaptured", data: { cents: 1999 } };
    const results = await Promise.all(
      Array.from({ length: 12 }, () => appendEvents(db(), { stream: "Dup", events: [event] })),
    );
    expect(new Set(results.map((r) => r.events[0]!.position)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const rows = await db().query<{ n: bigint }>(
      Prisma.sql`SELECT count(*) AS n FROM events WHERE id = ${event.id}::uuid`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it("never let a follower skip an event while writers append", async () => {
    const start =
      (await readEvents(db(), { where: [], scope: "all-tenants", direction: "backward", limit: 1 })).items[0]
        ?.position ?? "0";
    const writers = 6;
    const batches = 8;
    let writing = true;
    const seen: string[] = [];
    const follow = (async () => {
      let from = start;
      for (;;) {
        const done = !writing; // read once more after the writers finish
        const page = await readEvents(db(), {
          where: [],
          scope: "all-tenants",
          after: from,
          direction: "forward",
          limit: 7,
        });
        for (const event of page.items) seen.push(event.position);
        from = page.items.at(-1)?.position ?? from;
        if (done && page.next === null) return;
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let b = 0; b < batches; b++) {
          await appendEvents(db(), { stream: `Follow-${w}`, events: [{ type: "Tick" }, { type: "Tock" }] });
        }
      }),
    );
    writing = false;
    await follow;
    expect(seen).toHaveLength(writers * batches * 2);
    for (const [i, position] of seen.entries()) expect(BigInt(position)).toBe(BigInt(start) + BigInt(i + 1));
    expect(await verifyChain(db())).toMatchObject({ ok: true, checked: Number(start) + writers * batches * 2 });
  });
});
