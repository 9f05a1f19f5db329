import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { EventIdConflict, ValidationError, WrongExpectedVersion } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { verifyChain } from "./verify-chain";

/** The same database, counting the transactions run through it (group commit shares them). */
function counting(db: Database): { db: Database; transactions: () => number } {
  let count = 0;
  const wrapped: Database = Object.create(db, {
    transaction: {
      value: (work: Parameters<Database["transaction"]>[0]) => {
        count++;
        return db.transaction(work);
      },
    },
  });
  return { db: wrapped, transactions: () => count };
}

describeEachDatabase("group commit", (db) => {
  const poison = `Poison-${randomUUID()}`;
  beforeAll(async () => {
    // Stands in for any refusal the database alone makes (a constraint, a value it cannot index):
    // a row of this type fails the whole INSERT statement it is part of.
    await db().query(Prisma.sql`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = ${Prisma.raw(`'${poison}'`)} THEN RAISE EXCEPTION 'poison refused'; END IF;
        RETURN NEW;
      END $$`);
    await db().query(Prisma.sql`CREATE TRIGGER refuse_poison BEFORE INSERT ON events
      FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
  });
  afterAll(async () => {
    await db().query(Prisma.sql`DROP TRIGGER refuse_poison ON events`);
  });

  it("commits concurrent appends in fewer transactions, each answered with its own gapless rows", async () => {
    const { db: shared, transactions } = counting(db());
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendEvents(shared, { stream: `G-${i}`, expectedVersion: "none", events: [{ type: "A" }, { type: "B" }] }),
      ),
    );
    expect(transactions()).toBeLessThan(40);
    expect(transactions()).toBeGreaterThanOrEqual(2); // the first caller never waits for company
    const positions = results.flatMap((r) => r.events.map((e) => Number(e.position))).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 80 }, (_, i) => positions[0]! + i));
    for (const [i, result] of results.entries()) {
      expect(result.replayed).toBe(false);
      expect(result.events.map((e) => e.streams)).toEqual([
        [{ name: `G-${i}`, version: 0 }],
        [{ name: `G-${i}`, version: 1 }],
      ]);
      expect(Number(result.events[1]!.position)).toBe(Number(result.events[0]!.position) + 1);
    }
    expect((await verifyChain(db())).ok).toBe(true);
  });

  it("fails only the refused requests of a group; the others are stored and answered", async () => {
    const taken = { id: randomUUID(), type: "Taken", data: { v: 1 } };
    await appendEvents(db(), { events: [taken] });
    const tag = randomUUID();
    const attempts = [
      { stream: `Ok-${tag}`, events: [{ type: "Kept", data: { n: 1 } }] },
      { stream: `New-${tag}`, expectedVersion: 3, events: [{ type: "WrongVersion" }] },
      { events: [{ ...taken, data: { v: 2 } }] },
      { events: [{ type: "Future", occurredAt: new Date(Date.now() + 3_600_000).toISOString() }] },
      { events: [{ type: "Kept", data: { n: 2 } }, { type: poison }] },
      { events: [taken] },
      { stream: `Ok-${tag}`, events: [{ type: "Kept", data: { n: 3 } }] },
    ];
    const { db: shared, transactions } = counting(db());
    const before = await maxPosition(db());
    const results = await Promise.allSettled(attempts.map((batch) => appendEvents(shared, batch)));
    const reasons = results.map((r) => (r.status === "rejected" ? r.reason : undefined));
    expect(reasons[1]).toBeInstanceOf(WrongExpectedVersion);
    expect(reasons[2]).toBeInstanceOf(EventIdConflict);
    expect(reasons[3]).toBeInstanceOf(ValidationError);
    expect(String(reasons[4])).toMatch(/poison refused/);
    expect(results[5]).toMatchObject({ status: "fulfilled", value: { replayed: true, events: [{ id: taken.id }] } });
    const kept = [results[0], results[6]].map((r) => (r?.status === "fulfilled" ? r.value.events[0]! : undefined));
    expect(kept.map((e) => e?.streams)).toEqual([
      [{ name: `Ok-${tag}`, version: 0 }],
      [{ name: `Ok-${tag}`, version: 1 }],
    ]);
    // The first request commits alone; the six queued behind it form one group, which the poison
    // fails as a whole, so each of the six is committed again alone.
    expect(transactions()).toBe(1 + 1 + 6);
    const stored = await db().query<{ type: string; data: unknown }>(
      Prisma.sql`SELECT type, data FROM events WHERE position > ${before}::bigint ORDER BY position`,
    );
    expect(stored).toEqual([
      { type: "Kept", data: { n: 1 } },
      { type: "Kept", data: { n: 3 } },
    ]);
    expect((await verifyChain(db())).ok).toBe(true);
  });
});

async function maxPosition(db: Database): Promise<string> {
  const [row] = await db.query<{ p: string }>(Prisma.sql`SELECT coalesce(max(position), 0)::text AS p FROM events`);
  return row!.p;
}
