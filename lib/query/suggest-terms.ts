/** Values the page knows for some fields (from the facets of the current search). */
export type KnownValues = Partial<Record<"type" | "actor" | "tenant" | "stream", string[]>>;

export interface Suggestions {
  /** The span of the query the chosen option replaces: the term under the caret, after any `-` or `(`. */
  from: number;
  to: number;
  options: string[];
}

const FIELDS = [
  "type:",
  "actor:",
  "tenant:",
  "stream:",
  "correlation:",
  "causation:",
  "id:",
  "recorded:",
  "occurred:",
  "data.",
  "metadata.",
];
const TIMES = [">=now-15m", ">=now-1h", ">=now-24h", ">=now-7d", "now-1h..now"];
const MAX_OPTIONS = 8;

const quoted = (value: string) => (/[\s"()]/.test(value) ? `"${value.replace(/["\\]/g, "\\$&")}"` : value);

/**
 * What to offer for the term under the caret: field names while it has no `:`, then known values
 * (types, actors, tenants, stream prefixes) or relative times for the field it names. Pure, so
 * the search box stays a thin client and this is tested on its own.
 */
export function suggestTerms(q: string, caret: number, known: KnownValues): Suggestions {
  let from = caret;
  while (from > 0 && !/[\s(]/.test(q[from - 1]!)) from--;
  if (q[from] === "-") from++;
  let to = caret;
  while (to < q.length && !/[\s)]/.test(q[to]!)) to++;
  const word = q.slice(from, caret);
  const none = { from, to, options: [] };
  if (word.startsWith('"')) return none;
  const colon = word.indexOf(":");
  if (colon < 0) {
    if (word === "") return none;
    const options = FIELDS.filter((field) => field.startsWith(word.toLowerCase()) && field !== word);
    return { from, to, options };
  }
  const field = word.slice(0, colon).toLowerCase();
  const typed = word.slice(colon + 1).replace(/^"/, "");
  const values =
    field === "recorded" || field === "occurred" ? TIMES : (known[field as keyof KnownValues]?.map(quoted) ?? []);
  const options = values
    .filter((value) => value.toLowerCase().startsWith(typed.toLowerCase()) && value !== typed)
    .slice(0, MAX_OPTIONS)
    .map((value) => `${word.slice(0, colon)}:${value}`);
  return { from, to, options };
}

/** The query with `option` in place of the suggested span, and where the caret goes after it. */
export function applySuggestion(q: string, at: Suggestions, option: string): { q: string; caret: number } {
  const field = option.endsWith(":") || option.endsWith(".");
  const rest = q.slice(at.to);
  const gap = field || rest.startsWith(" ") || rest.startsWith(")") ? "" : " ";
  return { q: `${q.slice(0, at.from)}${option}${gap}${rest}`, caret: at.from + option.length + gap.length };
}
