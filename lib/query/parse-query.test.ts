import { describe, expect, it } from "vitest";
import { InvalidQuery } from "../errors";
import { buildWhere } from "./build-where";
import { parseQuery } from "./parse-query";

describe("parseQuery", () => {
  it("reads words, phrases, fields, comparators, ranges and negation", () => {
    expect(
      parseQuery(
        `type:Order* actor:"user 42" -type:Heartbeat data.amount:>100 ` +
          `recorded:2026-01-01..2026-01-31 "card declined" refund`,
      ),
    ).toEqual([
      { kind: "field", field: "type", path: [], op: "=", value: "Order*", negated: false, position: 0 },
      { kind: "field", field: "actor", path: [], op: "=", value: "user 42", negated: false, position: 12 },
      { kind: "field", field: "type", path: [], op: "=", value: "Heartbeat", negated: true, position: 28 },
      { kind: "field", field: "data", path: ["amount"], op: ">", value: "100", negated: false, position: 44 },
      {
        kind: "field",
        field: "recorded",
        path: [],
        op: "=",
        value: "2026-01-01",
        upTo: "2026-01-31",
        negated: false,
        position: 61,
      },
      { kind: "text", value: "card declined", negated: false, position: 93 },
      { kind: "text", value: "refund", negated: false, position: 109 },
    ]);
    expect(parseQuery("  ")).toEqual([]);
    expect(parseQuery(`"say \\"hi\\""`)).toMatchObject([{ kind: "text", value: 'say "hi"' }]);
  });

  it.each([
    [`type:Order "unterminated`, 11, /unterminated quote/],
    [`type:`, 5, /needs a value/],
    [`bogus:1`, 0, /unknown field `bogus`/],
    [`type:Or*der`, 0, /trailing \*/],
    [`causation:not-a-uuid`, 0, /UUID/],
    [`recorded:>yesterday`, 0, /not a date/],
    [`recorded:2026-02-01..2026-01-01`, 0, /ends before it starts/],
    [`data:5`, 0, /name a path/],
    [`a b -stream:x type:y:z 12:00`, 23, /`12` is not a field name/],
  ])("rejects %s at character %i", (query, position, message) => {
    let error: unknown;
    try {
      buildWhere(parseQuery(query));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidQuery);
    expect((error as InvalidQuery).position).toBe(position);
    expect((error as InvalidQuery).message).toMatch(message);
  });

  it("bounds the size of a query", () => {
    expect(() => parseQuery("x ".repeat(1001))).toThrow(InvalidQuery);
    expect(() => parseQuery("type:a ".repeat(31))).toThrow(/more than 30 terms/);
    expect(parseQuery("type:a ".repeat(30))).toHaveLength(30);
  });

  it("allows at most 8 free-text terms, negated or not, pointing at the ninth", () => {
    const eight = Array.from({ length: 8 }, (_, i) => (i % 2 ? `-w${i}` : `"p ${i}"`)).join(" ");
    expect(parseQuery(`${eight} type:a actor:b`)).toHaveLength(10);
    let error: unknown;
    try {
      parseQuery(`${eight} type:a -w9`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidQuery);
    expect((error as InvalidQuery).message).toMatch(/more than 8 free-text words or phrases/);
    expect((error as InvalidQuery).position).toBe(eight.length + " type:a ".length);
  });
});
