import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidQuery } from "../errors";
import { buildWhere } from "./build-where";
import { parseQuery } from "./parse-query";
import type { Node, Term } from "./query-ast";

/** A search written back as text: every group in parentheses, so parsing it must give the same tree. */
function print(node: Node): string {
  const sign = node.negated ? "-" : "";
  if (node.kind === "group") return `${sign}(${node.items.map(print).join(node.mode === "any" ? " OR " : " ")})`;
  if (node.kind === "text") return `${sign}"${node.value.replace(/["\\]/g, "\\$&")}"`;
  const op = node.op === "=" ? "" : node.op;
  return `${sign}${[node.field, ...node.path].join(".")}:${op}${node.value}${node.upTo ? `..${node.upTo}` : ""}`;
}

/** The tree without offsets, which printing changes. */
function shape(node: Node): unknown {
  if (node.kind === "group") return { ...node, position: 0, items: node.items.map(shape) };
  return { ...node, position: 0, ...(node.kind === "field" && { valuePosition: 0 }) };
}

const terms = (nodes: Node[]): Term[] => nodes.flatMap((n) => (n.kind === "group" ? terms(n.items) : [n]));

const word = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,7}$/);
const textTerm = fc.record({
  kind: fc.constant("text" as const),
  value: fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !s.includes("\0")),
  negated: fc.boolean(),
  position: fc.constant(0),
});
const fieldTerm = fc
  .record({
    field: fc.constantFrom("type", "actor", "tenant", "stream", "data", "metadata"),
    path: fc.array(word, { maxLength: 2 }),
    op: fc.constantFrom("=", ">", ">=", "<", "<=") as fc.Arbitrary<"=" | ">" | ">=" | "<" | "<=">,
    value: word,
    negated: fc.boolean(),
  })
  .map((t) => ({ kind: "field" as const, ...t, position: 0, valuePosition: 0 }));
const tree = fc.letrec<{ node: Node; group: Node }>((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, textTerm, fieldTerm, fieldTerm, tie("group")),
  group: fc.record({
    kind: fc.constant("group" as const),
    mode: fc.constantFrom("all" as const, "any" as const),
    items: fc.array(tie("node"), { minLength: 2, maxLength: 3 }),
    negated: fc.boolean(),
    position: fc.constant(0),
  }),
})).node;
const query = fc
  .array(tree, { minLength: 1, maxLength: 4 })
  .filter((nodes) => terms(nodes).length <= 30 && terms(nodes).filter((t) => t.kind === "text").length <= 8);

describe("parseQuery, for any search it can be given", () => {
  it("reads back every tree it prints", () => {
    fc.assert(
      fc.property(query, (nodes) => {
        expect(parseQuery(nodes.map(print).join(" ")).map(shape)).toEqual(nodes.map(shape));
      }),
    );
  });

  it("points every term's position at the term and every value's at its value", () => {
    fc.assert(
      fc.property(query, (nodes) => {
        const text = nodes.map(print).join(" ");
        for (const term of terms(parseQuery(text))) {
          expect(text.slice(term.position)).toMatch(term.negated ? /^-/ : /^[^-]/);
          if (term.kind !== "field") continue;
          const value = `${term.op === "=" ? "" : term.op}${term.value}`;
          expect(text.slice(term.valuePosition, term.valuePosition + value.length)).toBe(value);
        }
      }),
    );
  });

  it("counts free-text terms across every branch: more than 8 is refused, at the ninth", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(" ", " OR ", ") (", " AND "), { minLength: 8, maxLength: 12 }), (glue) => {
        const text = `(w0${glue.map((g, i) => `${g}w${i + 1}`).join("")})`;
        try {
          parseQuery(text);
          expect(glue.length + 1).toBeLessThanOrEqual(8);
        } catch (error) {
          expect(glue.length + 1).toBeGreaterThan(8);
          expect(error).toBeInstanceOf(InvalidQuery);
          expect(text.slice((error as InvalidQuery).position)).toMatch(/^w8\b/);
        }
      }),
    );
  });

  it("either parses or names a position inside the query, never fails otherwise", () => {
    const alphabet = fc.constantFrom(...'ab:.*-"\\()<>=!|& ORANDNOT12now'.split(""), "OR", "AND", "NOT", "type:", "..");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        try {
          buildWhere(parseQuery(text));
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidQuery);
          const { position } = error as InvalidQuery;
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
