import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { containsPhrase } from "./event-conditions";
import { indexSearchBatch } from "./index-search";

describeEachDatabase("the search index", (db) => {
  const matching = async (phrase: string) =>
    (
      await db().query<{ position: string }>(
        Prisma.sql`SELECT e.position::text AS position FROM events e WHERE ${containsPhrase(phrase)} ORDER BY 1`,
      )
    ).map((row) => Number(row.position));
  const indexed = async () =>
    (await db().query<{ p: string }>(Prisma.sql`SELECT position::text AS p FROM event_search ORDER BY position`)).map(
      (row) => Number(row.p),
    );

  it("finds the same events before the indexer reached them, halfway, and after", async () => {
    const { events } = await appendEvents(db(), {
      events: [
        { type: "Payment.Declined", data: { reason: "card expired", amount: 12 } },
        { type: "Payment.Captured", data: { note: "expired coupon ignored" } },
        { type: "Order.Placed", metadata: { channel: "declined-retry" } },
      ],
    });
    const [first, second, third] = events.map((e) => Number(e.position));
    const expected = { declined: [first, third], expired: [first, second], "card expired": [first], "12": [first] };
    const answers = async () =>
      Object.fromEntries(await Promise.all(Object.keys(expected).map(async (p) => [p, await matching(p)])));
    expect(await answers()).toEqual(expected); // nothing indexed yet: every document computed
    expect(await indexSearchBatch(db(), 1)).toEqual({ indexed: 1, behind: 2 });
    expect(await answers()).toEqual(expected); // one indexed, two computed
    expect(await indexSearchBatch(db(), 10)).toEqual({ indexed: 2, behind: 0 });
    expect(await answers()).toEqual(expected);
    expect(await indexSearchBatch(db(), 10)).toEqual({ indexed: 0, behind: 0 });
    expect(await indexed()).toEqual([first, second, third]);
  });

  it("gives an event whose document exceeds tsvector's limit an empty one, and indexes on", async () => {
    // 20 strings of 60 kB of distinct words: over PostgreSQL's 1 MB tsvector limit together.
    const words = () => Array.from({ length: 7_000 }, () => randomBytes(4).toString("hex")).join(" ");
    const huge = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`s${i}`, words()]));
    const { events } = await appendEvents(db(), {
      events: [
        { type: "Huge", data: huge },
        { type: "After.Huge", data: { word: "survivor" } },
      ],
    });
    const [hugeAt, afterAt] = events.map((e) => Number(e.position));
    for (let i = 0; i < 10 && (await indexSearchBatch(db(), 10)).indexed > 0; i++);
    expect((await indexed()).slice(-2)).toEqual([hugeAt, afterAt]);
    expect(await matching("survivor")).toEqual([afterAt]);
    const [empty] = await db().query<{ empty: boolean }>(
      Prisma.sql`SELECT document = ''::tsvector AS empty FROM event_search WHERE position = ${hugeAt}::bigint`,
    );
    expect(empty?.empty).toBe(true);
  });
});
