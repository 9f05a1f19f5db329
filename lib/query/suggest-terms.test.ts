import { describe, expect, it } from "vitest";
import { applySuggestion, suggestTerms } from "./suggest-terms";

const known = { type: ["OrderPlaced", "OrderPaid", "user.login"], actor: ["u 1"], stream: ["Order-*"] };

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

  it("puts the chosen option in place of the term, the caret after it", () => {
    const at = suggestTerms("a ty b", 4, known);
    expect(applySuggestion("a ty b", at, "type:")).toEqual({ q: "a type: b", caret: 7 });
    const value = suggestTerms("(type:Ord)", 9, known);
    expect(applySuggestion("(type:Ord)", value, "type:OrderPaid")).toEqual({ q: "(type:OrderPaid)", caret: 15 });
    const last = suggestTerms("type:Ord", 8, known);
    expect(applySuggestion("type:Ord", last, "type:OrderPaid")).toEqual({ q: "type:OrderPaid ", caret: 15 });
  });
});
