import { InvalidQuery } from "../errors";
import type { Comparator } from "./parse-query";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

export interface TimeBounds {
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  before?: Date;
}

/** A date (a whole UTC day) or a date-time with a zone, as [start, end). */
function parseInstant(text: string, position: number): { start: Date; end: Date } {
  if (DATE_ONLY.test(text) || DATE_TIME.test(text)) {
    const start = new Date(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
    if (!Number.isNaN(start.getTime())) {
      return { start, end: new Date(start.getTime() + (DATE_ONLY.test(text) ? DAY_MS : 1)) };
    }
  }
  throw new InvalidQuery(
    `\`${text}\` is not a date (2026-01-31) or a date-time with a zone (2026-01-31T12:00:00Z)`,
    position,
  );
}

/**
 * Turns `recorded:2026-01-01`, `recorded:>=2026-01-01T10:00Z` or `recorded:2026-01-01..2026-01-31`
 * into a half-open range. A bare date means the whole UTC day, so `<=2026-01-31` includes that day.
 */
export function timeBounds(op: Comparator, value: string, upTo: string | undefined, position: number): TimeBounds {
  const at = parseInstant(value, position);
  if (upTo !== undefined) {
    const end = parseInstant(upTo, position);
    if (end.end <= at.start) throw new InvalidQuery("the range ends before it starts", position);
    return { from: at.start, before: end.end };
  }
  switch (op) {
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
