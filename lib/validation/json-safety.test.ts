import { describe, expect, it } from "vitest";
import { findJsonIssues, hasUnpairedSurrogate } from "./json-safety";

describe("hasUnpairedSurrogate", () => {
  it("accepts pairs and every other code point, noncharacters and a leading U+FEFF included", () => {
    for (const value of ["", "\u{1f600}", "\u{10ffff}", "\ud83d\ude00x", "\ufeffa", "\ufffe\uffff\ufdd0", "\u2028"]) {
      expect(hasUnpairedSurrogate(value)).toBe(false);
    }
  });

  it("finds a high half without its low half and a low half without its high half", () => {
    for (const value of ["\ud800", "a\ud83d", "\ud83dx", "\ude00", "x\udfff", "\ude00\ud83d", "\ud83d\ud83d\ude00"]) {
      expect(hasUnpairedSurrogate(value)).toBe(true);
    }
  });
});

describe("findJsonIssues", () => {
  it("names each value and key PostgreSQL cannot store, by path", () => {
    expect(findJsonIssues({ a: ["ok", "\ud800"], "b\u0000": 1, c: { d: Number.NaN } })).toEqual([
      { path: "a.1", message: "string contains an unpaired UTF-16 surrogate" },
      { path: "b\u0000", message: "key contains a NUL character" },
      { path: "c.d", message: "number is not finite" },
    ]);
  });

  it("accepts nesting up to 32 levels and refuses the 33rd", () => {
    const nest = (depth: number) => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i++) value = { a: value };
      return value;
    };
    expect(findJsonIssues(nest(32))).toEqual([]);
    expect(findJsonIssues(nest(33))).toEqual([
      { path: "a".repeat(32).split("").join("."), message: expect.any(String) },
    ]);
  });
});
