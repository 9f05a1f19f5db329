import { InvalidQuery } from "../errors";
import type { Comparator, FieldTerm } from "./query-ast";

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[^.\s:]+)*$/;
/** A value that starts with one of these after its comparator is a mistyped comparator (`>>`, `=>`, `!=`). */
const COMPARATOR_CHARS = /^[<>=!]+/;

/**
 * Reads `name:raw` into a field term: `field:v`, `field:>=v`, `field:a..b`, `data.a.b:v`. Knows
 * nothing about which fields exist (build-where.ts does). A quoted value is taken as written, so
 * `data.f:"=x"` searches for `=x`; unquoted, a value that still starts with a comparator
 * character is an error at the value, never a search for text no event holds.
 */
export function fieldTerm(
  name: string,
  raw: string,
  at: { negated: boolean; position: number; valuePosition: number },
  quoted = false,
): FieldTerm {
  const namePosition = at.position + (at.negated ? 1 : 0);
  if (!FIELD_NAME.test(name)) throw new InvalidQuery(`\`${name}\` is not a field name`, namePosition);
  const [field, ...path] = name.split(".");
  const op = quoted ? "=" : ((/^(>=|<=|>|<)/.exec(raw)?.[0] ?? "=") as Comparator);
  const rest = op === "=" ? raw : raw.slice(op.length);
  if (rest === "") throw new InvalidQuery(`\`${name}:\` needs a value`, at.valuePosition + raw.length);
  const stray = quoted ? null : COMPARATOR_CHARS.exec(rest);
  if (stray) {
    const written = (op === "=" ? "" : op) + stray[0];
    const hint = written.startsWith("!") ? "; to exclude, put - before the term" : "";
    throw new InvalidQuery(
      `\`${written}\` is not a comparator: use >, >=, <, <= or a range a..b${hint}`,
      at.valuePosition,
    );
  }
  const range = op === "=" ? /^(.+?)\.\.(.+)$/.exec(rest) : null;
  return {
    kind: "field",
    field: field!.toLowerCase(),
    path,
    op,
    value: range ? range[1]! : rest,
    ...(range && { upTo: range[2]! }),
    negated: at.negated,
    position: at.position,
    valuePosition: at.valuePosition,
  };
}
