/** The shapes a parsed search takes (parse-query.ts), shared by the parser, build-where and tests. */

export type Comparator = "=" | ">" | ">=" | "<" | "<=";

export interface TextTerm {
  kind: "text";
  value: string;
  negated: boolean;
  /** Where the term starts (its `-` when negated). */
  position: number;
}

export interface FieldTerm {
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
  /** Where the value starts (after `field:`), so an error about the value points at the value. */
  valuePosition: number;
}

/** One term of a search: free text (a word or a quoted phrase) or `field:value`. */
export type Term = TextTerm | FieldTerm;

/**
 * Parenthesised terms, or the alternatives of `OR`: `all` matches when every item does, `any` when
 * one does. A group never has fewer than two items: the parser unwraps `(a)` to `a`.
 */
export interface Group {
  kind: "group";
  mode: "all" | "any";
  items: Node[];
  negated: boolean;
  position: number;
}

export type Node = Term | Group;
