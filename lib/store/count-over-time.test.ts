import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { countOverTime } from "./count-over-time";

describeEachDatabase("countOverTime", (db) => {
  const tag = randomUUID();
  const where = [Prisma.sql`e.data->>'tag' = ${tag}`];

  beforeAll(async () => {
    await appendEvents(db(), {
      events: ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z"].map((occurredAt) => ({
        type: "Counted",
        occurredAt,
        data: { tag },
      })),
    });
  });

  it("buckets by occurred time when asked, spanning the first to the last event", async () => {
    const histogram = (await countOverTime(db(), { where, scope: "all-tenants", time: "occurred" }, 30))!;
    expect(histogram.from).toBe("2026-01-01T00:00:00.000Z");
    expect(Date.parse(histogram.to)).toBeGreaterThan(Date.parse("2026-01-31T00:00:00Z"));
    expect(histogram.buckets.map((b) => b.count).filter((n) => n > 0)).toEqual([2, 1]);
    expect(histogram.buckets[0]!.count).toBe(2);
    expect(histogram.buckets.at(-1)!.count).toBe(1);
  });

  it("buckets by recorded time by default: all three were recorded just now", async () => {
    const histogram = (await countOverTime(db(), { where, scope: "all-tenants" }, 30))!;
    expect(Date.parse(histogram.from)).toBeGreaterThan(Date.now() - 3_600_000);
    expect(histogram.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(3);
    expect(await countOverTime(db(), { where, scope: { tenant: "nobody" } })).toBeNull();
  });

  it("says when the first and last matches of a recorded-time histogram occurred", async () => {
    const recorded = (await countOverTime(db(), { where, scope: "all-tenants" }, 30))!;
    expect(recorded.occurred).toEqual({ first: "2026-01-01T00:00:00.000Z", last: "2026-01-31T00:00:00.000Z" });
    const occurred = (await countOverTime(db(), { where, scope: "all-tenants", time: "occurred" }, 30))!;
    expect(occurred.occurred).toBeUndefined();
  });
});

describeEachDatabase("countOverTime on a log longer than its window", (db) => {
  const tag = randomUUID();
  const where = [Prisma.sql`e.data->>'tag' = ${tag}`];
  let positions: bigint[] = [];

  beforeAll(async () => {
    const { events } = await appendEvents(db(), {
      events: Array.from({ length: 6 }, (_, i) => ({ type: "Windowed", data: { tag, i } })),
    });
    positions = events.map((event) => BigInt(event.position));
  });

  it("counts only the matches within `window` positions of the last match, and says after which", async () => {
    const histogram = (await countOverTime(db(), { where, scope: "all-tenants" }, 10, 4))!;
    expect(histogram.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(4);
    expect(histogram.after).toBe(String(positions[5]! - 4n));
    expect(histogram.window).toBe(4);
  });

  it("windows at the last match of a narrowed search, not at the head", async () => {
    const older = [...where, Prisma.sql`e.position <= ${String(positions[2])}::bigint`];
    const histogram = (await countOverTime(db(), { where: older, scope: "all-tenants" }, 10, 2))!;
    expect(histogram.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(2);
    expect(histogram.after).toBe(String(positions[2]! - 2n));
  });

  it("counts every match, and says so, when the log up to the last match fits the window", async () => {
    const histogram = (await countOverTime(db(), { where, scope: "all-tenants" }, 10, 1_000_000))!;
    expect(histogram.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(6);
    expect(histogram.after).toBeNull();
  });
});

describeEachDatabase("countOverTime by recorded time (position ranges)", (db) => {
  const tag = randomUUID();
  let matching: { recordedAt: string }[] = [];

  beforeAll(async () => {
    // Batches appended one after another, so recorded times differ; non-matching events between.
    for (let i = 0; i < 12; i++) {
      const { events } = await appendEvents(db(), {
        events: Array.from({ length: (i % 4) + 1 }, (_, j) => ({ type: j % 2 ? "Other" : "Sliced", data: { tag } })),
      });
      matching.push(...events.filter((event) => event.type === "Sliced"));
      await new Promise((resolve) => setTimeout(resolve, 3 + (i % 3) * 4));
    }
    matching = matching.map((event) => ({ recordedAt: event.recordedAt }));
  });

  it("puts each matching event in the slice its recorded time falls in, as bucketing each row would", async () => {
    const where = [Prisma.sql`e.data->>'tag' = ${tag}`, Prisma.sql`e.type = 'Sliced'`];
    for (const bucketCount of [1, 5, 7, 60]) {
      const histogram = (await countOverTime(db(), { where, scope: "all-tenants" }, bucketCount))!;
      const from = Date.parse(histogram.from);
      const width = Date.parse(histogram.buckets[0]!.to) - from;
      const expected = Array.from({ length: bucketCount }, () => 0);
      for (const event of matching) expected[Math.floor((Date.parse(event.recordedAt) - from) / width)]! += 1;
      expect(histogram.buckets.map((bucket) => bucket.count)).toEqual(expected);
      expect(histogram.from).toBe(matching[0]!.recordedAt);
      expect(Date.parse(histogram.to)).toBeGreaterThan(Date.parse(matching.at(-1)!.recordedAt));
    }
  });
});
