import { describe, expect, it } from "vitest";
import { countsFromIndexes } from "./histogram-search";
import { parseQuery } from "./parse-query";

describe("countsFromIndexes", () => {
  const cheap = (q: string) => countsFromIndexes(parseQuery(q));

  it("holds for no terms and for positive indexed fields with plain values, in any grouping", () => {
    expect(cheap("")).toBe(true);
    expect(cheap("type:OrderPlaced")).toBe(true);
    expect(cheap("actor:u1 tenant:acme correlation:c-1 stream:Order-1")).toBe(true);
    expect(cheap("(type:A OR type:B) recorded:>now-15m")).toBe(true);
    expect(cheap("id:5f0c0d4e-8b8a-4b57-9a33-3f2a7f8e1c11 causation:5f0c0d4e-8b8a-4b57-9a33-3f2a7f8e1c11")).toBe(true);
  });

  it("fails for anything that reads events row by row", () => {
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
