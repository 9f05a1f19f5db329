import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { verifyChain } from "../store/verify-chain";
import { describeEachDatabase } from "../testing/test-database";
import { seedDemoEvents } from "./seed-demo-events";

describeEachDatabase("seedDemoEvents", (db) => {
  it("writes a realistic, verifiable dataset and replays instead of duplicating", async () => {
    const progress: number[] = [];
    expect(await seedDemoEvents(db(), { events: 1200, batchSize: 250, onProgress: (n) => progress.push(n) })).toEqual({
      written: 1200,
    });
    expect(progress.at(-1)).toBe(1200);
    const [stats] = await db().query<{ events: number; tenants: number; types: number; multi: number }>(Prisma.sql`
      SELECT count(*)::int AS events, count(DISTINCT tenant)::int AS tenants, count(DISTINCT type)::int AS types,
             count(*) FILTER (WHERE jsonb_array_length(streams) > 1)::int AS multi
        FROM events`);
    expect(stats).toMatchObject({ events: 1200, tenants: 3 });
    expect(stats!.types).toBeGreaterThanOrEqual(12);
    expect(stats!.multi).toBeGreaterThan(100);
    // Causation chains: the deepest is 6 events long (order → … → refund).
    const [depth] = await db().query<{ deepest: number }>(Prisma.sql`
      WITH RECURSIVE chain AS (
        SELECT id, 1 AS depth FROM events WHERE causation_id IS NULL
        UNION ALL SELECT e.id, c.depth + 1 FROM events e JOIN chain c ON e.causation_id = c.id)
      SELECT max(depth)::int AS deepest FROM chain`);
    expect(depth!.deepest).toBe(6);
    expect(await verifyChain(db())).toMatchObject({ ok: true, checked: 1200 });
    await seedDemoEvents(db(), { events: 1200, batchSize: 250 });
    expect(await verifyChain(db())).toMatchObject({ checked: 1200 });
  });
});
