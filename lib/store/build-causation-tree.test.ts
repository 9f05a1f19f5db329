import { describe, expect, it } from "vitest";
import { buildCausationTree, type CausationNode } from "./build-causation-tree";
import type { StoredEvent } from "./event-record";

let position = 0;
const event = (id: string, causationId: string | null, tenant: string | null = "t"): StoredEvent =>
  ({ id, causationId, tenant, type: id.toUpperCase(), position: String(++position), recordedAt: "" }) as StoredEvent;
const shape = (nodes: CausationNode[]): unknown => nodes.map((n) => ({ [n.id]: shape(n.children) }));

describe("buildCausationTree", () => {
  it("hangs each event under its cause, roots the rest", () => {
    const tree = buildCausationTree([
      event("a", null),
      event("b", "a"),
      event("c", "a"),
      event("d", "b"),
      event("e", "x"),
    ]);
    expect(shape(tree)).toEqual([{ a: [{ b: [{ d: [] }] }, { c: [] }] }, { e: [] }]);
  });

  it("resolves a cause within the event's tenant only (ids are unique per tenant)", () => {
    const tree = buildCausationTree([
      event("a", null, "t"),
      event("a", null, "u"),
      event("b", "a", "u"),
      event("c", "a", null),
    ]);
    expect(tree.map((n) => [n.id, n.children.map((c) => c.id)])).toEqual([
      ["a", []],
      ["a", ["b"]],
      ["c", []],
    ]);
  });

  it("never makes a later event the cause of an earlier one, so cycles and self-causes stay roots", () => {
    // p names q as its cause before q is recorded; q then names p; r names itself.
    const tree = buildCausationTree([event("p", "q"), event("q", "p"), event("r", "r")]);
    expect(shape(tree)).toEqual([{ p: [{ q: [] }] }, { r: [] }]);
  });
});
