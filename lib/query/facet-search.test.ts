import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { facetCountsNote } from "../format/facet-counts-note";
import { appendEvents } from "../store/append-events";
import { countFacets } from "../store/count-facets";
import { describeEachDatabase } from "../testing/test-database";
import { searchConditions } from "./build-where";
import { facetSearch } from "./facet-search";

describeEachDatabase("facetSearch", (db) => {
  const tag = randomUUID().slice(0, 8);
  const q = `data.tag:${tag}`;

  beforeAll(async () => {
    const event = (type: string, tenant: string | null, actor: string | null, stream?: string) => ({
      type,
      ...(tenant && { tenant }),
      ...(actor && { actor: { id: actor, ...(actor === "k-1" && { name: "billing key" }) } }),
      data: { tag },
      links: stream ? [stream] : [],
    });
    await appendEvents(db(), {
      events: [
        event("OrderPlaced", "acme", "u-1", `Order-${tag}-1`),
        event("OrderPlaced", "acme", "u-2", `Order-${tag}-2`),
        event("OrderPaid", "globex", "u-1", `Order-${tag}-1`),
        event("trailbook.export", null, "k-1", `exports${tag}`),
      ],
    });
  });

  it("counts the matching events by type, actor, tenant and stream category, most frequent first", async () => {
    const facets = await facetSearch(db(), q, "all-tenants");
    expect(facets.counted).toBe(4);
    expect(facets.values.type).toEqual([
      { value: "OrderPlaced", count: 2 },
      { value: "OrderPaid", count: 1 },
      { value: "trailbook.export", count: 1 },
    ]);
    expect(facets.values.actor).toEqual([
      { value: "u-1", count: 2 },
      { value: "k-1", label: "billing key", count: 1 },
      { value: "u-2", count: 1 },
    ]);
    expect(facets.values.tenant).toEqual([
      { value: "acme", count: 2 },
      { value: "globex", count: 1 },
    ]);
    expect(facets.values.category).toEqual([
      { value: "Order", count: 3, dashed: true },
      { value: `exports${tag}`, count: 1 },
    ]);
  });

  it("counts a narrower search, and leaves the tenant facet to unbound keys", async () => {
    const facets = await facetSearch(db(), `${q} (type:OrderPaid OR actor:u-2)`, { tenant: "acme" });
    expect(facets.counted).toBe(1);
    expect(facets.values.type).toEqual([{ value: "OrderPlaced", count: 1 }]);
    expect(facets.values.tenant).toEqual([]);
  });

  it("says when it counted a sample: the newest matching events, within a window of positions", async () => {
    const where = searchConditions(q);
    const sample = await countFacets(db(), { where, scope: "all-tenants" }, 8, { window: 1_000_000, sampleSize: 2 });
    expect(sample).toMatchObject({ counted: 2, exact: false, sampleSize: 2 });
    expect(sample.values.type.map((v) => v.value)).toEqual(["OrderPaid", "trailbook.export"]);
    const exact = await countFacets(db(), { where, scope: "all-tenants" }, 1, { window: 1_000_000, sampleSize: 100 });
    expect(exact).toMatchObject({ counted: 4, exact: true });
    expect(exact.values.type).toEqual([{ value: "OrderPlaced", count: 2 }]);
    const windowed = await countFacets(db(), { where, scope: "all-tenants" }, 8, { window: 2, sampleSize: 100 });
    expect(windowed).toMatchObject({ counted: 2, exact: false });
  });

  it("labels counts over a sample Approximate, and says which events they are", async () => {
    const where = searchConditions(q);
    const limits = { window: 2, sampleSize: 100 };
    const windowed = await countFacets(db(), { where, scope: "all-tenants" }, 8, limits);
    expect(facetCountsNote(windowed)).toBe(
      "Approximate: counts of the newest 2 matching events among the newest 2 recorded.",
    );
    const sampled = await countFacets(db(), { where, scope: "all-tenants" }, 8, { window: 1_000_000, sampleSize: 3 });
    expect(facetCountsNote(sampled)).toBe(
      "Approximate: counts of the newest 3 matching events among the newest 1,000,000 recorded.",
    );
    const exact = await countFacets(db(), { where, scope: "all-tenants" }, 8, { window: 1_000_000, sampleSize: 100 });
    expect(facetCountsNote(exact)).toBe("Counts of all 4 matching events.");
  });
});
