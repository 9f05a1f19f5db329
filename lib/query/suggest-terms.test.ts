import { describe, expect, it } from "vitest";
import { applySuggestion, suggestTerms, valueAt } from "./suggest-terms";

const known = { type: ["OrderPlaced", "OrderPaid", "user.login"], actor: ["u 1"], stream: ["Order-*"] };

describe("valueAt", () => {
  it("names the field and the value typed so far, for the fields whose values the log holds", () => {
    expect(valueAt("type:Ord", 8)).toEqual({ field: "type", prefix: "Ord" });
    expect(valueAt("a (-TYPE:Ord b", 10)).toEqual({ field: "type", prefix: "O" });
    expect(valueAt("stream:", 7)).toEqual({ field: "stream", prefix: "" });
    expect(valueAt('actor:"O\\"B', 11)).toEqual({ field: "actor", prefix: 'O"B' });
    expect(valueAt("tenant:ac", 9)).toEqual({ field: "tenant", prefix: "ac" });
    for (const q of ["ty", "recorded:>=", "data.type:x", "correlation:a", '"type:x', "type:x "]) {
      expect(valueAt(q, q.length)).toBeNull();
    }
  });
});

describe("suggestTerms", () => {
  it("offers field names while the term has no colon", () => {
    expect(suggestTerms("ty", 2, known)).toEqual({ from: 0, to: 2, options: ["type:"] });
    expect(suggestTerms("x -(co", 6, known)).toEqual({ from: 4, to: 6, options: ["correlation:"] });
    expect(suggestTerms("a ", 2, known).options).toEqual([]);
    expect(suggestTerms('"ty', 3, known).options).toEqual([]);
  });

  it("offers known values, quoted where needed, and relative times", () => {
    expect(suggestTerms("type:Order", 10, known).options).toEqual(["type:OrderPlaced", "type:OrderPaid"]);
    expect(suggestTerms("-TYPE:user tail", 10, known)).toEqual({ from: 1, to: 10, options: ["TYPE:user.login"] });
    expect(suggestTerms("actor:", 6, known).options).toEqual(['actor:"u 1"']);
    expect(suggestTerms("stream:O", 8, known).options).toEqual(["stream:Order-*"]);
    expect(suggestTerms("recorded:>=now-1", 16, known).options).toEqual(["recorded:>=now-15m", "recorded:>=now-1h"]);
    expect(suggestTerms("colour:b", 8, known).options).toEqual([]);
    expect(suggestTerms("type:OrderPaid", 14, known).options).toEqual([]);
  });

  it("matches values exactly from the start, as the search does, quoted or not", () => {
    expect(suggestTerms("type:order", 10, known).options).toEqual([]);
    expect(suggestTerms('actor:"u', 8, known).options).toEqual(['actor:"u 1"']);
    expect(suggestTerms("actor:u", 7, known).options).toEqual(['actor:"u 1"']);
    expect(suggestTerms("actor:x", 7, known).options).toEqual([]);
  });

  it("puts the chosen option in place of the term, the caret after it", () => {
    const at = suggestTerms("a ty b", 4, known);
    expect(applySuggestion("a ty b", at, "type:")).toEqual({ q: "a type: b", caret: 7 });
    const value = suggestTerms("(type:Ord)", 9, known);
    expect(applySuggestion("(type:Ord)", value, "type:OrderPaid")).toEqual({ q: "(type:OrderPaid)", caret: 15 });
    const last = suggestTerms("type:Ord", 8, known);
    expect(applySuggestion("type:Ord", last, "type:OrderPaid")).toEqual({ q: "type:OrderPaid ", caret: 15 });
  });
});
