import { InvalidQuery } from "../errors";
import type { Group, Node } from "./query-ast";
import { type Token, tokenizeQuery } from "./tokenize-query";

export type { Comparator, FieldTerm, Group, Node, Term, TextTerm } from "./query-ast";
export { MAX_QUERY_LENGTH, MAX_TERMS, MAX_TEXT_TERMS } from "./tokenize-query";

/** Parentheses nest at most this deep: deeper is never needed, and recursion stays shallow. */
export const MAX_DEPTH = 8;

/**
 * Parses the search language (GitHub/Retraced style): words, "quoted phrases", `field:value`,
 * `field:"quoted value"`, comparators `field:>=v`, ranges `field:a..b`, `-` or NOT to exclude,
 * `OR`, `AND` (or just a space) and parentheses. AND binds tighter than OR, so `a OR b c` is
 * `a OR (b c)`. Returns the terms and groups that must all match; a flat query is a flat list of
 * terms. Knows nothing about which fields exist: see build-where.ts. Errors name the offset of
 * the token at fault.
 */
export function parseQuery(query: string): Node[] {
  const tokens = tokenizeQuery(query);
  let next = 0;
  const peek = (): Token | undefined => tokens[next];
  const ends = (token: Token | undefined) => token === undefined || token.kind === "close" || token.kind === "or";

  const parseAny = (depth: number): Node[] => {
    const first = peek();
    if (first?.kind === "or") throw new InvalidQuery("OR needs a term before it", first.position);
    const alternatives = [parseAll(depth)];
    for (let token = peek(); token?.kind === "or"; token = peek()) {
      next++;
      if (ends(peek())) throw new InvalidQuery("OR needs a term after it", token.position);
      alternatives.push(parseAll(depth));
    }
    if (alternatives.length === 1) return alternatives[0]!;
    const items = alternatives.map((all) => (all.length === 1 ? all[0]! : group("all", all, false)));
    return [group("any", items, false)];
  };

  const parseAll = (depth: number): Node[] => {
    const items: Node[] = [];
    for (let token = peek(); !ends(token); token = peek()) {
      if (token!.kind === "and") {
        next++;
        if (items.length === 0) throw new InvalidQuery("AND needs a term before it", token!.position);
        if (ends(peek())) throw new InvalidQuery("AND needs a term after it", token!.position);
        continue;
      }
      items.push(parseOne(depth));
    }
    return items;
  };

  // Called only where parseAll found no `and`, `or` or `)`: the token is a term, NOT or `(`.
  const parseOne = (depth: number): Node => {
    const token = tokens[next++]!;
    if (token.kind === "not") {
      const operand = peek();
      if (operand?.kind !== "term" && operand?.kind !== "open") {
        throw new InvalidQuery("NOT needs a term or a group after it", token.position);
      }
      return negate(parseOne(depth));
    }
    if (token.kind === "open") {
      if (depth >= MAX_DEPTH) throw new InvalidQuery(`parentheses nest deeper than ${MAX_DEPTH}`, token.position);
      const items = parseAny(depth + 1);
      if (peek()?.kind !== "close") throw new InvalidQuery("this ( is never closed", token.position);
      next++;
      if (items.length === 0) throw new InvalidQuery("empty parentheses", token.position);
      const inner = items.length === 1 ? items[0]! : group("all", items, false, token.position);
      return token.negated ? negate(inner) : inner;
    }
    return (token as Extract<Token, { kind: "term" }>).term;
  };

  const items = parseAny(0);
  const stray = peek();
  if (stray) throw new InvalidQuery("this ) has no (", stray.position);
  return items;
}

function group(mode: Group["mode"], items: Node[], negated: boolean, position = items[0]!.position): Group {
  return { kind: "group", mode, items, negated, position };
}

function negate(node: Node): Node {
  return { ...node, negated: !node.negated };
}
