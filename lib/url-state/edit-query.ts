/**
 * Edits to a search's text that the page's controls make (presets, range boxes, histogram zoom,
 * facets, cell filters). They work on the text, so the URL shows exactly what the user could type.
 */

/** A top-level `recorded:` or `occurred:` term (not one inside parentheses, which belongs to its group). */
const TIME_TERM = /(^|\s)-?(recorded|occurred):\S+/g;

/** Which time the page's time controls work on: server (`recorded`) or client (`occurred`) time. */
export type TimeField = "recorded" | "occurred";

const tidy = (q: string) => q.replace(/\s+/g, " ").trim();

/** The search without its time terms, so a new time filter replaces the old one. */
export function withoutTime(q: string): string {
  return tidy(q.replace(TIME_TERM, " "));
}

/** The search with `term` as its only time term. */
export function withTime(q: string, term: string): string {
  return tidy(`${withoutTime(q)} ${term}`);
}

/** The time term the search has at the top level, if exactly one: the preset or range in effect. */
export function timeTermOf(q: string): string | undefined {
  const found = [...q.matchAll(TIME_TERM)].map((match) => match[0].trim());
  return found.length === 1 ? found[0] : undefined;
}

/** The search narrowed by one more term (a no-op when it already has it). */
export function addTerm(q: string, term: string): string {
  const words = tidy(q);
  if (` ${words} `.includes(` ${term} `)) return words;
  return tidy(`${words} ${term}`);
}

/**
 * The time the search filters on: `occurred` when its time term is an `occurred:` one, else
 * `recorded` (the default: the server's time, in position order, so the cheapest to filter).
 */
export function timeFieldOf(q: string): TimeField {
  return timeTermOf(q)?.replace(/^-/, "").startsWith("occurred:") ? "occurred" : "recorded";
}

/** The same time filter on the other time field (`recorded:>=now-1h` ↔ `occurred:>=now-1h`). */
export function onTimeField(term: string, field: TimeField): string {
  return term.replace(/^(-?)(recorded|occurred):/, `$1${field}:`);
}

/**
 * A time range from two `datetime-local` values read as UTC (the boxes say so): a value
 * without a zone gets `Z`, never the browser's own zone. `to` is inclusive, as in the language.
 */
export function utcRangeTerm(from: string, to: string, field: TimeField = "recorded"): string {
  const utc = (local: string) => (/[zZ]|[+-]\d\d:\d\d$/.test(local) ? local : `${local}Z`);
  return `${field}:${utc(from)}..${utc(to)}`;
}
