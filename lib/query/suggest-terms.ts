/** The fields whose values the search box looks up in the log (lib/actions/suggest-action.ts). */
export const SUGGESTED_FIELDS = ["type", "actor", "tenant", "stream"] as const;
export type SuggestedField = (typeof SUGGESTED_FIELDS)[number];

export const isSuggestedField = (field: unknown): field is SuggestedField =>
  SUGGESTED_FIELDS.includes(field as SuggestedField);

/** Values known for some fields: those the log holds that start with what is typed. */
export type KnownValues = Partial<Record<SuggestedField, string[]>>;

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

/** The term under the caret: from its start (after any `-` or `(`) to its end, and its text up to the caret. */
function termAt(q: string, caret: number): { from: number; to: number; word: string } {
  let from = caret;
  while (from > 0 && !/[\s(]/.test(q[from - 1]!)) from--;
  if (q[from] === "-") from++;
  let to = caret;
  while (to < q.length && !/[\s)]/.test(q[to]!)) to++;
  return { from, to, word: q.slice(from, caret) };
}

/** A value as typed, without its opening quote and with its escapes read (`"a \"b` is `a "b`). */
function unquoted(typed: string): string {
  return typed.startsWith('"') ? typed.slice(1).replace(/\\(.)/g, "$1") : typed;
}

/**
 * The field and the start of its value under the caret, when it is a field whose values the log
 * holds (`type:Ord|` → type, `Ord`): what the search box looks up. Null elsewhere.
 */
export function valueAt(q: string, caret: number): { field: SuggestedField; prefix: string } | null {
  const { word } = termAt(q, caret);
  const colon = word.indexOf(":");
  if (colon < 0 || word.startsWith('"')) return null;
  const field = word.slice(0, colon).toLowerCase();
  return isSuggestedField(field) ? { field, prefix: unquoted(word.slice(colon + 1)) } : null;
}

/**
 * What to offer for the term under the caret: field names while it has no `:`, then known values
 * (types, actors, tenants, stream prefixes) that start with what is typed (exactly, as the search
 * matches them), or relative times for the field it names. Pure, so the search box stays a thin
 * client and this is tested on its own.
 */
export function suggestTerms(q: string, caret: number, known: KnownValues): Suggestions {
  const { from, to, word } = termAt(q, caret);
  const none = { from, to, options: [] };
  if (word.startsWith('"')) return none;
  const colon = word.indexOf(":");
  if (colon < 0) {
    if (word === "") return none;
    const options = FIELDS.filter((field) => field.startsWith(word.toLowerCase()) && field !== word);
    return { from, to, options };
  }
  const field = word.slice(0, colon).toLowerCase();
  const typed = unquoted(word.slice(colon + 1));
  const values = field === "recorded" || field === "occurred" ? TIMES : isSuggestedField(field) ? known[field] : [];
  const options = (values ?? [])
    .filter((value) => value.startsWith(typed) && value !== typed)
    .slice(0, MAX_OPTIONS)
    .map((value) => `${word.slice(0, colon)}:${quoted(value)}`);
  return { from, to, options };
}

/** The query with `option` in place of the suggested span, and where the caret goes after it. */
export function applySuggestion(q: string, at: Suggestions, option: string): { q: string; caret: number } {
  const field = option.endsWith(":") || option.endsWith(".");
  const rest = q.slice(at.to);
  const gap = field || rest.startsWith(" ") || rest.startsWith(")") ? "" : " ";
  return { q: `${q.slice(0, at.from)}${option}${gap}${rest}`, caret: at.from + option.length + gap.length };
}
