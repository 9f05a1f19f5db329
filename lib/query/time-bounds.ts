import { InvalidQuery } from "../errors";
import type { FieldTerm } from "./query-ast";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
/** `now`, `now-15m`, `now+2h`: at most six digits, so every relative time is a valid date. */
const RELATIVE = /^now(?:([+-])(\d{1,6})([smhdw]))?$/;
const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

export interface TimeBounds {
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  before?: Date;
}

/**
 * A date (a whole UTC day), a date-time with a zone, or a time relative to `now` (an instant, to
 * the millisecond), as [start, end).
 */
function parseInstant(text: string, position: number, now: Date): { start: Date; end: Date } {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, sign, amount, unit] = relative;
    const offset = sign ? (sign === "-" ? -1 : 1) * Number(amount) * UNIT_MS[unit!]! : 0;
    const start = new Date(now.getTime() + offset);
    return { start, end: new Date(start.getTime() + 1) };
  }
  if (DATE_ONLY.test(text) || DATE_TIME.test(text)) {
    const start = new Date(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
    if (!Number.isNaN(start.getTime())) {
      return { start, end: new Date(start.getTime() + (DATE_ONLY.test(text) ? DAY_MS : 1)) };
    }
  }
  throw new InvalidQuery(
    `\`${text}\` is not a date (2026-01-31), a date-time with a zone (2026-01-31T12:00:00Z) or now-15m (s, m, h, d, w)`,
    position,
  );
}

/**
 * Turns `recorded:2026-01-01`, `recorded:>=2026-01-01T10:00Z`, `recorded:>now-15m` or
 * `recorded:2026-01-01..2026-01-31` into a half-open range. A bare date means the whole UTC day,
 * so `<=2026-01-31` includes that day; relative times are taken at `now`.
 */
export function timeBounds(term: FieldTerm, now: Date): TimeBounds {
  const at = parseInstant(term.value, term.valuePosition, now);
  if (term.upTo !== undefined) {
    const end = parseInstant(term.upTo, term.valuePosition + term.value.length + 2, now);
    if (end.end <= at.start) throw new InvalidQuery("the range ends before it starts", term.valuePosition);
    return { from: at.start, before: end.end };
  }
  switch (term.op) {
    case "=":
      return { from: at.start, before: at.end };
    case ">":
      return { from: at.end };
    case ">=":
      return { from: at.start };
    case "<":
      return { before: at.start };
    case "<=":
      return { before: at.end };
  }
}
