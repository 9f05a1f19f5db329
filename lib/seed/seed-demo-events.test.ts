import { afterEach, expect, it, vi } from "vitest";
import { Prisma } from "../db/generated/client";
import { listTreeHeads } from "../integrity/list-tree-heads";
import { getSigningKey } from "../integrity/signing-key";
import { trustedKeys } from "../integrity/trusted-keys";
import { verifyIntegrity } from "../integrity/verify-integrity";
import { verifyChain } from "../store/verify-chain";
import { describeEachDatabase } from "../testing/test-database";
import { seedDemoEvents } from "./seed-demo-events";

afterEach(() => vi.unstubAllEnvs());

describeEachDatabase("seedDemoEvents", (db) => {
  it("writes a realistic, verifiable dataset and replays instead of duplicating", async () => {
    const progress: number[] = [];
    expect(await seedDemoEvents(db(), { events: 1200, batchSize: 250, onProgress: (n) => progress.push(n) })).toEqual({
      written: 1200,
    });
    expect(progress.at(-1)).toBe(1200);
    // A timeline: the 30 days before the run, busier on weekdays and in working hours.
    const [spread] = await db().query<{ first: Date; last: Date; day: number; week: number; weekend: number }>(
      Prisma.sql`SELECT min(occurred_at) AS first, max(occurred_at) AS last,
             count(*) FILTER (WHERE occurred_at >= max_at - interval '1 day')::int AS day,
             count(*) FILTER (WHERE occurred_at >= max_at - interval '7 days')::int AS week,
             count(*) FILTER (WHERE extract(isodow FROM occurred_at AT TIME ZONE 'UTC') >= 6)::int AS weekend
        FROM events, (SELECT max(occurred_at) AS max_at FROM events) m GROUP BY max_at`,
    );
    const span = spread!.last.getTime() - spread!.first.getTime();
    expect(span).toBeGreaterThan(29 * 86_400_000);
    expect(span).toBeLessThanOrEqual(30 * 86_400_000);
    expect(spread!.last.getTime()).toBeLessThanOrEqual(Date.now());
    // The last event sits where the last half-event's share of the traffic begins: within the hour
    // on a working day, but up to about five hours back on a quiet weekend night (demo-timeline.ts).
    expect(spread!.last.getTime()).toBeGreaterThan(Date.now() - 12 * 3_600_000);
    expect(spread!.day).toBeGreaterThan(0);
    expect(spread!.week).toBeGreaterThan(spread!.day * 3);
    expect(spread!.weekend).toBeLessThan(1200 * (8 / 30)); // 8 or 9 weekend days of 30, at a third of the traffic
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
    // A re-run at another time (even naming another end) replays the first run's timeline.
    await seedDemoEvents(db(), { events: 1200, batchSize: 250, endAt: new Date("2027-01-01T00:00:00Z") });
    expect(await verifyChain(db())).toMatchObject({ checked: 1200 });
  });

  it("signs heads at the configured cadence, and leaves one over the whole log", async () => {
    vi.stubEnv("TRAILBOOK_CHECKPOINT_EVERY", "250");
    vi.stubEnv("TRAILBOOK_CHECKPOINT_SECONDS", "3600");
    const before = Number((await verifyChain(db())).checked);
    const flushes: number[] = [];
    const options = { events: 700, seed: 7, batchSize: 100, signer: getSigningKey() };
    await seedDemoEvents(db(), { ...options, onProgress: (n) => flushes.push(before + n) });
    const total = before + 700;
    // Due as for the server's appends: at the first flush (no head yet), then once 250 events behind.
    const expected: string[] = [];
    let signed = 0;
    for (const size of flushes) {
      if (signed > 0 && size - signed < 250) continue;
      signed = size;
      expected.push(String(size));
    }
    if (signed !== total) expected.push(String(total));
    const heads = await listTreeHeads(db(), "all-oldest-first");
    expect(heads.map((head) => head.treeSize)).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(4); // a head every 1,000 events would make 2
    // Attested as a command-line append, not left without a writer.
    const writers = await db().query<{ writer: string | null }>(Prisma.sql`SELECT DISTINCT writer FROM events`);
    expect(writers).toEqual([{ writer: "cli" }]);
    expect(await verifyIntegrity(db(), trustedKeys())).toMatchObject({
      ok: true,
      checked: total,
      treeHeads: { checked: expected.length, ok: expected.length, latest: { treeSize: String(total) } },
    });
  });
});
