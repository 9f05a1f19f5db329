import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { listStreamCategories } from "./list-stream-categories";

describeEachDatabase("listStreamCategories", (db) => {
  const tag = `C${randomUUID().replaceAll("-", "").slice(0, 10)}`;

  beforeAll(async () => {
    await appendEvents(db(), {
      events: [
        { type: "A", tenant: "acme", links: [`${tag}-1`, `${tag}x`] },
        { type: "A", tenant: "acme", links: [`${tag}-1`] },
        { type: "A", tenant: "globex", links: [`${tag}-2-b`] },
      ],
    });
  });

  it("groups streams by the part before the first -, with streams, events and last activity", async () => {
    const { items } = await listStreamCategories(db(), "all-tenants", 100_000);
    const mine = items.filter((category) => category.name.startsWith(tag));
    expect(mine.map(({ lastAt, ...rest }) => rest)).toEqual([
      { name: tag, dashed: true, streams: 2, events: 3 },
      { name: `${tag}x`, dashed: false, streams: 1, events: 1 },
    ]);
    expect(Date.parse(mine[0]!.lastAt)).toBeGreaterThan(Date.now() - 3_600_000);
  });

  it("counts only the scope's events, and says when there are more categories", async () => {
    const { items } = await listStreamCategories(db(), { tenant: "globex" }, 100_000);
    expect(items.filter((category) => category.name === tag)).toMatchObject([{ streams: 1, events: 1 }]);
    const first = await listStreamCategories(db(), "all-tenants", 1);
    expect(first.items).toHaveLength(1);
    expect(first.more).toBe(true);
  });
});
