import { describe, expect, it } from "vitest";
import { countsFromIndexes } from "./histogram-search";
import { parseQuery } from "./parse-query";

describe("countsFromIndexes", () => {
  const cheap = (q: string, scope: { tenant: string } | "all-tenants" = "all-tenants") =>
    countsFromIndexes(parseQuery(q), scope);

  it("holds for no terms and for positive terms on one indexed column, in any grouping", () => {
    expect(cheap("")).toBe(true);
    expect(cheap("type:OrderPlaced")).toBe(true);
    expect(cheap("(type:A OR type:B) recorded:>now-15m")).toBe(true);
    expect(cheap("actor:u1")).toBe(true);
    expect(cheap("correlation:c-1")).toBe(true);
    expect(cheap("stream:Order-1")).toBe(true);
    expect(cheap("id:5f0c0d4e-8b8a-4b57-9a33-3f2a7f8e1c11")).toBe(true);
    expect(cheap("causation:5f0c0d4e-8b8a-4b57-9a33-3f2a7f8e1c11")).toBe(true);
    expect(cheap("tenant:acme")).toBe(true);
  });

  it("counts a tenant-bound scope as its column", () => {
    expect(cheap("", { tenant: "acme" })).toBe(true);
    expect(cheap("tenant:acme", { tenant: "acme" })).toBe(true);
    expect(cheap("recorded:>now-1h", { tenant: "acme" })).toBe(true);
    expect(cheap("type:OrderPlaced", { tenant: "acme" })).toBe(false);
  });

  it("fails for anything that reads events row by row", () => {
    expect(cheap("type:A actor:u1")).toBe(false);
    expect(cheap("(type:A OR actor:u1)")).toBe(false);
    expect(cheap("-type:OrderPlaced")).toBe(false);
    expect(cheap("type:A -(type:B OR type:C)")).toBe(false);
    expect(cheap("(type:A OR refund)")).toBe(false);
    expect(cheap("refund")).toBe(false);
    expect(cheap("data.amount:>100")).toBe(false);
    expect(cheap("occurred:>now-1h")).toBe(false);
    expect(cheap("type:Order*")).toBe(false);
    expect(cheap("stream:Order-*")).toBe(false);
    expect(cheap("type:A NOT type:B")).toBe(false);
  });
});
