import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Statement } from "./database";

// pg's own conversion of a parameter to text (arrays as array literals, dates as ISO text), untyped.
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): string | null } }).utils;

/**
 * A dollar-quoted literal: the text reaches PostgreSQL untouched. The literal ends at the first
 * closing tag after the opening one, so the tag is chosen so that the first one in text + tag is
 * the one appended (a text ending in `$` would otherwise close `$$…$$` early).
 */
function quote(text: string): string {
  let tag = "$$";
  while (`${text}${tag}`.indexOf(tag) !== text.length) tag = `$q${randomBytes(6).toString("hex")}$`;
  return `${tag}${text}${tag}`;
}

/**
 * The statement as one parameterless text, each `$n` replaced by its value as a quoted literal
 * (NULL for null), so it can share one simple-protocol message with other statements
 * (`BEGIN; …; it; COMMIT`): one round trip instead of several. A quoted literal has no type of its
 * own, so each parameter must be typed by its context or a cast, as with an untyped parameter.
 * Only for statements whose own text holds no `$`.
 */
export function inlineStatement(statement: Statement): string {
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = prepareValue(statement.values[Number(n) - 1]);
    return value === null ? "NULL" : quote(value);
  });
}
