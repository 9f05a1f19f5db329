import { UTC } from "./time-zone";
import { zonedClock } from "./zoned-clock";

/** Precisions of an ISO 8601 UTC time, coarsest first, as the length of its prefix to keep. */
const PRECISIONS = [
  { cut: 10, unit: "day" }, // 2026-09-01
  { cut: 16, unit: "minute" }, // 2026-09-01T13:42
  { cut: 19, unit: "second" }, // 2026-09-01T13:42:05
  { cut: 23, unit: "millisecond" }, // 2026-09-01T13:42:05.123
] as const;

/**
 * Labels for `count` evenly spaced ticks from `from` to `to` (ISO 8601 UTC), at the coarsest
 * precision that tells every tick apart: a few seconds of events get seconds, a month gets days,
 * so the two ends never read the same. When all ticks fall on one day, only the first label
 * carries the date. Labels read the wall clock of `zone` (UTC unless the reader chose theirs), as
 * the chart's caption says.
 */
export function axisLabels(from: string, to: string, count = 5, zone = UTC): string[] {
  const start = Date.parse(from);
  const step = (Date.parse(to) - start) / Math.max(1, count - 1);
  const ticks = Array.from(
    { length: count },
    (_, i) => zonedClock(new Date(Math.round(start + i * step)).toISOString(), zone).clock,
  );
  const precision =
    PRECISIONS.find(({ cut }) => new Set(ticks.map((tick) => tick.slice(0, cut))).size === ticks.length) ??
    PRECISIONS[PRECISIONS.length - 1]!;
  const labels = ticks.map((tick) => tick.slice(0, precision.cut).replace("T", " "));
  if (precision.unit === "day" || new Set(ticks.map((tick) => tick.slice(0, 10))).size > 1) return labels;
  return labels.map((label, i) => (i === 0 ? label : label.slice(11)));
}
