import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { type ListStreamsOptions, listStreams } from "./list-streams";

describeEachDatabase("listStreams by category, activity and count", (db) => {
  const category = `Rk${randomUUID().slice(0, 8)}`;
  const [a, b, c, d, t] = ["a", "b", "c", "d", "t"].map((suffix) => `${category}-${suffix}`) as [
    string,
    string,
    string,
    string,
    string,
  ];

  beforeAll(async () => {
    await appendEvents(db(), { stream: t, events: [{ type: "T", tenant: "acme" }] });
    await appendEvents(db(), { stream: a, events: [{ type: "A" }, { type: "A" }, { type: "A" }] });
    await appendEvents(db(), { stream: b, events: [{ type: "B" }] });
    // One batch: c and d get the same last activity, to the microsecond.
    await appendEvents(db(), { stream: c, events: [{ type: "C", links: [d] }] });
    await appendEvents(db(), { stream: category, events: [{ type: "R" }, { type: "R" }] });
    // Same leading characters, another category.
    await appendEvents(db(), { stream: `${category}x-1`, events: [{ type: "X" }] });
  });

  /** Every page's names, following `next` with pages of `limit`. */
  const pages = async (options: ListStreamsOptions, scope: "all-tenants" | { tenant: string } = "all-tenants") => {
    const result: string[][] = [];
    let after: string | undefined;
    do {
      const page = await listStreams(db(), scope, { ...options, after, limit: 2 });
      result.push(page.items.map((item) => item.name));
      after = page.next ?? undefined;
    } while (after !== undefined);
    return result;
  };

  it("filters by category: the stream named it and those named <category>-…", async () => {
    expect((await pages({ category })).flat()).toEqual([category, a, b, c, d, t]);
  });

  it("sorts by most events first, then by name, across pages", async () => {
    expect(await pages({ category, sort: "count" })).toEqual([
      [a, category],
      [b, c],
      [d, t],
    ]);
    const [first] = (await listStreams(db(), "all-tenants", { category, sort: "count", limit: 1 })).items;
    expect(first).toMatchObject({ name: a, eventCount: 3, version: 2 });
  });

  it("sorts by most recent activity first, a tie split across pages neither lost nor repeated", async () => {
    expect(await pages({ category, sort: "activity" })).toEqual([
      [category, c],
      [d, b],
      [a, t],
    ]);
  });

  it("counts and shows only the tenant's streams for a tenant", async () => {
    expect(await pages({ category, sort: "activity" }, { tenant: "acme" })).toEqual([[t]]);
  });

  it("refuses a category with '-' and a cursor of another order", async () => {
    await expect(listStreams(db(), "all-tenants", { category: `${category}-a` })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(listStreams(db(), "all-tenants", { sort: "count", after: a })).rejects.toBeInstanceOf(ValidationError);
  });
});
