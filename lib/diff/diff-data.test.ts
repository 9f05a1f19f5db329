import { describe, expect, it } from "vitest";
import { diffData, formatPath } from "./diff-data";

describe("diffData", () => {
  it("lists added, removed and changed paths, nested ones included", () => {
    const before = { status: "open", total: 10, items: [{ sku: "a" }], note: "x", meta: { a: 1 } };
    const after = { status: "paid", total: 10, items: [{ sku: "a" }, { sku: "b" }], meta: { a: 1, b: null } };
    expect(diffData(before, after)).toEqual([
      { kind: "changed", path: "status", before: "open", after: "paid" },
      { kind: "added", path: "items[1]", after: { sku: "b" } },
      { kind: "removed", path: "note", before: "x" },
      { kind: "added", path: "meta.b", after: null },
    ]);
  });

  it("is empty for equal data, and a type change is one change", () => {
    expect(diffData({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(diffData({ a: { b: 1 } }, { a: "b" })).toEqual([
      { kind: "changed", path: "a", before: { b: 1 }, after: "b" },
    ]);
  });
});

describe("formatPath", () => {
  it("writes identifiers with dots, indexes in brackets and other keys quoted", () => {
    expect(formatPath(["items", 0, "name"])).toBe("items[0].name");
    expect(formatPath(["a b", "$ok", "1x", 'q"'])).toBe('["a b"].$ok["1x"]["q\\""]');
    expect(formatPath([])).toBe("");
  });
});
