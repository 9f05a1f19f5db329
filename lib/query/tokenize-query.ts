import { InvalidQuery } from "../errors";
import { fieldTerm } from "./field-term";
import type { Term } from "./query-ast";

export type Token =
  | { kind: "term"; term: Term; position: number }
  /** `(`; `negated` for `-(`. */
  | { kind: "open"; negated: boolean; position: number }
  | { kind: "close" | "or" | "and" | "not"; position: number };

export const MAX_QUERY_LENGTH = 2000;
export const MAX_TERMS = 30;
/**
 * Free-text words and phrases per query, counted across every OR branch and group. Each is one
 * lookup in the search index plus, negated, an anti-join over the scanned log: a cost rule that
 * keeps the worst query a reader can send short (chaos/expensive-readers.test.ts). Field filters,
 * which use btree indexes, are not limited by it.
 */
export const MAX_TEXT_TERMS = 8;

// Maps, not object literals: a word such as `toString` or `constructor` must not find a prototype member.
const OPERATORS = new Map([
  ["OR", "or"],
  ["AND", "and"],
  ["NOT", "not"],
] as const);
/** Spellings of an operator that would otherwise be searched for as words, silently matching little. */
const TYPOS = new Map([
  ["or", "write OR in capitals"],
  ["and", "write AND in capitals, or just a space"],
  ["||", "write OR"],
  ["|", "write OR"],
  ["&&", "write AND, or just a space"],
  ["&", "write AND, or just a space"],
  ["!", "put - before a term to exclude it"],
]);

/**
 * Splits a query into terms, parentheses and the operators OR, AND and NOT. A `(` opens a group
 * only where a term could start; inside a word it is literal, and so is the `)` that closes it
 * (`data.f:g(1)`), while any other `)` ends the word. Operators are the exact capitalised words;
 * anything else, quoted, is searched for. Terms are counted here, in query order, so the term
 * over a limit is the one an error points at.
 */
export function tokenizeQuery(query: string): Token[] {
  if (query.length > MAX_QUERY_LENGTH)
    throw new InvalidQuery(`the query is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH);
  // PostgreSQL text cannot hold NUL: refused here, so no caller turns it into a database error.
  if (query.includes("\0")) throw new InvalidQuery("the query contains a NUL character", query.indexOf("\0"));
  const tokens: Token[] = [];
  let terms = 0;
  let texts = 0;
  let i = 0;
  const readQuoted = (): string => {
    const start = i;
    let value = "";
    for (i++; i < query.length && query[i] !== '"'; i++) {
      if (query[i] === "\\" && i + 1 < query.length) i++;
      value += query[i];
    }
    if (i >= query.length) throw new InvalidQuery("unterminated quote", start);
    i++; // closing quote
    return value;
  };
  const readWord = (): string => {
    let word = "";
    let open = 0;
    for (; i < query.length && !/\s/.test(query[i]!) && query[i] !== '"'; i++) {
      if (query[i] === "(") open++;
      else if (query[i] === ")" && open-- === 0) break;
      word += query[i];
    }
    return word;
  };
  const push = (term: Term) => {
    terms++;
    if (term.kind === "text") texts++;
    if (terms > MAX_TERMS) throw new InvalidQuery(`more than ${MAX_TERMS} terms`, term.position);
    if (term.kind === "text" && texts > MAX_TEXT_TERMS) {
      throw new InvalidQuery(
        `more than ${MAX_TEXT_TERMS} free-text words or phrases; narrow the search with field filters instead`,
        term.position,
      );
    }
    tokens.push({ kind: "term", term, position: term.position });
  };
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const position = i;
    if (c === ")") {
      tokens.push({ kind: "close", position });
      i++;
      continue;
    }
    const negated = c === "-" && i + 1 < query.length && !/\s/.test(query[i + 1]!);
    if (negated) i++;
    if (query[i] === "(") {
      tokens.push({ kind: "open", negated, position });
      i++;
    } else if (query[i] === '"') {
      push({ kind: "text", value: readQuoted(), negated, position });
    } else {
      const word = readWord();
      if (word === "") throw new InvalidQuery("`-` needs a term after it", position);
      const colon = word.indexOf(":");
      if (colon >= 0) {
        const name = word.slice(0, colon);
        let raw = word.slice(colon + 1);
        const quoted = raw === "" && query[i] === '"';
        if (quoted) raw = readQuoted();
        else if (query[i] === '"') throw new InvalidQuery("a quote must start the value", i);
        push(
          fieldTerm(name, raw, { negated, position, valuePosition: position + (negated ? 1 : 0) + colon + 1 }, quoted),
        );
        continue;
      }
      if (query[i] === '"') throw new InvalidQuery("a quote must start a term or follow `field:`", i);
      const operator = negated ? undefined : OPERATORS.get(word as "OR");
      const typo = negated ? undefined : TYPOS.get(word.toLowerCase());
      if (operator) tokens.push({ kind: operator, position });
      else if (typo) {
        throw new InvalidQuery(`\`${word}\` is not an operator: ${typo} (to search for it, quote it)`, position);
      } else push({ kind: "text", value: word, negated, position });
    }
  }
  return tokens;
}
