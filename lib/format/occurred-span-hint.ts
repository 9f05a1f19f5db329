import type { Histogram } from "../store/count-over-time";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A result's history is worth pointing to when it occurred over this many times its recorded span… */
const RATIO = 100;
/** …and over at least this long: a few minutes of client clock skew are no history to explore. */
const MIN_OCCURRED_MS = HOUR;

export interface OccurredSpanHint {
  /** How long the result took to record, rounded up ("5 s"). */
  recorded: string;
  /** How long its first and last events were apart in occurred time ("30 days"). */
  occurred: string;
  /** An occurred-time filter over those whole UTC days, for the occurred-time view of the same result. */
  term: string;
}

function duration(ms: number, round: (n: number) => number): string {
  if (ms < MINUTE) return `${Math.max(1, round(ms / SECOND))} s`;
  if (ms < 2 * HOUR) return `${round(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${round(ms / HOUR)} hours`;
  return `${round(ms / DAY)} days`;
}

/**
 * Whether a recorded-time histogram's result was recorded in a moment but happened over a long
 * time (a backfill, the demo seed: recordedAt is the server's clock at append and cannot be
 * backdated), so its recorded histogram is one spike and the page should point to occurred time.
 * Uses the histogram's own bounds: the first and last match, no more reads.
 */
export function occurredSpanHint(histogram: Pick<Histogram, "from" | "to" | "occurred">): OccurredSpanHint | null {
  if (!histogram.occurred) return null;
  // `to` is the end of the last bucket, at most one bucket's rounding after the last match.
  const recordedMs = Date.parse(histogram.to) - Date.parse(histogram.from);
  const [a, b] = [Date.parse(histogram.occurred.first), Date.parse(histogram.occurred.last)];
  const [first, last] = [Math.min(a, b), Math.max(a, b)];
  const occurredMs = last - first;
  if (occurredMs < MIN_OCCURRED_MS || occurredMs < RATIO * recordedMs) return null;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    recorded: duration(recordedMs, Math.ceil),
    occurred: duration(occurredMs, Math.round),
    term: `occurred:${day(first)}..${day(last)}`,
  };
}
