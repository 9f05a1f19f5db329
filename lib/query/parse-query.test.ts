import { describe, expect, it } from "vitest";
import { InvalidQuery } from "../errors";
import { buildWhere } from "./build-where";
import { parseQuery } from "./parse-query";

/** The error a query gives, parsed and built (build-where knows the fields). */
function problemOf(query: string): InvalidQuery {
  try {
    buildWhere(parseQuery(query), new Date("2026-06-01T00:00:00Z"));
  } catch (error) {
    if (error instanceof InvalidQuery) return error;
    throw error;
  }
  throw new Error(`no error for ${query}`);
}

describe("parseQuery", () => {
  it("reads words, phrases, fields, comparators, ranges and negation", () => {
    expect(
      parseQuery(
        `type:Order* actor:"user 42" -type:Heartbeat data.amount:>100 ` +
          `recorded:2026-01-01..2026-01-31 "card declined" refund`,
      ),
    ).toEqual([
      {
        kind: "field",
        field: "type",
        path: [],
        op: "=",
        value: "Order*",
        negated: false,
        position: 0,
        valuePosition: 5,
      },
      {
        kind: "field",
        field: "actor",
        path: [],
        op: "=",
        value: "user 42",
        negated: false,
        position: 12,
        valuePosition: 18,
      },
      {
        kind: "field",
        field: "type",
        path: [],
        op: "=",
        value: "Heartbeat",
        negated: true,
        position: 28,
        valuePosition: 34,
      },
      {
        kind: "field",
        field: "data",
        path: ["amount"],
        op: ">",
        value: "100",
        negated: false,
        position: 44,
        valuePosition: 56,
      },
      {
        kind: "field",
        field: "recorded",
        path: [],
        op: "=",
        value: "2026-01-01",
        upTo: "2026-01-31",
        negated: false,
        position: 61,
        valuePosition: 70,
      },
      { kind: "text", value: "card declined", negated: false, position: 93 },
      { kind: "text", value: "refund", negated: false, position: 109 },
    ]);
    expect(parseQuery("  ")).toEqual([]);
    expect(parseQuery(`"say \\"hi\\""`)).toMatchObject([{ kind: "text", value: 'say "hi"' }]);
    expect(parseQuery(`TYPE:a data.A.b:<=2 x:>=1 y:<0`)).toMatchObject([
      { field: "type", path: [], op: "=", value: "a" },
      { field: "data", path: ["A", "b"], op: "<=", value: "2" },
      { field: "x", op: ">=", value: "1" },
      { field: "y", op: "<", value: "0" },
    ]);
    expect(parseQuery(`data.x:a>b recorded:>x..y z:a..b..c`)).toMatchObject([
      { value: "a>b", op: "=" },
      { op: ">", value: "x..y" },
      { value: "a", upTo: "b..c" },
    ]);
    expect(parseQuery(`x:a..`)[0]).not.toHaveProperty("upTo");
    expect(parseQuery(`x:..b`)[0]).not.toHaveProperty("upTo");
    expect(parseQuery(`data.f:">5" - -`)).toMatchObject([
      { kind: "field", op: "=", value: ">5" },
      { kind: "text", value: "-", negated: false },
      { kind: "text", value: "-", negated: false },
    ]);
  });

  it("reads OR, AND, NOT and parentheses, AND binding tighter than OR", () => {
    const a = { kind: "field", field: "type", value: "A" };
    const b = { kind: "field", field: "type", value: "B" };
    expect(parseQuery("(type:A OR type:B) -actor:bot")).toMatchObject([
      { kind: "group", mode: "any", negated: false, position: 1, items: [a, b] },
      { kind: "field", field: "actor", value: "bot", negated: true, position: 19 },
    ]);
    expect(parseQuery("type:A OR type:B x")).toMatchObject([
      {
        kind: "group",
        mode: "any",
        items: [a, { kind: "group", mode: "all", position: 10, items: [b, { value: "x" }] }],
      },
    ]);
    expect(parseQuery("type:A AND type:B")).toMatchObject([a, b]);
    expect(parseQuery("NOT type:A -(type:B x) NOT (type:A) (x)")).toMatchObject([
      { ...a, negated: true },
      { kind: "group", mode: "all", negated: true, position: 11, items: [b, { kind: "text", value: "x" }] },
      { ...a, negated: true },
      { kind: "text", value: "x", negated: false },
    ]);
    expect(parseQuery("NOT -x -(-y) ((z))")).toMatchObject([
      { value: "x", negated: false },
      { value: "y", negated: false },
      { value: "z", negated: false },
    ]);
    expect(parseQuery("-(a OR b)")).toMatchObject([{ kind: "group", mode: "any", negated: true }]);
  });

  it("searches for words that name Object.prototype members, as for any other word", () => {
    // A 500 found by chaos/hostile-input.test.ts: `toString` found Object.prototype.toString as an operator.
    for (const word of ["toString", "constructor", "__proto__", "valueOf", "hasOwnProperty", "TOSTRING"]) {
      expect(parseQuery(`${word} -${word}`)).toEqual([
        { kind: "text", value: word, negated: false, position: 0 },
        { kind: "text", value: word, negated: true, position: word.length + 1 },
      ]);
      expect(() => buildWhere(parseQuery(word), new Date())).not.toThrow();
    }
  });

  it("keeps parentheses that belong to a word, and ends a word at any other )", () => {
    expect(parseQuery("data.f:g(1) (x OR h(2))")).toMatchObject([
      { kind: "field", value: "g(1)" },
      { kind: "group", mode: "any", items: [{ value: "x" }, { value: "h(2)" }] },
    ]);
    expect(parseQuery("(a(b)c)")).toMatchObject([{ kind: "text", value: "a(b)c" }]);
    expect(parseQuery(`("x" OR "y")`)).toMatchObject([{ kind: "group", items: [{ value: "x" }, { value: "y" }] }]);
  });

  it.each([
    [`type:Order "unterminated`, 11, /unterminated quote/],
    [`type:`, 5, /`type:` needs a value/],
    [`-type:>`, 7, /`type:` needs a value/],
    [`bogus:1`, 0, /unknown field `bogus`/],
    [`-bogus:1`, 1, /unknown field `bogus`/],
    // Names of Object.prototype members are unknown fields, not lookups that find a prototype member.
    [`constructor:x`, 0, /unknown field `constructor`/],
    [`__proto__:x`, 0, /unknown field `__proto__`/],
    [`x -hasOwnProperty:1`, 3, /unknown field `hasownproperty`/],
    [`type:Or*der`, 7, /trailing \*/],
    [`type:>A`, 5, /`type:` takes a plain value/],
    [`causation:not-a-uuid`, 10, /UUID/],
    [`recorded:>yesterday`, 9, /`yesterday` is not a date/],
    [`recorded:now-15x`, 9, /now-15m/],
    [`recorded:2026-01-01..tomorrow`, 21, /`tomorrow` is not a date/],
    [`recorded:2026-02-01..2026-01-01`, 9, /ends before it starts/],
    [`data:5`, 0, /name a path/],
    [`-data:5`, 1, /name a path/],
    [`data.a:1..2`, 7, /ranges work on recorded/],
    [`a b -stream:x type:y:z 12:00`, 23, /`12` is not a field name/],
    [`x -1a:b`, 3, /`1a` is not a field name/],
    [`data.:b`, 0, /`data\.` is not a field name/],
    [`"ab\\`, 0, /unterminated quote/],
    [`data.amount:>>100`, 12, /`>>` is not a comparator: use >, >=, <, <= or a range a\.\.b \(at/],
    [`data.amount:=>1`, 12, /`=>` is not a comparator/],
    [`x data.amount:<=<1`, 14, /`<=<` is not a comparator/],
    [`data.amount:!=1`, 12, /`!=` is not a comparator: .*; to exclude, put - before the term/],
    [`type:"a" "b`, 9, /unterminated quote/],
    [`type:a"b"`, 6, /a quote must start the value/],
    [`ab"c"`, 2, /a quote must start a term or follow `field:`/],
    [`-)`, 0, /`-` needs a term after it/],
    [`type:A or type:B`, 7, /`or` is not an operator: write OR in capitals \(to search for it, quote it\)/],
    [`type:A And type:B`, 7, /`And` is not an operator: write AND in capitals, or just a space/],
    [`type:A || type:B`, 7, /`\|\|` is not an operator: write OR/],
    [`type:A | type:B`, 7, /`\|` is not an operator: write OR/],
    [`a && b`, 2, /`&&` is not an operator: write AND, or just a space/],
    [`a & b`, 2, /`&` is not an operator: write AND/],
    [`a ! b`, 2, /put - before a term to exclude it/],
    [`OR a`, 0, /OR needs a term before it/],
    [`a OR`, 2, /OR needs a term after it/],
    [`a OR OR b`, 2, /OR needs a term after it/],
    [`(a OR) b`, 3, /OR needs a term after it/],
    [`(OR a)`, 1, /OR needs a term before it/],
    [`AND a`, 0, /AND needs a term before it/],
    [`a AND`, 2, /AND needs a term after it/],
    [`a AND OR b`, 2, /AND needs a term after it/],
    [`(a AND)`, 3, /AND needs a term after it/],
    [`a NOT`, 2, /NOT needs a term or a group after it/],
    [`NOT OR a`, 0, /NOT needs a term or a group after it/],
    [`NOT )`, 0, /NOT needs a term or a group after it/],
    [`a (b OR c`, 2, /this \( is never closed/],
    [`x ()`, 2, /empty parentheses/],
    [`a) b`, 1, /this \) has no \(/],
    [`(a)) b`, 3, /this \) has no \(/],
    [`${"(".repeat(9)}a${")".repeat(9)}`, 8, /parentheses nest deeper than 8/],
  ])("rejects %s at character %i", (query, position, message) => {
    const error = problemOf(query);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
  });

  it("allows parentheses 8 deep", () => {
    expect(parseQuery(`${"(".repeat(8)}a${")".repeat(8)}`)).toMatchObject([{ value: "a" }]);
    expect(parseQuery(`${"(".repeat(8)}a b${")".repeat(8)}`)).toMatchObject([{ kind: "group", mode: "all" }]);
  });

  it("bounds the size of a query", () => {
    expect(() => parseQuery("x".repeat(2001))).toThrow(/longer than 2000 characters/);
    expect(parseQuery(`type:${"x".repeat(1995)}`)).toHaveLength(1);
    expect(problemOf("x".repeat(2001)).position).toBe(2000);
    expect(problemOf("a \0").position).toBe(2);
    expect(problemOf("a \0").message).toMatch(/NUL/);
    expect(() => parseQuery("type:a ".repeat(31))).toThrow(/more than 30 terms/);
    expect(problemOf("type:a ".repeat(31)).position).toBe(7 * 30);
    expect(parseQuery("type:a ".repeat(30))).toHaveLength(30);
    expect(parseQuery(`(${"type:a OR ".repeat(29)}type:b)`)).toHaveLength(1);
    expect(() => parseQuery(`(${"type:a OR ".repeat(30)}type:b)`)).toThrow(/more than 30 terms/);
  });

  it("allows at most 8 free-text terms, negated or not, in any branch, pointing at the ninth", () => {
    const eight = Array.from({ length: 8 }, (_, i) => (i % 2 ? `-w${i}` : `"p ${i}"`)).join(" ");
    expect(parseQuery(`${eight} type:a actor:b`)).toHaveLength(10);
    const error = problemOf(`${eight} type:a -w9`);
    expect(error.message).toMatch(/more than 8 free-text words or phrases; narrow the search with field filters/);
    expect(error.position).toBe(eight.length + " type:a ".length);
    const branches = "(a OR b) (c OR (d e)) (f OR g OR h)";
    expect(parseQuery(branches)).toHaveLength(3);
    expect(problemOf(`${branches} OR type:x OR i`).position).toBe(branches.length + 14);
  });
});

describe("buildWhere", () => {
  it("joins groups with AND and OR, and negates with NOT coalesce", () => {
    const [any] = buildWhere(parseQuery("-(type:A OR type:B)"));
    expect(any!.sql).toBe("NOT coalesce(((e.type = ? OR e.type = ?)), false)");
    expect(any!.values).toEqual(["A", "B"]);
    const [all] = buildWhere(parseQuery("(type:A actor:b)"));
    expect(all!.sql).toBe("(e.type = ? AND e.actor_id = ?)");
  });

  it("takes relative times at the search's now", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const values = (q: string) => buildWhere(parseQuery(q), now)[0]!.values;
    expect(values("occurred:>=now-15m")).toEqual(["2026-06-01T11:45:00.000Z"]);
    expect(values("occurred:>now-1h")).toEqual(["2026-06-01T11:00:00.001Z"]);
    expect(values("occurred:<now+2d")).toEqual(["2026-06-03T12:00:00.000Z"]);
    expect(values("occurred:<=now-1w")).toEqual(["2026-05-25T12:00:00.001Z"]);
    expect(values("occurred:now-30s..now")).toEqual(["2026-06-01T11:59:30.000Z", "2026-06-01T12:00:00.001Z"]);
    expect(values("occurred:now")).toEqual(["2026-06-01T12:00:00.000Z", "2026-06-01T12:00:00.001Z"]);
    expect(values("occurred:now-999999w")[0]).toBe("0001-01-01T00:00:00.000Z");
  });
});
