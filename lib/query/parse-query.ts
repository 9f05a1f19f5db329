import { InvalidQuery } from "../errors";

export type Comparator = "=" | ">" | ">=" | "<" | "<=";

/** One term of a search: free text (a word or a quoted phrase) or `field:value`. */
export type Term =
  | { kind: "text"; value: string; negated: boolean; position: number }
  | {
      kind: "field";
      field: string;
      /** For `data.a.b` and `metadata.a.b`: the path below the field. */
      path: string[];
      op: Comparator;
      value: string;
      /** For `a..b` ranges: the inclusive upper bound. */
      upTo?: string;
      negated: boolean;
      position: number;
    };

export const MAX_QUERY_LENGTH = 2000;
const MAX_TERMS = 30;
/**
 * Free-text words and phrases per query. Each is one lookup in the search index plus, negated, an
 * anti-join over the scanned log: a cost rule that keeps the worst query a reader can send short
 * (chaos/expensive-readers.test.ts). Field filters, which use btree indexes, are not limited by it.
 */
export const MAX_TEXT_TERMS = 8;

/**
 * Parses the search language (GitHub/Retraced style): words, "quoted phrases", `field:value`,
 * `field:"quoted value"`, comparators `field:>=v`, ranges `field:a..b`, and `-` to exclude.
 * Knows nothing about which fields exist: see build-where.ts. Errors name the character offset.
 */
export function parseQuery(query: string): Term[] {
  if (query.length > MAX_QUERY_LENGTH)
    throw new InvalidQuery(`the query is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH);
  // PostgreSQL text cannot hold NUL: refused here, so no caller turns it into a database error.
  if (query.includes("\0")) throw new InvalidQuery("the query contains a NUL character", query.indexOf("\0"));
  const terms: Term[] = [];
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
  while (i < query.length) {
    if (/\s/.test(query[i]!)) {
      i++;
      continue;
    }
    const position = i;
    const negated = query[i] === "-" && i + 1 < query.length && !/\s/.test(query[i + 1]!);
    if (negated) i++;
    if (query[i] === '"') {
      terms.push({ kind: "text", value: readQuoted(), negated, position });
    } else {
      let word = "";
      while (i < query.length && !/\s/.test(query[i]!) && query[i] !== '"') word += query[i++];
      const colon = word.indexOf(":");
      if (colon < 0) {
        if (query[i] === '"') throw new InvalidQuery("a quote must start a term or follow `field:`", i);
        terms.push({ kind: "text", value: word, negated, position });
      } else {
        const name = word.slice(0, colon);
        let raw = word.slice(colon + 1);
        if (raw === "" && query[i] === '"') raw = readQuoted();
        else if (query[i] === '"') throw new InvalidQuery("a quote must start the value", i);
        terms.push(fieldTerm(name, raw, negated, position));
      }
    }
    if (terms.length > MAX_TERMS) throw new InvalidQuery(`more than ${MAX_TERMS} terms`, position);
    if (terms.at(-1)?.kind === "text" && terms.filter((term) => term.kind === "text").length > MAX_TEXT_TERMS) {
      throw new InvalidQuery(
        `more than ${MAX_TEXT_TERMS} free-text words or phrases; narrow the search with field filters instead`,
        position,
      );
    }
  }
  return terms;
}

function fieldTerm(name: string, raw: string, negated: boolean, position: number): Term {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[^.\s:]+)*$/.test(name))
    throw new InvalidQuery(`\`${name}\` is not a field name`, position);
  const [field, ...path] = name.split(".");
  const op = (/^(>=|<=|>|<)/.exec(raw)?.[0] ?? "=") as Comparator;
  const rest = op === "=" ? raw : raw.slice(op.length);
  const valuePosition = position + (negated ? 1 : 0) + name.length + 1;
  if (rest === "") throw new InvalidQuery(`\`${name}:\` needs a value`, valuePosition);
  const range = op === "=" ? /^(.+?)\.\.(.+)$/.exec(rest) : null;
  return {
    kind: "field",
    field: field!.toLowerCase(),
    path,
    op,
    value: range ? range[1]! : rest,
    ...(range && { upTo: range[2]! }),
    negated,
    position,
  };
}
